/**
 * Shapes drawn on the map (place outlines, regulators' geofences): checks before saving and
 * GeoJSON for showing them. Pure. Coordinates are WGS-84 [lon, lat] as the API stores them.
 */

export type LonLat = [number, number];

/** The geofence shapes of /api/rules/geofences. */
export type Shape =
  | { type: 'circle'; center: LonLat; radiusM: number }
  | { type: 'polygon'; coordinates: LonLat[] }
  | { type: 'corridor'; coordinates: LonLat[]; widthM: number };

/**
 * Panjin's extent (west, south, east, north): the bundled district boundaries (121.49–123.07 E,
 * 40.65–41.94 N) with about 10 km of margin for the coast of 辽东湾新区 and the city line.
 */
export const CITY_EXTENT: readonly [number, number, number, number] = [121.35, 40.55, 123.2, 42.05];

export type ShapeProblem =
  'tooFewVertices' | 'selfIntersecting' | 'outsideCity' | 'radiusRequired' | 'widthRequired' | 'tooFewPoints';

export function insideExtent(p: LonLat, e: readonly number[] = CITY_EXTENT): boolean {
  return p[0] >= e[0]! && p[0] <= e[2]! && p[1] >= e[1]! && p[1] <= e[3]!;
}

/** The open ring: a closing point equal to the first is dropped. */
export function openRing(ring: readonly LonLat[]): LonLat[] {
  const n = ring.length;
  if (n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1]) return ring.slice(0, -1);
  return [...ring];
}

function cross(o: LonLat, a: LonLat, b: LonLat): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: LonLat, q: LonLat, r: LonLat): boolean {
  return (
    Math.min(p[0], r[0]) <= q[0] &&
    q[0] <= Math.max(p[0], r[0]) &&
    Math.min(p[1], r[1]) <= q[1] &&
    q[1] <= Math.max(p[1], r[1])
  );
}

/** Whether segments ab and cd meet (touching counts). */
export function segmentsIntersect(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(c, a, d)) ||
    (d2 === 0 && onSegment(c, b, d)) ||
    (d3 === 0 && onSegment(a, c, b)) ||
    (d4 === 0 && onSegment(a, d, b))
  );
}

/** Whether any two non-adjacent edges of the (open) ring meet. O(n²): drawn rings are small. */
export function selfIntersects(ring: readonly LonLat[]): boolean {
  const pts = openRing(ring);
  const n = pts.length;
  if (n < 4) return false;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      // Adjacent edges share a vertex: not a crossing.
      if (j === i || (j + 1) % n === i || (i + 1) % n === j) continue;
      if (segmentsIntersect(a, b, pts[j]!, pts[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** The problems of a ring drawn as a polygon: at least 3 distinct vertices, simple, inside the city. */
export function ringProblems(ring: readonly LonLat[]): ShapeProblem[] {
  const pts = openRing(ring);
  const out: ShapeProblem[] = [];
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) out.push('tooFewVertices');
  else if (selfIntersects(pts)) out.push('selfIntersecting');
  if (pts.some((p) => !insideExtent(p))) out.push('outsideCity');
  return out;
}

export function shapeProblems(s: Shape): ShapeProblem[] {
  switch (s.type) {
    case 'polygon':
      return ringProblems(s.coordinates);
    case 'circle': {
      const out: ShapeProblem[] = [];
      if (!(s.radiusM > 0)) out.push('radiusRequired');
      if (!insideExtent(s.center)) out.push('outsideCity');
      return out;
    }
    case 'corridor': {
      const out: ShapeProblem[] = [];
      if (s.coordinates.length < 2) out.push('tooFewPoints');
      if (!(s.widthM > 0)) out.push('widthRequired');
      if (s.coordinates.some((p) => !insideExtent(p))) out.push('outsideCity');
      return out;
    }
  }
}

/** A place outline as the archive stores it: a closed GeoJSON Polygon. */
export function toGeoPolygon(vertices: readonly LonLat[]): { type: 'Polygon'; coordinates: LonLat[][] } {
  const open = openRing(vertices);
  return { type: 'Polygon', coordinates: [[...open, open[0]!]] };
}

/** The outer ring's open vertices of a stored GeoJSON Polygon (or Feature); [] when it is not one. */
export function verticesOf(value: unknown): LonLat[] {
  const v = value as { type?: string; coordinates?: unknown; geometry?: unknown } | null;
  if (!v || typeof v !== 'object') return [];
  if (v.type === 'Feature') return verticesOf(v.geometry);
  if (v.type !== 'Polygon' || !Array.isArray(v.coordinates)) return [];
  const ring = v.coordinates[0] as unknown;
  if (!Array.isArray(ring)) return [];
  const pts = ring.filter(
    (p): p is LonLat => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]),
  );
  return openRing(pts.map((p) => [p[0], p[1]]));
}

const EARTH_M = 6_371_008.8;

/** A circle as a 64-gon (for drawing; the engine tests the true circle). */
export function circleRing(center: LonLat, radiusM: number, steps = 64): LonLat[] {
  const [lon, lat] = center;
  const dLat = (radiusM / EARTH_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring: LonLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return ring;
}

/** Metres per degree of longitude and latitude at a latitude (local equirectangular projection). */
function metresPerDegree(lat: number): [number, number] {
  const k = (EARTH_M * Math.PI) / 180;
  return [k * Math.cos((lat * Math.PI) / 180), k];
}

/**
 * A corridor (polyline + width) as one quadrilateral per segment, half the width on each side
 * (for drawing; joins are covered by the neighbouring segments' overlap).
 */
export function corridorPolygons(line: readonly LonLat[], widthM: number): LonLat[][] {
  const out: LonLat[][] = [];
  if (!(widthM > 0)) return out;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const [kx, ky] = metresPerDegree((a[1] + b[1]) / 2);
    const dx = (b[0] - a[0]) * kx;
    const dy = (b[1] - a[1]) * ky;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const ox = ((-dy / len) * widthM) / 2 / kx;
    const oy = ((dx / len) * widthM) / 2 / ky;
    out.push([
      [a[0] + ox, a[1] + oy],
      [b[0] + ox, b[1] + oy],
      [b[0] - ox, b[1] - oy],
      [a[0] - ox, a[1] - oy],
      [a[0] + ox, a[1] + oy],
    ]);
  }
  return out;
}

export interface ShapeFeatureProps {
  id: string;
  name: string;
  kind: string;
}

type Geometry =
  | { type: 'Polygon'; coordinates: LonLat[][] }
  | { type: 'MultiPolygon'; coordinates: LonLat[][][] }
  | { type: 'LineString'; coordinates: LonLat[] };

export interface ShapeFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: ShapeFeatureProps;
}

/** Area features of a shape: a circle's 64-gon, the polygon closed, a corridor's segment boxes. */
export function shapeFeatures(shape: Shape, props: ShapeFeatureProps): ShapeFeature[] {
  switch (shape.type) {
    case 'circle':
      return shape.radiusM > 0
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates: [circleRing(shape.center, shape.radiusM)] },
              properties: props,
            },
          ]
        : [];
    case 'polygon':
      return openRing(shape.coordinates).length >= 3
        ? [{ type: 'Feature', geometry: toGeoPolygon(shape.coordinates), properties: props }]
        : [];
    case 'corridor': {
      const boxes = corridorPolygons(shape.coordinates, shape.widthM);
      const out: ShapeFeature[] = [];
      if (boxes.length > 0)
        out.push({
          type: 'Feature',
          geometry: { type: 'MultiPolygon', coordinates: boxes.map((b) => [b]) },
          properties: props,
        });
      if (shape.coordinates.length >= 2)
        out.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [...shape.coordinates] },
          properties: props,
        });
      return out;
    }
  }
}

/** A bounding box [west, south, east, north] of some points, or null when there are none. */
export function boundsOf(points: readonly LonLat[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of points) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

/** The points that frame a shape on the map. */
export function shapePoints(shape: Shape): LonLat[] {
  return shape.type === 'circle' ? circleRing(shape.center, shape.radiusM, 8) : [...shape.coordinates];
}
