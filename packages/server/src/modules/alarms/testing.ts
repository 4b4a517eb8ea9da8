/** Test support for the alarm module: companies and vehicles inserted directly, rule events, a clock. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/db.js';
import type { RuleEvent } from '../../rules/types.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';

let n = 0;

/** A filed enterprise in the district and one of its vehicles. */
export async function company(
  db: Db,
  districtCode: string,
  name: string,
): Promise<{ enterpriseId: string; vehicleId: string; plate: string }> {
  n++;
  const enterpriseId = randomUUID();
  const vehicleId = randomUUID();
  const plate = `辽L${String(70000 + n)}`;
  await db.query(
    `INSERT INTO enterprises (id, name, uscc, district_code, address, legal_representative, safety_manager, phone,
       filing_status)
     VALUES ($1, $2, $3, $4, '盘锦市', '王法人', '李安全', '0427-1234567', 'filed')`,
    [enterpriseId, name, makeUscc('91', districtCode, `MA${String(n).padStart(6, '0')}`), districtCode],
  );
  await db.query(
    `INSERT INTO vehicles (id, enterprise_id, vehicle_type, plate, vin, filing_status)
     VALUES ($1, $2, 'rigid_tank', $3, $4, 'filed')`,
    [vehicleId, enterpriseId, plate, withVinCheck(`LZZ5CLSB0NA${String(100000 + n)}`)],
  );
  return { enterpriseId, vehicleId, plate };
}

export function ruleEvent(
  c: { enterpriseId: string; vehicleId: string },
  over: Partial<RuleEvent> = {},
): RuleEvent {
  const at = over.at ?? Date.parse('2026-11-02T01:00:00Z');
  const startedAt = over.startedAt ?? Date.parse('2026-11-02T01:00:00Z');
  return {
    // Stable over the episode, as the engine's: vehicle, type, key, start time.
    id: `${c.vehicleId}/overspeed/limit/${startedAt}`,
    phase: 'started',
    type: 'overspeed',
    key: 'limit',
    startedAt,
    at,
    startPosition: { lat: 41.12, lon: 122.07 },
    position: { lat: 41.12, lon: 122.07 },
    threshold: 80,
    measured: 96,
    unit: 'km/h',
    severity: 'high',
    vehicleId: c.vehicleId,
    enterpriseId: c.enterpriseId,
    driverId: null,
    waybillId: null,
    ...over,
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set(iso: string) {
      t = Date.parse(iso);
    },
    advance(minutes: number) {
      t += minutes * 60_000;
    },
  };
}
