/**
 * Live vehicles as circles coloured by state (moving / stopped / offline / alarm), clustered when
 * zoomed out (a cluster turns red when it holds an alarm). Listens to the live store itself: a
 * feed message is parsed, merged, filtered, turned into features and handed to the map in one
 * task, measured as LIVE_UPDATE_MEASURE. Renders nothing.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { toVehicleFeatures } from '../features.js';
import { LIVE_FIRST_RENDER_MARK, LIVE_MESSAGE_MARK, LIVE_UPDATE_MEASURE } from '../live-feed.js';
import { filterVehicles, type LiveFilters, type LiveStore, type VehicleInfo } from '../live-store.js';
import { useMap } from '../MapView.js';

const SOURCE = 'vehicles';
/** Above this zoom every vehicle is its own dot. */
const CLUSTER_MAX_ZOOM = 11;

const stateColour = [
  'match',
  ['get', 'state'],
  'moving',
  '#52c41a',
  'stopped',
  '#1677ff',
  'alarm',
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
    filter: ['==', ['get', 'vehicleId'], ''],
    paint: {
      'circle-radius': 10,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': '#fa8c16',
      'circle-stroke-width': 3,
    },
  },
];

export function VehicleLayer({
  store,
  filters,
  info,
  selected,
  onPick,
}: {
  store: LiveStore;
  filters: LiveFilters;
  info: ReadonlyMap<string, VehicleInfo>;
  selected: string | null;
  onPick: (vehicleId: string) => void;
}) {
  const map = useMap();
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!map) return;
    map.addSource(SOURCE, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterProperties: { alarm: ['+', ['case', ['==', ['get', 'state'], 'alarm'], 1, 0]] },
    });
    for (const l of layers) map.addLayer({ ...l, source: SOURCE } as maplibregl.LayerSpecification);
    const onDot = (e: maplibregl.MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.vehicleId as string | undefined;
      if (id) pick.current(id);
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
    return () => {
      map.off('click', 'vehicles-dot', onDot);
      map.off('click', 'vehicles-cluster', onCluster);
      if (!map.getStyle()) return; // the map is already gone
      for (const l of layers) if (map.getLayer(l.id)) map.removeLayer(l.id);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);

  // The data: now, on every store change and when the filters or plates change.
  useEffect(() => {
    if (!map) return;
    const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined;
    if (!source) return;
    const plates = new Map([...info].map(([id, i]) => [id, i.plate]));
    let drawn = false;
    const update = () => {
      const shown = filterVehicles(store.list(), filters, info);
      void source.setData(toVehicleFeatures(shown, plates) as never);
      if (!drawn && shown.length > 0) {
        drawn = true;
        if (performance.getEntriesByName(LIVE_FIRST_RENDER_MARK).length === 0) {
          // First drawn: the frame after a tile of the source came back with the vehicles.
          const loaded = (e: maplibregl.MapSourceDataEvent) => {
            if (e.sourceId !== SOURCE || !e.tile) return;
            map.off('sourcedata', loaded);
            map.once('render', () => performance.mark(LIVE_FIRST_RENDER_MARK));
          };
          map.on('sourcedata', loaded);
        }
      }
    };
    update();
    return store.subscribe(() => {
      update();
      if (performance.getEntriesByName(LIVE_MESSAGE_MARK).length > 0) {
        performance.measure(LIVE_UPDATE_MEASURE, LIVE_MESSAGE_MARK);
        // Observers have the entry; the buffer must not grow for a console open all day.
        performance.clearMarks(LIVE_MESSAGE_MARK);
        performance.clearMeasures(LIVE_UPDATE_MEASURE);
      }
    });
  }, [map, store, filters, info]);

  useEffect(() => {
    if (map?.getLayer('vehicles-selected'))
      map.setFilter('vehicles-selected', ['==', ['get', 'vehicleId'], selected ?? '']);
  }, [map, selected]);
  return null;
}
