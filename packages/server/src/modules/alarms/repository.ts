/**
 * Alarm SQL: rows ↔ workflow state, scoped reads (an alarm belongs to its enterprise and that
 * enterprise's district), steps. Every query that a person's request runs applies `scopeWhere`.
 */
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import type { AlarmSeverity } from './deadlines.js';
import type { AlarmState, AlarmStatus, Level } from './workflow.js';

export interface AlarmRow {
  id: string;
  source_id: string;
  source: 'rule' | 'certificate' | 'verification';
  type: string;
  severity: AlarmSeverity;
  vehicle_id: string | null;
  plate: string | null;
  /** Null only for verification alarms about plates not in the archive (held by the county). */
  enterprise_id: string | null;
  district_code: string;
  driver_id: string | null;
  waybill_id: string | null;
  status: AlarmStatus;
  level: Level;
  episode: 'active' | 'ended';
  started_at: Date;
  ended_at: Date | null;
  opened_at: Date;
  last_event_at: Date;
  lat: number | null;
  lon: number | null;
  threshold: number | null;
  measured: number | null;
  unit: string | null;
  evidence: Record<string, unknown>;
  deadline_at: Date;
  overdue: boolean;
  supervised: boolean;
  escalations: number;
  first_response_at: Date | null;
  handled_at: Date | null;
  handled_on_time: boolean | null;
  closed_at: Date | null;
  version: number;
}

export const ALARM_COLUMNS = `id, source_id, source, type, severity, vehicle_id, plate, enterprise_id, district_code,
  driver_id, waybill_id, status, level, episode, started_at, ended_at, opened_at, last_event_at, lat, lon,
  threshold, measured, unit, evidence, deadline_at, overdue, supervised, escalations, first_response_at,
  handled_at, handled_on_time, closed_at, version`;

/** Scope columns of the alarms table. */
export const alarmScope = { enterpriseColumn: 'enterprise_id', districtColumn: 'district_code' };

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export function stateOf(r: AlarmRow): AlarmState {
  return {
    status: r.status,
    level: r.level,
    severity: r.severity,
    openedAt: new Date(r.opened_at),
    deadlineAt: new Date(r.deadline_at),
    overdue: r.overdue,
    escalations: r.escalations,
    firstResponseAt: date(r.first_response_at),
    handledAt: date(r.handled_at),
    handledOnTime: r.handled_on_time,
    closedAt: date(r.closed_at),
  };
}

/** Writes a new workflow state and bumps the version (the inbox's "changed since read"). */
export async function saveState(tx: Queryable, id: string, s: AlarmState): Promise<AlarmRow> {
  const { rows } = await tx.query<AlarmRow>(
    `UPDATE alarms SET status = $2, level = $3, deadline_at = $4, overdue = $5, escalations = $6,
            first_response_at = $7, handled_at = $8, handled_on_time = $9, closed_at = $10,
            version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${ALARM_COLUMNS}`,
    [
      id,
      s.status,
      s.level,
      s.deadlineAt,
      s.overdue,
      s.escalations,
      s.firstResponseAt,
      s.handledAt,
      s.handledOnTime,
      s.closedAt,
    ],
  );
  return rows[0]!;
}

export interface StepInput {
  alarmId: string;
  action: string;
  fromStatus: AlarmStatus | null;
  toStatus: AlarmStatus;
  level: Level;
  actor: Actor | null;
  at: Date;
  note?: string | null;
  attachments?: readonly { name: string; url: string }[];
  detail?: Record<string, unknown>;
}

/** A step's column values, in insertion order (attachments and detail as objects). */
function stepRow(s: StepInput): unknown[] {
  return [
    s.alarmId,
    s.action,
    s.fromStatus,
    s.toStatus,
    s.level,
    s.actor?.id ?? null,
    s.actor?.name ?? null,
    s.actor?.role ?? null,
    s.at,
    s.note ?? null,
    s.attachments ?? [],
    s.detail ?? {},
  ];
}

/** Inserts a workflow step; returns its id. */
export async function insertStep(tx: Queryable, s: StepInput): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO alarm_steps (alarm_id, action, from_status, to_status, level, actor_id, actor_name, actor_role, at,
       note, attachments, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb)
     RETURNING id::text AS id`,
    stepRow(s).map((v, i) => (i >= 10 ? JSON.stringify(v) : v)),
  );
  return rows[0]!.id;
}

/** Many steps in one statement (the alarm consumer's batch); the same columns as insertStep. */
export async function insertSteps(tx: Queryable, steps: readonly StepInput[]): Promise<void> {
  if (steps.length === 0) return;
  await tx.query(
    `INSERT INTO alarm_steps (alarm_id, action, from_status, to_status, level, actor_id, actor_name, actor_role, at,
       note, attachments, detail)
     SELECT (r->>0)::uuid, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, (r->>8)::timestamptz, r->>9,
            r->10, r->11
       FROM jsonb_array_elements($1::jsonb) AS r`,
    [JSON.stringify(steps.map(stepRow))],
  );
}

/** Adds keys to a step's detail (the outcome of a text sent after the step was committed). */
export async function mergeStepDetail(
  db: Queryable,
  stepId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await db.query(`UPDATE alarm_steps SET detail = detail || $2::jsonb WHERE id = $1::bigint`, [
    stepId,
    JSON.stringify(detail),
  ]);
}

/** One alarm in the actor's scope, locked for a workflow step when `forUpdate`. */
export async function findAlarm(
  db: Queryable,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<AlarmRow | null> {
  const params: unknown[] = [id];
  const where = scopeWhere(actor, alarmScope, params);
  const { rows } = await db.query<AlarmRow>(
    `SELECT ${ALARM_COLUMNS} FROM alarms WHERE id = $1 AND ${where}${forUpdate ? ' FOR UPDATE' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

export interface StepRow {
  id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  level: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  at: Date;
  note: string | null;
  attachments: { name: string; url: string }[];
  detail: Record<string, unknown>;
}

export async function stepsOf(db: Queryable, alarmId: string): Promise<StepRow[]> {
  const { rows } = await db.query<StepRow>(
    `SELECT id::text, action, from_status, to_status, level, actor_id, actor_name, actor_role, at, note, attachments,
            detail
       FROM alarm_steps WHERE alarm_id = $1 ORDER BY id`,
    [alarmId],
  );
  return rows;
}

export interface AlarmFilter {
  status?: AlarmStatus;
  level?: Level;
  type?: string;
  severity?: AlarmSeverity;
  enterpriseId?: string;
  districtCode?: string;
  vehicleId?: string;
  /** Part of a plate, any case, spaces ignored (the schema allows only plate characters). */
  plate?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAlarms(
  db: Db,
  actor: Actor,
  f: AlarmFilter,
): Promise<{ items: AlarmRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeWhere(actor, alarmScope, params)];
  const eq = (column: string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  eq('status', f.status);
  eq('level', f.level);
  eq('type', f.type);
  eq('severity', f.severity);
  eq('enterprise_id', f.enterpriseId);
  eq('district_code', f.districtCode);
  eq('vehicle_id', f.vehicleId);
  eq('overdue', f.overdue);
  if (f.plate !== undefined && f.plate.trim() !== '') {
    params.push(f.plate.replaceAll(' ', '').toUpperCase());
    where.push(`strpos(upper(replace(plate, ' ', '')), $${params.length}) > 0`);
  }
  if (f.from !== undefined) {
    params.push(f.from);
    where.push(`opened_at >= $${params.length}`);
  }
  if (f.to !== undefined) {
    params.push(f.to);
    where.push(`opened_at < $${params.length}`);
  }
  const w = where.join(' AND ');
  // The count and the page from one snapshot: the alarm consumer commits while people read.
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarms WHERE ${w}`, params);
    const page = [...params, f.pageSize, (f.page - 1) * f.pageSize];
    const { rows } = await tx.query<AlarmRow>(
      `SELECT ${ALARM_COLUMNS} FROM alarms WHERE ${w} ORDER BY opened_at DESC, id
        LIMIT $${page.length - 1} OFFSET $${page.length}`,
      page,
    );
    return { items: rows, total: total.rows[0]?.n ?? 0 };
  });
}
