/** Live vehicles as circles coloured by state (moving / stopped / offline / alarm). */
import { useMemo } from 'react';
import type { LiveVehicle } from '../../api/types.js';
import { toVehicleFeatures } from '../features.js';
import { GeoJsonLayer } from './GeoJsonLayer.js';

export function VehicleLayer({
  vehicles,
  plates,
}: {
  vehicles: readonly LiveVehicle[];
  plates: ReadonlyMap<string, string>;
}) {
  const data = useMemo(() => toVehicleFeatures(vehicles, plates), [vehicles, plates]);
  return (
    <GeoJsonLayer
      id="vehicles"
      data={data}
      layers={[
        {
          id: 'vehicles-dot',
          type: 'circle',
          paint: {
            'circle-radius': 5,
            'circle-color': [
              'match',
              ['get', 'state'],
              'moving',
              '#52c41a',
              'stopped',
              '#1677ff',
              'alarm',
              '#f5222d',
              '#8c8c8c',
            ],
            'circle-stroke-color': '#fff',
            'circle-stroke-width': 1,
          },
        },
      ]}
    />
  );
}
