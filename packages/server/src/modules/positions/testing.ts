/** Test support: plausible positions around Panjin (盘锦), valid unless told otherwise; archive rows. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';
import { checkPosition, type CheckedPosition, type Position } from './position.js';

export function makePosition(overrides: Partial<Position> = {}): Position {
  const deviceTime = overrides.deviceTime ?? new Date('2026-11-22T08:00:00Z');
  return {
    vehicleId: 'veh-1',
    terminalId: '013800000001',
    deviceTime,
    receivedAt: new Date(deviceTime.getTime() + 1500),
    lat: 41.1197,
    lon: 122.0709,
    speed: 52.5,
    heading: 90,
    altitude: 4,
    alarmBits: 0,
    statusBits: 0b11, // ACC on, positioned
    mileage: 12_345.6,
    signal: 25,
    satellites: 14,
    safetyEvents: [],
    source: 'jt808',
    serial: 1,
    ...overrides,
  };
}

/** A checked position, checked against a clock an hour after its device time. */
export function makeChecked(overrides: Partial<Position> = {}): CheckedPosition {
  const p = makePosition(overrides);
  return checkPosition(p, new Date(p.deviceTime.getTime() + 3_600_000), 60_000);
}

/** A fix every intervalMs, moving east, for one vehicle. */
export function makeTrack(
  vehicleId: string,
  start: Date,
  count: number,
  intervalMs: number,
): CheckedPosition[] {
  return Array.from({ length: count }, (_, i) =>
    makeChecked({
      vehicleId,
      deviceTime: new Date(start.getTime() + i * intervalMs),
      lon: 122.0709 + i * 0.0005,
      serial: i % 65_536,
    }),
  );
}

/** Waits until an async condition holds, polling; fails after timeoutMs. */
export async function eventually(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let vin = 0;
/** A filed, operating transport company in the archive (SQL: no archives service needed). */
export async function insertEnterprise(
  db: Queryable,
  id: string,
  district: string,
  n: number,
): Promise<void> {
  await db.query(
    `INSERT INTO enterprises (id, name, uscc, district_code, address, legal_representative, safety_manager, phone,
       filing_status)
     VALUES ($1, $2, $3, $4, '盘锦市', '王法人', '李安全', '0427-1234567', 'filed')`,
    [id, `盘锦定位测试运输公司${n}`, makeUscc('91', district, `MP${n}00000`.slice(0, 8)), district],
  );
}
/** A rigid tank truck of the company, yellow plate, filed and active unless told otherwise. */
export async function insertVehicle(
  db: Queryable,
  enterpriseId: string,
  plate: string,
  o: { filing?: string; status?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO vehicles (id, enterprise_id, vehicle_type, plate, plate_colour, vin, filing_status, operating_status)
     VALUES ($1, $2, 'rigid_tank', $3, 2, $4, $5, $6)`,
    [
      id,
      enterpriseId,
      plate,
      withVinCheck(`LZZ5CLSB0NC${String(100000 + ++vin)}`),
      o.filing ?? 'filed',
      o.status ?? 'active',
    ],
  );
  return id;
}
