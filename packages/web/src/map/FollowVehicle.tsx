/** Keeps a vehicle in the middle of the map as its position changes. Renders nothing. */
import { useEffect } from 'react';
import { useMap } from './MapView.js';

export function FollowVehicle({ lon, lat }: { lon: number; lat: number }) {
  const map = useMap();
  useEffect(() => {
    if (!map || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
    map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 13), duration: 500 });
  }, [map, lon, lat]);
  return null;
}
