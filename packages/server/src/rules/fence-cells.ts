/**
 * Whole-cell answers for the geofence grid (geofences.ts): whether every point of a grid cell
 * is certainly inside a fence item, certainly outside it, or must be tested point by point. A
 * cell whose items are all certain needs no geometry per fix at all; certainly-outside items
 * leave the cell's list. Answers err toward "test": a wrong "certain" would change an event.
 */
import { distanceM, distanceToSegmentM } from './geo.js';

export const OUTSIDE = 0;
export const INSIDE = 1;
export const TEST = 2;
export type Certainty = typeof OUTSIDE | typeof INSIDE | typeof TEST;

/** A cell as lon/lat bounds, widened by `CELL_PAD_DEG` so points rounded into the cell are covered. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** About 0.1 mm: far above the rounding of `Math.floor((lon - origin) / size)`, far below any fence. */
export const CELL_PAD_DEG = 1e-9;
/**
 * Metres of margin for distance-based shapes: the local projection's scale changes with
 * latitude, so a circle or corridor is convex only to within far less than this.
 */
const MARGIN_M = 1;

/** Whether the rect lies inside the item's bounding box [minLon, minLat, maxLon, maxLat] (the lookup's cheap reject). */
export function rectInBox(r: Rect, box: ArrayLike<number>, b: number): boolean {
  return r.x0 >= box[b]! && r.y0 >= box[b + 1]! && r.x1 <= box[b + 2]! && r.y1 <= box[b + 3]!;
}

/** Circle of `radiusM` around (lat, lon): the rect is inside when its four corners are. */
export function circleCertainty(r: Rect, lat: number, lon: number, radiusM: number): Certainty {
  const nx = lon < r.x0 ? r.x0 : lon > r.x1 ? r.x1 : lon;
  const ny = lat < r.y0 ? r.y0 : lat > r.y1 ? r.y1 : lat;
  if (distanceM(ny, nx, lat, lon) > radiusM + MARGIN_M) return OUTSIDE;
  const inner = radiusM - MARGIN_M;
  return distanceM(r.y0, r.x0, lat, lon) <= inner &&
    distanceM(r.y0, r.x1, lat, lon) <= inner &&
    distanceM(r.y1, r.x0, lat, lon) <= inner &&
    distanceM(r.y1, r.x1, lat, lon) <= inner
    ? INSIDE
    : TEST;
}

/** Corridor segment a → b of half width `halfM`: inside when the four corners are, outside when the two shapes are apart. */
export function segmentCertainty(
  r: Rect,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  halfM: number,
): Certainty {
  const inner = halfM - MARGIN_M;
  const d00 = distanceToSegmentM(r.y0, r.x0, aLat, aLon, bLat, bLon);
  const d01 = distanceToSegmentM(r.y0, r.x1, aLat, aLon, bLat, bLon);
  const d10 = distanceToSegmentM(r.y1, r.x0, aLat, aLon, bLat, bLon);
  const d11 = distanceToSegmentM(r.y1, r.x1, aLat, aLon, bLat, bLon);
  if (d00 <= inner && d01 <= inner && d10 <= inner && d11 <= inner) return INSIDE;
  if (segmentTouchesRect(r, aLon, aLat, bLon, bLat)) return TEST;
  // Apart: the nearest points are a corner of the rect or an end of the segment.
  let near = Math.min(d00, d01, d10, d11);
  for (const [lat, lon] of [
    [aLat, aLon],
    [bLat, bLon],
  ] as const) {
    const nx = lon < r.x0 ? r.x0 : lon > r.x1 ? r.x1 : lon;
    const ny = lat < r.y0 ? r.y0 : lat > r.y1 ? r.y1 : lat;
    near = Math.min(near, distanceM(lat, lon, ny, nx));
  }
  return near > halfM + MARGIN_M ? OUTSIDE : TEST;
}

/**
 * Whether the segment (x0, y0) → (x1, y1), in degrees, meets the closed rect: separating axes
 * (the rect's two and the segment's normal). A corner exactly on the line counts as meeting.
 */
export function segmentTouchesRect(r: Rect, x0: number, y0: number, x1: number, y1: number): boolean {
  if (Math.max(x0, x1) < r.x0 || Math.min(x0, x1) > r.x1) return false;
  if (Math.max(y0, y1) < r.y0 || Math.min(y0, y1) > r.y1) return false;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const side = (x: number, y: number) => Math.sign(dx * (y - y0) - dy * (x - x0));
  const s = side(r.x0, r.y0);
  return s === 0 || side(r.x1, r.y0) !== s || side(r.x0, r.y1) !== s || side(r.x1, r.y1) !== s;
}
