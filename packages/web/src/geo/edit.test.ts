import { describe, expect, it } from 'vitest';
import { addPoint, changeType, clearShape, pointCount, removeLast } from './edit.js';
import type { Shape } from './shapes.js';

const poly: Shape = { type: 'polygon', coordinates: [[122.07, 41.12]] };

describe('shape editing', () => {
  it('adds a vertex per click and takes the last one back', () => {
    const two = addPoint(poly, [122.08, 41.12]);
    expect(pointCount(two)).toBe(2);
    expect(removeLast(two)).toEqual(poly);
    expect(clearShape(two)).toEqual({ type: 'polygon', coordinates: [] });
  });

  it('moves a circle’s centre on click and keeps its radius', () => {
    const c: Shape = { type: 'circle', center: [122, 41], radiusM: 800 };
    expect(addPoint(c, [122.1, 41.1])).toEqual({ type: 'circle', center: [122.1, 41.1], radiusM: 800 });
    expect(removeLast(c)).toBe(c);
  });

  it('keeps the points from polygon to corridor and centres a circle on them', () => {
    const square: Shape = {
      type: 'polygon',
      coordinates: [
        [122, 41],
        [122.02, 41],
        [122.02, 41.02],
        [122, 41.02],
      ],
    };
    const corridor = changeType(square, 'corridor', [0, 0]);
    expect(corridor).toEqual({ type: 'corridor', coordinates: square.coordinates, widthM: 100 });
    const circle = changeType(square, 'circle', [0, 0]);
    expect(circle.type === 'circle' && circle.center).toEqual([122.01, 41.01]);
    expect(changeType({ type: 'polygon', coordinates: [] }, 'circle', [122.07, 41.08])).toEqual({
      type: 'circle',
      center: [122.07, 41.08],
      radiusM: 500,
    });
  });
});
