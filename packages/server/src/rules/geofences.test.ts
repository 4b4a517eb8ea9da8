import { describe, expect, it } from 'vitest';
import { distanceM, distanceToSegmentM, M_PER_DEG, metresToDegrees, pointInRing } from './geo.js';
import { GeofenceIndex, validateFence, type Geofence } from './geofences.js';
import { fences, rng, roads } from './simulate.js';

const circle = (
  id: string,
  lat: number,
  lon: number,
  radiusM: number,
  extra: Partial<Geofence> = {},
): Geofence => ({
  id,
  kind: 'parking_lot',
  name: id,
  shape: { type: 'circle', lat, lon, radiusM },
  ...extra,
});

describe('geofence index', () => {
  it('finds circles, polygons and corridors containing a point', () => {
    const index = new GeofenceIndex([
      circle('c', 41.12, 122.07, 100),
      {
        id: 'p',
        kind: 'chemical_park',
        name: 'p',
        shape: { type: 'polygon', ring: [122.06, 41.11, 122.08, 41.11, 122.08, 41.13, 122.06, 41.13] },
      },
      {
        id: 'road',
        kind: 'speed_zone',
        name: 'road',
        roadClass: 'expressway',
        shape: { type: 'corridor', line: [122.0, 41.12, 122.2, 41.12, 122.2, 41.3], widthM: 50 },
      },
    ]);
    const ids = (lat: number, lon: number) =>
      index
        .lookup(lat, lon)
        .fences.map((f) => f.id)
        .sort();
    expect(ids(41.12, 122.07)).toEqual(['c', 'p', 'road']);
    expect(ids(41.1202, 122.075)).toEqual(['p', 'road']); // 22 m off the road axis, 420 m from the circle
    expect(ids(41.1204, 122.075)).toEqual(['p']); // 44 m off the axis: outside the 50 m corridor
    expect(ids(41.25, 122.2)).toEqual(['road']); // second segment
    expect(ids(41.25, 122.19)).toEqual([]);
    const hits = index.lookup(41.12, 122.07);
    expect(hits.designated).toBe(true);
    expect(hits.speedZone?.id).toBe('road');
  });

  it('a large polygon (banded edges) answers like plain ray casting', () => {
    // A star-shaped 400-vertex ring around Panjin.
    const ring: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (i / 400) * 2 * Math.PI;
      const r = 0.2 + 0.05 * Math.sin(a * 7);
      ring.push(122.05 + r * Math.cos(a), 41.0 + r * Math.sin(a) * 0.75);
    }
    const index = new GeofenceIndex([
      { id: 'city', kind: 'city_boundary', name: '盘锦市', shape: { type: 'polygon', ring } },
    ]);
    let inside = 0;
    for (let k = 0; k < 2000; k++) {
      const lat = 40.75 + ((k * 7919) % 1000) / 2000;
      const lon = 121.8 + ((k * 104729) % 1000) / 2000;
      const expected = pointInRing(lat, lon, ring);
      expect(index.lookup(lat, lon).fences.length === 1).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(200);
  });

  it('picks the speed zone by priority, then the lowest posted limit', () => {
    const zone = (id: string, limit: number, priority?: number): Geofence =>
      circle(id, 41.12, 122.07, 500, {
        kind: 'speed_zone',
        roadClass: 'other',
        postedLimitKmh: limit,
        ...(priority === undefined ? {} : { priority }),
      });
    expect(new GeofenceIndex([zone('a', 50), zone('b', 40)]).lookup(41.12, 122.07).speedZone?.id).toBe('b');
    expect(new GeofenceIndex([zone('a', 50, 1), zone('b', 40)]).lookup(41.12, 122.07).speedZone?.id).toBe(
      'a',
    );
  });

  it("whole-cell answers agree with testing every fence, at and near the fences' edges", () => {
    const random = rng(7);
    // Plus shapes large enough to hold whole cells (about 420 m × 550 m).
    const large: Geofence[] = [
      circle('big-circle', 41.0, 122.0, 2500),
      {
        id: 'wide-road',
        kind: 'speed_zone',
        name: 'wide-road',
        shape: { type: 'corridor', line: [121.95, 40.8, 122.15, 40.85, 122.1, 41.2], widthM: 3000 },
      },
    ];
    const fenceList = [...fences(roads(20, random), 1500, random), ...large];
    const index = new GeofenceIndex(fenceList);
    // The plain definition: inside the item's box and its exact shape (what every fix paid before).
    const contains = (f: Geofence, lat: number, lon: number): boolean => {
      const s = f.shape;
      const inBox = (x0: number, y0: number, x1: number, y1: number) =>
        lon >= x0 && lat >= y0 && lon <= x1 && lat <= y1;
      if (s.type === 'circle') {
        const { dLat, dLon } = metresToDegrees(s.radiusM, s.lat);
        return (
          inBox(s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat) &&
          distanceM(lat, lon, s.lat, s.lon) <= s.radiusM
        );
      }
      if (s.type === 'polygon') return pointInRing(lat, lon, s.ring);
      for (let i = 0; i + 3 < s.line.length; i += 2) {
        const [ax, ay, bx, by] = [s.line[i]!, s.line[i + 1]!, s.line[i + 2]!, s.line[i + 3]!];
        const { dLat, dLon } = metresToDegrees(s.widthM / 2, ay);
        if (
          inBox(
            Math.min(ax, bx) - dLon,
            Math.min(ay, by) - dLat,
            Math.max(ax, bx) + dLon,
            Math.max(ay, by) + dLat,
          ) &&
          distanceToSegmentM(lat, lon, ay, ax, by, bx) <= s.widthM / 2
        )
          return true;
      }
      return false;
    };
    // Points anywhere, and points within a metre (40 m for the large shapes) of a circle's rim, a
    // corridor's side or a ring's vertex.
    const points: [number, number][] = [];
    for (let k = 0; k < 3000; k++) points.push([40.7 + random() * 0.6, 121.9 + random() * 0.3]);
    for (const f of [...fenceList.slice(0, 600), ...Array<Geofence[]>(150).fill(large).flat()]) {
      const s = f.shape;
      const a = random() * 2 * Math.PI;
      const off = (random() - 0.5) * (large.includes(f) ? 80 : 2);
      if (s.type === 'circle') {
        const d = (s.radiusM + off) / M_PER_DEG;
        points.push([s.lat + d * Math.sin(a), s.lon + (d * Math.cos(a)) / Math.cos((s.lat * Math.PI) / 180)]);
      } else if (s.type === 'corridor') {
        const d = (s.widthM / 2 + off) / M_PER_DEG;
        points.push([s.line[1]! + d, s.line[0]!]);
        points.push([s.line[3]! - d * random(), s.line[2]! + random() * 0.01]);
      } else points.push([s.ring[1]! + off * 1e-5, s.ring[0]! + off * 1e-5]);
    }
    let hits = 0;
    for (const round of [1, 2]) {
      for (const [lat, lon] of points) {
        const expected = fenceList.filter((f) => contains(f, lat, lon));
        const got = round === 1 ? index.at(lat, lon) : index.lookup(lat, lon);
        expect(got.fences.map((f) => f.id).sort(), `${lat},${lon}`).toEqual(expected.map((f) => f.id).sort());
        expect(got.designated).toBe(
          expected.some((f) => ['parking_lot', 'chemical_park', 'filling_site'].includes(f.kind)),
        );
        expect(got.speedZone === undefined).toBe(!expected.some((f) => f.kind === 'speed_zone'));
        const tracked = (f: Geofence) =>
          f.kind === 'restricted_zone' || f.notify === true || (f.dwellLimitSec ?? 0) > 0;
        expect(got.tracked.map((f) => f.id).sort()).toEqual(
          expected
            .filter(tracked)
            .map((f) => f.id)
            .sort(),
        );
        hits += expected.length;
      }
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it('the same tracked fences are the same array, also where answers are built each time', () => {
    const random = rng(11);
    // 40 overlapping tracked circles around one spot: more tests than a node keeps outcomes for
    // (31), so there every answer is walked again into the index's scratch; and a road of its own.
    const spot: Geofence[] = Array.from({ length: 40 }, (_, k) =>
      circle(`o${k}`, 41.0 + (random() - 0.5) * 0.004, 122.0 + (random() - 0.5) * 0.004, 250, {
        notify: true,
      }),
    );
    const fenceList = [...fences(roads(10, random), 600, random), ...spot];
    const index = new GeofenceIndex(fenceList);
    const byKey = new Map<string, readonly Geofence[]>();
    let shared = 0;
    const points: [number, number][] = [];
    for (let k = 0; k < 4000; k++) points.push([40.7 + random() * 0.6, 121.9 + random() * 0.3]);
    for (let k = 0; k < 2000; k++)
      points.push([41.0 + (random() - 0.5) * 0.01, 122.0 + (random() - 0.5) * 0.01]);
    for (const [lat, lon] of points) {
      const got = index.at(lat, lon);
      const key = got.tracked.map((f) => f.id).join(',');
      const seen = byKey.get(key);
      if (seen) {
        expect(got.tracked, key).toBe(seen);
        shared++;
      } else byKey.set(key, got.tracked);
      // The index's own answer, and `lookup`'s copy of it, which the caller owns.
      const copy = index.lookup(lat, lon);
      expect(copy.tracked).not.toBe(got.tracked);
      expect(copy.tracked).toEqual(index.at(lat, lon).tracked);
    }
    // Many distinct lists of the overlapping circles, and many repeats of each.
    expect([...byKey.keys()].filter((k) => k.startsWith('o')).length).toBeGreaterThan(50);
    expect(shared).toBeGreaterThan(4000);
    expect(index.at(0, 0).tracked).toBe(index.at(41.0, 121.0).tracked);
  });

  it('an empty index answers nothing', () => {
    expect(new GeofenceIndex([]).lookup(41, 122).fences).toEqual([]);
  });

  it('validates shapes', () => {
    expect(validateFence(circle('c', 41, 122, 10))).toEqual([]);
    expect(validateFence(circle('c', 91, 122, 0))).toEqual([
      'circle centre out of range',
      'circle radius must be > 0',
    ]);
    expect(
      validateFence({ id: 'p', kind: 'custom', name: 'p', shape: { type: 'polygon', ring: [1, 2, 3, 4] } }),
    ).toEqual(['polygon needs at least 3 points']);
    expect(
      validateFence({
        id: 'r',
        kind: 'custom',
        name: 'r',
        shape: { type: 'corridor', line: [1, 2, 3, 4], widthM: 0 },
      }),
    ).toEqual(['corridor width must be > 0']);
  });
});
