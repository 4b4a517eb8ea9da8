/**
 * Test support for the verification module: places, a company's vehicle with tank, driver,
 * escort and certificates, and waybills, all inserted with SQL (the waybills service is another
 * module's; these tests depend only on the tables).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.js';
import { idCheckChar } from '../archives/validation/id-number.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';

let n = 0;
const next = () => ++n + Math.floor(Math.random() * 1000) * 100;

export async function insertPlace(
  db: Queryable,
  kind: 'filling_site' | 'checkpoint',
  districtCode: string,
  name: string,
  id: string = randomUUID(),
): Promise<string> {
  const polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [122.07, 41.12],
        [122.072, 41.12],
        [122.072, 41.122],
        [122.07, 41.12],
      ],
    ],
  };
  await db.query(
    `INSERT INTO places (id, kind, district_code, name, polygon, area_m2, centre_lon, centre_lat, filing_status)
     VALUES ($1, $2, $3, $4, $5::jsonb, 40000, 122.071, 41.121, 'filed')`,
    [id, kind, districtCode, name, JSON.stringify(polygon)],
  );
  return id;
}

export interface Fleet {
  enterpriseId: string;
  vehicleId: string;
  plate: string;
  tankId: string;
  driverId: string;
  escortId: string;
}

export interface FleetOptions {
  districtCode?: string;
  scopeClasses?: number[];
  ratedLoadKg?: number;
  designMedium?: string | null;
  vehicleFiling?: string;
  /** valid_until of every certificate unless overridden per holder kind. */
  validUntil?: string;
  driverQualificationUntil?: string;
  marker?: string;
}

/** A filed company with one filed rigid tank truck (yellow plate), its tank, a driver and an escort. */
export async function insertFleet(db: Queryable, o: FleetOptions = {}): Promise<Fleet> {
  const k = next();
  const district = o.districtCode ?? '211102';
  const marker = o.marker ?? '';
  const enterpriseId = randomUUID();
  const vehicleId = randomUUID();
  const tankId = randomUUID();
  const driverId = randomUUID();
  const escortId = randomUUID();
  const plate = `辽M${String(k % 100000).padStart(5, '0')}`;
  await db.query(
    `INSERT INTO enterprises (id, name, uscc, district_code, address, legal_representative, safety_manager, phone,
       scope_classes, filing_status)
     VALUES ($1, $2, $3, $4, '盘锦市', '王法人', '李安全', '0427-1234567', '{2,3,8}', 'filed')`,
    [
      enterpriseId,
      `盘锦${marker}充装测试运输公司${k}`,
      makeUscc('91', district, `MB${String(k).padStart(6, '0')}`.slice(0, 8)),
      district,
    ],
  );
  await db.query(
    `INSERT INTO vehicles (id, enterprise_id, vehicle_type, plate, plate_colour, vin, scope_classes, rated_load_kg,
       filing_status)
     VALUES ($1, $2, 'rigid_tank', $3, 2, $4, $5, $6, $7)`,
    [
      vehicleId,
      enterpriseId,
      plate,
      withVinCheck(`LZZ5CLSB0NB${String(100000 + (k % 900000)).slice(0, 6)}`),
      o.scopeClasses ?? [3],
      o.ratedLoadKg ?? 20000,
      o.vehicleFiling ?? 'filed',
    ],
  );
  await db.query(
    `INSERT INTO tanks (id, vehicle_id, tank_no, volume_m3, design_medium) VALUES ($1, $2, $3, 30, $4)`,
    [tankId, vehicleId, `TK-${marker}${k}`, o.designMedium === undefined ? '汽油' : o.designMedium],
  );
  for (const [id, role, name] of [
    [driverId, 'driver', '张驾驶'],
    [escortId, 'escort', '李押运'],
  ] as const) {
    const first17 = `21110219800101${String(k % 1000).padStart(3, '0')}`.slice(0, 17);
    const idNo = `${first17.slice(0, 14)}${String((k * 2 + (role === 'driver' ? 0 : 1)) % 1000).padStart(3, '0')}`;
    await db.query(
      `INSERT INTO personnel (id, enterprise_id, name, id_number, birth_date, sex, roles, phone, photo_url, filing_status)
       VALUES ($1, $2, $3, $4, '1980-01-01', 'male', $5, '13800000000', $6, 'filed')`,
      [id, enterpriseId, name, `${idNo}${idCheckChar(idNo)}`, [role], `https://photos.example/${id}.jpg`],
    );
  }
  const valid = o.validUntil ?? '2027-12-31';
  const certs: [string, string, string, string][] = [
    ['vehicle', vehicleId, 'road_transport_cert', valid],
    ['vehicle', vehicleId, 'annual_review', valid],
    ['tank', tankId, 'tank_inspection', valid],
    ['person', driverId, 'qualification', o.driverQualificationUntil ?? valid],
    ['person', escortId, 'qualification', valid],
  ];
  for (const [holderType, holderId, kind, until] of certs) {
    await db.query(
      `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), holderType, holderId, enterpriseId, kind, `${kind}-${k}`, until],
    );
  }
  return { enterpriseId, vehicleId, plate, tankId, driverId, escortId };
}

export interface LineInput {
  unNumber: string;
  name: string;
  hazardClass: string;
  quantity: number;
  unit: 'kg' | 'L';
}

export const gasoline = (litres: number): LineInput => ({
  unNumber: '1203',
  name: '汽油',
  hazardClass: '3',
  quantity: litres,
  unit: 'L',
});

/** A waybill for the fleet's vehicle, tank and people, with a passed check unless told otherwise. */
export async function insertWaybill(
  db: Queryable,
  f: Fleet,
  o: {
    status?: string;
    lines?: LineInput[];
    checkPassed?: boolean;
    districtCode?: string;
    number?: string;
  } = {},
): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const number = o.number ?? `YD${Date.now().toString(36)}${next()}`;
  const checks = [
    { code: 'vehicle_filed', passed: true, messageZh: '车辆已备案', messageEn: 'Vehicle filed' },
    {
      code: 'quantity_within_rated_load',
      passed: o.checkPassed ?? true,
      messageZh: '载质量',
      messageEn: 'Load',
    },
  ];
  await db.query(
    `INSERT INTO waybills (id, number, enterprise_id, district_code, status, consignor_name, consignor_phone,
       consignee_name, consignee_phone, vehicle_id, tank_id, driver_id, escort_id, origin_name, destination_name,
       planned_departure, check_results, checked_at)
     VALUES ($1, $2, $3, $4, $5, '辽河石化', '0427-0000001', '大洼加油站', '0427-0000002', $6, $7, $8, $9,
       '辽河石化', '大洼加油站', '2026-11-02T00:00:00Z', $10::jsonb, '2026-11-01T23:00:00Z')`,
    [
      id,
      number,
      f.enterpriseId,
      o.districtCode ?? '211102',
      o.status ?? 'checked',
      f.vehicleId,
      f.tankId,
      f.driverId,
      f.escortId,
      JSON.stringify(checks),
    ],
  );
  for (const [i, l] of (o.lines ?? [gasoline(20000)]).entries()) {
    await db.query(
      `INSERT INTO waybill_lines (waybill_id, line_no, un_number, name, hazard_class, packing_group, packaging,
         quantity, unit)
       VALUES ($1, $2, $3, $4, $5, 'II', 'tank', $6, $7)`,
      [id, i + 1, l.unNumber, l.name, l.hazardClass, l.quantity, l.unit],
    );
  }
  return { id, number };
}

/** Polls until `f` answers something truthy (alarms arrive through the bus). */
export async function until<T>(f: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
