import { describe, expect, it } from 'vitest';
import { en, zh } from '../i18n/dict.js';
import { inherited, matchesLayer, PARAM_KEYS, paramHint, toParamBody, type ParamLayer } from './params.js';

const layer = (
  scope: ParamLayer['scope'],
  overrides: Record<string, number>,
  name: string | null = null,
  enterpriseName: string | null = null,
): ParamLayer => ({
  scope,
  id: scope === 'city' ? null : scope,
  name,
  enterpriseName,
  overrides,
  basis: null,
  version: 1,
  updatedAt: '2026-12-07T00:00:00.000Z',
});

describe('rule thresholds', () => {
  it('lists each of the 31 parameters once, each named in both languages', () => {
    expect(PARAM_KEYS).toHaveLength(31);
    expect(new Set(PARAM_KEYS).size).toBe(31);
    for (const k of PARAM_KEYS) {
      expect(zh).toHaveProperty([`param.${k}`]);
      expect(en).toHaveProperty([`param.${k}`]);
    }
  });

  it('filters the list by company name or plate, always keeping the city', () => {
    const city = layer('city', { parkingMinSec: 1200 });
    const company = layer('enterprise', {}, '盘锦顺达危险品运输有限公司');
    const vehicle = layer('vehicle', {}, '辽L 12345', '盘锦顺达危险品运输有限公司');
    const other = layer('vehicle', {}, '辽L67890', '盘锦安运物流有限公司');
    const all = [city, company, vehicle, other];
    expect(all.filter((l) => matchesLayer(l, ''))).toEqual(all);
    expect(all.filter((l) => matchesLayer(l, '顺达'))).toEqual([city, company, vehicle]);
    expect(all.filter((l) => matchesLayer(l, 'l123 45'))).toEqual([city, vehicle]);
    expect(all.filter((l) => matchesLayer(l, '安运'))).toEqual([city, other]);
    expect(all.filter((l) => matchesLayer(l, '不存在'))).toEqual([city]);
  });

  it('reads values as people do', () => {
    expect(paramHint(14_400, 's', 'zh-CN')).toBe('4 小时');
    expect(paramHint(1_230, 's', 'en')).toBe('20 min 30 s');
    expect(paramHint(0, 's', 'en')).toBe('0 s');
    expect(paramHint(22 * 60, 'minuteOfDay', 'en')).toBe('22:00');
    expect(paramHint(6 * 60 + 5, 'minuteOfDay', 'en')).toBe('06:05');
    expect(paramHint(480, 'minutes', 'en')).toBe('UTC+8');
    expect(paramHint(-570, 'minutes', 'en')).toBe('UTC-9:30');
    expect(paramHint(1500, 'm', 'en')).toBe('1.5 km');
    expect(paramHint(500, 'm', 'zh-CN')).toBe('500 m');
    expect(paramHint(80, 'kmh', 'en')).toBe('80 km/h');
  });

  it('sends only the values given, zero included, the basis trimmed and the version read', () => {
    expect(
      toParamBody(
        {
          overrides: {
            parkingMinSec: 1200,
            overspeedMergeSec: 0,
            offlineSec: null,
            bogus: 5,
            fatigueRestSec: undefined,
          },
          basis: '  市局通知  ',
        },
        3,
      ),
    ).toEqual({ overrides: { parkingMinSec: 1200, overspeedMergeSec: 0 }, basis: '市局通知', version: 3 });
    expect(toParamBody({ overrides: {}, basis: '   ' }, 0)).toEqual({
      overrides: {},
      basis: null,
      version: 0,
    });
  });

  it('stacks the defaults and the layers above the one being edited, in rule order', () => {
    const defaults = { parkingMinSec: 1800, offlineSec: 1200, driftSpeedKmh: 160 };
    const layers = [
      layer('vehicle', { parkingMinSec: 600 }),
      layer('enterprise', { parkingMinSec: 900, offlineSec: 900 }),
      layer('city', { parkingMinSec: 1200, driftSpeedKmh: 150 }),
    ];
    expect(inherited(defaults, layers, 'city')).toEqual(defaults);
    expect(inherited(defaults, layers, 'enterprise')).toEqual({
      parkingMinSec: 1200,
      offlineSec: 1200,
      driftSpeedKmh: 150,
    });
    expect(inherited(defaults, layers, 'vehicle')).toEqual({
      parkingMinSec: 900,
      offlineSec: 900,
      driftSpeedKmh: 150,
    });
  });
});
