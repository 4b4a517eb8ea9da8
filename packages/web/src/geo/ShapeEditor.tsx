/**
 * Draws a shape on the map (a map child that renders nothing): in 'points' mode each click adds
 * a vertex (polygon, corridor line), in 'centre' mode a click places a circle's centre. The draft
 * is shown as it is drawn. Double-click zoom is off while drawing so fast clicks stay vertices.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { GeoJsonLayer } from '../map/layers/GeoJsonLayer.js';
import { useMap } from '../map/MapView.js';
import { round6 } from './edit.js';
import { shapeFeatures, type LonLat, type Shape } from './shapes.js';

export const DRAFT_COLOUR = '#fa541c';

export function ShapeEditor({
  shape,
  mode,
  onClick,
}: {
  shape: Shape;
  mode: 'points' | 'centre';
  onClick: (p: LonLat) => void;
}) {
  const map = useMap();
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!map) return;
    const canvas = map.getCanvas();
    const cursor = canvas.style.cursor;
    canvas.style.cursor = 'crosshair';
    map.doubleClickZoom.disable();
    const handler = (e: maplibregl.MapMouseEvent) => {
      click.current([round6(e.lngLat.lng), round6(e.lngLat.lat)]);
    };
    map.on('click', handler);
    return () => {
      map.off('click', handler);
      if (!map.getStyle()) return;
      map.doubleClickZoom.enable();
      canvas.style.cursor = cursor;
    };
  }, [map]);

  const area = useMemo(
    () => ({
      type: 'FeatureCollection',
      features: shapeFeatures(shape, { id: 'draft', name: '', kind: mode }),
    }),
    [shape, mode],
  );
  const vertices = useMemo(() => {
    const pts = shape.type === 'circle' ? [shape.center] : shape.coordinates;
    return {
      type: 'FeatureCollection',
      features: pts.map((p, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p },
        properties: { i },
      })),
    };
  }, [shape]);
  // While a polygon has fewer than 3 points, its edges so far.
  const path = useMemo(
    () => ({
      type: 'FeatureCollection',
      features:
        shape.type === 'polygon' && shape.coordinates.length === 2
          ? [
              {
                type: 'Feature',
                geometry: { type: 'LineString', coordinates: shape.coordinates },
                properties: {},
              },
            ]
          : [],
    }),
    [shape],
  );
  return (
    <>
      <GeoJsonLayer
        id="draft-area"
        data={area}
        layers={[
          {
            id: 'draft-fill',
            type: 'fill',
            filter: ['!=', ['geometry-type'], 'LineString'],
            paint: { 'fill-color': DRAFT_COLOUR, 'fill-opacity': 0.3 },
          },
          { id: 'draft-line', type: 'line', paint: { 'line-color': DRAFT_COLOUR, 'line-width': 2 } },
        ]}
      />
      <GeoJsonLayer
        id="draft-path"
        data={path}
        layers={[
          { id: 'draft-path-line', type: 'line', paint: { 'line-color': DRAFT_COLOUR, 'line-width': 2 } },
        ]}
      />
      <GeoJsonLayer
        id="draft-vertices"
        data={vertices}
        layers={[
          {
            id: 'draft-vertex',
            type: 'circle',
            paint: {
              'circle-radius': 5,
              'circle-color': '#fff',
              'circle-stroke-color': DRAFT_COLOUR,
              'circle-stroke-width': 2,
            },
          },
        ]}
      />
    </>
  );
}
