import { describe, expect, it } from 'vitest';
import { activeWaybill, isArchiveId, placardsOf, type CardWaybill } from './active-waybill.js';
import {
  compass,
  filtersUseInfo,
  infoOfRecord,
  LiveStore,
  noFilters,
  rowFilter,
  rowOfView,
  rowState,
  viewOfRow,
  type FeedRow,
  type VehicleInfo,
} from './live-store.js';

const t = Date.parse('2026-11-22T08:00:00Z');
const row = (id: string, over: Partial<Record<1 | 2 | 3 | 5 | 8, unknown>> = {}): FeedRow => {
  const r: FeedRow = [id, 122.0, 41.1, 40, 90, 1, t, t + 1000, []];
  for (const [k, v] of Object.entries(over)) (r as unknown[])[Number(k)] = v;
  return r;
};

describe('LiveStore (feed format 2)', () => {
  it('takes the snapshot, merges deltas by vehicle, and a new snapshot replaces everything', () => {
    const s = new LiveStore();
    expect(s.apply({ v: 2, type: 'snapshot', rows: [row('a'), row('b')] })).toMatchObject({ snapshot: true });
    const d = s.apply({ v: 2, type: 'delta', rows: [row('b', { 3: 0 }), row('c')] });
    expect(d?.snapshot).toBe(false);
    expect(d?.rows.map((r) => r[0])).toEqual(['b', 'c']);
    expect([...s.rows()].map((r) => `${r[0]}:${r[3]}`)).toEqual(['a:40', 'b:0', 'c:40']);
    s.apply({ v: 2, type: 'snapshot', rows: [row('z')] });
    expect([...s.rows()].map((r) => r[0])).toEqual(['z']);
  });

  it('ignores other messages and other versions, and skips malformed rows', () => {
    const s = new LiveStore();
    expect(s.apply({ type: 'snapshot', vehicles: [] })).toBeNull(); // format 1
    expect(s.apply({ v: 3, type: 'delta', rows: [] })).toBeNull();
    expect(s.apply(null)).toBeNull();
    const d = s.apply({ v: 2, type: 'delta', rows: [row('a'), ['b', 'x'], { id: 'c' }] });
    expect(d?.rows.map((r) => r[0])).toEqual(['a']);
    expect(s.size).toBe(1);
  });

  it('converts between rows and the API’s vehicle records', () => {
    const v = viewOfRow(row('a', { 5: 0, 8: ['overspeed'] }));
    expect(v).toMatchObject({
      vehicleId: 'a',
      status: 'offline',
      alarms: ['overspeed'],
      deviceTime: '2026-11-22T08:00:00.000Z',
      lastSeenAt: '2026-11-22T08:00:01.000Z',
    });
    expect(rowOfView(v)).toEqual(row('a', { 5: 0, 8: ['overspeed'] }));
  });
});

describe('filters', () => {
  const rows = [row('a'), row('b', { 3: 0 }), row('c', { 5: 0 }), row('d', { 8: ['overspeed'] })];
  const info = new Map<string, VehicleInfo>([
    ['a', { plate: '辽L10001', enterpriseId: 'e1', districtCode: '211103', transportClass: 3 }],
    ['b', { plate: '辽L10002', enterpriseId: 'e2', districtCode: '211122', transportClass: 2 }],
    ['c', { plate: '辽L20003', enterpriseId: 'e1', districtCode: '211103', transportClass: 2 }],
  ]);
  const ids = (f: Parameters<typeof rowFilter>[0]) => rows.filter(rowFilter(f, info)).map((r) => r[0]);

  it('passes everything without filters', () => {
    expect(ids(noFilters)).toEqual(['a', 'b', 'c', 'd']);
    expect(filtersUseInfo(noFilters)).toBe(false);
  });
  it('filters by state, company, district, class of goods and plate; unknown vehicles fail archive filters', () => {
    expect(rows.map(rowState)).toEqual(['moving', 'stopped', 'offline', 'alarm']);
    expect(ids({ states: ['stopped', 'alarm'] })).toEqual(['b', 'd']);
    expect(ids({ states: [], enterpriseId: 'e1' })).toEqual(['a', 'c']);
    expect(ids({ states: [], districtCode: '211122' })).toEqual(['b']);
    expect(ids({ states: [], goodsClass: 2 })).toEqual(['b', 'c']);
    expect(ids({ states: [], goodsClass: 2, districtCode: '211103' })).toEqual(['c']);
    expect(ids({ states: [], plate: 'l1000' })).toEqual(['a', 'b']);
    expect(ids({ states: ['offline'], enterpriseId: 'e2' })).toEqual([]);
    expect(filtersUseInfo({ states: [], plate: '  ' })).toBe(false);
  });
  it('reads the archive record, keeping only a real class 1–9', () => {
    expect(
      infoOfRecord({ id: 'x', plate: '辽L1', enterpriseId: 'e', districtCode: '211103', transportClass: 3 }),
    ).toEqual({ plate: '辽L1', enterpriseId: 'e', districtCode: '211103', transportClass: 3 });
    expect(infoOfRecord({ id: 'x', transportClass: 12 })).toEqual({
      plate: 'x',
      enterpriseId: null,
      districtCode: null,
      transportClass: null,
    });
  });
  it('names headings', () => {
    expect([0, 44, 90, 181, 315, 359, -90].map(compass)).toEqual(['N', 'NE', 'E', 'S', 'NW', 'N', 'W']);
  });
});

describe('active waybill on the card', () => {
  const line = (unNumber: string, hazardClass: string, name: string) => ({
    unNumber,
    hazardClass,
    name,
    packingGroup: null,
    packaging: 'tank',
    packageCount: null,
    quantity: 1,
    unit: 'kg' as const,
  });
  const w = (status: CardWaybill['status'], lines = [line('1203', '3', '汽油')]) =>
    ({ id: status, number: `YD-${status}`, status, lines }) as unknown as CardWaybill;

  it('picks the one checked, loading or in transit', () => {
    expect(activeWaybill([w('closed'), w('in_transit'), w('draft')])?.status).toBe('in_transit');
    expect(activeWaybill([w('closed'), w('check_failed')])).toBeNull();
  });
  it('has one placard per UN number', () => {
    const many = w('loading', [
      line('1203', '3', '汽油'),
      line('1203', '3', '汽油'),
      line('1005', '2.3', '氨'),
    ]);
    expect(placardsOf(many)).toEqual([
      { unNumber: '1203', hazardClass: '3', name: '汽油' },
      { unNumber: '1005', hazardClass: '2.3', name: '氨' },
    ]);
  });
  it('asks only for archive vehicles', () => {
    expect(isArchiveId('0b5f3c1e-8f0e-4a8b-9d51-1c6e2f3a4b5c')).toBe(true);
    expect(isArchiveId('perf-00001')).toBe(false);
  });
});
