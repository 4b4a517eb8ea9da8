import { describe, expect, it } from 'vitest';
import { StaticRuleContext } from './context.js';
import { banActiveAt, goodsMatch } from './context.js';
import { GeofenceIndex } from './geofences.js';
import { defaultRuleParams, isNight, localDay, resolveParams, validateOverrides } from './params.js';

const local = (s: string) => Date.parse(`${s}+08:00`);

describe('rule parameters', () => {
  it('defaults follow the regulations', () => {
    expect(defaultRuleParams.expresswayLimitKmh).toBe(80);
    expect(defaultRuleParams.otherRoadLimitKmh).toBe(60);
    expect(defaultRuleParams.fatigueDayLimitSec).toBe(4 * 3600);
    expect(defaultRuleParams.fatigueNightLimitSec).toBe(2 * 3600);
    expect(defaultRuleParams.fatigueRestSec).toBe(20 * 60);
    expect(defaultRuleParams.dailyDrivingLimitSec).toBe(8 * 3600);
  });

  it('layers global ← enterprise ← vehicle', () => {
    const ctx = new StaticRuleContext(new GeofenceIndex([]));
    ctx.setGlobalParams({ parkingMinSec: 20 * 60 });
    ctx.setEnterpriseParams('e1', { parkingMinSec: 40 * 60, offlineSec: 600 });
    ctx.setVehicleParams('v2', { offlineSec: 900 });
    expect(ctx.params('v1', 'e1').parkingMinSec).toBe(40 * 60);
    expect(ctx.params('v2', 'e1').offlineSec).toBe(900);
    expect(ctx.params('v3', null).parkingMinSec).toBe(20 * 60);
    expect(ctx.params('v3', null).offlineSec).toBe(1200);
  });

  it('lists every bad override', () => {
    expect(validateOverrides({ speedLimit: 3, otherRoadLimitKmh: 500, fatigueRestSec: 'x' })).toEqual([
      { key: 'speedLimit', code: 'unknown', problem: 'unknown parameter', zh: '不是可设置的阈值' },
      {
        key: 'otherRoadLimitKmh',
        code: 'range',
        problem: 'must be between 10 and 120',
        zh: '取值范围 10–120',
      },
      { key: 'fatigueRestSec', code: 'number', problem: 'must be a finite number', zh: '必须是数字' },
    ]);
    expect(() => resolveParams({ otherRoadLimitKmh: 0 })).toThrow(/otherRoadLimitKmh/);
  });

  it('night wraps midnight in local time', () => {
    const p = defaultRuleParams;
    expect(isNight(local('2026-11-23T21:59:59'), p)).toBe(false);
    expect(isNight(local('2026-11-23T22:00:00'), p)).toBe(true);
    expect(isNight(local('2026-11-24T05:59:00'), p)).toBe(true);
    expect(isNight(local('2026-11-24T06:00:00'), p)).toBe(false);
    expect(localDay(local('2026-11-24T00:30:00'), 480)).toBe('2026-11-24');
  });
});

describe('ban windows and goods', () => {
  it('matches classes and their divisions', () => {
    expect(goodsMatch(undefined, [])).toBe(true);
    expect(goodsMatch(['2'], ['2.1'])).toBe(true);
    expect(goodsMatch(['2.1'], ['2'])).toBe(false);
    // A class matches its divisions only, not another class that starts with the same digit.
    expect(goodsMatch(['2'], ['21'])).toBe(false);
    expect(goodsMatch(['2'], ['2x1'])).toBe(false);
    expect(goodsMatch(['6.1'], ['6.1.2'])).toBe(true);
    expect(goodsMatch(['highly_toxic'], ['6.1', 'highly_toxic'])).toBe(true);
    expect(goodsMatch(['1'], ['3'])).toBe(false);
  });

  it('daily windows by weekday: a Friday-night window runs into Saturday morning', () => {
    const ban = {
      id: 'b',
      name: 'b',
      fenceIds: [],
      daily: [{ startMinute: 22 * 60, endMinute: 6 * 60 }],
      weekdays: [5],
    };
    expect(banActiveAt(ban, local('2026-11-27T23:00:00'), 480)).toBe(true); // Friday
    expect(banActiveAt(ban, local('2026-11-28T05:00:00'), 480)).toBe(true); // Saturday morning
    expect(banActiveAt(ban, local('2026-11-28T23:00:00'), 480)).toBe(false); // Saturday night
    expect(banActiveAt({ id: 'a', name: 'a', fenceIds: [] }, 0, 480)).toBe(true);
  });
});
