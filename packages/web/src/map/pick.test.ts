import { describe, expect, it } from 'vitest';
import { findItem, pickAt } from './pick.js';
import { dotBatch, mercatorX, mercatorY, type ShownVehicles } from './vehicle-batch.js';

const shown: ShownVehicles = {
  n: 2,
  lon: Float64Array.from([122.07, 122.0702]),
  lat: Float64Array.from([41.12, 41.12]),
  state: ['moving', 'alarm'],
  serial: Uint32Array.from([5, 9]),
};
const batch = dotBatch(shown, 1);
/** Zoom 15: 512 × 2^15 CSS px across the world. */
const worldPx = 512 * 2 ** 15;
const px = 1 / worldPx;

describe('pick', () => {
  it('hits the dot under the click, within its radius and stroke', () => {
    const x = mercatorX(122.07);
    const y = mercatorY(41.12);
    expect(pickAt(batch, x, y, worldPx)?.id).toBe(5);
    expect(pickAt(batch, x - 7 * px, y, worldPx)?.id).toBe(5);
    expect(pickAt(batch, x - 12 * px, y, worldPx)).toBeNull();
  });

  it('takes the nearest of overlapping dots', () => {
    // The two dots are ~18 px apart at zoom 15; a click just left of the second takes it.
    const x2 = mercatorX(122.0702);
    expect(pickAt(batch, x2 - 3 * px, mercatorY(41.12), worldPx)?.id).toBe(9);
  });

  it('returns the hit position in mercator, and finds an item by id', () => {
    const hit = pickAt(batch, mercatorX(122.07), mercatorY(41.12), worldPx)!;
    expect(hit.x).toBeCloseTo(mercatorX(122.07), 10);
    expect(findItem(batch, 9)?.x).toBeCloseTo(mercatorX(122.0702), 10);
    expect(findItem(batch, 77)).toBeNull();
  });
});
