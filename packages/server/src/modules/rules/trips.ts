/**
 * Trips (运次) detected from the tracks, and the e-waybill usage rate (电子运单使用率 = trips
 * with an active waybill at some time during the trip / all trips, by company and month; the
 * seed-000 target is 100 %). The rule worker records each `trip` episode when it ends; a month
 * is a calendar month of China Standard Time, and a trip belongs to the month it started in.
 */
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import type { RuleEvent } from '../../rules/types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records an ended trip episode (idempotent: the episode id is the key). Other events are ignored. */
export async function recordTrip(db: Queryable, e: RuleEvent): Promise<boolean> {
  if (e.type !== 'trip' || e.phase !== 'ended' || !UUID.test(e.vehicleId)) return false;
  const d = e.detail ?? {};
  const waybillId = typeof d['waybillId'] === 'string' && UUID.test(d['waybillId']) ? d['waybillId'] : null;
  const enterpriseId = e.enterpriseId && UUID.test(e.enterpriseId) ? e.enterpriseId : null;
  const { rowCount } = await db.query(
    `INSERT INTO trips (id, vehicle_id, enterprise_id, district_code, started_at, ended_at, start_lat, start_lon,
       end_lat, end_lon, distance_m, moving_s, ending, waybill_id)
     VALUES ($1, $2, $3::uuid, (SELECT district_code FROM enterprises WHERE id = $3::uuid), $4, $5, $6, $7, $8, $9,
       $10, $11, $12, $13)
     ON CONFLICT (id) DO NOTHING`,
    [
      e.id,
      e.vehicleId,
      enterpriseId,
      new Date(e.startedAt),
      new Date(e.endedAt ?? e.at),
      e.startPosition.lat,
      e.startPosition.lon,
      e.position.lat,
      e.position.lon,
      Math.max(0, Math.round(Number(d['distanceM'] ?? 0))),
      Math.max(0, Math.round(Number(d['movingSec'] ?? e.measured))),
      typeof d['ending'] === 'string' ? d['ending'] : 'stop',
      waybillId,
    ],
  );
  return (rowCount ?? 0) > 0;
}

/** [from, to) of a `YYYY-MM` month in China Standard Time. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
  return { from, to };
}

export interface UsageRow {
  enterpriseId: string;
  enterpriseName: string | null;
  trips: number;
  withWaybill: number;
  /** withWaybill / trips, 0–1 (4 decimals). */
  rate: number;
}

/** Companies with the lowest rate first (the ones to follow up), then the most trips. */
export interface Usage {
  month: string;
  items: UsageRow[];
  total: { trips: number; withWaybill: number; rate: number | null };
}

const rate = (withWaybill: number, trips: number) => Math.round((withWaybill / trips) * 10_000) / 10_000;

export async function waybillUsage(db: Queryable, actor: Actor, month: string): Promise<Usage> {
  const { from, to } = monthRange(month);
  const params: unknown[] = [from, to];
  const scope = scopeWhere(
    actor,
    { enterpriseColumn: 't.enterprise_id', districtColumn: 't.district_code' },
    params,
  );
  const { rows } = await db.query<{
    enterprise_id: string;
    name: string | null;
    trips: number;
    with_waybill: number;
  }>(
    `SELECT t.enterprise_id, e.name, count(*)::int AS trips, count(t.waybill_id)::int AS with_waybill
       FROM trips t LEFT JOIN enterprises e ON e.id = t.enterprise_id
      WHERE t.started_at >= $1 AND t.started_at < $2 AND t.enterprise_id IS NOT NULL AND ${scope}
      GROUP BY t.enterprise_id, e.name
      ORDER BY count(t.waybill_id)::float / count(*), count(*) DESC, t.enterprise_id`,
    params,
  );
  const items = rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    enterpriseName: r.name,
    trips: r.trips,
    withWaybill: r.with_waybill,
    rate: rate(r.with_waybill, r.trips),
  }));
  const trips = items.reduce((n, r) => n + r.trips, 0);
  const withWaybill = items.reduce((n, r) => n + r.withWaybill, 0);
  return { month, items, total: { trips, withWaybill, rate: trips > 0 ? rate(withWaybill, trips) : null } };
}

export interface TripFilter {
  month?: string;
  vehicleId?: string;
  enterpriseId?: string;
  withWaybill?: boolean;
  limit: number;
  offset: number;
}

interface TripRow {
  id: string;
  vehicle_id: string;
  plate: string | null;
  enterprise_id: string | null;
  district_code: string | null;
  started_at: Date | string;
  ended_at: Date | string;
  start_lat: number;
  start_lon: number;
  end_lat: number;
  end_lon: number;
  distance_m: number;
  moving_s: number;
  ending: string;
  waybill_id: string | null;
}

export async function listTrips(db: Db, actor: Actor, f: TripFilter) {
  const params: unknown[] = [];
  const where = [
    scopeWhere(actor, { enterpriseColumn: 't.enterprise_id', districtColumn: 't.district_code' }, params),
  ];
  if (f.month) {
    const { from, to } = monthRange(f.month);
    params.push(from, to);
    where.push(`t.started_at >= $${params.length - 1} AND t.started_at < $${params.length}`);
  }
  if (f.vehicleId) {
    if (!UUID.test(f.vehicleId)) return { items: [], total: 0 };
    params.push(f.vehicleId);
    where.push(`t.vehicle_id = $${params.length}`);
  }
  if (f.enterpriseId) {
    if (!UUID.test(f.enterpriseId)) return { items: [], total: 0 };
    params.push(f.enterpriseId);
    where.push(`t.enterprise_id = $${params.length}`);
  }
  if (f.withWaybill !== undefined)
    where.push(f.withWaybill ? 't.waybill_id IS NOT NULL' : 't.waybill_id IS NULL');
  const cond = where.join(' AND ');
  // The count and the page from one snapshot (see consistentRead): the rules store trips while people read.
  const { total, rows } = await consistentRead(db, async (tx) => ({
    total: (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM trips t WHERE ${cond}`, params))
      .rows[0]!.n,
    rows: (
      await tx.query<TripRow>(
        `SELECT t.*, v.plate FROM trips t LEFT JOIN vehicles v ON v.id = t.vehicle_id
          WHERE ${cond} ORDER BY t.started_at DESC, t.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset],
      )
    ).rows,
  }));
  const items = rows.map((r) => ({
    id: r.id,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: new Date(r.ended_at).toISOString(),
    start: { lat: r.start_lat, lon: r.start_lon },
    end: { lat: r.end_lat, lon: r.end_lon },
    distanceM: r.distance_m,
    movingSec: r.moving_s,
    ending: r.ending,
    waybillId: r.waybill_id,
  }));
  return { items, total };
}
