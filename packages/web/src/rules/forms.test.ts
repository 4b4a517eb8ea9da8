import { describe, expect, it } from 'vitest';
import type { Shape } from '../geo/shapes.js';
import {
  chinaLocalToIso,
  CITY_WIDE,
  isoToChinaLocal,
  toBanBody,
  toBanValues,
  toGeofenceBody,
  toGeofenceValues,
} from './forms.js';
import type { BanWindow, Geofence } from './types.js';

const circle: Shape = { type: 'circle', center: [122.07, 41.12], radiusM: 800 };

describe('geofence body', () => {
  it('sends a speed zone’s limit and nulls the goods classes it cannot have', () => {
    const body = toGeofenceBody(
      {
        kind: 'speed_zone',
        name: ' 化工园区限速 ',
        postedLimitKmh: 40,
        goodsClasses: ['3'],
        districtCode: CITY_WIDE,
      },
      circle,
      { city: true },
    );
    expect(body).toMatchObject({
      kind: 'speed_zone',
      name: '化工园区限速',
      postedLimitKmh: 40,
      roadClass: null,
      districtCode: null,
      shape: circle,
    });
    expect(body).not.toHaveProperty('goodsClasses');
    expect(body).not.toHaveProperty('version');
  });

  it('sends a restricted zone’s classes, no district for a county, and the version on a change', () => {
    const body = toGeofenceBody(
      { kind: 'restricted_zone', name: 'Z', goodsClasses: ['2.1', 'highly_toxic'], postedLimitKmh: 60 },
      circle,
      { city: false, version: 3 },
    );
    expect(body.goodsClasses).toEqual(['2.1', 'highly_toxic']);
    expect(body.postedLimitKmh).toBeNull();
    expect(body).not.toHaveProperty('districtCode');
    expect(body.version).toBe(3);
  });

  it('reads a stored city-wide zone back into the form', () => {
    const g = {
      kind: 'ban_zone',
      name: 'B',
      districtCode: null,
      goodsClasses: null,
      remarks: null,
    } as Geofence;
    expect(toGeofenceValues(g)).toMatchObject({ districtCode: CITY_WIDE, goodsClasses: [], remarks: '' });
  });
});

describe('ban body', () => {
  it('turns China local times into instants and back', () => {
    expect(chinaLocalToIso('2026-12-01T08:30')).toBe('2026-12-01T00:30:00.000Z');
    expect(isoToChinaLocal('2026-12-01T00:30:00.000Z')).toBe('2026-12-01T08:30');
    expect(chinaLocalToIso('soon')).toBe('soon');
  });

  it('sends daily windows with sorted weekdays and drops empty lists to null', () => {
    const body = toBanBody(
      {
        name: '早晚高峰禁行',
        zoneIds: ['z1'],
        daily: [{ start: '07:00', end: '09:00' }],
        weekdays: [5, 1, 3],
        goodsClasses: [],
        districtCode: '211103',
      },
      { city: true, version: 2 },
    );
    expect(body).toMatchObject({
      daily: [{ start: '07:00', end: '09:00' }],
      weekdays: [1, 3, 5],
      periods: [],
      enterpriseId: null,
      districtCode: '211103',
      version: 2,
    });
    expect(body).not.toHaveProperty('goodsClasses');
  });

  it('round-trips a stored ban through the form', () => {
    const b = {
      name: 'N',
      districtCode: null,
      zoneIds: ['z'],
      goodsClasses: null,
      periods: [{ from: '2026-12-31T16:00:00.000Z', to: '2027-01-01T16:00:00.000Z' }],
      daily: [],
      weekdays: null,
      enterpriseId: null,
      basis: null,
      active: true,
    } as unknown as BanWindow;
    const values = toBanValues(b);
    expect(values.periods).toEqual([{ from: '2027-01-01T00:00', to: '2027-01-02T00:00' }]);
    expect(toBanBody(values as Parameters<typeof toBanBody>[0], { city: true })).toMatchObject({
      periods: b.periods,
      districtCode: null,
    });
  });
});
