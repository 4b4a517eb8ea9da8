/** Test support: an active waybill with its carrier, vehicles, tank, people, certificates and lines, inserted as rows. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/db.js';
import { company } from '../../alarms/testing.js';
import { idCheckChar } from '../../archives/validation/id-number.js';
import { withVinCheck } from '../../archives/validation/vin.js';

let n = 0;

export interface WaybillLineInput {
  unNumber: string;
  name: string;
  hazardClass: string;
  packingGroup: string | null;
  packaging: string;
  quantity: number;
  unit: 'kg' | 'L';
}

async function person(db: Db, enterpriseId: string, name: string, role: string, phone: string) {
  n++;
  const id = randomUUID();
  const first17 = `21110219850${String(n % 10)}0${String(100 + n).slice(-3)}1`.slice(0, 17);
  await db.query(
    `INSERT INTO personnel (id, enterprise_id, name, id_number, birth_date, sex, roles, phone, filing_status)
     VALUES ($1, $2, $3, $4, '1985-01-01', 'male', ARRAY[$5], $6, 'filed')`,
    [id, enterpriseId, name, first17 + idCheckChar(first17), role, phone],
  );
  await db.query(
    `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, category, valid_until)
     VALUES ($1, 'person', $2, $3, 'qualification', $4, $5, '2030-01-01')`,
    [randomUUID(), id, enterpriseId, `QC-${name}-${n}`, role],
  );
  return id;
}

/**
 * A carrier in the district with a tractor, a tank trailer, driver and escort, and a waybill in
 * `status` carrying `lines`. Returns the plates and the waybill number.
 */
export async function activeWaybill(
  db: Db,
  districtCode: string,
  carrierName: string,
  lines: WaybillLineInput[],
  status = 'in_transit',
) {
  const c = await company(db, districtCode, carrierName);
  n++;
  const trailerId = randomUUID();
  const trailerPlate = `辽L${String(6000 + n)}挂`;
  await db.query(
    `INSERT INTO vehicles (id, enterprise_id, vehicle_type, plate, vin, filing_status)
     VALUES ($1, $2, 'trailer', $3, $4, 'filed')`,
    [trailerId, c.enterpriseId, trailerPlate, withVinCheck(`LA9TRALX0NA${String(200000 + n)}`)],
  );
  const tankId = randomUUID();
  await db.query(`INSERT INTO tanks (id, vehicle_id, tank_no, volume_m3) VALUES ($1, $2, $3, 30.5)`, [
    tankId,
    trailerId,
    `TK-${n}`,
  ]);
  await db.query(
    `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, valid_until)
     VALUES ($1, 'enterprise', $2, $2, 'operating_permit', $3, '2030-01-01'),
            ($4, 'vehicle', $5, $2, 'road_transport_cert', $6, '2030-01-01')`,
    [randomUUID(), c.enterpriseId, `辽交运管许可盘字2111${n}号`, randomUUID(), c.vehicleId, `RT-${c.plate}`],
  );
  const driverId = await person(db, c.enterpriseId, `王驾驶${n}`, 'driver', `1390000${String(1000 + n)}`);
  const escortId = await person(db, c.enterpriseId, `李押运${n}`, 'escort', `1380000${String(1000 + n)}`);
  const waybillId = randomUUID();
  const number = `YD${districtCode}2026${String(n).padStart(6, '0')}`;
  await db.query(
    `INSERT INTO waybills (id, number, enterprise_id, district_code, status, consignor_name, consignor_phone,
       consignee_name, consignee_phone, vehicle_id, trailer_id, tank_id, driver_id, escort_id, origin_name,
       destination_name, planned_departure, planned_arrival, dispatcher_name)
     VALUES ($1, $2, $3, $4, $5, '辽河石化', '0427-7800000', '大连某化工', '0411-8000000', $6, $7, $8, $9, $10,
       '盘锦辽河石化厂区', '大连长兴岛', '2026-11-02T00:00:00Z', '2026-11-02T06:00:00Z', '张调度')`,
    [
      waybillId,
      number,
      c.enterpriseId,
      districtCode,
      status,
      c.vehicleId,
      trailerId,
      tankId,
      driverId,
      escortId,
    ],
  );
  for (const [i, l] of lines.entries()) {
    await db.query(
      `INSERT INTO waybill_lines (waybill_id, line_no, un_number, name, hazard_class, packing_group, packaging, quantity, unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [waybillId, i + 1, l.unNumber, l.name, l.hazardClass, l.packingGroup, l.packaging, l.quantity, l.unit],
    );
  }
  return { ...c, trailerPlate, number, waybillId, driverId, escortId };
}
