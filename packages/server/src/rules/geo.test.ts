import { describe, expect, it } from 'vitest';
import { distanceM, distanceToPolylineM, haversineM, M_PER_DEG, pointInRing } from './geo.js';

describe('geometry', () => {
  it('the local projection agrees with the great circle within 0.1 % at city scale', () => {
    // Panjin city centre to Dawa (about 25 km) and to Panshan (about 30 km).
    for (const [lat, lon] of [
      [40.99, 122.06],
      [41.24, 121.99],
      [41.3, 122.2],
    ] as const) {
      const fast = distanceM(41.12, 122.07, lat, lon);
      const exact = haversineM(41.12, 122.07, lat, lon);
      expect(Math.abs(fast - exact) / exact).toBeLessThan(0.001);
    }
    expect(distanceM(41, 122, 41.001, 122)).toBeCloseTo(111.195, 2);
  });

  it('point in polygon, convex and concave', () => {
    const square = [0, 0, 1, 0, 1, 1, 0, 1];
    expect(pointInRing(0.5, 0.5, square)).toBe(true);
    expect(pointInRing(1.5, 0.5, square)).toBe(false);
    // A U shape open to the north: the notch is outside.
    const u = [0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3];
    expect(pointInRing(2, 1.5, u)).toBe(false);
    expect(pointInRing(2, 0.5, u)).toBe(true);
    expect(pointInRing(2, 2.5, u)).toBe(true);
  });

  it('distance to a polyline: perpendicular inside a segment, to the end point beyond it', () => {
    const line = [122.0, 41.0, 122.1, 41.0];
    expect(distanceToPolylineM(41.001, 122.05, line)).toBeCloseTo(M_PER_DEG * 0.001, 3);
    const beyond = distanceToPolylineM(41.0, 122.101, line);
    expect(beyond).toBeCloseTo(distanceM(41, 122.1, 41, 122.101), 3);
    expect(distanceToPolylineM(41, 122, [])).toBe(Infinity);
  });
});
