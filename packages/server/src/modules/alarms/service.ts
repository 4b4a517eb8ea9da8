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
import { ALARM_COLUMNS, findAlarm, insertStep, saveState, stateOf, type AlarmRow } from './repository.js';
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
  async ingest(signal: AlarmSignal): Promise<{ id: string; created: boolean } | null> {
    const now = this.deps.now();
    const result = await this.deps.db.transaction(async (tx) => {
      const existing = await tx.query<AlarmRow>(
        `SELECT ${ALARM_COLUMNS} FROM alarms WHERE source_id = $1 FOR UPDATE`,
        [signal.sourceId],
      );
      const row = existing.rows[0];
      if (row) return this.update(tx, row, signal);
      let o: { district_code: string; plate: string | null } | undefined;
      if (signal.enterpriseId !== null) {
        const owner = await tx.query<{ district_code: string; plate: string | null }>(
          `SELECT e.district_code, v.plate FROM enterprises e
             LEFT JOIN vehicles v ON v.id = $2::uuid AND v.enterprise_id = e.id
            WHERE e.id = $1::uuid`,
          [signal.enterpriseId, signal.vehicleId],
        );
        o = owner.rows[0];
      } else if (signal.districtCode) {
        o = { district_code: signal.districtCode, plate: null }; // no company: the county holds it
      }
      if (!o) return null;
      const s = openState(signal.severity, now, this.deps.deadlines, signal.enterpriseId === null);
      const id = randomUUID();
      const ended = signal.phase === 'ended';
      const inserted = await tx.query<AlarmRow>(
        `INSERT INTO alarms (id, source_id, source, type, severity, vehicle_id, plate, enterprise_id, district_code,
           driver_id, status, level, episode, started_at, ended_at, opened_at, last_event_at, lat, lon, threshold,
           measured, unit, evidence, deadline_at, waybill_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
           $22, $23::jsonb, $24, $25)
         ON CONFLICT (source_id) DO NOTHING
         RETURNING ${ALARM_COLUMNS}`,
        [
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
          s.status,
          s.level,
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
          JSON.stringify(signal.evidence),
          s.deadlineAt,
          signal.waybillId ?? null,
        ],
      );
      const created = inserted.rows[0];
      if (!created) return null; // a concurrent insert of the same episode won; it pushes
      await insertStep(tx, {
        alarmId: id,
        action: 'opened',
        fromStatus: null,
        toStatus: s.status,
        level: s.level,
        actor: null,
        at: now,
        detail: { phase: signal.phase },
      });
      return { row: created, event: 'opened', created: true };
    });
    if (!result) return null;
    if (result.event) this.push(result.row, result.event);
    return { id: result.row.id, created: result.created };
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

  /** One workflow step by a person, in one transaction with its step and audit entry. */
  async act(ctx: Acting, alarmId: string, input: ActionInput): Promise<AlarmRow> {
    const level = levelOfScope(ctx.actor.scope.kind);
    const row = await this.deps.db.transaction(async (tx) => {
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
        if (!current.vehicle_id) throw new AppError('ALARM_TEXT_NOT_SENT', { reason: 'no vehicle' });
        try {
          // Sent while the row is locked, so a failure leaves no step behind.
          const sent = await this.deps.messenger.sendText(current.vehicle_id, input.text);
          Object.assign(detail, { text: input.text, commandId: sent.commandId });
        } catch (err) {
          throw new AppError('ALARM_TEXT_NOT_SENT', {
            reason: err instanceof Error ? err.message : String(err),
          });
        }
      }
      const saved = await saveState(tx, current.id, out.state);
      await insertStep(tx, {
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
      return saved;
    });
    this.push(row, input.kind === 'escalate' ? 'escalated' : 'changed');
    return row;
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
        await this.act(ctx, id, input);
        out.push({ id, ok: true });
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
