/**
 * A GeoJSON source with its layers: added when the map is ready, data updated in place
 * (setData, no re-adding), removed on unmount. Renders nothing.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import { useMap } from '../MapView.js';

export interface LayerDef {
  id: string;
  type: 'fill' | 'line' | 'circle';
  paint: Record<string, unknown>;
  filter?: unknown[];
  minzoom?: number;
  maxzoom?: number;
}

export function GeoJsonLayer({
  id,
  data,
  layers,
}: {
  id: string;
  data: object;
  layers: readonly LayerDef[];
}) {
  const map = useMap();
  useEffect(() => {
    if (!map) return;
    map.addSource(id, { type: 'geojson', data: data as never });
    for (const l of layers) map.addLayer({ ...l, source: id } as maplibregl.LayerSpecification);
    return () => {
      if (!map.getStyle()) return; // the map is already gone
      for (const l of layers) if (map.getLayer(l.id)) map.removeLayer(l.id);
      if (map.getSource(id)) map.removeSource(id);
    };
    // Layers are fixed per id; data changes go through setData below.
  }, [map, id]);
  useEffect(() => {
    const source = map?.getSource(id) as maplibregl.GeoJSONSource | undefined;
    void source?.setData(data as never);
  }, [map, id, data]);
  return null;
}
