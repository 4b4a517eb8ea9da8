/**
 * Small geometry on WGS-84 degrees. Distances use a local equirectangular projection
 * (x = Δlon·cos φ, y = Δlat, scaled by the mean Earth radius): at city scale (tens of km)
 * its error against the great circle is far below GNSS noise (< 0.1 % at 50 km around
 * latitude 41°), and it costs one cosine. Do not use it for distances of hundreds of km.
 */

/** IUGG mean Earth radius (m). */
const EARTH_RADIUS_M = 6_371_008.8;
/** Metres per degree of latitude on the mean sphere. */
export const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const RAD = Math.PI / 180;

/** Distance in metres between two points (local equirectangular). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const k = Math.cos(((lat1 + lat2) / 2) * RAD);
  const dx = (lon2 - lon1) * k;
  const dy = lat2 - lat1;
  return Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
}

/** Great-circle (haversine) distance in metres, for checking the fast one in tests. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/**
 * Ray casting point-in-polygon on a flat [lon0, lat0, lon1, lat1, …] ring (closed or not).
 * Points exactly on an edge may fall either way; fences are not drawn to the centimetre.
 */
export function pointInRing(lat: number, lon: number, ring: ArrayLike<number>): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The local projection's scale at latitude `lat`: cos φ, the metres of a degree of longitude per
 * metre of a degree of latitude. Worked out once per point for the `…AtM` distances: a cosine
 * costs more than the rest of a segment's distance, and a point is measured against many segments.
 */
export function lonScale(lat: number): number {
  return Math.cos(lat * RAD);
}

/** Distance in metres from a point to the segment (a → b), in the local projection at the point. */
export function distanceToSegmentM(
  lat: number,
  lon: number,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
): number {
  return distanceToSegmentAtM(lat, lon, lonScale(lat), aLat, aLon, bLat, bLon);
}

/** `distanceToSegmentM` with the point's `lonScale(lat)` given (the same value, to the bit). */
export function distanceToSegmentAtM(
  lat: number,
  lon: number,
  k: number,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
): number {
  const ax = (aLon - lon) * k;
  const ay = aLat - lat;
  const bx = (bLon - lon) * k;
  const by = bLat - lat;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const px = ax + t * dx;
  const py = ay + t * dy;
  return Math.sqrt(px * px + py * py) * M_PER_DEG;
}

/** Distance in metres from a point to a polyline given as flat [lon0, lat0, lon1, lat1, …]. */
export function distanceToPolylineM(lat: number, lon: number, line: ArrayLike<number>): number {
  if (line.length < 2) return Infinity;
  if (line.length < 4) return distanceM(lat, lon, line[1]!, line[0]!);
  const k = lonScale(lat);
  let best = Infinity;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const d = distanceToSegmentAtM(lat, lon, k, line[i + 1]!, line[i]!, line[i + 3]!, line[i + 2]!);
    if (d < best) best = d;
  }
  return best;
}

/** Degrees of latitude and longitude that cover `metres` around latitude `lat`. */
export function metresToDegrees(metres: number, lat: number): { dLat: number; dLon: number } {
  const dLat = metres / M_PER_DEG;
  return { dLat, dLon: dLat / Math.max(Math.cos(lat * RAD), 0.01) };
}
