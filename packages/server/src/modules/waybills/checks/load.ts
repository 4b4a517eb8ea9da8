/**
 * Gathers a `CheckContext` from the database: the carrier, vehicle, trailer, tank, driver and
 * escort with their certificates, the goods' catalogue facts, the terminal's last report, other
 * active waybills and the carrier's sanctions. Unscoped: the caller has already established that
 * the waybill is the actor's (or the system's) to check.
 */
import type { Queryable } from '../../../platform/db/db.js';
import { lookupGoods } from '../../goods/facts.js';
import type { SanctionSource } from '../sanctions.js';
import type {
  CertKind,
  Certs,
  CheckContext,
  CheckParams,
  CheckWaybill,
  EnterpriseFacts,
  PersonFacts,
  TankFacts,
  VehicleFacts,
} from './context.js';

const ACTIVE = ['checked', 'loading', 'in_transit'];

async function certificates(db: Queryable, holderIds: string[]): Promise<Map<string, Certs>> {
  const out = new Map<string, Certs>();
  if (holderIds.length === 0) return out;
  const { rows } = await db.query<{
    holder_id: string;
    kind: CertKind;
    number: string | null;
    category: string | null;
    valid_until: string;
  }>(
    `SELECT holder_id, kind, number, category, to_char(valid_until, 'YYYY-MM-DD') AS valid_until
       FROM certificates WHERE holder_id = ANY($1::uuid[])`,
    [holderIds],
  );
  for (const r of rows) {
    const certs = out.get(r.holder_id) ?? {};
    certs[r.kind] = { number: r.number, category: r.category, validUntil: r.valid_until };
    out.set(r.holder_id, certs);
  }
  return out;
}

export interface LoadOptions {
  params: CheckParams;
  sanctions: SanctionSource;
  now: Date;
}

export async function loadCheckContext(
  db: Queryable,
  w: CheckWaybill,
  opts: LoadOptions,
): Promise<CheckContext> {
  const e = (
    await db.query<{
      id: string;
      name: string;
      filing_status: string;
      operating_status: string;
      scope_classes: number[];
      scope_divisions: string[];
      highly_toxic: boolean;
      explosives: boolean;
      radioactive: boolean;
      hazardous_waste: boolean;
    }>(
      `SELECT id, name, filing_status, operating_status, scope_classes, scope_divisions, highly_toxic, explosives,
              radioactive, hazardous_waste
         FROM enterprises WHERE id = $1`,
      [w.enterpriseId],
    )
  ).rows[0];
  const vehicleIds = [w.vehicleId, w.trailerId].filter((x): x is string => x !== null);
  const vs = (
    await db.query<{
      id: string;
      enterprise_id: string;
      plate: string;
      vehicle_type: VehicleFacts['vehicleType'];
      filing_status: string;
      operating_status: string;
      technical_grade: number;
      rated_load_kg: number;
      scope_classes: number[];
    }>(
      `SELECT id, enterprise_id, plate, vehicle_type, filing_status, operating_status, technical_grade, rated_load_kg,
              scope_classes
         FROM vehicles WHERE id = ANY($1::uuid[])`,
      [vehicleIds],
    )
  ).rows;
  const tank = w.tankId
    ? (
        await db.query<{
          id: string;
          vehicle_id: string;
          tank_no: string;
          volume_m3: string;
          design_medium: string | null;
        }>('SELECT id, vehicle_id, tank_no, volume_m3::text, design_medium FROM tanks WHERE id = $1', [
          w.tankId,
        ])
      ).rows[0]
    : undefined;
  const personIds = [w.driverId, w.escortId].filter((x): x is string => x !== null);
  const ps = (
    await db.query<{
      id: string;
      enterprise_id: string;
      name: string;
      roles: string[];
      birth_date: string;
      filing_status: string;
      employment_status: string;
    }>(
      `SELECT id, enterprise_id, name, roles, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, filing_status,
              employment_status
         FROM personnel WHERE id = ANY($1::uuid[])`,
      [personIds],
    )
  ).rows;
  const certs = await certificates(db, [
    ...(e ? [e.id] : []),
    ...vs.map((v) => v.id),
    ...(tank ? [tank.id] : []),
    ...ps.map((p) => p.id),
  ]);
  const terminal = (
    await db.query<{ id: string; last_seen_at: Date | null }>(
      `SELECT t.id, l.last_seen_at FROM terminals t LEFT JOIN vehicle_live l ON l.vehicle_id = t.vehicle_id::text
        WHERE t.vehicle_id = $1`,
      [w.vehicleId],
    )
  ).rows[0];
  const others = (
    await db.query<{ id: string; number: string; status: string }>(
      `SELECT id, number, status FROM waybills
        WHERE status = ANY($1::text[]) AND ($2::uuid IS NULL OR id <> $2)
          AND (vehicle_id = ANY($3::uuid[]) OR trailer_id = ANY($3::uuid[]))
        ORDER BY number`,
      [ACTIVE, w.id, vehicleIds],
    )
  ).rows;

  const vehicle = (id: string | null): VehicleFacts | null => {
    const v = vs.find((x) => x.id === id);
    if (!v) return null;
    return {
      id: v.id,
      enterpriseId: v.enterprise_id,
      plate: v.plate,
      vehicleType: v.vehicle_type,
      filingStatus: v.filing_status,
      operatingStatus: v.operating_status,
      technicalGrade: Number(v.technical_grade),
      ratedLoadKg: Number(v.rated_load_kg),
      scopeClasses: v.scope_classes.map(Number),
      certs: certs.get(v.id) ?? {},
    };
  };
  const person = (id: string | null): PersonFacts | null => {
    const p = ps.find((x) => x.id === id);
    if (!p) return null;
    return {
      id: p.id,
      enterpriseId: p.enterprise_id,
      name: p.name,
      roles: p.roles,
      birthDate: p.birth_date,
      filingStatus: p.filing_status,
      employmentStatus: p.employment_status,
      certs: certs.get(p.id) ?? {},
    };
  };
  const enterprise: EnterpriseFacts | null = e
    ? {
        id: e.id,
        name: e.name,
        filingStatus: e.filing_status,
        operatingStatus: e.operating_status,
        scopeClasses: e.scope_classes.map(Number),
        scopeDivisions: e.scope_divisions,
        highlyToxic: e.highly_toxic,
        explosives: e.explosives,
        radioactive: e.radioactive,
        hazardousWaste: e.hazardous_waste,
        certs: certs.get(e.id) ?? {},
      }
    : null;
  const tankFacts: TankFacts | null = tank
    ? {
        id: tank.id,
        vehicleId: tank.vehicle_id,
        tankNo: tank.tank_no,
        volumeM3: Number(tank.volume_m3),
        designMedium: tank.design_medium,
        certs: certs.get(tank.id) ?? {},
      }
    : null;
  return {
    now: opts.now,
    waybill: w,
    enterprise,
    vehicle: vehicle(w.vehicleId),
    trailer: vehicle(w.trailerId),
    tank: tankFacts,
    driver: person(w.driverId),
    escort: person(w.escortId),
    goods: await lookupGoods(
      db,
      w.lines.map((l) => l.unNumber),
    ),
    terminal: terminal
      ? {
          terminalId: terminal.id,
          lastSeenAt: terminal.last_seen_at ? new Date(terminal.last_seen_at) : null,
        }
      : null,
    otherActive: others,
    sanctions: await opts.sanctions.sanctionsOn(db, w.enterpriseId, opts.now),
    params: opts.params,
  };
}
