/**
 * Waybill SQL: rows, lines, events, numbers, scoped reads and the archive references a body may
 * name. Every query a person's request runs applies `scopeWhere` (a waybill belongs to its
 * carrier and the carrier's district). The unscoped readers are for the system (the tracker,
 * the lookups other modules use), which apply their own scope.
 */
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import type { CheckResult } from './check-codes.js';
import type { WaybillStatus } from './lifecycle.js';
import type { FieldProblem, LineInput, WaybillInput } from './validation.js';

export interface WaybillRow {
  id: string;
  number: string;
  enterprise_id: string;
  enterprise_name?: string;
  district_code: string;
  status: WaybillStatus;
  consignor_name: string;
  consignor_phone: string;
  consignee_name: string;
  consignee_phone: string;
  loader_name: string | null;
  loader_phone: string | null;
  vehicle_id: string;
  plate?: string | null;
  trailer_id: string | null;
  trailer_plate?: string | null;
  tank_id: string | null;
  driver_id: string | null;
  escort_id: string | null;
  origin_name: string;
  origin_place_id: string | null;
  origin_lon: number | null;
  origin_lat: number | null;
  destination_name: string;
  destination_place_id: string | null;
  destination_lon: number | null;
  destination_lat: number | null;
  route: { type: 'LineString'; coordinates: number[][] } | null;
  route_corridor_m: number | null;
  planned_departure: Date;
  planned_arrival: Date | null;
  dispatcher_name: string | null;
  dispatched_at: Date | null;
  public_security_permit_no: string | null;
  remarks: string | null;
  check_results: CheckResult[] | null;
  checked_at: Date | null;
  departed_at: Date | null;
  arrived_at: Date | null;
  closed_at: Date | null;
  cancel_reason: string | null;
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  // From the archive, for the form (joined on read).
  driver_name?: string | null;
  driver_phone?: string | null;
  driver_cert_no?: string | null;
  escort_name?: string | null;
  escort_phone?: string | null;
  escort_cert_no?: string | null;
  tank_no?: string | null;
  tank_volume_m3?: number | null;
  carrier_permit_no?: string | null;
  road_cert_no?: string | null;
  trailer_road_cert_no?: string | null;
}

export interface LineRow {
  waybill_id: string;
  line_no: number;
  un_number: string;
  name: string;
  hazard_class: string;
  packing_group: 'I' | 'II' | 'III' | null;
  packaging: string;
  package_count: number | null;
  quantity: string;
  unit: 'kg' | 'L';
}

export interface EventRow {
  id: string;
  waybill_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_role: string | null;
  note: string | null;
  detail: Record<string, unknown> | null;
  at: Date;
}

/** The number of a holder's certificate of a kind, as the waybill form shows it (许可证号, 道路运输证号, 从业资格证号). */
const cert = (holderType: string, holder: string, kind: string) =>
  `(SELECT c.number FROM certificates c WHERE c.holder_type = '${holderType}' AND c.holder_id = ${holder} AND c.kind = '${kind}')`;

const COLUMNS = `w.id, w.number, w.enterprise_id, e.name AS enterprise_name, w.district_code, w.status,
  w.consignor_name, w.consignor_phone, w.consignee_name, w.consignee_phone, w.loader_name, w.loader_phone,
  w.vehicle_id, v.plate, w.trailer_id, tr.plate AS trailer_plate, w.tank_id, w.driver_id, w.escort_id,
  w.origin_name, w.origin_place_id, w.origin_lon, w.origin_lat, w.destination_name, w.destination_place_id,
  w.destination_lon, w.destination_lat, w.route, w.route_corridor_m, w.planned_departure, w.planned_arrival,
  w.dispatcher_name, w.dispatched_at, w.public_security_permit_no, w.remarks, w.check_results, w.checked_at,
  w.departed_at, w.arrived_at, w.closed_at, w.cancel_reason, w.created_by, w.version, w.created_at, w.updated_at,
  d.name AS driver_name, d.phone AS driver_phone, s.name AS escort_name, s.phone AS escort_phone,
  k.tank_no, k.volume_m3::float8 AS tank_volume_m3,
  ${cert('enterprise', 'w.enterprise_id', 'operating_permit')} AS carrier_permit_no,
  ${cert('vehicle', 'w.vehicle_id', 'road_transport_cert')} AS road_cert_no,
  ${cert('vehicle', 'w.trailer_id', 'road_transport_cert')} AS trailer_road_cert_no,
  ${cert('person', 'w.driver_id', 'qualification')} AS driver_cert_no,
  ${cert('person', 'w.escort_id', 'qualification')} AS escort_cert_no`;

const FROM = `waybills w JOIN enterprises e ON e.id = w.enterprise_id JOIN vehicles v ON v.id = w.vehicle_id
  LEFT JOIN vehicles tr ON tr.id = w.trailer_id LEFT JOIN personnel d ON d.id = w.driver_id
  LEFT JOIN personnel s ON s.id = w.escort_id LEFT JOIN tanks k ON k.id = w.tank_id`;

/** Scope columns of a waybill: its carrier and the carrier's district. */
export const waybillScope = { enterpriseColumn: 'w.enterprise_id', districtColumn: 'w.district_code' };

export const ACTIVE_SQL = `('checked', 'loading', 'in_transit')`;

/** One waybill in the actor's scope, optionally locked for an update. */
export async function findWaybill(
  db: Queryable,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<WaybillRow | undefined> {
  const params: unknown[] = [id];
  const { rows } = await db.query<WaybillRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE w.id = $1 AND ${scopeWhere(actor, waybillScope, params)}
     ${opts.lock ? 'FOR UPDATE OF w' : ''}`,
    params,
  );
  return rows[0];
}

/** Unscoped reads for the system and the lookups: by id, number, vehicle or plate. */
export async function findWaybillBy(
  db: Queryable,
  where: { id: string } | { number: string } | { activeVehicleId: string } | { activePlate: string },
  opts: { lock?: boolean } = {},
): Promise<WaybillRow | undefined> {
  let cond: string;
  let value: string;
  if ('id' in where) [cond, value] = ['w.id = $1', where.id];
  else if ('number' in where) [cond, value] = ['w.number = $1', where.number];
  else if ('activeVehicleId' in where)
    [cond, value] = [
      `(w.vehicle_id = $1 OR w.trailer_id = $1) AND w.status IN ${ACTIVE_SQL}`,
      where.activeVehicleId,
    ];
  else [cond, value] = [`(v.plate = $1 OR tr.plate = $1) AND w.status IN ${ACTIVE_SQL}`, where.activePlate];
  const uuidCond = 'id' in where || 'activeVehicleId' in where;
  if (uuidCond && !/^[0-9a-f-]{36}$/i.test(value)) return undefined;
  const { rows } = await db.query<WaybillRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${cond} ORDER BY w.created_at DESC LIMIT 1 ${opts.lock ? 'FOR UPDATE OF w' : ''}`,
    [value],
  );
  return rows[0];
}

export interface ListFilter {
  status?: WaybillStatus;
  plate?: string;
  number?: string;
  enterpriseId?: string;
  districtCode?: string;
  vehicleId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listWaybills(
  db: Db,
  actor: Actor,
  f: ListFilter,
): Promise<{ items: WaybillRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeWhere(actor, waybillScope, params)];
  const add = (v: unknown, sql: (p: string) => string) => {
    if (v === undefined) return;
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  add(f.status, (p) => `w.status = ${p}`);
  add(
    f.plate === undefined ? undefined : `%${f.plate}%`,
    (p) => `(v.plate ILIKE ${p} OR tr.plate ILIKE ${p})`,
  );
  add(f.number === undefined ? undefined : `%${f.number}%`, (p) => `w.number ILIKE ${p}`);
  add(f.enterpriseId, (p) => `w.enterprise_id = ${p}`);
  add(f.districtCode, (p) => `w.district_code = ${p}`);
  add(f.vehicleId, (p) => `(w.vehicle_id = ${p} OR w.trailer_id = ${p})`);
  // The date range is on the planned departure (起运日期).
  add(f.from, (p) => `w.planned_departure >= ${p}`);
  add(f.to, (p) => `w.planned_departure < ${p}`);
  const cond = where.join(' AND ');
  // The count and the page from one snapshot (see consistentRead).
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${FROM} WHERE ${cond}`,
      params,
    );
    const limit = params.length + 1;
    const { rows } = await tx.query<WaybillRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${cond}
        ORDER BY w.created_at DESC, w.id LIMIT $${limit} OFFSET $${limit + 1}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items: rows, total: Number(total.rows[0]?.n ?? 0) };
  });
}

export async function linesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, LineRow[]>> {
  const out = new Map<string, LineRow[]>();
  if (ids.length === 0) return out;
  const { rows } = await db.query<LineRow>(
    `SELECT waybill_id, line_no, un_number, name, hazard_class, packing_group, packaging, package_count,
            quantity::text AS quantity, unit
       FROM waybill_lines WHERE waybill_id = ANY($1::uuid[]) ORDER BY waybill_id, line_no`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.waybill_id) ?? [];
    list.push(r);
    out.set(r.waybill_id, list);
  }
  return out;
}

export async function eventsOf(db: Queryable, id: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT id::text, waybill_id, action, from_status, to_status, actor_id, actor_role, note, detail, at
       FROM waybill_events WHERE waybill_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

export interface EventInput {
  waybillId: string;
  action: string;
  from: WaybillStatus | null;
  to: WaybillStatus;
  actor: Actor | null;
  at: Date;
  note?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function insertEvent(tx: Queryable, e: EventInput): Promise<void> {
  await tx.query(
    `INSERT INTO waybill_events (waybill_id, action, from_status, to_status, actor_id, actor_role, note, detail, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [
      e.waybillId,
      e.action,
      e.from,
      e.to,
      // Only people have uuids; a machine client's key id is recorded in the audit log.
      e.actor && /^[0-9a-f-]{36}$/i.test(e.actor.id) ? e.actor.id : null,
      e.actor?.role ?? 'system',
      e.note ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
      e.at,
    ],
  );
}

/** The next number of the day (China date, YYYYMMDD): YD202611230001. */
export async function nextNumber(tx: Queryable, day: string): Promise<string> {
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO waybill_number_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = waybill_number_counters.last + 1 RETURNING last`,
    [day],
  );
  return `YD${day}${String(rows[0]!.last).padStart(4, '0')}`;
}

const CONTENT = [
  'consignor_name',
  'consignor_phone',
  'consignee_name',
  'consignee_phone',
  'loader_name',
  'loader_phone',
  'vehicle_id',
  'trailer_id',
  'tank_id',
  'driver_id',
  'escort_id',
  'origin_name',
  'origin_place_id',
  'origin_lon',
  'origin_lat',
  'destination_name',
  'destination_place_id',
  'destination_lon',
  'destination_lat',
  'route',
  'route_corridor_m',
  'planned_departure',
  'planned_arrival',
  'dispatcher_name',
  'dispatched_at',
  'public_security_permit_no',
  'remarks',
] as const;

const trimOrNull = (s: string | null | undefined): string | null =>
  s == null || s.trim() === '' ? null : s.trim();

function contentValues(i: WaybillInput): unknown[] {
  return [
    i.consignorName.trim(),
    i.consignorPhone.trim(),
    i.consigneeName.trim(),
    i.consigneePhone.trim(),
    trimOrNull(i.loaderName),
    trimOrNull(i.loaderPhone),
    i.vehicleId,
    i.trailerId ?? null,
    i.tankId ?? null,
    i.driverId ?? null,
    i.escortId ?? null,
    i.originName.trim(),
    i.originPlaceId ?? null,
    i.originLon ?? null,
    i.originLat ?? null,
    i.destinationName.trim(),
    i.destinationPlaceId ?? null,
    i.destinationLon ?? null,
    i.destinationLat ?? null,
    i.route ? JSON.stringify(i.route) : null,
    i.routeCorridorM ?? null,
    i.plannedDeparture,
    i.plannedArrival ?? null,
    trimOrNull(i.dispatcherName),
    i.dispatchedAt ?? null,
    trimOrNull(i.publicSecurityPermitNo),
    trimOrNull(i.remarks),
  ];
}

export async function insertWaybill(
  tx: Queryable,
  w: { id: string; number: string; enterpriseId: string; districtCode: string; createdBy: string | null },
  input: WaybillInput,
): Promise<void> {
  const values = contentValues(input);
  const placeholders = values.map((_, i) => (CONTENT[i] === 'route' ? `$${i + 6}::jsonb` : `$${i + 6}`));
  await tx.query(
    `INSERT INTO waybills (id, number, enterprise_id, district_code, created_by, ${CONTENT.join(', ')})
     VALUES ($1, $2, $3, $4, $5, ${placeholders.join(', ')})`,
    [w.id, w.number, w.enterpriseId, w.districtCode, w.createdBy, ...values],
  );
  await replaceLines(tx, w.id, input.lines);
}

export async function updateContent(
  tx: Queryable,
  id: string,
  input: WaybillInput,
  status: WaybillStatus,
): Promise<void> {
  const values = contentValues(input);
  const sets = CONTENT.map((c, i) => `${c} = $${i + 3}${c === 'route' ? '::jsonb' : ''}`);
  await tx.query(
    `UPDATE waybills SET status = $2, ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, status, ...values],
  );
  await replaceLines(tx, id, input.lines);
}

async function replaceLines(tx: Queryable, id: string, lines: readonly LineInput[]): Promise<void> {
  await tx.query('DELETE FROM waybill_lines WHERE waybill_id = $1', [id]);
  for (const [i, l] of lines.entries()) {
    await tx.query(
      `INSERT INTO waybill_lines (waybill_id, line_no, un_number, name, hazard_class, packing_group, packaging,
         package_count, quantity, unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        i + 1,
        l.unNumber.trim(),
        l.name.trim(),
        l.hazardClass.trim(),
        l.packingGroup ?? null,
        l.packaging.trim(),
        l.packageCount ?? null,
        l.quantity,
        l.unit,
      ],
    );
  }
}

/** A status change with the timestamps it sets; `checks` stores the results of a check run. */
export async function setStatus(
  tx: Queryable,
  id: string,
  to: WaybillStatus,
  extra: { checks?: CheckResult[]; at: Date; cancelReason?: string },
): Promise<void> {
  await tx.query(
    `UPDATE waybills SET status = $2,
            check_results = CASE WHEN $3::jsonb IS NULL THEN check_results ELSE $3::jsonb END,
            checked_at = CASE WHEN $3::jsonb IS NULL THEN checked_at ELSE $4 END,
            departed_at = CASE WHEN $2 = 'in_transit' THEN $4 ELSE departed_at END,
            arrived_at = CASE WHEN $2 = 'unloaded' THEN $4 ELSE arrived_at END,
            closed_at = CASE WHEN $2 IN ('closed', 'cancelled') THEN $4 ELSE closed_at END,
            cancel_reason = COALESCE($5, cancel_reason),
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, to, extra.checks ? JSON.stringify(extra.checks) : null, extra.at, extra.cancelReason ?? null],
  );
}

/**
 * The archive references of a body, checked against the carrier: a powered vehicle and a trailer
 * of the carrier, the tank on one of them, a driver and an escort of the carrier with those
 * roles, known places. Locks the vehicles so two submissions for one vehicle take turns.
 */
export async function archiveProblems(
  db: Queryable,
  enterpriseId: string,
  i: WaybillInput,
  opts: { lockVehicles?: boolean } = {},
): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  const ids = [i.vehicleId, i.trailerId].filter((x): x is string => !!x);
  const vs = (
    await db.query<{ id: string; vehicle_type: string }>(
      `SELECT id, vehicle_type FROM vehicles WHERE id = ANY($1::uuid[]) AND enterprise_id = $2
       ORDER BY id ${opts.lockVehicles ? 'FOR UPDATE' : ''}`,
      [ids, enterpriseId],
    )
  ).rows;
  const vehicle = vs.find((v) => v.id === i.vehicleId);
  if (!vehicle) out.push({ field: 'vehicleId', reason: 'vehicle.not_found' });
  else if (vehicle.vehicle_type === 'trailer') out.push({ field: 'vehicleId', reason: 'vehicle.is_trailer' });
  if (i.trailerId) {
    const trailer = vs.find((v) => v.id === i.trailerId);
    if (!trailer) out.push({ field: 'trailerId', reason: 'vehicle.not_found' });
    else if (trailer.vehicle_type !== 'trailer')
      out.push({ field: 'trailerId', reason: 'trailer.not_trailer' });
    else if (vehicle && vehicle.vehicle_type !== 'tractor')
      out.push({ field: 'trailerId', reason: 'trailer.needs_tractor' });
  }
  if (i.tankId) {
    const own = vs.map((v) => v.id);
    const t = await db.query('SELECT 1 FROM tanks WHERE id = $1 AND vehicle_id = ANY($2::uuid[])', [
      i.tankId,
      own,
    ]);
    if (t.rows.length === 0) out.push({ field: 'tankId', reason: 'tank.not_on_vehicle' });
  }
  const people = [
    ['driverId', i.driverId, 'driver'],
    ['escortId', i.escortId, 'escort'],
  ] as const;
  for (const [field, id, role] of people) {
    if (!id) continue;
    const r = (
      await db.query<{ roles: string[] }>(
        'SELECT roles FROM personnel WHERE id = $1 AND enterprise_id = $2',
        [id, enterpriseId],
      )
    ).rows[0];
    if (!r) out.push({ field, reason: 'person.not_found' });
    else if (!r.roles.includes(role))
      out.push({ field, reason: role === 'driver' ? 'person.not_driver' : 'person.not_escort' });
  }
  for (const field of ['originPlaceId', 'destinationPlaceId'] as const) {
    const id = i[field];
    if (!id) continue;
    const p = await db.query('SELECT 1 FROM places WHERE id = $1', [id]);
    if (p.rows.length === 0) out.push({ field, reason: 'place.not_found' });
  }
  return out;
}
