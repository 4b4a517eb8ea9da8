import { describe, expect, it } from 'vitest';
import { translated } from './gl-points.js';

describe('translated matrix', () => {
  it('is m × translate(x, y): a point p relative to the origin lands where p + origin did', () => {
    // Column-major: scale 2 and 3, then shift by (1, -1).
    const m = [2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 1, -1, 0, 1];
    const t = translated(m, 0.5, 0.25);
    const apply = (a: ArrayLike<number>, x: number, y: number) => [
      a[0]! * x + a[4]! * y + a[12]!,
      a[1]! * x + a[5]! * y + a[13]!,
    ];
    expect(apply(t, 0.1, 0.2)).toEqual(apply(m, 0.6, 0.45).map((v) => expect.closeTo(v, 6)));
    expect([...t.slice(0, 12)]).toEqual(m.slice(0, 12));
  });
});
