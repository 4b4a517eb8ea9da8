import { describe, expect, it } from 'vitest';
import {
  circleRing,
  corridorPolygons,
  ringProblems,
  selfIntersects,
  shapeFeatures,
  shapeProblems,
  toGeoPolygon,
  verticesOf,
  type LonLat,
} from './shapes.js';

// A lot in 兴隆台区 (about 200 m × 100 m).
const lot: LonLat[] = [
  [122.07, 41.12],
  [122.0724, 41.12],
  [122.0724, 41.1209],
  [122.07, 41.1209],
];

describe('ringProblems', () => {
  it('accepts a simple quadrilateral inside Panjin, closed or open', () => {
    expect(ringProblems(lot)).toEqual([]);
    expect(ringProblems([...lot, lot[0]!])).toEqual([]);
  });

  it('asks for three distinct vertices', () => {
    expect(ringProblems(lot.slice(0, 2))).toEqual(['tooFewVertices']);
    expect(ringProblems([lot[0]!, lot[1]!, lot[0]!])).toEqual(['tooFewVertices']);
  });

  it('refuses a bow tie (edges 0–1 and 2–3 cross)', () => {
    const bowTie: LonLat[] = [lot[0]!, lot[1]!, lot[3]!, lot[2]!];
    expect(selfIntersects(bowTie)).toBe(true);
    expect(ringProblems(bowTie)).toEqual(['selfIntersecting']);
  });

  it('refuses a vertex outside the city (Shenyang)', () => {
    expect(ringProblems([...lot.slice(0, 3), [123.43, 41.8]])).toContain('outsideCity');
  });
});

describe('shapeProblems', () => {
  it('needs a radius for a circle and a width and two points for a corridor', () => {
    expect(shapeProblems({ type: 'circle', center: [122.07, 41.12], radiusM: 0 })).toEqual([
      'radiusRequired',
    ]);
    expect(shapeProblems({ type: 'corridor', coordinates: [[122.07, 41.12]], widthM: 0 })).toEqual([
      'tooFewPoints',
      'widthRequired',
    ]);
    expect(shapeProblems({ type: 'corridor', coordinates: lot.slice(0, 2), widthM: 50 })).toEqual([]);
  });
});

describe('GeoJSON', () => {
  it('closes the ring for the archive and reads it back open', () => {
    const p = toGeoPolygon(lot);
    expect(p.coordinates[0]).toHaveLength(5);
    expect(p.coordinates[0]![4]).toEqual(lot[0]);
    expect(verticesOf(p)).toEqual(lot);
    expect(verticesOf({ type: 'Feature', geometry: p })).toEqual(lot);
    expect(verticesOf('nonsense')).toEqual([]);
  });

  it('draws a 1 km circle about 1 km from its centre (north and east)', () => {
    const ring = circleRing([122.07, 41.12], 1000, 4);
    // Point 1 is north: 1000 m = 0.008993° of latitude.
    expect(ring[1]![1] - 41.12).toBeCloseTo(0.008993, 5);
    // Point 0 is east: 1000 m at 41.12° N = 0.011937° of longitude.
    expect(ring[0]![0] - 122.07).toBeCloseTo(0.011937, 5);
  });

  it('draws a corridor segment as a box as wide as asked', () => {
    // An east–west segment 100 m wide: 50 m north and south = 0.00045° of latitude.
    const [box] = corridorPolygons([lot[0]!, lot[1]!], 100);
    expect(box).toHaveLength(5);
    expect(box![0]![1] - 41.12).toBeCloseTo(0.00045, 5);
    expect(box![3]![1] - 41.12).toBeCloseTo(-0.00045, 5);
  });

  it('gives a corridor its area and its centre line', () => {
    const f = shapeFeatures(
      { type: 'corridor', coordinates: lot.slice(0, 3), widthM: 30 },
      { id: 'g', name: 'G', kind: 'speed_zone' },
    );
    expect(f.map((x) => x.geometry.type)).toEqual(['MultiPolygon', 'LineString']);
    expect(f[0]!.geometry.coordinates).toHaveLength(2);
  });
});
