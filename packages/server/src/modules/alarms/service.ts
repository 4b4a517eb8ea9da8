/**
 * The alarm service: raises alarms from signals (one per episode, idempotent), runs workflow
 * steps for people (scoped, audited, one transaction each) and the deadline clock (`tick(now)`),
 * and pushes every new or changed alarm to the hub after its transaction commits.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';
import { maxSeverity, type DeadlineConfig } from './deadlines.js';
import type { AlarmSignal } from './events.js';
import type { AlarmHub } from './hub.js';
import type { TerminalMessenger } from './messenger.js';
import { presentAlarm } from './present.js';
import {
  ALARM_COLUMNS,
  findAlarm,
  insertStep,
  insertSteps,
  mergeStepDetail,
  saveState,
  stateOf,
  type AlarmRow,
} from './repository.js';
import { escalateIfDue, levelOfScope, openState, transition, type ActionKind } from './workflow.js';

export interface AlarmServiceDeps {
  db: Db;
  deadlines: DeadlineConfig;
  now: () => Date;
  messenger: TerminalMessenger;
  hub: AlarmHub;
  logger: FastifyBaseLogger;
}

export interface ActionInput {
  kind: ActionKind;
  note?: string;
  /** contact_driver only: text sent to the vehicle's terminal (JT/T 808 0x8300). */
  text?: string;
  attachments?: { name: string; url: string }[];
}

export type Acting = RequestContext & { actor: Actor };

/** What became of a text to the driver: sent with its gateway command, or why not. */
export type TextOutcome = { sent: true; commandId: string } | { sent: false; reason: string };

export interface ActResult {
  alarm: AlarmRow;
  /** Present when the step asked for a text to the terminal. */
  text?: TextOutcome;
}

/** What `ingest` made of a signal: the alarm and whether it was opened now; null when it has no owner. */
export type IngestOutcome = { id: string; created: boolean } | null;

/** Columns of a new alarm, in the order of the values `applyBatch` builds, and their SQL types. */
const INSERT_COLUMNS = [
  'id',
  'source_id',
  'source',
  'type',
  'severity',
  'vehicle_id',
  'plate',
  'enterprise_id',
  'district_code',
  'driver_id',
  'status',
  'level',
  'episode',
  'started_at',
  'ended_at',
  'opened_at',
  'last_event_at',
  'lat',
  'lon',
  'threshold',
  'measured',
  'unit',
  'evidence',
  'deadline_at',
  'waybill_id',
] as const;
const INSERT_TYPES = [
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'uuid',
  'text',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'float8',
  'float8',
  'float8',
  'float8',
  'text',
  'jsonb',
  'timestamptz',
  'uuid',
] as const;

export class AlarmService {
  constructor(private readonly deps: AlarmServiceDeps) {}

  /** Alarms raised by high and critical events play a sound and raise a desktop notification. */
  private push(row: AlarmRow, event: string): void {
    const loud = row.severity === 'high' || row.severity === 'critical';
    this.deps.hub.publish(
      { enterpriseId: row.enterprise_id, districtCode: row.district_code },
      {
        type: 'alarm',
        event,
        hint: { sound: loud && (event === 'opened' || event === 'escalated'), desktop: loud },
        data: presentAlarm(row),
      },
    );
  }

  /**
   * Applies a signal: `started` (or any first signal) opens the alarm; later ones update the
   * evidence and severity, `ended` closes the episode (the alarm still awaits handling). Returns
   * null when the enterprise is not in the archive (the event cannot be placed in any scope).
   */
  async ingest(signal: AlarmSignal): Promise<IngestOutcome> {
    return (await this.ingestMany([signal]))[0]!;
  }

  /**
   * Applies many signals in one transaction, in their order (the bus consumer's batch), with the
   * same effect as one `ingest` each: the alarms are read with one statement, the owners with
   * one, the new alarms and their `opened` steps inserted with one statement each; later signals
   * of an alarm update it in order. Returns one outcome per signal. Pushes after the commit.
   */
  async ingestMany(signals: readonly AlarmSignal[]): Promise<IngestOutcome[]> {
    if (signals.length === 0) return [];
    for (let attempt = 0; ; attempt++) {
      const done = await this.deps.db.transaction((tx) => this.applyBatch(tx, signals));
      // A concurrent writer (another process) inserted one of the episodes first: read again.
      if (done === 'conflict' && attempt < 3) continue;
      if (done === 'conflict') throw new Error('alarm episodes kept conflicting with a concurrent writer');
      for (const p of done.pushes) this.push(p.row, p.event);
      return done.outcomes;
    }
  }

  private async applyBatch(
    tx: Queryable,
    signals: readonly AlarmSignal[],
  ): Promise<'conflict' | { outcomes: IngestOutcome[]; pushes: { row: AlarmRow; event: string }[] }> {
    const now = this.deps.now();
    const ids = [...new Set(signals.map((s) => s.sourceId))];
    const existing = await tx.query<AlarmRow>(
      `SELECT ${ALARM_COLUMNS} FROM alarms WHERE source_id = ANY($1::text[]) ORDER BY source_id FOR UPDATE`,
      [ids],
    );
    const rows = new Map<string, AlarmRow>(existing.rows.map((r) => [r.source_id, r]));
    // The first signal of each episode not yet in the table opens it.
    const opening = new Map<string, number>();
    signals.forEach((s, i) => {
      if (!rows.has(s.sourceId) && !opening.has(s.sourceId)) opening.set(s.sourceId, i);
    });
    const owners = await this.owners(
      tx,
      [...opening.values()].map((i) => signals[i]!),
    );
    const inserts: { i: number; id: string; values: unknown[]; state: ReturnType<typeof openState> }[] = [];
    for (const i of opening.values()) {
      const signal = signals[i]!;
      const o =
        signal.enterpriseId !== null
          ? owners.get(`${signal.enterpriseId}/${signal.vehicleId ?? ''}`)
          : signal.districtCode
            ? { district_code: signal.districtCode, plate: null } // no company: the county holds it
            : undefined;
      if (!o) continue;
      const st = openState(signal.severity, now, this.deps.deadlines, signal.enterpriseId === null);
      const id = randomUUID();
      const ended = signal.phase === 'ended';
      inserts.push({
        i,
        id,
        state: st,
        values: [
          id,
          signal.sourceId,
          signal.source,
          signal.type,
          signal.severity,
          signal.vehicleId,
          o.plate ?? signal.plate ?? null,
          signal.enterpriseId,
          signal.districtCode ?? o.district_code,
          signal.driverId,
          st.status,
          st.level,
          ended ? 'ended' : 'active',
          signal.startedAt,
          ended ? (signal.endedAt ?? signal.at) : null,
          now,
          signal.at,
          signal.lat,
          signal.lon,
          signal.threshold,
          signal.measured,
          signal.unit,
          signal.evidence,
          st.deadlineAt,
          signal.waybillId ?? null,
        ],
      });
    }
    const outcomes: IngestOutcome[] = signals.map(() => null);
    const pushes: { row: AlarmRow; event: string }[] = [];
    if (inserts.length > 0) {
      const inserted = await tx.query<AlarmRow>(
        `INSERT INTO alarms (${INSERT_COLUMNS.join(', ')})
         SELECT ${INSERT_COLUMNS.map((c, k) => `(r->>${k})::${INSERT_TYPES[k]}`).join(', ')}
           FROM jsonb_array_elements($1::jsonb) AS r
         ON CONFLICT (source_id) DO NOTHING
         RETURNING ${ALARM_COLUMNS}`,
        [JSON.stringify(inserts.map((x) => x.values))],
      );
      if (inserted.rows.length < inserts.length) return 'conflict';
      for (const r of inserted.rows) rows.set(r.source_id, r);
      await insertSteps(
        tx,
        inserts.map((x) => ({
          alarmId: x.id,
          action: 'opened',
          fromStatus: null,
          toStatus: x.state.status,
          level: x.state.level,
          actor: null,
          at: now,
          detail: { phase: signals[x.i]!.phase },
        })),
      );
      for (const x of inserts) {
        const row = rows.get(signals[x.i]!.sourceId)!;
        outcomes[x.i] = { id: row.id, created: true };
        pushes.push({ row, event: 'opened' });
      }
    }
    // Every other signal updates its alarm, in order.
    for (let i = 0; i < signals.length; i++) {
      const signal = signals[i]!;
      if (opening.get(signal.sourceId) === i) continue;
      const row = rows.get(signal.sourceId);
      if (!row) continue; // its company is not in the archive
      const r = await this.update(tx, row, signal);
      rows.set(signal.sourceId, r.row);
      outcomes[i] = { id: r.row.id, created: false };
      if (r.event) pushes.push({ row: r.row, event: r.event });
    }
    return { outcomes, pushes };
  }

  /** District and plate of each signal's company and vehicle (key `enterprise/vehicle`). */
  private async owners(
    tx: Queryable,
    signals: readonly AlarmSignal[],
  ): Promise<Map<string, { district_code: string; plate: string | null }>> {
    const pairs = signals
      .filter((s) => s.enterpriseId !== null)
      .map((s) => ({ e: s.enterpriseId!, v: s.vehicleId ?? '' }));
    const out = new Map<string, { district_code: string; plate: string | null }>();
    if (pairs.length === 0) return out;
    const { rows } = await tx.query<{ e: string; v: string; district_code: string; plate: string | null }>(
      `SELECT p.e, p.v, e.district_code, v.plate
         FROM (SELECT DISTINCT x->>'e' AS e, x->>'v' AS v FROM jsonb_array_elements($1::jsonb) AS x) p
         JOIN enterprises e ON e.id = p.e::uuid
         LEFT JOIN vehicles v ON v.id = NULLIF(p.v, '')::uuid AND v.enterprise_id = e.id`,
      [JSON.stringify(pairs)],
    );
    for (const r of rows) out.set(`${r.e}/${r.v}`, { district_code: r.district_code, plate: r.plate });
    return out;
  }

  private async update(
    tx: Queryable,
    row: AlarmRow,
    signal: AlarmSignal,
  ): Promise<{ row: AlarmRow; event: string | null; created: false }> {
    const stale = signal.at.getTime() < new Date(row.last_event_at).getTime();
    const ending = signal.phase === 'ended' && row.episode === 'active';
    if ((stale && !ending) || (signal.phase !== 'ended' && row.episode === 'ended')) {
      return { row, event: null, created: false }; // an older or repeated event: nothing new
    }
    if (signal.phase === 'ended' && !ending) return { row, event: null, created: false };
    const { rows } = await tx.query<AlarmRow>(
      `UPDATE alarms SET severity = $2, last_event_at = greatest(last_event_at, $3), measured = $4, lat = $5, lon = $6,
              evidence = evidence || $7::jsonb, episode = $8, ended_at = $9, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${ALARM_COLUMNS}`,
      [
        row.id,
        maxSeverity(row.severity, signal.severity),
        signal.at,
        signal.measured ?? row.measured,
        signal.lat ?? row.lat,
        signal.lon ?? row.lon,
        JSON.stringify({ position: signal.evidence.position ?? row.evidence.position ?? null }),
        ending ? 'ended' : 'active',
        ending ? (signal.endedAt ?? signal.at) : null,
      ],
    );
    if (ending) {
      await insertStep(tx, {
        alarmId: row.id,
        action: 'episode_ended',
        fromStatus: row.status,
        toStatus: row.status,
        level: row.level,
        actor: null,
        at: this.deps.now(),
      });
    }
    return { row: rows[0]!, event: ending ? 'episode_ended' : 'updated', created: false };
  }

  /**
   * One workflow step by a person, in one transaction with its step and audit entry. A text to the
   * driver (contact_driver) is sent after that transaction commits: the gateway writes its command
   * record on its own connection, which a held transaction would block (PGlite has one). The
   * step records the text as 'sending'; the outcome (command id, or why it was not sent) is added
   * to the step in a second short write and returned as `text`.
   */
  async act(ctx: Acting, alarmId: string, input: ActionInput): Promise<ActResult> {
    const level = levelOfScope(ctx.actor.scope.kind);
    const done = await this.deps.db.transaction(async (tx) => {
      const current = await findAlarm(tx, ctx.actor, alarmId, true);
      if (!current) throw new AppError('NOT_FOUND');
      if (!level) throw new AppError('ALARM_ACTION_LEVEL');
      const now = this.deps.now();
      const before = stateOf(current);
      // An alarm with no company (a plate not in the archive) cannot be returned to one.
      if (current.enterprise_id === null && input.kind === 'return') {
        throw new AppError('ALARM_ACTION_NOT_ALLOWED', { status: current.status, level: current.level });
      }
      const out = transition(before, { kind: input.kind, note: input.note }, level, now, this.deps.deadlines);
      if (!out.ok) throw new AppError(out.refusal, { status: current.status, level: current.level });
      const detail: Record<string, unknown> = {};
      if (input.text !== undefined) {
        if (input.kind !== 'contact_driver') throw new AppError('VALIDATION_FAILED', { field: 'text' });
        if (!current.vehicle_id || !current.enterprise_id)
          throw new AppError('ALARM_TEXT_NOT_SENT', { reason: 'no vehicle' });
        Object.assign(detail, { text: input.text, delivery: 'sending' });
      }
      const saved = await saveState(tx, current.id, out.state);
      const stepId = await insertStep(tx, {
        alarmId: current.id,
        action: input.kind,
        fromStatus: before.status,
        toStatus: out.state.status,
        level,
        actor: ctx.actor,
        at: now,
        note: input.note?.trim() || null,
        attachments: input.attachments,
        detail,
      });
      await recordAudit(tx, ctx, {
        action: `alarm.${input.kind}`,
        targetType: 'alarm',
        targetId: current.id,
        before: { status: before.status, level: before.level },
        after: { status: out.state.status, level: out.state.level, note: input.note ?? null, ...detail },
      });
      return { row: saved, stepId };
    });
    this.push(done.row, input.kind === 'escalate' ? 'escalated' : 'changed');
    if (input.text === undefined || !done.row.vehicle_id || !done.row.enterprise_id)
      return { alarm: done.row };
    const text = await this.sendText(done.row, done.stepId, input.text, ctx.actor.id);
    return { alarm: done.row, text };
  }

  private async sendText(
    row: AlarmRow,
    stepId: string,
    text: string,
    requestedBy: string,
  ): Promise<TextOutcome> {
    let outcome: TextOutcome;
    try {
      const sent = await this.deps.messenger.sendText(row.vehicle_id!, text, {
        enterpriseId: row.enterprise_id!,
        districtCode: row.district_code,
        requestedBy,
      });
      outcome = { sent: true, commandId: sent.commandId };
    } catch (err) {
      const reason = err instanceof AppError ? err.code : err instanceof Error ? err.message : String(err);
      outcome = { sent: false, reason };
    }
    await mergeStepDetail(
      this.deps.db,
      stepId,
      outcome.sent
        ? { delivery: 'sent', commandId: outcome.commandId }
        : { delivery: 'not_sent', reason: outcome.reason },
    );
    return outcome;
  }

  /** The same step on many alarms (of one kind); each alarm in its own transaction. */
  async bulk(
    ctx: Acting,
    alarmIds: readonly string[],
    input: ActionInput,
  ): Promise<{ id: string; ok: boolean; code?: string }[]> {
    const out: { id: string; ok: boolean; code?: string }[] = [];
    for (const id of new Set(alarmIds)) {
      try {
        const r = await this.act(ctx, id, input);
        out.push(r.text && !r.text.sent ? { id, ok: true, code: 'ALARM_TEXT_NOT_SENT' } : { id, ok: true });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.push({ id, ok: false, code: err.code });
      }
    }
    return out;
  }

  /**
   * The deadline clock: every open alarm whose deadline has passed moves up a level. Run by the
   * module's timer, and by tests with a chosen `now`. Returns how many alarms escalated.
   */
  async tick(now = this.deps.now()): Promise<number> {
    let escalated = 0;
    for (;;) {
      const batch = await this.deps.db.transaction(async (tx) => {
        const { rows } = await tx.query<AlarmRow>(
          `SELECT ${ALARM_COLUMNS} FROM alarms
            WHERE status IN ('pending', 'processing', 'returned', 'escalated') AND level <> 'city' AND deadline_at <= $1
            ORDER BY deadline_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
          [now],
        );
        const changed: AlarmRow[] = [];
        for (const r of rows) {
          const next = escalateIfDue(stateOf(r), now, this.deps.deadlines);
          if (!next) continue;
          changed.push(await saveState(tx, r.id, next));
          await insertStep(tx, {
            alarmId: r.id,
            action: 'deadline_escalated',
            fromStatus: r.status,
            toStatus: next.status,
            level: next.level,
            actor: null,
            at: now,
            detail: { from: r.level, to: next.level, deadlineWas: new Date(r.deadline_at).toISOString() },
          });
        }
        return changed;
      });
      for (const r of batch) this.push(r, 'escalated');
      escalated += batch.length;
      if (batch.length < 200) break;
    }
    if (escalated > 0) this.deps.logger.info({ cat: 'alarms', escalated }, 'alarm deadlines passed');
    return escalated;
  }

  /** Pushes a changed alarm (after another module's transaction, e.g. a supervision order). */
  notify(row: AlarmRow, event: string): void {
    this.push(row, event);
  }
}
