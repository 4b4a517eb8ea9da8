import { describe, expect, it } from 'vitest';
import { banActiveAt } from '../../rules/context.js';
import { checkBan, checkGeofence, toBanWindow, toGeofence, type BanRow, type GeofenceRow } from './zones.js';

const square: [number, number][] = [
  [122.0, 41.1],
  [122.1, 41.1],
  [122.1, 41.2],
  [122.0, 41.2],
  [122.0, 41.1],
];

const geofenceRow = (o: Partial<GeofenceRow>): GeofenceRow => ({
  id: 'g1',
  kind: 'ban_zone',
  name: '限行区',
  district_code: null,
  shape: { type: 'polygon', coordinates: square },
  road_class: null,
  posted_limit_kmh: null,
  priority: 0,
  goods_classes: null,
  active: true,
  remarks: null,
  version: 1,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  ...o,
});

describe('geofences and bans as the engine sees them', () => {
  it('a closed GeoJSON ring loses its repeated point; a ban zone is a plain fence; a speed zone keeps its limit', () => {
    expect(toGeofence(geofenceRow({}))).toEqual({
      id: 'g1',
      kind: 'custom',
      name: '限行区',
      shape: { type: 'polygon', ring: [122.0, 41.1, 122.1, 41.1, 122.1, 41.2, 122.0, 41.2] },
    });
    expect(
      toGeofence(
        geofenceRow({
          kind: 'speed_zone',
          shape: { type: 'corridor', coordinates: square.slice(0, 2), widthM: 60 },
          posted_limit_kmh: 40,
          priority: 2,
        }),
      ),
    ).toMatchObject({ kind: 'speed_zone', roadClass: 'other', postedLimitKmh: 40, priority: 2 });
    expect(toGeofence(geofenceRow({ kind: 'restricted_zone', goods_classes: ['6.1'] })).goodsClasses).toEqual(
      ['6.1'],
    );
  });

  it('a nightly weekday ban: 22:00–06:00 local on Mon–Fri', () => {
    const row: BanRow = {
      id: 'b1',
      name: '夜间限行',
      district_code: '211103',
      zone_ids: ['g1'],
      goods_classes: ['2.1'],
      periods: [],
      daily: [{ start: '22:00', end: '06:00' }],
      weekdays: [1, 2, 3, 4, 5],
      enterprise_id: null,
      basis: null,
      active: true,
      version: 1,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
    };
    const ban = toBanWindow(row);
    expect(ban).toEqual({
      id: 'b1',
      name: '夜间限行',
      fenceIds: ['g1'],
      goodsClasses: ['2.1'],
      daily: [{ startMinute: 1320, endMinute: 360 }],
      weekdays: [1, 2, 3, 4, 5],
    });
    const at = (s: string) => banActiveAt(ban, Date.parse(s), 480);
    expect(at('2026-11-23T21:59:00+08:00')).toBe(false); // Monday
    expect(at('2026-11-23T22:00:00+08:00')).toBe(true);
    expect(at('2026-11-24T05:59:00+08:00')).toBe(true);
    expect(at('2026-11-24T06:00:00+08:00')).toBe(false);
    expect(at('2026-11-28T23:00:00+08:00')).toBe(false); // Saturday
  });

  it('checks: shapes, speed-zone limits, goods classes, windows and weekdays', () => {
    expect(
      checkGeofence({ kind: 'ban_zone', name: 'x', shape: { type: 'polygon', coordinates: square } }),
    ).toEqual([]);
    expect(
      checkGeofence({
        kind: 'ban_zone',
        name: 'x',
        shape: { type: 'circle', center: [122, 41], radiusM: 0 },
      }),
    ).toEqual([{ field: 'shape', reason: 'circle radius must be > 0' }]);
    expect(
      checkGeofence({ kind: 'speed_zone', name: 'x', shape: { type: 'polygon', coordinates: square } }).map(
        (p) => p.field,
      ),
    ).toEqual(['postedLimitKmh']);
    expect(
      checkGeofence({
        kind: 'ban_zone',
        name: 'x',
        shape: { type: 'polygon', coordinates: square },
        goodsClasses: ['3'],
      }).map((p) => p.field),
    ).toEqual(['goodsClasses']);
    expect(
      checkBan({
        name: 'b',
        zoneIds: ['a', 'a'],
        goodsClasses: ['2.1', 'highly_toxic', '10'],
        periods: [{ from: '2026-10-01T00:00:00+08:00', to: '2026-10-01T00:00:00+08:00' }],
        weekdays: [1],
      }).map((p) => p.field),
    ).toEqual(['zoneIds', 'goodsClasses', 'periods[0]', 'weekdays']);
  });
});
