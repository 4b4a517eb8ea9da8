/** The vehicles in scope on a dark map: /api/live polled on the screen's tick into a live store. */
import { useEffect, useMemo, useState } from 'react';
import type { LiveVehicle } from '../api/types.js';
import { DistrictLayer } from '../map/layers/DistrictLayer.js';
import { VehicleLayer } from '../map/layers/VehicleLayer.js';
import { LiveStore, type LiveFilters } from '../map/live-store.js';
import { MapView } from '../map/MapView.js';
import { DarkMap } from './DarkMap.js';

const noFilters: LiveFilters = { states: [] };
const noInfo = new Map();

export function BigScreenMap({ vehicles }: { vehicles: readonly LiveVehicle[] | undefined }) {
  const store = useMemo(() => new LiveStore(), []);
  const [, setError] = useState<string | null>(null);
  useEffect(() => {
    if (vehicles) store.apply({ type: 'snapshot', vehicles });
  }, [store, vehicles]);
  return (
    <div className="shape-map" style={{ height: '100%' }} data-testid="big-map">
      <MapView tileUrl={localStorage.getItem('weiyun.basemapUrl')} onError={setError}>
        <DistrictLayer />
        <DarkMap />
        {vehicles && (
          <VehicleLayer
            store={store}
            filters={noFilters}
            info={noInfo}
            selected={null}
            onPick={() => undefined}
          />
        )}
      </MapView>
    </div>
  );
}
