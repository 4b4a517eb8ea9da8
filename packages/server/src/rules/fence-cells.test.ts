import { describe, expect, it } from 'vitest';
import {
  circleCertainty,
  INSIDE,
  OUTSIDE,
  segmentCertainty,
  TEST,
  type Certainty,
  type Rect,
} from './fence-cells.js';
import { distanceM, distanceToSegmentM } from './geo.js';
import { rng } from './simulate.js';

/** A cell about 420 m × 550 m somewhere around Panjin. */
function cell(random: () => number): Rect {
  const x0 = 121.95 + random() * 0.2;
  const y0 = 40.8 + random() * 0.4;
  return { x0, y0, x1: x0 + 0.005, y1: y0 + 0.005 };
}

/** A 21 × 21 grid over the rect, its corners and edges included. */
function samples(r: Rect): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= 20; i++)
    for (let j = 0; j <= 20; j++)
      out.push([r.y0 + ((r.y1 - r.y0) * i) / 20, r.x0 + ((r.x1 - r.x0) * j) / 20]);
  return out;
}

/** Checks a claim against the point test; returns the claim so the caller can count them. */
function check(c: Certainty, r: Rect, inside: (lat: number, lon: number) => boolean): Certainty {
  if (c === TEST) return c;
  const wrong = samples(r).filter(([lat, lon]) => inside(lat, lon) !== (c === INSIDE));
  expect(wrong).toEqual([]);
  return c;
}

describe('whole-cell certainty', () => {
  it('a circle holds every point of a cell it calls inside and none of one it calls outside', () => {
    const random = rng(11);
    const seen = new Set<Certainty>();
    for (let k = 0; k < 1500; k++) {
      const r = cell(random);
      // Centres near the cell, radii from smaller than the cell to a few times larger.
      const lat = r.y0 + (random() - 0.5) * 0.02;
      const lon = r.x0 + (random() - 0.5) * 0.02;
      const radius = 100 + random() * 1500;
      seen.add(check(circleCertainty(r, lat, lon, radius), r, (y, x) => distanceM(y, x, lat, lon) <= radius));
    }
    expect([...seen].sort()).toEqual([OUTSIDE, INSIDE, TEST]);
  });

  it('a corridor segment holds every point of a cell it calls inside and none of one it calls outside', () => {
    const random = rng(12);
    const seen = new Set<Certainty>();
    for (let k = 0; k < 1500; k++) {
      const r = cell(random);
      const [aLat, aLon, bLat, bLon] = [0, 0, 0, 0].map((_, i) =>
        i % 2 === 0 ? r.y0 + (random() - 0.5) * 0.02 : r.x0 + (random() - 0.5) * 0.02,
      ) as [number, number, number, number];
      const half = 15 + random() * 1000;
      seen.add(
        check(
          segmentCertainty(r, aLat, aLon, bLat, bLon, half),
          r,
          (y, x) => distanceToSegmentM(y, x, aLat, aLon, bLat, bLon) <= half,
        ),
      );
    }
    expect([...seen].sort()).toEqual([OUTSIDE, INSIDE, TEST]);
  });
});
