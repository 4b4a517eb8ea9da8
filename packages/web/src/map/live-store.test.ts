import { describe, expect, it } from 'vitest';
import type { LiveVehicle } from '../api/types.js';
import { compass, countStates, filterVehicles, LiveStore, noFilters } from './live-store.js';

const v = (id: string, over: Partial<LiveVehicle> = {}): LiveVehicle => ({
  vehicleId: id,
  terminalId: `t-${id}`,
  deviceTime: '2026-11-22T08:00:00Z',
  lat: 41.1,
  lon: 122.0,
  speed: 40,
  heading: 90,
  alarms: [],
  status: 'online',
  ...over,
});

describe('LiveStore', () => {
  it('takes the snapshot, then merges changes by vehicle and tells its listeners', () => {
    const s = new LiveStore();
    let heard = 0;
    s.subscribe(() => heard++);
    expect(s.apply({ type: 'snapshot', vehicles: [v('a'), v('b')] })).toBe(true);
    expect(s.apply({ type: 'changes', vehicles: [v('b', { speed: 0 }), v('c')] })).toBe(true);
    expect(s.list().map((x) => `${x.vehicleId}:${x.speed}`)).toEqual(['a:40', 'b:0', 'c:40']);
    // A new snapshot (after a reconnect) replaces everything.
    s.apply({ type: 'snapshot', vehicles: [v('z')] });
    expect(s.list().map((x) => x.vehicleId)).toEqual(['z']);
    expect(heard).toBe(3);
    expect(s.version).toBe(3);
  });

  it('ignores other messages', () => {
    const s = new LiveStore();
    expect(s.apply({ type: 'hello' })).toBe(false);
    expect(s.apply(null)).toBe(false);
    expect(s.size).toBe(0);
  });
});

describe('filters', () => {
  const list = [
    v('a'),
    v('b', { speed: 0 }),
    v('c', { status: 'offline' }),
    v('d', { alarms: ['overspeed'] }),
  ];
  const info = new Map([
    ['a', { plate: '辽L10001', enterpriseId: 'e1' }],
    ['b', { plate: '辽L10002', enterpriseId: 'e2' }],
    ['c', { plate: '辽L20003', enterpriseId: 'e1' }],
  ]);
  const ids = (x: readonly LiveVehicle[]) => x.map((y) => y.vehicleId);

  it('passes everything without filters', () => {
    expect(filterVehicles(list, noFilters, info)).toBe(list);
  });
  it('filters by state, company and plate', () => {
    expect(ids(filterVehicles(list, { states: ['stopped', 'alarm'] }, info))).toEqual(['b', 'd']);
    expect(ids(filterVehicles(list, { states: [], enterpriseId: 'e1' }, info))).toEqual(['a', 'c']);
    expect(ids(filterVehicles(list, { states: [], plate: 'l1000' }, info))).toEqual(['a', 'b']);
  });
  it('counts states and names headings', () => {
    expect(countStates(list)).toEqual({ moving: 1, stopped: 1, offline: 1, alarm: 1 });
    expect([0, 44, 90, 181, 315, 359, -90].map(compass)).toEqual(['N', 'NE', 'E', 'S', 'NW', 'N', 'W']);
  });
});
