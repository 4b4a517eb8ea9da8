/**
 * Waybill commands: create and edit drafts, submit (with the automatic checks), the carrier's
 * lifecycle steps, cancel, the dry-run check, and the system's track-driven steps. Each write is
 * one transaction with its `waybill_events` row and its audit record.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldsInvalidError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { recordAudit, type RequestContext } from '../accounts/audit.js';
import { allPassed, type CheckResult } from './check-codes.js';
import type { CheckParams, CheckWaybill } from './checks/context.js';
import { chinaDate } from './checks/context.js';
import { runChecks } from './checks/index.js';
import { loadCheckContext } from './checks/load.js';
import { transition, type WaybillAction, type WaybillStatus } from './lifecycle.js';
import {
  archiveProblems,
  eventsOf,
  findWaybill,
  findWaybillBy,
  insertEvent,
  insertWaybill,
  linesOf,
  listWaybills,
  nextNumber,
  setStatus,
  updateContent,
  type ListFilter,
  type WaybillRow,
} from './repository.js';
import type { SanctionSource } from './sanctions.js';
import { presentEvent, presentLine, presentWaybill, type WaybillView } from './schemas.js';
import { validateWaybill, waybillReasons, type FieldProblem, type WaybillInput } from './validation.js';

/** A body refused for reasons a person can fix; routes turn it into VALIDATION_FAILED. */
export class WaybillInvalidError extends FieldsInvalidError {
  constructor(readonly problems: FieldProblem[]) {
    super(
      problems.map((p) => ({ field: p.field, reason: p.reason, ...waybillReasons[p.reason] })),
      'invalid waybill',
    );
    this.name = 'WaybillInvalidError';
  }
}

export interface WaybillServiceOptions {
  db: Db;
  params: CheckParams;
  sanctions: SanctionSource;
  now: () => Date;
  /** Called after a status change commits (the tracker refreshes its active set). */
  onChange?: () => void;
}

/** The carrier's own steps; submit and cancel have their own commands. */
export type CarrierStep = 'start_loading' | 'depart' | 'arrive' | 'close';

/** The request context of the system's own changes (tracks): no actor in the audit log. */
const SYSTEM: RequestContext = { actor: null, id: 'system:waybills', ip: '' };

function ownEnterprise(actor: Actor): string {
  if (actor.scope.kind !== 'enterprise') throw new AppError('FORBIDDEN');
  return actor.scope.enterpriseId;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export function checkWaybillOf(
  id: string | null,
  enterpriseId: string,
  i: Pick<
    WaybillInput,
    | 'vehicleId'
    | 'trailerId'
    | 'tankId'
    | 'driverId'
    | 'escortId'
    | 'plannedDeparture'
    | 'plannedArrival'
    | 'publicSecurityPermitNo'
    | 'lines'
  >,
): CheckWaybill {
  return {
    id,
    enterpriseId,
    vehicleId: i.vehicleId,
    trailerId: i.trailerId ?? null,
    tankId: i.tankId ?? null,
    driverId: i.driverId ?? null,
    escortId: i.escortId ?? null,
    plannedDeparture: new Date(i.plannedDeparture),
    plannedArrival: i.plannedArrival ? new Date(i.plannedArrival) : null,
    publicSecurityPermitNo: i.publicSecurityPermitNo ?? null,
    lines: i.lines.map((l, n) => ({
      lineNo: n + 1,
      unNumber: l.unNumber.trim(),
      name: l.name,
      hazardClass: l.hazardClass,
      packingGroup: l.packingGroup ?? null,
      packaging: l.packaging,
      quantity: Number(l.quantity),
      unit: l.unit,
    })),
  };
}

/** The stored waybill as the checks see it. */
async function storedCheckWaybill(db: Queryable, row: WaybillRow): Promise<CheckWaybill> {
  const lines = ((await linesOf(db, [row.id])).get(row.id) ?? []).map(presentLine);
  return checkWaybillOf(row.id, row.enterprise_id, {
    vehicleId: row.vehicle_id,
    trailerId: row.trailer_id,
    tankId: row.tank_id,
    driverId: row.driver_id,
    escortId: row.escort_id,
    plannedDeparture: new Date(row.planned_departure).toISOString(),
    plannedArrival: row.planned_arrival ? new Date(row.planned_arrival).toISOString() : null,
    publicSecurityPermitNo: row.public_security_permit_no,
    lines,
  });
}

export class WaybillService {
  constructor(private readonly o: WaybillServiceOptions) {}

  private get db(): Db {
    return this.o.db;
  }

  private async view(db: Queryable, row: WaybillRow): Promise<WaybillView> {
    return presentWaybill(row, (await linesOf(db, [row.id])).get(row.id) ?? []);
  }

  private async validated(
    db: Queryable,
    enterpriseId: string,
    input: WaybillInput,
    lock = false,
  ): Promise<void> {
    const problems = validateWaybill(input, this.o.now());
    problems.push(...(await archiveProblems(db, enterpriseId, input, { lockVehicles: lock })));
    if (problems.length > 0) throw new WaybillInvalidError(problems);
  }

  private async runChecksOn(db: Queryable, w: CheckWaybill): Promise<CheckResult[]> {
    const ctx = await loadCheckContext(db, w, {
      params: this.o.params,
      sanctions: this.o.sanctions,
      now: this.o.now(),
    });
    return runChecks(ctx);
  }

  async list(actor: Actor, f: ListFilter): Promise<{ items: WaybillView[]; total: number }> {
    const out = await listWaybills(this.db, actor, f);
    const lines = await linesOf(
      this.db,
      out.items.map((r) => r.id),
    );
    return { items: out.items.map((r) => presentWaybill(r, lines.get(r.id) ?? [])), total: out.total };
  }

  async detail(actor: Actor, id: string) {
    const row = await findWaybill(this.db, actor, id);
    if (!row) throw new AppError('NOT_FOUND');
    return {
      waybill: await this.view(this.db, row),
      events: (await eventsOf(this.db, id)).map(presentEvent),
    };
  }

  async create(ctx: RequestContext & { actor: Actor }, input: WaybillInput): Promise<WaybillView> {
    const enterpriseId = ownEnterprise(ctx.actor);
    await this.validated(this.db, enterpriseId, input);
    const id = randomUUID();
    const now = this.o.now();
    return this.db.transaction(async (tx) => {
      const e = (
        await tx.query<{ district_code: string }>('SELECT district_code FROM enterprises WHERE id = $1', [
          enterpriseId,
        ])
      ).rows[0];
      if (!e) throw new AppError('FORBIDDEN');
      const number = await nextNumber(tx, chinaDate(now).replaceAll('-', ''));
      await insertWaybill(
        tx,
        {
          id,
          number,
          enterpriseId,
          districtCode: e.district_code,
          createdBy: ctx.actor.via === 'api_key' ? null : ctx.actor.id,
        },
        input,
      );
      await insertEvent(tx, {
        waybillId: id,
        action: 'create',
        from: null,
        to: 'draft',
        actor: ctx.actor,
        at: now,
      });
      const row = (await findWaybill(tx, ctx.actor, id))!;
      const view = await this.view(tx, row);
      await recordAudit(tx, ctx, {
        action: 'waybill.create',
        targetType: 'waybill',
        targetId: id,
        after: view,
      });
      return view;
    });
  }

  async update(
    ctx: RequestContext & { actor: Actor },
    id: string,
    input: WaybillInput,
    version?: number,
  ): Promise<WaybillView> {
    const enterpriseId = ownEnterprise(ctx.actor);
    return this.db.transaction(async (tx) => {
      const row = await findWaybill(tx, ctx.actor, id, { lock: true });
      if (!row) throw new AppError('NOT_FOUND');
      if (row.status !== 'draft' && row.status !== 'check_failed')
        throw new AppError('WAYBILL_NOT_EDITABLE', { status: row.status });
      if (version !== undefined && version !== Number(row.version))
        throw new AppError('CONFLICT', { version: row.version });
      await this.validated(tx, enterpriseId, input);
      const before = await this.view(tx, row);
      // Editing a waybill that failed its checks makes it a draft again (lifecycle: edit).
      const to: WaybillStatus = row.status === 'check_failed' ? transitionTo(row.status, 'edit') : 'draft';
      await updateContent(tx, id, input, to);
      await insertEvent(tx, {
        waybillId: id,
        action: 'edit',
        from: row.status,
        to,
        actor: ctx.actor,
        at: this.o.now(),
      });
      const after = await this.view(tx, (await findWaybill(tx, ctx.actor, id))!);
      await recordAudit(tx, ctx, {
        action: 'waybill.update',
        targetType: 'waybill',
        targetId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A dry run of the checks on a body (the console's live results); writes nothing. */
  async dryRun(actor: Actor, input: WaybillInput): Promise<{ passed: boolean; results: CheckResult[] }> {
    const enterpriseId = ownEnterprise(actor);
    await this.validated(this.db, enterpriseId, input);
    const results = await this.runChecksOn(this.db, checkWaybillOf(null, enterpriseId, input));
    return { passed: allPassed(results), results };
  }

  /**
   * Submit: draft | check_failed → submitted, then the automatic checks → checked or check_failed,
   * in one transaction. The vehicle and trailer rows are locked first, so two submissions for the
   * same vehicle take turns and the second sees the first's active waybill.
   */
  async submit(ctx: RequestContext & { actor: Actor }, id: string): Promise<WaybillView> {
    ownEnterprise(ctx.actor);
    const out = await this.db
      .transaction(async (tx) => {
        const row = await findWaybill(tx, ctx.actor, id, { lock: true });
        if (!row) throw new AppError('NOT_FOUND');
        const to = transitionTo(row.status, 'submit');
        await tx.query(`SELECT id FROM vehicles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
          [row.vehicle_id, row.trailer_id].filter(Boolean),
        ]);
        const now = this.o.now();
        await setStatus(tx, id, to, { at: now });
        await insertEvent(tx, {
          waybillId: id,
          action: 'submit',
          from: row.status,
          to,
          actor: ctx.actor,
          at: now,
        });
        const results = await this.runChecksOn(tx, await storedCheckWaybill(tx, row));
        const passed = allPassed(results);
        const failed = results.filter((r) => !r.passed).map((r) => r.code);
        const final = transitionTo(to, passed ? 'check_pass' : 'check_fail', 'system');
        await setStatus(tx, id, final, { at: now, checks: results });
        await insertEvent(tx, {
          waybillId: id,
          action: passed ? 'check_pass' : 'check_fail',
          from: to,
          to: final,
          actor: null,
          at: now,
          detail: { failed },
        });
        const view = await this.view(tx, (await findWaybill(tx, ctx.actor, id))!);
        await recordAudit(tx, ctx, {
          action: 'waybill.submit',
          targetType: 'waybill',
          targetId: id,
          before: { status: row.status },
          after: { status: final, failed },
        });
        return view;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('WAYBILL_VEHICLE_BUSY');
        throw err;
      });
    this.o.onChange?.();
    return out;
  }

  /** The carrier's lifecycle steps and cancel (with a reason). */
  async step(
    ctx: RequestContext & { actor: Actor },
    id: string,
    action: CarrierStep | 'cancel',
    note: string | null,
  ): Promise<WaybillView> {
    ownEnterprise(ctx.actor);
    const out = await this.db.transaction(async (tx) => {
      const row = await findWaybill(tx, ctx.actor, id, { lock: true });
      if (!row) throw new AppError('NOT_FOUND');
      const to = transitionTo(row.status, action);
      const now = this.o.now();
      await setStatus(tx, id, to, {
        at: now,
        ...(action === 'cancel' && note ? { cancelReason: note } : {}),
      });
      await insertEvent(tx, { waybillId: id, action, from: row.status, to, actor: ctx.actor, at: now, note });
      const view = await this.view(tx, (await findWaybill(tx, ctx.actor, id))!);
      await recordAudit(tx, ctx, {
        action: `waybill.${action}`,
        targetType: 'waybill',
        targetId: id,
        before: { status: row.status },
        after: { status: to, note },
      });
      return view;
    });
    this.o.onChange?.();
    return out;
  }

  /**
   * A step the tracks decided (depart, arrive), with the system as actor. Returns false when the
   * waybill has moved on meanwhile (a person was faster), which is not an error.
   */
  async systemStep(
    id: string,
    action: 'depart' | 'arrive',
    at: Date,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const done = await this.db.transaction(async (tx) => {
      const row = await findWaybillBy(tx, { id }, { lock: true });
      if (!row) return false;
      const out = transition(row.status, action, 'system');
      if (!out.ok) return false;
      await setStatus(tx, id, out.to, { at });
      await insertEvent(tx, { waybillId: id, action, from: row.status, to: out.to, actor: null, at, detail });
      await recordAudit(tx, SYSTEM, {
        action: `waybill.${action}`,
        targetType: 'waybill',
        targetId: id,
        before: { status: row.status },
        after: { status: out.to, ...detail },
      });
      return true;
    });
    if (done) this.o.onChange?.();
    return done;
  }
}

/**
 * The filling site's step (充装): a weighing that passes moves the waybill checked → loading, in
 * the filling site's own transaction (the caller has locked the waybill row). Returns false when
 * the lifecycle does not allow it from the waybill's state (already loading, in transit, …), which
 * is not an error for the weighing.
 */
export async function fillStep(
  tx: Queryable,
  e: {
    waybillId: string;
    from: WaybillStatus;
    actor: Actor;
    at: Date;
    note: string;
    detail: Record<string, unknown>;
  },
): Promise<boolean> {
  const out = transition(e.from, 'fill', 'site');
  if (!out.ok) return false;
  await setStatus(tx, e.waybillId, out.to, { at: e.at });
  await insertEvent(tx, {
    waybillId: e.waybillId,
    action: 'fill',
    from: e.from,
    to: out.to,
    actor: e.actor,
    at: e.at,
    note: e.note,
    detail: e.detail,
  });
  return true;
}

/** The lifecycle's target state, or the refusal as an API error. */
function transitionTo(
  from: WaybillStatus,
  action: WaybillAction,
  by: 'carrier' | 'system' = 'carrier',
): WaybillStatus {
  const out = transition(from, action, by);
  if (!out.ok)
    throw new AppError('WAYBILL_TRANSITION_NOT_ALLOWED', { status: from, action, reason: out.reason });
  return out.to;
}
