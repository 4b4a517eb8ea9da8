/** Moves the map to a point (or fits a box) when the map is ready and when the target changes. Renders nothing. */
import { useEffect } from 'react';
import { useMap } from '../MapView.js';

export function CameraTo({
  centre,
  bounds,
  zoom = 13,
  animate = false,
}: {
  centre?: [number, number] | null;
  bounds?: [number, number, number, number] | null;
  zoom?: number;
  animate?: boolean;
}) {
  const map = useMap();
  const key = JSON.stringify([centre, bounds]);
  useEffect(() => {
    if (!map) return;
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 15, animate });
    else if (centre) {
      if (animate) map.easeTo({ center: centre, duration: 300 });
      else map.jumpTo({ center: centre, zoom });
    }
    // The key stands for centre and bounds.
  }, [map, key]);
  return null;
}
