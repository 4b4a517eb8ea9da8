/**
 * Dark paint for the map on the big screen, applied to the layers the shared map components add
 * (background, district boundaries) whenever they appear. Renders nothing.
 */
import { useEffect } from 'react';
import { useMap } from '../map/MapView.js';

const paints: [layer: string, property: string, value: string | number][] = [
  ['background', 'background-color', '#071a33'],
  ['districts-fill', 'fill-color', '#0e2d57'],
  ['districts-fill', 'fill-opacity', 0.8],
  ['districts-line', 'line-color', '#3f8cff'],
];

export function DarkMap() {
  const map = useMap();
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      for (const [layer, property, value] of paints)
        if (map.getLayer(layer) && map.getPaintProperty(layer, property as never) !== value)
          map.setPaintProperty(layer, property as never, value as never);
    };
    apply();
    map.on('styledata', apply);
    return () => {
      map.off('styledata', apply);
    };
  }, [map]);
  return null;
}
