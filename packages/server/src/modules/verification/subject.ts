/**
 * Reads what the filling site or the checkpoint needs to know about a vehicle in front of it:
 * the archive record, the active waybill with its lines and goods facts, the trailer, tank, driver
 * and escort, and their certificates. Any vehicle may present itself at a filling site or pass a
 * checkpoint, so these reads are not restricted to the caller's scope: the caller's scope is
 * applied to the place (`findPlace`), and only facts about the vehicle presented are returned.
 */
import type { Actor } from '../../platform/auth.js';
import type { Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { lookupGoods } from '../goods/facts.js';
import {
  ACTIVE_WAYBILL_STATUSES,
  type CertificateFacts,
  type LineFacts,
  type PersonFacts,
  type Subject,
  type TankFacts,
  type VehicleFacts,
  type WaybillFacts,
} from './assess.js';

export interface PlaceRow {
  id: string;
  kind: 'filling_site' | 'checkpoint';
  name: string;
  district_code: string;
  centre_lat: number;
  centre_lon: number;
}

/** A filling site or checkpoint in the actor's scope (an operator's own site, a camera's own checkpoint). */
export async function findPlace(
  db: Queryable,
  actor: Actor,
  kind: PlaceRow['kind'],
  id: string,
): Promise<PlaceRow | null> {
  const params: unknown[] = [id, kind];
  const where = scopeWhere(
    actor,
    kind === 'filling_site'
      ? { fillingSiteColumn: 'id', districtColumn: 'district_code' }
      : { checkpointColumn: 'id', districtColumn: 'district_code' },
    params,
  );
  const { rows } = await db.query<PlaceRow>(
    `SELECT id, kind, name, district_code, centre_lat, centre_lon FROM places
      WHERE id = $1 AND kind = $2 AND ${where}`,
    params,
  );
  return rows[0] ?? null;
}

const VEHICLE = `v.id, v.enterprise_id, e.name AS enterprise_name, e.district_code, v.plate, v.plate_colour,
  v.vehicle_type, v.filing_status, v.operating_status, v.scope_classes, v.rated_load_kg`;
interface VehicleRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  district_code: string;
  plate: string;
  plate_colour: number;
  vehicle_type: string;
  filing_status: string;
  operating_status: string;
  scope_classes: number[];
  rated_load_kg: number;
}
const vehicleFacts = (r: VehicleRow): VehicleFacts => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  districtCode: r.district_code,
  plate: r.plate,
  plateColour: Number(r.plate_colour),
  vehicleType: r.vehicle_type,
  filingStatus: r.filing_status,
  operatingStatus: r.operating_status,
  scopeClasses: (r.scope_classes ?? []).map(Number),
  ratedLoadKg: Number(r.rated_load_kg),
});

async function vehicleBy(db: Queryable, where: string, params: unknown[]): Promise<VehicleFacts | null> {
  const { rows } = await db.query<VehicleRow>(
    `SELECT ${VEHICLE} FROM vehicles v JOIN enterprises e ON e.id = v.enterprise_id WHERE ${where}`,
    params,
  );
  return rows[0] ? vehicleFacts(rows[0]) : null;
}

interface WaybillRow {
  id: string;
  number: string;
  status: string;
  check_results: { code: string; passed: boolean }[] | null;
  enterprise_id: string;
  district_code: string;
  vehicle_id: string;
  trailer_id: string | null;
  tank_id: string | null;
  driver_id: string | null;
  escort_id: string | null;
  origin_place_id: string | null;
}
const WAYBILL = `id, number, status, check_results, enterprise_id, district_code, vehicle_id, trailer_id, tank_id,
  driver_id, escort_id, origin_place_id`;

async function waybillFacts(db: Queryable, r: WaybillRow): Promise<WaybillFacts> {
  const { rows } = await db.query<{
    line_no: number;
    un_number: string;
    name: string;
    hazard_class: string;
    quantity: string | number;
    unit: 'kg' | 'L';
  }>(
    `SELECT line_no, un_number, name, hazard_class, quantity, unit FROM waybill_lines
      WHERE waybill_id = $1 ORDER BY line_no`,
    [r.id],
  );
  const goods = await lookupGoods(
    db,
    rows.map((l) => l.un_number),
  );
  const lines: LineFacts[] = rows.map((l) => ({
    lineNo: Number(l.line_no),
    unNumber: l.un_number,
    name: l.name,
    hazardClass: l.hazard_class,
    quantity: Number(l.quantity),
    unit: l.unit,
    goods: goods.get(l.un_number) ?? null,
  }));
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    checkResults: r.check_results,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    vehicleId: r.vehicle_id,
    trailerId: r.trailer_id,
    tankId: r.tank_id,
    driverId: r.driver_id,
    escortId: r.escort_id,
    originPlaceId: r.origin_place_id,
    lines,
  };
}

async function person(
  db: Queryable,
  id: string | null,
  role: PersonFacts['role'],
): Promise<PersonFacts | null> {
  if (!id) return null;
  const { rows } = await db.query<{
    id: string;
    name: string;
    phone: string | null;
    photo_url: string | null;
    filing_status: string;
    employment_status: string;
  }>('SELECT id, name, phone, photo_url, filing_status, employment_status FROM personnel WHERE id = $1', [
    id,
  ]);
  const p = rows[0];
  return p
    ? {
        id: p.id,
        name: p.name,
        role,
        phone: p.phone,
        photoUrl: p.photo_url,
        filingStatus: p.filing_status,
        employmentStatus: p.employment_status,
      }
    : null;
}

async function tank(db: Queryable, where: string, id: string): Promise<TankFacts | null> {
  const { rows } = await db.query<{
    id: string;
    vehicle_id: string;
    tank_no: string;
    volume_m3: string | number;
    design_medium: string | null;
  }>(`SELECT id, vehicle_id, tank_no, volume_m3, design_medium FROM tanks WHERE ${where} = $1`, [id]);
  const t = rows[0];
  return t
    ? {
        id: t.id,
        vehicleId: t.vehicle_id,
        tankNo: t.tank_no,
        volumeM3: Number(t.volume_m3),
        designMedium: t.design_medium,
      }
    : null;
}

export type SubjectQuery = { plate: string; plateColour: number } | { waybillNumber: string };

/**
 * The vehicle by plate (its active waybill, as tractor or trailer), or the waybill by number (its
 * vehicle). Null only when a waybill number is unknown.
 */
export async function loadSubject(db: Queryable, q: SubjectQuery): Promise<Subject | null> {
  let seen: VehicleFacts | null;
  let w: WaybillRow | undefined;
  let plate: string;
  let plateColour: number;
  if ('waybillNumber' in q) {
    w = (await db.query<WaybillRow>(`SELECT ${WAYBILL} FROM waybills WHERE number = $1`, [q.waybillNumber]))
      .rows[0];
    if (!w) return null;
    seen = await vehicleBy(db, 'v.id = $1', [w.vehicle_id]);
    plate = seen?.plate ?? '';
    plateColour = seen?.plateColour ?? 2;
  } else {
    ({ plate, plateColour } = q);
    seen = await vehicleBy(db, `v.plate = $1 AND v.plate_colour = $2 AND v.operating_status <> 'scrapped'`, [
      plate,
      plateColour,
    ]);
    if (seen) {
      w = (
        await db.query<WaybillRow>(
          `SELECT ${WAYBILL} FROM waybills
            WHERE (vehicle_id = $1 OR trailer_id = $1) AND status = ANY($2::text[])
            ORDER BY updated_at DESC LIMIT 1`,
          [seen.id, ACTIVE_WAYBILL_STATUSES],
        )
      ).rows[0];
    }
  }
  const waybill = w ? await waybillFacts(db, w) : null;
  const vehicle =
    waybill && seen?.id !== waybill.vehicleId ? await vehicleBy(db, 'v.id = $1', [waybill.vehicleId]) : seen;
  const trailer = waybill?.trailerId ? await vehicleBy(db, 'v.id = $1', [waybill.trailerId]) : null;
  const tankFacts = waybill?.tankId
    ? await tank(db, 'id', waybill.tankId)
    : vehicle
      ? ((trailer ? await tank(db, 'vehicle_id', trailer.id) : null) ??
        (await tank(db, 'vehicle_id', vehicle.id)))
      : null;
  const driver = await person(db, waybill?.driverId ?? null, 'driver');
  const escort = await person(db, waybill?.escortId ?? null, 'escort');
  const ids = [vehicle?.id, trailer?.id, tankFacts?.id, driver?.id, escort?.id].filter(
    (x): x is string => !!x,
  );
  const certs = ids.length
    ? (
        await db.query<{
          holder_type: CertificateFacts['holderType'];
          holder_id: string;
          kind: string;
          number: string | null;
          category: string | null;
          valid_until: string;
        }>(
          `SELECT holder_type, holder_id, kind, number, category, to_char(valid_until, 'YYYY-MM-DD') AS valid_until
             FROM certificates WHERE holder_id = ANY($1::uuid[]) ORDER BY holder_type, kind`,
          [ids],
        )
      ).rows
    : [];
  return {
    plate,
    plateColour,
    vehicle,
    trailer,
    tank: tankFacts,
    driver,
    escort,
    waybill,
    certificates: certs.map((c) => ({
      holderType: c.holder_type,
      holderId: c.holder_id,
      kind: c.kind,
      number: c.number,
      category: c.category,
      validUntil: c.valid_until,
    })),
  };
}
