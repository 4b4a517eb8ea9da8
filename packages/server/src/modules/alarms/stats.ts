/**
 * Handling statistics in the actor's scope, by enterprise, district or month (China time, UTC+8),
 * over alarms opened in a range of months:
 *   - handlingRate = handled within the deadline / all alarms (the 处理率; seed 000 asks
 *     for ≥ 90 %, shown as `target`);
 *   - handledRate = handled at all / all; onTimeRate = handled within the deadline / handled;
 *   - averageResponseSeconds = mean time from opening to the first response (contact, handling
 *     or escalation by the company).
 * "Handled" means a conclusive step: corrected, false alarm, or resolved by the county or city.
 */
import type { Actor } from '../../platform/auth.js';
import type { Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { districtByCode } from '../archives/districts.js';

/** Seed 000: a company's violation handling rate must not fall below 90 %. */
export const HANDLING_RATE_TARGET = 0.9;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The UTC instant a China-time month starts: '2026-11' → 2026-10-31T16:00Z. */
export function monthStart(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
export function chinaMonth(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

const MONTH_SQL = `to_char((a.opened_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
const groupKeys = {
  // Alarms with no company (plates not in the archive) count under 'none', apart from ROLLUP's total row.
  enterprise: "coalesce(a.enterprise_id::text, 'none')",
  district: 'a.district_code',
  month: MONTH_SQL,
} as const;
export type GroupBy = keyof typeof groupKeys;

export interface RateRow {
  key: string;
  name: string | null;
  total: number;
  handled: number;
  handledOnTime: number;
  handlingRate: number | null;
  handledRate: number | null;
  onTimeRate: number | null;
  averageResponseSeconds: number | null;
  meetsTarget: boolean | null;
}

/** The actor's scope and opened_at in [from, to). */
function between(actor: Actor, [from, to]: readonly [Date, Date], params: unknown[]): string {
  const where = scopeWhere(
    actor,
    { enterpriseColumn: 'a.enterprise_id', districtColumn: 'a.district_code' },
    params,
  );
  params.push(from, to);
  return `${where} AND a.opened_at >= $${params.length - 1} AND a.opened_at < $${params.length}`;
}

/** The UTC instants the China-time months fromMonth..toMonth start and end. */
export function monthsRange(fromMonth: string, toMonth: string): [Date, Date] {
  return [monthStart(fromMonth), monthStart(nextMonth(toMonth))];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export async function handlingRates(
  db: Queryable,
  actor: Actor,
  groupBy: GroupBy,
  fromMonth: string,
  toMonth: string,
): Promise<{ rows: RateRow[]; overall: RateRow }> {
  const params: unknown[] = [];
  const where = between(actor, monthsRange(fromMonth, toMonth), params);
  const key = groupKeys[groupBy];
  const name = groupBy === 'enterprise' ? 'max(e.name)' : 'NULL';
  const join = groupBy === 'enterprise' ? 'LEFT JOIN enterprises e ON e.id = a.enterprise_id' : '';
  const { rows } = await db.query<{
    key: string | null;
    name: string | null;
    total: number;
    handled: number;
    on_time: number;
    avg_response: number | null;
  }>(
    `SELECT ${key} AS key, ${name} AS name, count(*)::int AS total,
            (count(*) FILTER (WHERE a.handled_at IS NOT NULL))::int AS handled,
            (count(*) FILTER (WHERE a.handled_on_time))::int AS on_time,
            (avg(extract(epoch FROM a.first_response_at - a.opened_at))
               FILTER (WHERE a.first_response_at IS NOT NULL))::float8 AS avg_response
       FROM alarms a ${join}
      WHERE ${where}
      GROUP BY ROLLUP (${key})
      ORDER BY ${key} NULLS LAST`,
    params,
  );
  const present = (r: (typeof rows)[number]): RateRow => {
    const handlingRate = ratio(r.on_time, r.total);
    return {
      key: r.key ?? 'all',
      name: groupBy === 'district' && r.key ? (districtByCode(r.key)?.name ?? null) : r.name,
      total: r.total,
      handled: r.handled,
      handledOnTime: r.on_time,
      handlingRate,
      handledRate: ratio(r.handled, r.total),
      onTimeRate: ratio(r.on_time, r.handled),
      averageResponseSeconds: r.avg_response === null ? null : Math.round(r.avg_response * 10) / 10,
      meetsTarget: handlingRate === null ? null : handlingRate >= HANDLING_RATE_TARGET,
    };
  };
  const grand = rows.find((r) => r.key === null);
  const empty = { key: null, name: null, total: 0, handled: 0, on_time: 0, avg_response: null };
  return {
    rows: rows.filter((r) => r.key !== null).map(present),
    overall: present(grand ?? empty),
  };
}

/** A real calendar date 'YYYY-MM-DD' (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The UTC instants a China-time day starts and ends: '2026-12-05' → [2026-12-04T16:00Z, 2026-12-05T16:00Z). */
export function chinaDayRange(day: string): [Date, Date] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS;
  return [new Date(start), new Date(start + 86_400_000)];
}

/** Counts of the alarms opened in [from, to) (`monthsRange`, `chinaDayRange`). */
export async function alarmCounts(db: Queryable, actor: Actor, range: readonly [Date, Date]) {
  const params: unknown[] = [];
  const where = between(actor, range, params);
  const by = async (column: string) => {
    const { rows } = await db.query<{ key: string; n: number }>(
      `SELECT ${column} AS key, count(*)::int AS n FROM alarms a WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      params,
    );
    return rows.map((r) => ({ key: r.key, count: r.n }));
  };
  return {
    byType: await by('a.type'),
    bySeverity: await by('a.severity'),
    byStatus: await by('a.status'),
    byDistrict: (await by('a.district_code')).map((r) => ({
      ...r,
      name: districtByCode(r.key)?.name ?? null,
    })),
  };
}
