import { describe, expect, it } from 'vitest';
import { pointInRing } from './geo.js';
import { GeofenceIndex, validateFence, type Geofence } from './geofences.js';

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
