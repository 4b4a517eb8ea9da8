import { describe, expect, it } from 'vitest';
import type { GoodsFacts } from '../goods/facts.js';
import {
  fillingFindings,
  goodsMismatches,
  papersFindings,
  plannedKg,
  waybillValid,
  type LineFacts,
  type Subject,
  type VehicleFacts,
  type WaybillFacts,
} from './assess.js';

const TODAY = '2026-11-02';
const petrol: GoodsFacts = {
  unNumber: '1203',
  nameZh: '汽油',
  nameEn: 'Gasoline',
  hazardClass: '3',
  subsidiaryRisks: [],
  packingGroups: ['II'],
  special: [],
  physicalState: 'liquid',
  densityKgPerL: 0.74,
  ergGuide: '128',
};
const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  lineNo: 1,
  unNumber: '1203',
  name: '汽油',
  hazardClass: '3',
  quantity: 20000,
  unit: 'L',
  goods: petrol,
  ...over,
});
const vehicle = (over: Partial<VehicleFacts> = {}): VehicleFacts => ({
  id: 'v1',
  enterpriseId: 'e1',
  enterpriseName: '盘锦运输',
  districtCode: '211102',
  plate: '辽L12345',
  plateColour: 2,
  vehicleType: 'rigid_tank',
  filingStatus: 'filed',
  operatingStatus: 'active',
  scopeClasses: [3],
  ratedLoadKg: 20000,
  ...over,
});
const waybill = (over: Partial<WaybillFacts> = {}): WaybillFacts => ({
  id: 'w1',
  number: 'YD1',
  status: 'checked',
  checkResults: [{ code: 'vehicle_filed', passed: true }],
  enterpriseId: 'e1',
  districtCode: '211102',
  vehicleId: 'v1',
  trailerId: null,
  tankId: 't1',
  driverId: 'p1',
  escortId: null,
  originPlaceId: null,
  lines: [line()],
  ...over,
});
const subject = (over: Partial<Subject> = {}): Subject => ({
  plate: '辽L12345',
  plateColour: 2,
  vehicle: vehicle(),
  trailer: null,
  tank: { id: 't1', vehicleId: 'v1', tankNo: 'T1', volumeM3: 30, designMedium: '汽油' },
  driver: null,
  escort: null,
  waybill: waybill(),
  certificates: [],
  ...over,
});
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('verification verdicts', () => {
  it('a waybill is valid only when active and its check passed in every item', () => {
    expect(waybillValid(waybill())).toBe(true);
    expect(waybillValid(waybill({ status: 'in_transit' }))).toBe(true);
    expect(waybillValid(waybill({ status: 'submitted' }))).toBe(false);
    expect(waybillValid(waybill({ status: 'closed' }))).toBe(false);
    expect(waybillValid(waybill({ checkResults: [{ code: 'x', passed: false }] }))).toBe(false);
    expect(waybillValid(waybill({ checkResults: null }))).toBe(false);
    expect(waybillValid(null)).toBe(false);
  });

  it('converts litres with the catalogue density and reports lines it cannot convert', () => {
    expect(plannedKg([line(), line({ lineNo: 2, quantity: 500, unit: 'kg' })])).toEqual({
      kg: 15300,
      unconvertible: [],
    });
    expect(plannedKg([line({ unNumber: '9999', goods: null })])).toEqual({ kg: 0, unconvertible: ['9999'] });
  });

  it('flags an unknown plate, an unfiled vehicle and a missing waybill', () => {
    expect(codes(papersFindings(subject({ vehicle: null, waybill: null }), TODAY, 'no_waybill'))).toEqual([
      'unfiled_vehicle',
    ]);
    expect(
      codes(
        papersFindings(
          subject({ vehicle: vehicle({ filingStatus: 'draft' }), waybill: null }),
          TODAY,
          'no_waybill',
        ),
      ),
    ).toEqual(['unfiled_vehicle', 'no_waybill']);
    expect(codes(papersFindings(subject(), TODAY, 'no_waybill'))).toEqual([]);
  });

  it('a certificate is valid through its last day and expired the day after', () => {
    const cert = (validUntil: string) => ({
      holderType: 'person' as const,
      holderId: 'p1',
      kind: 'qualification',
      number: 'Q1',
      category: null,
      validUntil,
    });
    const driver = {
      id: 'p1',
      name: '张驾驶',
      role: 'driver' as const,
      phone: null,
      photoUrl: null,
      filingStatus: 'filed',
      employmentStatus: 'employed',
    };
    expect(papersFindings(subject({ driver, certificates: [cert(TODAY)] }), TODAY, 'no_waybill')).toEqual([]);
    const [f] = papersFindings(subject({ driver, certificates: [cert('2026-11-01')] }), TODAY, 'no_waybill');
    expect(f).toMatchObject({
      code: 'expired_certificate',
      holder: 'driver',
      messageZh: '驾驶员从业资格证已过期（2026-11-01）',
      messageEn: 'The driver’s qualification certificate expired on 2026-11-01',
    });
  });

  it('flags goods outside the vehicle’s or trailer’s scope and a tank built for another medium', () => {
    expect(goodsMismatches(subject())).toEqual([]);
    expect(goodsMismatches(subject({ vehicle: vehicle({ scopeClasses: [2] }) }))).toEqual([
      expect.objectContaining({ code: 'goods_mismatch', holder: 'vehicle', hazardClass: 3 }),
    ]);
    expect(
      goodsMismatches(subject({ trailer: vehicle({ id: 'v2', scopeClasses: [8] }) })).map((f) => f.holder),
    ).toEqual(['trailer']);
    const tank = { id: 't1', vehicleId: 'v1', tankNo: 'T1', volumeM3: 30, designMedium: '液氨' };
    expect(goodsMismatches(subject({ tank })).map((f) => f.holder)).toEqual(['tank']);
    // The medium may be written as the UN number or the English name too.
    expect(goodsMismatches(subject({ tank: { ...tank, designMedium: 'UN1203' } }))).toEqual([]);
    expect(goodsMismatches(subject({ tank: { ...tank, designMedium: null } }))).toEqual([]);
  });

  it('refuses a filling above the planned quantity plus the tolerance, or above the rated load', () => {
    const s = subject(); // 20,000 L × 0.74 = 14,800 kg planned, 20,000 kg rated
    expect(fillingFindings(s, TODAY, { grossKg: 29800, tareKg: 15000 }, 0).reasons).toEqual([]);
    expect(codes(fillingFindings(s, TODAY, { grossKg: 29801, tareKg: 15000 }, 0).reasons)).toEqual([
      'overfill_planned',
    ]);
    expect(fillingFindings(s, TODAY, { grossKg: 29900, tareKg: 15000 }, 100).reasons).toEqual([]);
    const big = subject({ waybill: waybill({ lines: [line({ quantity: 40000 })] }) });
    expect(codes(fillingFindings(big, TODAY, { grossKg: 35001, tareKg: 15000 }, 0).reasons)).toEqual([
      'overfill_rated_load',
    ]);
    // A trailer's rated load is the limit of a tractor-trailer combination.
    const combo = subject({ trailer: vehicle({ id: 'v2', ratedLoadKg: 10000 }) });
    expect(fillingFindings(combo, TODAY, null, 0).ratedLoadKg).toBe(10000);
  });

  it('refuses a waybill already in transit, and one whose quantity cannot be converted', () => {
    expect(
      codes(fillingFindings(subject({ waybill: waybill({ status: 'in_transit' }) }), TODAY, null, 0).reasons),
    ).toEqual(['waybill_in_transit']);
    const unknown = subject({ waybill: waybill({ lines: [line({ goods: null })] }) });
    const v = fillingFindings(unknown, TODAY, { grossKg: 20000, tareKg: 15000 }, 0);
    expect(codes(v.reasons)).toEqual(['planned_quantity_unknown']);
    expect(v.plannedKg).toBeNull();
  });

  it('at the filling site a missing waybill is no_waybill_at_filling', () => {
    expect(codes(fillingFindings(subject({ waybill: null }), TODAY, null, 0).reasons)).toEqual([
      'no_waybill_at_filling',
    ]);
  });
});
