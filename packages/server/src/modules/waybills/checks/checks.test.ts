import { describe, expect, it } from 'vitest';
import { checkCodes, allPassed, type CheckCode } from '../check-codes.js';
import type { GoodsFacts } from '../../goods/facts.js';
import type { CheckContext } from './context.js';
import { ageOn, chinaDate } from './context.js';
import { runChecks } from './index.js';
import { passingContext } from './testing.js';

const cyanide: GoodsFacts = {
  unNumber: '1689',
  nameZh: '氰化钠',
  nameEn: 'Sodium cyanide',
  hazardClass: '6.1',
  subsidiaryRisks: [],
  packingGroups: ['I'],
  special: ['highly_toxic'],
  physicalState: 'solid',
  densityKgPerL: null,
  ergGuide: '157',
};

/** Carry sodium cyanide (剧毒) in a tank, for the special-goods checks. */
function withCyanide(c: CheckContext): void {
  c.goods.set('1689', cyanide);
  c.waybill.lines = [
    {
      lineNo: 1,
      unNumber: '1689',
      name: '氰化钠溶液',
      hazardClass: '6.1',
      packingGroup: 'I',
      packaging: 'tank',
      quantity: 5000,
      unit: 'kg',
    },
  ];
  c.enterprise!.scopeClasses = [6];
  c.enterprise!.highlyToxic = true;
  c.vehicle!.scopeClasses = [6];
  c.trailer!.scopeClasses = [6];
  c.tank!.designMedium = null;
  c.tank!.volumeM3 = 10;
  c.waybill.publicSecurityPermitNo = '盘公剧毒运字2026-001';
}

/**
 * For every reason code: a change to the all-passing context that makes exactly that check fail,
 * and (where the code only applies to some waybills) a setup under which it applies and passes.
 */
const failing: Record<CheckCode, { pass?: (c: CheckContext) => void; fail: (c: CheckContext) => void }> = {
  ENTERPRISE_NOT_FILED: { fail: (c) => (c.enterprise!.filingStatus = 'submitted') },
  ENTERPRISE_SUSPENDED: { fail: (c) => (c.enterprise!.operatingStatus = 'suspended') },
  ENTERPRISE_PERMIT_EXPIRED: {
    fail: (c) => (c.enterprise!.certs.operating_permit!.validUntil = '2026-11-22'),
  },
  ENTERPRISE_SCOPE: { fail: (c) => (c.enterprise!.scopeClasses = [2]) },
  ENTERPRISE_SANCTIONED: {
    fail: (c) => (c.sanctions = [{ kind: 'capacity_limit', reason: '月度考核不合格', until: null }]),
  },
  VEHICLE_NOT_FILED: { fail: (c) => (c.vehicle!.filingStatus = 'draft') },
  VEHICLE_NOT_ACTIVE: { fail: (c) => (c.vehicle!.operatingStatus = 'suspended') },
  VEHICLE_ROAD_CERT_EXPIRED: { fail: (c) => delete c.vehicle!.certs.road_transport_cert },
  // Valid on departure day but not through the planned arrival two days later.
  VEHICLE_ANNUAL_REVIEW_EXPIRED: {
    fail: (c) => {
      c.vehicle!.certs.annual_review!.validUntil = '2026-11-23';
      c.waybill.plannedArrival = new Date('2026-11-25T08:00:00Z');
    },
  },
  VEHICLE_INSURANCE_EXPIRED: {
    fail: (c) => (c.vehicle!.certs.liability_insurance!.validUntil = '2026-01-01'),
  },
  VEHICLE_GRADE: { fail: (c) => (c.vehicle!.technicalGrade = 2) },
  VEHICLE_SCOPE: { fail: (c) => (c.vehicle!.scopeClasses = [8]) },
  TRAILER_NOT_FILED: { fail: (c) => (c.trailer!.filingStatus = 'rejected') },
  TRAILER_NOT_ACTIVE: { fail: (c) => (c.trailer!.operatingStatus = 'scrapped') },
  TRAILER_ROAD_CERT_EXPIRED: {
    fail: (c) => (c.trailer!.certs.road_transport_cert!.validUntil = '2025-12-31'),
  },
  TRAILER_ANNUAL_REVIEW_EXPIRED: { fail: (c) => delete c.trailer!.certs.annual_review },
  TRAILER_INSURANCE_EXPIRED: { fail: (c) => delete c.trailer!.certs.liability_insurance },
  TRAILER_GRADE: { fail: (c) => (c.trailer!.technicalGrade = 3) },
  TRAILER_SCOPE: { fail: (c) => (c.trailer!.scopeClasses = []) },
  TANK_MISSING: {
    fail: (c) => {
      c.waybill.tankId = null;
      c.tank = null;
    },
  },
  TANK_INSPECTION_EXPIRED: { fail: (c) => (c.tank!.certs.tank_inspection!.validUntil = '2026-11-01') },
  TANK_VOLUME: {
    pass: withCyanide,
    fail: (c) => {
      withCyanide(c);
      c.tank!.volumeM3 = 12; // highly toxic goods: at most 10 m³
    },
  },
  TANK_MEDIUM: { fail: (c) => (c.tank!.designMedium = '液氨') },
  DRIVER_MISSING: { fail: (c) => (c.driver!.employmentStatus = 'left') },
  DRIVER_NOT_FILED: { fail: (c) => (c.driver!.filingStatus = 'submitted') },
  DRIVER_CERT_EXPIRED: { fail: (c) => (c.driver!.certs.driving_licence!.validUntil = '2026-10-01') },
  DRIVER_CERT_CATEGORY: {
    fail: (c) => (c.driver!.certs.qualification!.category = '道路危险货物运输押运人员'),
  },
  // 60 on the trip date passes; 61 does not.
  DRIVER_AGE: {
    pass: (c) => (c.driver!.birthDate = '1966-11-23'),
    fail: (c) => (c.driver!.birthDate = '1965-11-23'),
  },
  ESCORT_MISSING: {
    fail: (c) => {
      c.waybill.escortId = null;
      c.escort = null;
    },
  },
  ESCORT_NOT_FILED: { fail: (c) => (c.escort!.filingStatus = 'draft') },
  ESCORT_CERT_EXPIRED: { fail: (c) => (c.escort!.certs.qualification!.validUntil = '2026-11-22') },
  ESCORT_CERT_CATEGORY: {
    fail: (c) => (c.escort!.certs.qualification!.category = '道路危险货物运输装卸管理人员'),
  },
  ESCORT_AGE: { fail: (c) => (c.escort!.birthDate = '1950-01-01') },
  OVER_RATED_LOAD: {
    fail: (c) => {
      c.waybill.lines[0]!.quantity = 30_001;
      c.tank!.volumeM3 = 50;
    },
  },
  // 40 m³ × 0.74 kg/L = 29,600 kg of gasoline fit the tank; 40,000 L do not fit 40,000 L + 1.
  OVER_TANK_CAPACITY: {
    pass: (c) => {
      c.waybill.lines[0]!.quantity = 40_000;
      c.waybill.lines[0]!.unit = 'L';
      c.trailer!.ratedLoadKg = 31_000;
    },
    fail: (c) => {
      c.waybill.lines[0]!.quantity = 40_001;
      c.waybill.lines[0]!.unit = 'L';
      c.trailer!.ratedLoadKg = 31_000;
    },
  },
  GOODS_UNKNOWN: { fail: (c) => c.goods.clear() },
  GOODS_CLASS_MISMATCH: { fail: (c) => (c.waybill.lines[0]!.packingGroup = 'III') },
  SPECIAL_PERMIT_MISSING: {
    pass: withCyanide,
    fail: (c) => {
      withCyanide(c);
      c.waybill.publicSecurityPermitNo = ' ';
    },
  },
  TERMINAL_OFFLINE: { fail: (c) => (c.terminal!.lastSeenAt = new Date('2026-11-23T00:49:00Z')) },
  ACTIVE_WAYBILL_EXISTS: {
    fail: (c) => (c.otherActive = [{ id: 'w0', number: 'YD202611220001', status: 'in_transit' }]),
  },
};

const find = (c: CheckContext, code: CheckCode) => runChecks(c).find((r) => r.code === code);

describe('automatic waybill checks', () => {
  it('pass every check on a sound gasoline trip', () => {
    const results = runChecks(passingContext());
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(allPassed(results)).toBe(true);
  });

  for (const code of Object.keys(checkCodes) as CheckCode[]) {
    it(`${code}: one case passes, one fails`, () => {
      const ok = passingContext();
      failing[code].pass?.(ok);
      const passed = find(ok, code);
      expect(passed, 'the check applies').toBeDefined();
      expect(passed!.passed).toBe(true);
      expect(runChecks(ok).filter((r) => !r.passed)).toEqual([]);

      const bad = passingContext();
      failing[code].fail(bad);
      const failed = find(bad, code)!;
      expect(failed.passed).toBe(false);
      expect(failed.messageZh).toBe(checkCodes[code].failZh);
      expect(failed.messageEn).toBe(checkCodes[code].failEn);
      // The change spoils this check and no other (one reason, one code), but a removed
      // person or tank has no further results.
      expect(
        runChecks(bad)
          .filter((r) => !r.passed)
          .map((r) => r.code),
      ).toEqual([code]);
      expect(allPassed(runChecks(bad))).toBe(checkCodes[code].severity === 'warning');
    });
  }

  it('gives the facts behind a result', () => {
    const c = passingContext();
    c.tank!.volumeM3 = 50;
    c.waybill.lines[0]!.quantity = 31_000;
    expect(find(c, 'OVER_RATED_LOAD')).toMatchObject({
      passed: false,
      severity: 'error',
      detail: { totalKg: 31_000, ratedLoadKg: 30_000 },
    });
    c.waybill.lines[0]!.unit = 'L';
    c.waybill.lines[0]!.quantity = 30_000; // 30,000 L × 0.74 = 22,200 kg
    expect(find(c, 'OVER_RATED_LOAD')).toMatchObject({ passed: true, detail: { totalKg: 22_200 } });
    c.params.terminalOnlineMinutes = 3;
    expect(find(c, 'TERMINAL_OFFLINE')).toMatchObject({
      passed: false,
      detail: { lastSeenAt: '2026-11-23T00:55:00.000Z', withinMinutes: 3 },
    });
  });

  it('gives no trailer or tank results without a trailer or tank, and fails a vehicle without a terminal', () => {
    const c = passingContext();
    c.waybill.trailerId = null;
    c.trailer = null;
    c.waybill.tankId = null;
    c.tank = null;
    c.waybill.lines[0]!.packaging = '200L 钢桶';
    c.vehicle!.ratedLoadKg = 25_000;
    c.terminal = null;
    const codes = runChecks(c).map((r) => r.code);
    expect(codes.filter((x) => x.startsWith('TRAILER_') || x.startsWith('TANK_'))).toEqual([]);
    expect(
      runChecks(c)
        .filter((r) => !r.passed)
        .map((r) => r.code),
    ).toEqual(['TERMINAL_OFFLINE']);
  });

  it('counts age in full years in China time and validity through the trip end', () => {
    expect(ageOn('1966-11-24', '2026-11-23')).toBe(59);
    expect(ageOn('1966-11-23', '2026-11-23')).toBe(60);
    expect(chinaDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
  });
});
