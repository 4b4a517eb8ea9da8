import { describe, expect, it } from 'vitest';
import type { Alarm } from '../api/types.js';
import { alarmQuery, matches, mergeAlarm, minutesLeft, percent } from './list.js';

const alarm = (over: Partial<Alarm>): Alarm => ({
  id: 'a1',
  source: 'rule',
  type: 'overspeed',
  severity: 'high',
  status: 'pending',
  level: 'company',
  episode: 'active',
  vehicleId: 'v1',
  plate: '辽L70001',
  enterpriseId: 'e1',
  districtCode: '211103',
  driverId: null,
  waybillId: null,
  startedAt: '2026-11-22T08:00:00.000Z',
  endedAt: null,
  openedAt: '2026-11-22T08:00:05.000Z',
  deadlineAt: '2026-11-22T08:10:05.000Z',
  overdue: false,
  supervised: false,
  escalations: 0,
  firstResponseAt: null,
  handledAt: null,
  handledOnTime: null,
  closedAt: null,
  lat: 41.12,
  lon: 122.07,
  threshold: 80,
  measured: 96,
  unit: 'km/h',
  evidence: {},
  version: 1,
  ...over,
});

describe('alarm list', () => {
  it('puts a new pushed alarm on top and replaces a known one with its newer version', () => {
    const list = [alarm({ id: 'a1' })];
    const added = mergeAlarm(list, alarm({ id: 'a2' }), {});
    expect(added.map((a) => a.id)).toEqual(['a2', 'a1']);
    const changed = mergeAlarm(added, alarm({ id: 'a1', status: 'processing', version: 2 }), {});
    expect(changed.map((a) => `${a.id}:${a.status}`)).toEqual(['a2:pending', 'a1:processing']);
    // An older version arriving late changes nothing.
    expect(mergeAlarm(changed, alarm({ id: 'a1', version: 1 }), {})[1]!.status).toBe('processing');
  });

  it('drops an alarm that no longer matches the filters', () => {
    const list = [alarm({ id: 'a1' })];
    expect(
      mergeAlarm(list, alarm({ id: 'a1', status: 'handled', version: 2 }), { status: 'pending' }),
    ).toEqual([]);
    expect(mergeAlarm(list, alarm({ id: 'a9', severity: 'low' }), { severity: 'high' })).toHaveLength(1);
  });

  it('matches plates case-insensitively and times by start', () => {
    expect(matches(alarm({}), { plate: 'l700' })).toBe(true);
    expect(matches(alarm({}), { plate: 'L799' })).toBe(false);
    expect(matches(alarm({}), { from: '2026-11-22T09:00:00.000Z' })).toBe(false);
  });

  it('builds the API query without empty filters', () => {
    expect(alarmQuery({ type: '', severity: 'high', plate: 'L7' }, 2, 50)).toEqual({
      type: undefined,
      severity: 'high',
      status: undefined,
      enterpriseId: undefined,
      plate: 'L7',
      from: undefined,
      to: undefined,
      page: 2,
      pageSize: 50,
    });
  });

  it('counts minutes to the deadline and shows rates as percents', () => {
    expect(minutesLeft(alarm({}), new Date('2026-11-22T08:05:05Z'))).toBe(5);
    expect(minutesLeft(alarm({}), new Date('2026-11-22T08:12:05Z'))).toBe(-2);
    expect(percent(0.9)).toBe(90);
    expect(percent(0.8765)).toBe(87.7);
    expect(percent(null)).toBeNull();
  });
});
