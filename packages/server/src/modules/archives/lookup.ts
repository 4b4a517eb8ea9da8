/**
 * What other modules ask of the archive: may this terminal connect (the gateway, at registration
 * and authentication), and which enterprise and district does a vehicle belong to (the position
 * routes' data scope). "Nothing operates before it is filed": a terminal is accepted only when
 * it, its vehicle and the vehicle's enterprise are filed and in operation.
 */
import type { Actor } from '../../platform/auth.js';
import type { Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { normalizePlate } from './validation/plate.js';

export type TerminalRefusal =
  | 'unknown_terminal'
  | 'terminal_not_filed'
  | 'no_vehicle'
  | 'vehicle_not_filed'
  | 'vehicle_not_in_service'
  | 'enterprise_not_filed'
  | 'enterprise_not_operating';

export interface TerminalAccess {
  terminalId: string;
  enterpriseId: string;
  districtCode: string;
  vehicleId: string | null;
  plate: string | null;
  plateColour: number | null;
  protocolVersion: string;
  /** Null when the terminal may connect; else why not. */
  refusal: TerminalRefusal | null;
}

/** Why a vehicle may not report positions, once it is known (the terminal aside). */
export type VehicleRefusal = Exclude<
  TerminalRefusal,
  'unknown_terminal' | 'terminal_not_filed' | 'no_vehicle'
>;

interface OperatingColumns {
  v_filing: string | null;
  v_status: string | null;
  e_filing: string;
  e_status: string;
}

/** "Nothing operates before it is filed": the vehicle and its enterprise filed and in operation. */
function operatingRefusal(r: OperatingColumns): VehicleRefusal | null {
  if (r.v_filing !== 'filed') return 'vehicle_not_filed';
  if (r.v_status !== 'active') return 'vehicle_not_in_service';
  if (r.e_filing !== 'filed') return 'enterprise_not_filed';
  if (r.e_status !== 'active') return 'enterprise_not_operating';
  return null;
}

/** The archive's key for a header phone number: digits without the zero padding. */
export function terminalPhoneKey(phone: string): string {
  return phone.replace(/^0+/, '');
}

export async function terminalAccess(
  db: Queryable,
  headerPhone: string,
): Promise<TerminalAccess | { refusal: 'unknown_terminal' }> {
  const { rows } = await db.query<{
    id: string;
    enterprise_id: string;
    district_code: string;
    vehicle_id: string | null;
    plate: string | null;
    plate_colour: number | null;
    protocol_version: string;
    t_filing: string;
    v_filing: string | null;
    v_status: string | null;
    e_filing: string;
    e_status: string;
  }>(
    `SELECT m.id, m.enterprise_id, e.district_code, m.vehicle_id, v.plate, v.plate_colour, m.protocol_version,
            m.filing_status AS t_filing, v.filing_status AS v_filing, v.operating_status AS v_status,
            e.filing_status AS e_filing, e.operating_status AS e_status
       FROM terminals m JOIN enterprises e ON e.id = m.enterprise_id LEFT JOIN vehicles v ON v.id = m.vehicle_id
      WHERE ltrim(m.phone, '0') = $1`,
    [terminalPhoneKey(headerPhone)],
  );
  const r = rows[0];
  if (!r) return { refusal: 'unknown_terminal' };
  const refusal: TerminalRefusal | null =
    r.t_filing !== 'filed'
      ? 'terminal_not_filed'
      : r.vehicle_id === null
        ? 'no_vehicle'
        : operatingRefusal(r);
  return {
    terminalId: r.id,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    plateColour: r.plate_colour,
    protocolVersion: r.protocol_version,
    refusal,
  };
}

export interface VehicleOwner {
  vehicleId: string;
  enterpriseId: string | null;
  districtCode: string | null;
}

/**
 * Vehicle → enterprise → district, for data scope on positions. Owners change rarely (a vehicle
 * transferred to another company), so answers are cached for `ttlMs`.
 */
export function archiveVehicleDirectory(db: Queryable, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { owner: VehicleOwner | null; until: number }>();
  return {
    async lookup(vehicleIds: readonly string[]): Promise<Map<string, VehicleOwner>> {
      const out = new Map<string, VehicleOwner>();
      const missing: string[] = [];
      const t = now();
      for (const id of vehicleIds) {
        const hit = cache.get(id);
        if (hit && hit.until > t) {
          if (hit.owner) out.set(id, hit.owner);
        } else if (/^[0-9a-f-]{36}$/i.test(id)) missing.push(id);
      }
      if (missing.length > 0) {
        const { rows } = await db.query<{ id: string; enterprise_id: string; district_code: string }>(
          `SELECT v.id, v.enterprise_id, e.district_code FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id
            WHERE v.id = ANY($1::uuid[])`,
          [missing],
        );
        const found = new Map(
          rows.map((r) => [
            r.id,
            { vehicleId: r.id, enterpriseId: r.enterprise_id, districtCode: r.district_code },
          ]),
        );
        if (cache.size > 200_000) cache.clear();
        for (const id of missing) {
          const owner = found.get(id) ?? null;
          cache.set(id, { owner, until: t + ttlMs });
          if (owner) out.set(id, owner);
        }
      }
      return out;
    },
  };
}

export interface VehicleAccess {
  vehicleId: string;
  plate: string;
  plateColour: number;
  /** Null when the vehicle may report positions; else why not. */
  refusal: VehicleRefusal | null;
}

/** The archive's key for a plate: normalised plate and JT/T 415 colour code. */
export const plateKey = (plate: string, colour: number): string => `${normalizePlate(plate)}/${colour}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The vehicles a company platform names (by id or by plate and colour), within the actor's data
 * scope: a vehicle of another company is absent, exactly as an unknown one, so a key learns
 * nothing of other companies' fleets. A plate held by a scrapped vehicle and reissued to one in
 * service means the one in service.
 */
export async function vehicleAccess(
  db: Queryable,
  actor: Actor,
  ids: readonly string[],
  plates: readonly { plate: string; colour: number }[],
): Promise<{ byId: Map<string, VehicleAccess>; byPlate: Map<string, VehicleAccess> }> {
  const byId = new Map<string, VehicleAccess>();
  const byPlate = new Map<string, VehicleAccess>();
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)))];
  const plateTexts = [...new Set(plates.map((p) => normalizePlate(p.plate)))];
  if (uuids.length === 0 && plateTexts.length === 0) return { byId, byPlate };
  const params: unknown[] = [uuids, plateTexts];
  const { rows } = await db.query<OperatingColumns & { id: string; plate: string; plate_colour: number }>(
    `SELECT v.id, v.plate, v.plate_colour, v.filing_status AS v_filing, v.operating_status AS v_status,
            e.filing_status AS e_filing, e.operating_status AS e_status
       FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id
      WHERE (v.id = ANY($1::uuid[]) OR v.plate = ANY($2::text[]))
        AND ${scopeWhere(actor, { enterpriseColumn: 'v.enterprise_id' }, params)}
      ORDER BY v.operating_status = 'scrapped' DESC`,
    params,
  );
  for (const r of rows) {
    const access: VehicleAccess = {
      vehicleId: r.id,
      plate: r.plate,
      plateColour: r.plate_colour,
      refusal: operatingRefusal(r),
    };
    byId.set(r.id, access);
    byPlate.set(plateKey(r.plate, r.plate_colour), access); // scrapped rows come first: overwritten
  }
  return { byId, byPlate };
}

/** What a terminal's IC-card reader reports of a driver (0x0702): 2019 adds the ID number. */
export interface DriverCard {
  /** 驾驶员身份证号 (JT/T 808-2019). */
  idNumber?: string | undefined;
  /** 从业资格证编码. */
  certificateNumber?: string | undefined;
}

/**
 * The archive person whose card this is: by ID number when the card carries one (2019), else by
 * the qualification certificate (从业资格证) number. Null when neither matches a person on file —
 * the events then name the waybill's driver instead. The match does not depend on the person's
 * filing status or enterprise: it says who drives, whatever the archive thinks of them.
 */
export async function driverByCard(db: Queryable, card: DriverCard): Promise<string | null> {
  const idNumber = card.idNumber?.trim().toUpperCase();
  if (idNumber) {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM personnel WHERE id_number = $1', [
      idNumber,
    ]);
    if (rows[0]) return rows[0].id;
  }
  const certificate = card.certificateNumber?.trim();
  if (!certificate) return null;
  const { rows } = await db.query<{ id: string }>(
    `SELECT holder_id AS id FROM certificates
      WHERE holder_type = 'person' AND kind = 'qualification' AND number = $1
      ORDER BY valid_until DESC LIMIT 1`,
    [certificate],
  );
  return rows[0]?.id ?? null;
}
