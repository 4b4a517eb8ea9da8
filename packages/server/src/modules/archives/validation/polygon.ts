/**
 * GeoJSON polygons of places (WGS-84). Areas use a local equirectangular projection around the
 * polygon, accurate to well under 1 % for city-sized places.
 */

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** Null when the value is a closed, simple-enough polygon inside China's extent; else a reason. */
export function polygonProblem(value: unknown): string | null {
  const p = value as GeoPolygon;
  if (!p || typeof p !== 'object' || p.type !== 'Polygon' || !Array.isArray(p.coordinates))
    return 'not_polygon';
  const ring = p.coordinates[0];
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > 10_000) return 'ring_size';
  for (const pt of ring) {
    if (!Array.isArray(pt) || pt.length < 2 || typeof pt[0] !== 'number' || typeof pt[1] !== 'number')
      return 'point';
    // The national assessment's valid range: 73°33′–135°05′E, 3°51′–53°33′N.
    if (pt[0] < 73.55 || pt[0] > 135.09 || pt[1] < 3.85 || pt[1] > 53.55) return 'outside_china';
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'not_closed';
  if (polygonAreaM2(p) <= 0) return 'empty';
  return null;
}

export function polygonCentre(p: GeoPolygon): [number, number] {
  const ring = p.coordinates[0]!.slice(0, -1);
  return [ring.reduce((s, q) => s + q[0], 0) / ring.length, ring.reduce((s, q) => s + q[1], 0) / ring.length];
}

/** Area in m² of the outer ring (shoelace on a local projection). */
export function polygonAreaM2(p: GeoPolygon): number {
  const ring = p.coordinates[0]!;
  const [, lat0] = polygonCentre(p);
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_574;
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0] * kx * (b[1] * ky) - b[0] * kx * (a[1] * ky);
  }
  return Math.abs(sum) / 2;
}
