/** Test support: a check context in which every check passes, to be spoiled one fact at a time. */
import type { GoodsFacts } from '../../goods/facts.js';
import type { CheckContext, CheckParams, Certs } from './context.js';

export const defaultCheckParams: CheckParams = {
  terminalOnlineMinutes: 10,
  maxAgeYears: 60,
  driverCertCategory: '驾驶员',
  escortCertCategory: '押运',
  tankMaxM3HighlyToxic: 10,
  tankMaxM3Restricted: 20,
};

const valid = (number: string, category: string | null = null) => ({
  number,
  category,
  validUntil: '2028-12-31',
});

const vehicleCerts = (): Certs => ({
  road_transport_cert: valid('辽交运管盘字211100000001号'),
  annual_review: valid('AR-1'),
  liability_insurance: valid('PICC-1'),
});

/** UN 1203 gasoline, as the catalogue has it (class 3, PG II, 0.74 kg/L). */
export const gasoline: GoodsFacts = {
  unNumber: '1203',
  nameZh: '汽油',
  nameEn: 'Motor spirit (gasoline)',
  hazardClass: '3',
  subsidiaryRisks: [],
  packingGroups: ['II'],
  special: [],
  physicalState: 'liquid',
  densityKgPerL: 0.74,
  ergGuide: '128',
};

/** A gasoline trip on a tractor with a tank trailer: every check passes. */
export function passingContext(): CheckContext {
  return {
    now: new Date('2026-11-23T01:00:00Z'),
    waybill: {
      id: null,
      enterpriseId: 'e1',
      vehicleId: 'v1',
      trailerId: 't1',
      tankId: 'k1',
      driverId: 'p1',
      escortId: 'p2',
      plannedDeparture: new Date('2026-11-23T02:00:00Z'),
      plannedArrival: new Date('2026-11-23T08:00:00Z'),
      publicSecurityPermitNo: null,
      lines: [
        {
          lineNo: 1,
          unNumber: '1203',
          name: '汽油',
          hazardClass: '3',
          packingGroup: 'II',
          packaging: 'tank',
          quantity: 20_000,
          unit: 'kg',
        },
      ],
    },
    enterprise: {
      id: 'e1',
      name: '盘锦甲危运有限公司',
      filingStatus: 'filed',
      operatingStatus: 'active',
      scopeClasses: [2, 3],
      scopeDivisions: [],
      highlyToxic: false,
      explosives: false,
      radioactive: false,
      hazardousWaste: false,
      certs: { operating_permit: valid('辽交运管许可盘字211100001号') },
    },
    vehicle: {
      id: 'v1',
      enterpriseId: 'e1',
      plate: '辽L12345',
      vehicleType: 'tractor',
      filingStatus: 'filed',
      operatingStatus: 'active',
      technicalGrade: 1,
      ratedLoadKg: 0,
      scopeClasses: [3],
      certs: vehicleCerts(),
    },
    trailer: {
      id: 't1',
      enterpriseId: 'e1',
      plate: '辽L1234挂',
      vehicleType: 'trailer',
      filingStatus: 'filed',
      operatingStatus: 'active',
      technicalGrade: 1,
      ratedLoadKg: 30_000,
      scopeClasses: [3],
      certs: vehicleCerts(),
    },
    tank: {
      id: 'k1',
      vehicleId: 't1',
      tankNo: 'TK-1',
      volumeM3: 40,
      designMedium: '汽油、柴油',
      certs: { tank_inspection: valid('TI-1') },
    },
    driver: {
      id: 'p1',
      enterpriseId: 'e1',
      name: '张驾驶',
      roles: ['driver'],
      birthDate: '1975-03-01',
      filingStatus: 'filed',
      employmentStatus: 'employed',
      certs: {
        qualification: valid('Q-1', '道路危险货物运输驾驶员'),
        driving_licence: valid('DL-1', 'A2'),
      },
    },
    escort: {
      id: 'p2',
      enterpriseId: 'e1',
      name: '李押运',
      roles: ['escort'],
      birthDate: '1980-06-15',
      filingStatus: 'filed',
      employmentStatus: 'employed',
      certs: { qualification: valid('Q-2', '道路危险货物运输押运人员') },
    },
    goods: new Map([['1203', gasoline]]),
    terminal: { terminalId: 'm1', lastSeenAt: new Date('2026-11-23T00:55:00Z') },
    otherActive: [],
    sanctions: [],
    params: { ...defaultCheckParams },
  };
}
