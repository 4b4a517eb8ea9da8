/** One kind of place (parking lots, chemical parks, filling sites, checkpoints): polygons and centre points. */
import { useMemo } from 'react';
import { toPlaceFeatures, toPlacePoints, type PlaceKind, type PlaceRecord } from '../features.js';
import { GeoJsonLayer } from './GeoJsonLayer.js';

export const placeColours: Record<PlaceKind, string> = {
  parking_lot: '#1677ff',
  chemical_park: '#d4380d',
  filling_site: '#389e0d',
  checkpoint: '#722ed1',
};

export function PlaceLayer({ kind, places }: { kind: PlaceKind; places: readonly PlaceRecord[] }) {
  const polygons = useMemo(() => toPlaceFeatures(places, kind), [places, kind]);
  const points = useMemo(() => toPlacePoints(places, kind), [places, kind]);
  const colour = placeColours[kind];
  return (
    <>
      <GeoJsonLayer
        id={`places-${kind}`}
        data={polygons}
        layers={[
          { id: `places-${kind}-fill`, type: 'fill', paint: { 'fill-color': colour, 'fill-opacity': 0.35 } },
          { id: `places-${kind}-line`, type: 'line', paint: { 'line-color': colour, 'line-width': 1 } },
        ]}
      />
      <GeoJsonLayer
        id={`places-${kind}-points`}
        data={points}
        layers={[
          {
            id: `places-${kind}-dot`,
            type: 'circle',
            maxzoom: 13,
            paint: {
              'circle-color': colour,
              'circle-radius': kind === 'chemical_park' ? 7 : 4,
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 1,
            },
          },
        ]}
      />
    </>
  );
}
