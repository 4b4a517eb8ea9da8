import { describe, expect, it } from 'vitest';
import {
  availableSteps,
  goodsOptionLabel,
  groupChecks,
  isoToLocal,
  listQuery,
  lookupOf,
  messageOf,
  netKg,
  toBody,
  toFormValues,
} from './present.js';
import type { CheckResult, Waybill } from './types.js';

const r = (code: string, passed: boolean, severity = 'error'): CheckResult => ({
  code,
  passed,
  severity,
  messageZh: `${code} 中文`,
  messageEn: `${code} english`,
});

describe('groupChecks', () => {
  it('puts failed errors first, then failed warnings, then passed, keeping the server order', () => {
    const groups = groupChecks([
      r('vehicle_filed', true),
      r('driver_age', false, 'warning'),
      r('tank_inspection', false),
      r('scope_class', false),
      r('permit', true, 'warning'),
    ]);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.code)])).toEqual([
      ['error', ['tank_inspection', 'scope_class']],
      ['warning', ['driver_age']],
      ['passed', ['vehicle_filed', 'permit']],
    ]);
  });
  it('leaves out empty groups', () => {
    expect(groupChecks([r('a', true)]).map((g) => g.group)).toEqual(['passed']);
    expect(groupChecks([])).toEqual([]);
  });
});

describe('messageOf', () => {
  it('answers in the console language', () => {
    expect(messageOf(r('x', false), 'zh-CN')).toBe('x 中文');
    expect(messageOf(r('x', false), 'en')).toBe('x english');
  });
});

describe('netKg', () => {
  it('is gross minus tare', () => {
    expect(netKg(32_000, 14_500)).toBe(17_500);
  });
  it('is null until both are given and gross exceeds tare', () => {
    expect(netKg(null, 14_500)).toBeNull();
    expect(netKg(30_000, undefined)).toBeNull();
    expect(netKg(14_000, 14_500)).toBeNull();
    expect(netKg(14_500, 14_500)).toBeNull();
    expect(netKg(0, -1)).toBeNull();
  });
});

describe('availableSteps', () => {
  it('keeps the lifecycle steps the API allows, in order', () => {
    expect(availableSteps(['cancel', 'depart', 'start_loading'])).toEqual(['start_loading', 'depart']);
    expect(availableSteps(['edit', 'submit', 'cancel'])).toEqual([]);
  });
});

describe('toBody', () => {
  const values = {
    consignorName: ' 盘锦石化 ',
    consignorPhone: '0427-1234567',
    consigneeName: '营口港',
    consigneePhone: '13800000000',
    loaderName: '',
    vehicleId: 'v1',
    trailerId: '',
    driverId: 'd1',
    originName: '辽东湾新区充装站',
    destinationName: '营口港',
    plannedDeparture: '2026-11-23T08:30',
    publicSecurityPermitNo: '  ',
    lines: [
      {
        unNumber: '1203',
        name: '汽油',
        hazardClass: '3',
        packingGroup: 'II' as const,
        quantity: 20000,
        unit: 'L' as const,
      },
      { unNumber: '' },
    ],
  };
  it('trims text, turns empty optionals into null, converts the time and drops empty lines', () => {
    const body = toBody(values)!;
    expect(body.consignorName).toBe('盘锦石化');
    expect(body.loaderName).toBeNull();
    expect(body.trailerId).toBeNull();
    expect(body.tankId).toBeNull();
    expect(body.driverId).toBe('d1');
    expect(body.publicSecurityPermitNo).toBeNull();
    expect(body.plannedDeparture).toBe(new Date('2026-11-23T08:30').toISOString());
    expect(body.plannedArrival).toBeNull();
    expect(body.lines).toEqual([
      {
        unNumber: '1203',
        name: '汽油',
        hazardClass: '3',
        packingGroup: 'II',
        packaging: 'tank',
        packageCount: null,
        quantity: 20000,
        unit: 'L',
      },
    ]);
  });
  it('is null without a vehicle, a departure time or a goods line', () => {
    expect(toBody({ ...values, vehicleId: undefined })).toBeNull();
    expect(toBody({ ...values, plannedDeparture: '' })).toBeNull();
    expect(toBody({ ...values, lines: [{ unNumber: '' }] })).toBeNull();
  });
  it('round-trips a saved waybill through the form', () => {
    const w = {
      ...toBody(values)!,
      id: 'w1',
      number: 'YD1',
      status: 'draft',
      enterpriseId: 'e1',
      enterpriseName: null,
      plate: '辽L1',
      trailerPlate: null,
      checkResults: null,
      checkedAt: null,
      departedAt: null,
      arrivedAt: null,
      closedAt: null,
      cancelReason: null,
      version: 1,
      createdAt: '2026-11-22T00:00:00Z',
      actions: [],
    } as Waybill;
    const back = toBody(toFormValues(w))!;
    expect(back).toEqual(toBody(values));
    expect(isoToLocal(w.plannedDeparture)).toBe('2026-11-23T08:30');
  });
});

describe('listQuery', () => {
  it('drops empty filters and bounds the days in China time', () => {
    expect(listQuery({ status: '', plate: ' 辽L ', fromDay: '2026-11-01', toDay: '2026-11-02' })).toEqual({
      status: undefined,
      plate: '辽L',
      number: undefined,
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-02T16:00:00.000Z',
    });
  });
});

describe('goodsOptionLabel', () => {
  const g = { unNumber: '1203', nameZh: '汽油', nameEn: 'Gasoline', hazardClass: '3', packingGroups: ['II'] };
  it('shows the UN number, name, class and packing groups', () => {
    expect(goodsOptionLabel(g, 'zh-CN')).toBe('UN1203 汽油 · 类别 3 · PG II');
    expect(goodsOptionLabel({ ...g, packingGroups: [] }, 'en')).toBe('UN1203 Gasoline · class 3');
  });
});

describe('lookupOf', () => {
  it('tells a waybill number from a plate', () => {
    expect(lookupOf(' yd202611230001 ')).toEqual({ waybillNumber: 'YD202611230001' });
    expect(lookupOf('辽L 12345')).toEqual({ plate: '辽L12345' });
    expect(lookupOf('辽lA123挂')).toEqual({ plate: '辽LA123挂' });
    expect(lookupOf('  ')).toBeNull();
  });
});
