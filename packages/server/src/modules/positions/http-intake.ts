/**
 * HTTP intake for company platforms (企业监控平台): the positions a company's own platform
 * collected from its terminals, posted in batches with an API key (`ingest:positions`, enterprise
 * scope). Each item names a vehicle of the key's company by plate (and colour) or archive id; the
 * vehicle and the company must be filed and in operation, as the gateway requires of a terminal's
 * vehicle ("nothing operates before it is filed"). An accepted item becomes the same `Position` a
 * terminal's fix becomes (source 'http') and goes through the same `ingest`, which resolves only
 * once it is durable: the caller's 200 means what a terminal's 0x8001 means.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AppError, errorBody, type ErrorCode, type Lang } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Queryable } from '../../platform/db/db.js';
import { plateKey, vehicleAccess, type VehicleAccess, type VehicleRefusal } from '../archives/lookup.js';
import { plateColours } from '../archives/validation/plate.js';
import { alarmBitNames, alarmBitsOf, checkPosition, type InvalidReason, type Position } from './position.js';
import type { PositionStore } from './store.js';

const alarmNameList = Object.values(alarmBitNames);
const colourList = Object.values(plateColours);

export const PlatformFixSchema = Type.Object(
  {
    plateNumber: Type.Optional(
      Type.String({ minLength: 2, maxLength: 16, description: '车牌号, e.g. 辽L12345 (or give vehicleId)' }),
    ),
    plateColour: Type.Optional(
      Type.Union(
        colourList.map((c) => Type.Literal(c)),
        {
          description:
            'Plate colour (JT/T 415): 1 blue, 2 yellow (hazmat, default), 3 black, 4 white, 9 other',
        },
      ),
    ),
    vehicleId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Archive vehicle id (or give plateNumber)' }),
    ),
    deviceTime: Type.String({
      format: 'date-time',
      description: 'When the terminal took the fix: ISO 8601 with an offset, e.g. 2026-12-06T08:00:00+08:00',
    }),
    lat: Type.Number({
      minimum: -90,
      maximum: 90,
      description:
        'Latitude, degrees WGS-84 as the terminal reports it (not GCJ-02: the console converts for its map)',
    }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, degrees WGS-84' }),
    speed: Type.Number({ minimum: 0, maximum: 1000, description: 'km/h' }),
    heading: Type.Number({ minimum: 0, exclusiveMaximum: 360, description: 'Degrees clockwise from north' }),
    altitude: Type.Number({ minimum: -10_000, maximum: 100_000, description: 'Metres above sea level' }),
    mileage: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000_000, description: 'Odometer, km' })),
    alarms: Type.Optional(
      Type.Array(Type.Union(alarmNameList.map((n) => Type.Literal(n))), {
        maxItems: alarmNameList.length,
        description:
          'Alarm flags set on the fix, named as in JT/T 808-2019 table 24 (e.g. emergency, overspeed)',
      }),
    ),
    acc: Type.Optional(Type.Boolean({ description: 'Ignition (ACC) on; omitted: not reported (off)' })),
    fixed: Type.Optional(
      Type.Boolean({
        description: 'The receiver had a satellite fix; default true. false: kept but marked invalid',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PlatformFix = Static<typeof PlatformFixSchema>;

export interface IntakeRejection {
  /** Index of the item in the posted `positions`. */
  index: number;
  code: ErrorCode;
  message: string;
  /** For POSITION_VEHICLE_NOT_OPERATING: which of the vehicle or its company is not filed or not operating. */
  reason?: VehicleRefusal;
}

export interface IntakeResult {
  /** Items taken durably (a repeat of a stored fix included: it is stored once). */
  accepted: number;
  /** Accepted items outside the national assessment's validity ranges: stored, never drawn or ruled on. */
  invalid: { index: number; reasons: InvalidReason[] }[];
  rejected: IntakeRejection[];
}

export interface IntakeDeps {
  db: Queryable;
  ingest(positions: readonly Position[]): Promise<void>;
  store: Pick<PositionStore, 'keeps'>;
  futureSkewMs: number;
  now?: () => Date;
}

// JT/T 808-2019 table 25: bit 0 ACC on, bit 1 positioned — the status word a terminal sends.
const STATUS_ACC = 1 << 0;
const STATUS_POSITIONED = 1 << 1;

/** A platform's fix → the pipeline's Position (units are the pipeline's already). */
export function platformFixToPosition(
  f: PlatformFix,
  vehicleId: string,
  terminalId: string,
  receivedAt: Date,
): Position {
  return {
    vehicleId,
    terminalId,
    deviceTime: new Date(f.deviceTime),
    receivedAt,
    lat: f.lat,
    lon: f.lon,
    speed: f.speed,
    heading: f.heading,
    altitude: f.altitude,
    alarmBits: alarmBitsOf(f.alarms ?? []),
    statusBits: (f.acc === true ? STATUS_ACC : 0) | (f.fixed === false ? 0 : STATUS_POSITIONED),
    mileage: f.mileage ?? null,
    signal: null,
    satellites: null,
    safetyEvents: [],
    source: 'http',
    // The store is idempotent on (vehicle, device time, serial): one serial for every platform
    // fix makes a repeated post of a vehicle's device time a duplicate, stored once.
    serial: 0,
  };
}

/** Each item names its vehicle exactly once; otherwise the whole request is malformed. */
function checkIdentified(fixes: readonly PlatformFix[]): void {
  const fields: { field: string; reason: string }[] = [];
  fixes.forEach((f, i) => {
    if ((f.plateNumber === undefined) === (f.vehicleId === undefined)) {
      fields.push({ field: `body.positions.${i}`, reason: 'give either plateNumber or vehicleId' });
    }
  });
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
}

/**
 * Resolves, checks and ingests a platform's batch; resolves once the accepted items are durable.
 * Only an enterprise-scoped caller may post, and only for its own company's vehicles.
 */
export async function intakePositions(
  deps: IntakeDeps,
  actor: Actor,
  fixes: readonly PlatformFix[],
  lang: Lang,
): Promise<IntakeResult> {
  if (actor.scope.kind !== 'enterprise') {
    throw new AppError('FORBIDDEN', { reason: 'positions are posted with an enterprise-scoped API key' });
  }
  checkIdentified(fixes);
  const now = deps.now?.() ?? new Date();
  const vehicles = await vehicleAccess(
    deps.db,
    actor,
    fixes.flatMap((f) => (f.vehicleId === undefined ? [] : [f.vehicleId])),
    fixes.flatMap((f) =>
      f.plateNumber === undefined ? [] : [{ plate: f.plateNumber, colour: f.plateColour ?? 2 }],
    ),
  );
  const terminalId = `api-key:${actor.id}`;
  const accepted: Position[] = [];
  const result: IntakeResult = { accepted: 0, invalid: [], rejected: [] };
  const reject = (index: number, code: ErrorCode, reason?: VehicleRefusal): void => {
    const { message } = errorBody(code, lang);
    result.rejected.push(reason === undefined ? { index, code, message } : { index, code, message, reason });
  };
  fixes.forEach((f, index) => {
    const v: VehicleAccess | undefined =
      f.vehicleId !== undefined
        ? vehicles.byId.get(f.vehicleId.toLowerCase()) // PostgreSQL prints uuids in lower case
        : vehicles.byPlate.get(plateKey(f.plateNumber!, f.plateColour ?? 2));
    if (!v) return reject(index, 'POSITION_VEHICLE_UNKNOWN');
    if (v.refusal !== null) return reject(index, 'POSITION_VEHICLE_NOT_OPERATING', v.refusal);
    const p = platformFixToPosition(f, v.vehicleId, terminalId, now);
    // The store drops a fix outside its days silently: say so to the platform instead.
    if (!deps.store.keeps(p.deviceTime, now)) return reject(index, 'POSITION_TIME_OUTSIDE_RETENTION');
    const checked = checkPosition(p, now, deps.futureSkewMs);
    if (!checked.valid) result.invalid.push({ index, reasons: checked.invalidReasons });
    accepted.push(p);
  });
  if (accepted.length > 0) await deps.ingest(accepted);
  result.accepted = accepted.length;
  return result;
}
