/** Keeps a vehicle in the middle of the map as the live store updates it. Renders nothing. */
import { useEffect } from 'react';
import type { LiveStore } from './live-store.js';
import { useMap } from './MapView.js';

export function FollowVehicle({ store, vehicleId }: { store: LiveStore; vehicleId: string }) {
  const map = useMap();
  useEffect(() => {
    if (!map) return;
    let last = '';
    const centre = () => {
      const v = store.get(vehicleId);
      if (!v) return;
      const key = `${v.lon},${v.lat}`;
      if (key === last) return;
      last = key;
      map.easeTo({ center: [v.lon, v.lat], zoom: Math.max(map.getZoom(), 13), duration: 500 });
    };
    centre();
    return store.subscribe(centre);
  }, [map, store, vehicleId]);
  return null;
}
