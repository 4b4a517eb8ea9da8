/** Editing a drawn shape, one click at a time. Pure: a shape in, a new shape out. */
import type { LonLat, Shape } from './shapes.js';

/** Six decimals: about 0.1 m, as clicks are stored. */
export const round6 = (x: number): number => Number(x.toFixed(6));

/** A click: a circle moves its centre, a polygon or corridor gets one more vertex. */
export function addPoint(s: Shape, p: LonLat): Shape {
  if (s.type === 'circle') return { ...s, center: p };
  return { ...s, coordinates: [...s.coordinates, p] };
}

export function removeLast(s: Shape): Shape {
  if (s.type === 'circle') return s;
  return { ...s, coordinates: s.coordinates.slice(0, -1) };
}

export function clearShape(s: Shape): Shape {
  if (s.type === 'circle') return s;
  return { ...s, coordinates: [] };
}

/** Changing the type keeps what carries over: the points (polygon ↔ corridor), or their centre for a circle. */
export function changeType(s: Shape, type: Shape['type'], fallback: LonLat): Shape {
  if (s.type === type) return s;
  const points = s.type === 'circle' ? [] : s.coordinates;
  const centre: LonLat =
    s.type === 'circle'
      ? s.center
      : points.length > 0
        ? [
            round6(points.reduce((a, p) => a + p[0], 0) / points.length),
            round6(points.reduce((a, p) => a + p[1], 0) / points.length),
          ]
        : fallback;
  switch (type) {
    case 'circle':
      return { type, center: centre, radiusM: 500 };
    case 'polygon':
      return { type, coordinates: points };
    case 'corridor':
      return { type, coordinates: points, widthM: 100 };
  }
}

/** Points the shape has drawn so far (a circle always has its centre). */
export function pointCount(s: Shape): number {
  return s.type === 'circle' ? 1 : s.coordinates.length;
}
