/**
 * Live vehicles as circles coloured by state (moving / stopped / offline / alarm), clustered when
 * zoomed out (a cluster turns red when it holds an alarm). Its data comes from the live client:
 * the worker's GeoJSON as a data URL, so setData costs the main thread a string, and MapLibre
 * parses and clusters it in its own worker. Marks the first drawn frame. Renders nothing.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import { stateCode } from '../features.js';
import { LIVE_FIRST_RENDER_MARK, type LiveClient } from '../live-client.js';
import { useMap } from '../MapView.js';

const SOURCE = 'vehicles';
/** Above this zoom every vehicle is its own dot. */
const CLUSTER_MAX_ZOOM = 11;

const stateColour = [
  'match',
  ['get', 's'],
  stateCode.moving,
  '#52c41a',
  stateCode.stopped,
  '#1677ff',
  stateCode.alarm,
  '#f5222d',
  '#8c8c8c',
];

const layers = [
  {
    id: 'vehicles-cluster',
    type: 'circle',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['case', ['>', ['get', 'alarm'], 0], '#ff7875', '#69b1ff'],
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 10, 50, 14, 500, 20, 2000, 26],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'vehicles-dot',
    type: 'circle',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-radius': 5,
      'circle-color': stateColour,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'vehicles-selected',
    type: 'circle',
    filter: ['==', ['id'], -1],
    paint: {
      'circle-radius': 10,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': '#fa8c16',
      'circle-stroke-width': 3,
    },
  },
];

export function VehicleLayer({ client, selected }: { client: LiveClient; selected: number | null }) {
  const map = useMap();

  useEffect(() => {
    if (!map) return;
    map.addSource(SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterProperties: { alarm: ['+', ['case', ['==', ['get', 's'], stateCode.alarm], 1, 0]] },
    });
    for (const l of layers) map.addLayer({ ...l, source: SOURCE } as maplibregl.LayerSpecification);
    const onDot = (e: maplibregl.MapLayerMouseEvent) => {
      const id = e.features?.[0]?.id;
      if (typeof id === 'number') client.pick(id);
    };
    const onCluster = (e: maplibregl.MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined;
      if (!f || !source || f.geometry.type !== 'Point') return;
      const centre = f.geometry.coordinates as [number, number];
      void source
        .getClusterExpansionZoom(f.properties?.cluster_id as number)
        .then((zoom) => map.easeTo({ center: centre, zoom }));
    };
    map.on('click', 'vehicles-dot', onDot);
    map.on('click', 'vehicles-cluster', onCluster);

    let drawn = false;
    const detach = client.attach((url, shown) => {
      const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined;
      if (!source) return;
      void source.setData(url);
      if (drawn || shown === 0) return;
      drawn = true;
      if (performance.getEntriesByName(LIVE_FIRST_RENDER_MARK).length > 0) return;
      // First drawn: the frame after a tile of the source came back with the vehicles.
      const loaded = (e: maplibregl.MapSourceDataEvent) => {
        if (e.sourceId !== SOURCE || !e.tile) return;
        map.off('sourcedata', loaded);
        map.once('render', () => performance.mark(LIVE_FIRST_RENDER_MARK));
      };
      map.on('sourcedata', loaded);
    });
    return () => {
      detach();
      map.off('click', 'vehicles-dot', onDot);
      map.off('click', 'vehicles-cluster', onCluster);
      if (!map.getStyle()) return; // the map is already gone
      for (const l of layers) if (map.getLayer(l.id)) map.removeLayer(l.id);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map, client]);

  useEffect(() => {
    if (map?.getLayer('vehicles-selected'))
      map.setFilter('vehicles-selected', ['==', ['id'], selected ?? -1]);
  }, [map, selected]);
  return null;
}
