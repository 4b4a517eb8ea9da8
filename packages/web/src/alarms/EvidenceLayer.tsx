/** An alarm's evidence on the map: start (hollow), latest position (red) and the line between. */
import { useMemo } from 'react';
import type { Alarm } from '../api/types.js';
import { GeoJsonLayer } from '../map/layers/GeoJsonLayer.js';
import { evidenceFeatures } from './evidence.js';

export function EvidenceLayer({ alarm }: { alarm: Alarm }) {
  const data = useMemo(() => evidenceFeatures(alarm), [alarm]);
  return (
    <GeoJsonLayer
      id="alarm-evidence"
      data={data}
      layers={[
        {
          id: 'alarm-evidence-path',
          type: 'line',
          filter: ['==', ['get', 'role'], 'path'],
          paint: { 'line-color': '#f5222d', 'line-width': 3, 'line-dasharray': [2, 1] },
        },
        {
          id: 'alarm-evidence-start',
          type: 'circle',
          filter: ['==', ['get', 'role'], 'start'],
          paint: {
            'circle-radius': 6,
            'circle-color': '#fff',
            'circle-stroke-color': '#f5222d',
            'circle-stroke-width': 2,
          },
        },
        {
          id: 'alarm-evidence-latest',
          type: 'circle',
          filter: ['==', ['get', 'role'], 'latest'],
          paint: {
            'circle-radius': 7,
            'circle-color': '#f5222d',
            'circle-stroke-color': '#fff',
            'circle-stroke-width': 2,
          },
        },
      ]}
    />
  );
}
