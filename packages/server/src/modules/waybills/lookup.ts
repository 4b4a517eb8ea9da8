/**
 * What other modules ask of the waybills (the filling-site check, checkpoint verification, the
 * emergency card, the rules): a waybill with its goods lines and last check results, by vehicle,
 * plate or number. Keep these signatures stable. They are unscoped: the caller applies its own
 * data scope (a filling operator may look up any vehicle that drives in).
 */
import type { Queryable } from '../../platform/db/db.js';
import { normalizePlate } from '../archives/validation/plate.js';
import { findWaybillBy, linesOf, type WaybillRow } from './repository.js';
import { presentWaybill, type WaybillView } from './schemas.js';

export type { WaybillView } from './schemas.js';
export type { CheckResult, CheckCode } from './check-codes.js';
export type { WaybillStatus } from './lifecycle.js';
export { activeStatuses, isActive } from './lifecycle.js';

async function withLines(db: Queryable, row: WaybillRow | undefined): Promise<WaybillView | null> {
  if (!row) return null;
  return presentWaybill(row, (await linesOf(db, [row.id])).get(row.id) ?? []);
}

/** The active (checked, loading, in transit) waybill of a vehicle — as the vehicle or the trailer. */
export async function activeWaybillByVehicle(db: Queryable, vehicleId: string): Promise<WaybillView | null> {
  return withLines(db, await findWaybillBy(db, { activeVehicleId: vehicleId }));
}

/** The active waybill of the vehicle or trailer with this plate (as in the archive: 辽L12345, 辽L1234挂). */
export async function activeWaybillByPlate(db: Queryable, plate: string): Promise<WaybillView | null> {
  return withLines(db, await findWaybillBy(db, { activePlate: normalizePlate(plate) }));
}

/** A waybill by its number (YD202611230001), whatever its status. */
export async function waybillByNumber(db: Queryable, number: string): Promise<WaybillView | null> {
  return withLines(db, await findWaybillBy(db, { number: number.trim().toUpperCase() }));
}

/** A waybill by id, whatever its status. */
export async function waybillById(db: Queryable, id: string): Promise<WaybillView | null> {
  return withLines(db, await findWaybillBy(db, { id }));
}
