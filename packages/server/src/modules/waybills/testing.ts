/**
 * Test support: a carrier whose gasoline trip passes every check — a filed enterprise with a
 * tractor, a tank trailer (40 m³), a driver and an escort with valid certificates, and a terminal
 * that reported just now — inserted directly; and a waybill body for it.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';
import type { WaybillInput } from './validation.js';

let n = 0;

export interface TestCarrier {
  enterpriseId: string;
  districtCode: string;
  tractorId: string;
  tractorPlate: string;
  trailerId: string;
  trailerPlate: string;
  tankId: string;
  driverId: string;
  escortId: string;
  terminalId: string;
}

const VALID = '2030-12-31';

export async function testCarrier(
  db: Queryable,
  districtCode: string,
  name = '盘锦测试危运有限公司',
  opts: { enterpriseId?: string; marker?: string } = {},
): Promise<TestCarrier> {
  n++;
  const k = String(n).padStart(4, '0');
  const tag = `${process.pid % 1000}${k}`.slice(-6);
  const c: TestCarrier = {
    enterpriseId: opts.enterpriseId ?? randomUUID(),
    districtCode,
    tractorId: randomUUID(),
    tractorPlate: `辽L9${tag.slice(-4)}`,
    trailerId: randomUUID(),
    trailerPlate: `辽L${tag.slice(-4)}挂`,
    tankId: randomUUID(),
    driverId: randomUUID(),
    escortId: randomUUID(),
    terminalId: randomUUID(),
  };
  if (!opts.enterpriseId)
    await db.query(
      `INSERT INTO enterprises (id, name, uscc, district_code, address, legal_representative, safety_manager, phone,
       scope_classes, filing_status)
     VALUES ($1, $2, $3, $4, '盘锦市', '王法人', '李安全', '0427-1234567', '{2,3}', 'filed')`,
      [
        c.enterpriseId,
        `${name}${k}`,
        makeUscc('91', districtCode, `WB${tag}`.padEnd(8, '0').slice(0, 8)),
        districtCode,
      ],
    );
  const vehicle = (id: string, type: string, plate: string, vin: string, rated: number) =>
    db.query(
      `INSERT INTO vehicles (id, enterprise_id, vehicle_type, plate, vin, scope_classes, transport_class, technical_grade,
         rated_load_kg, filing_status)
       VALUES ($1, $2, $3, $4, $5, '{3}', 3, 1, $6, 'filed')`,
      [id, c.enterpriseId, type, plate, withVinCheck(vin), rated],
    );
  await vehicle(c.tractorId, 'tractor', c.tractorPlate, `LWBT5CLS0NA1${tag.slice(-5)}`, 0);
  await vehicle(c.trailerId, 'trailer', c.trailerPlate, `LWBT5CLS0NA2${tag.slice(-5)}`, 30_000);
  await db.query(
    `INSERT INTO tanks (id, vehicle_id, tank_no, volume_m3, design_medium) VALUES ($1, $2, $3, 40, '汽油、柴油')`,
    [c.tankId, c.trailerId, `TK-${tag}`],
  );
  const who = opts.marker ?? '';
  const person = (id: string, nm: string, role: string, idNo: string) =>
    db.query(
      `INSERT INTO personnel (id, enterprise_id, name, id_number, birth_date, sex, roles, phone, filing_status)
       VALUES ($1, $2, $3, $4, '1980-05-01', 'male', $5, '13904271234', 'filed')`,
      [id, c.enterpriseId, `${nm}${who}`, idNo, [role]],
    );
  await person(c.driverId, '张驾驶', 'driver', `21110219800501${tag.slice(-3)}1`);
  await person(c.escortId, '李押运', 'escort', `21110219800501${tag.slice(-3)}2`);
  const cert = (type: string, holder: string, kind: string, category: string | null = null) =>
    db.query(
      `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, category, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), type, holder, c.enterpriseId, kind, `${kind}-${tag}`, category, VALID],
    );
  if (!opts.enterpriseId) await cert('enterprise', c.enterpriseId, 'operating_permit');
  for (const v of [c.tractorId, c.trailerId]) {
    await cert('vehicle', v, 'road_transport_cert');
    await cert('vehicle', v, 'annual_review');
    await cert('vehicle', v, 'liability_insurance');
  }
  await cert('tank', c.tankId, 'tank_inspection');
  await cert('person', c.driverId, 'qualification', '道路危险货物运输驾驶员');
  await cert('person', c.escortId, 'qualification', '道路危险货物运输押运人员');
  await db.query(
    `INSERT INTO terminals (id, enterprise_id, phone, terminal_code, maker, model, protocol_version, vehicle_id, filing_status)
     VALUES ($1, $2, $3, 'T1', 'maker', 'M1', '2019', $4, 'filed')`,
    [c.terminalId, c.enterpriseId, `0199${tag}`, c.tractorId],
  );
  await reportNow(db, c);
  return c;
}

/** The terminal reported just now (vehicle_live), so TERMINAL_OFFLINE passes. */
export async function reportNow(db: Queryable, c: TestCarrier, at = new Date()): Promise<void> {
  await db.query(
    `INSERT INTO vehicle_live (vehicle_id, terminal_id, device_time, received_at, lat, lon, speed, heading, altitude,
       alarm_bits, status_bits, last_seen_at)
     VALUES ($1, $2, $3, $3, 41.12, 122.07, 0, 0, 0, 0, 3, $3)
     ON CONFLICT (vehicle_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
    [c.tractorId, c.terminalId, at],
  );
}

/** A gasoline trip (UN 1203, 20 t in the trailer's tank) from Xinglongtai to Dawa. */
export function waybillBody(c: TestCarrier, over: Partial<WaybillInput> = {}): WaybillInput {
  const departure = new Date(Date.now() + 3_600_000);
  return {
    consignorName: '盘锦北方沥青燃料有限公司',
    consignorPhone: '0427-7891234',
    consigneeName: '大洼加油站',
    consigneePhone: '13904270001',
    loaderName: '装货人 王',
    loaderPhone: '13904270002',
    vehicleId: c.tractorId,
    trailerId: c.trailerId,
    tankId: c.tankId,
    driverId: c.driverId,
    escortId: c.escortId,
    originName: '盘锦港石化库区',
    originLon: 122.05,
    originLat: 41.1,
    destinationName: '大洼区加油站',
    destinationLon: 122.1,
    destinationLat: 41.0,
    plannedDeparture: departure.toISOString(),
    plannedArrival: new Date(departure.getTime() + 4 * 3_600_000).toISOString(),
    dispatcherName: '调度 赵',
    lines: [
      {
        unNumber: '1203',
        name: '汽油',
        hazardClass: '3',
        packingGroup: 'II',
        packaging: 'tank',
        quantity: 20_000,
        unit: 'kg',
      },
    ],
    ...over,
  };
}
