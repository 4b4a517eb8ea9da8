/** Shapes already stored (geofences, other places) for context: fill, outline, centre lines. Renders nothing. */
import { useMemo } from 'react';
import { GeoJsonLayer } from '../map/layers/GeoJsonLayer.js';
import type { ShapeFeature } from './shapes.js';

export function ShapesLayer({
  id,
  features,
  colour,
}: {
  id: string;
  features: readonly ShapeFeature[];
  colour: string | unknown[];
}) {
  const data = useMemo(() => ({ type: 'FeatureCollection', features }), [features]);
  return (
    <GeoJsonLayer
      id={id}
      data={data}
      layers={[
        {
          id: `${id}-fill`,
          type: 'fill',
          filter: ['!=', ['geometry-type'], 'LineString'],
          paint: { 'fill-color': colour, 'fill-opacity': 0.25 },
        },
        { id: `${id}-line`, type: 'line', paint: { 'line-color': colour, 'line-width': 1.5 } },
      ]}
    />
  );
}
