/**
 * Supervision orders (督办): the city orders a county or a company to deal with something — an
 * alarm or a matter of its own — by a deadline. open → answered (the addressee's answer) → closed
 * by the city, or re-opened with a reason; an order past its deadline and not closed is marked
 * overdue by the deadline clock. A county sees the orders of its district; a company only orders
 * addressed to it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { recordAudit } from '../accounts/audit.js';
import type { AlarmHub } from './hub.js';
import { ALARM_COLUMNS, findAlarm, insertStep, type AlarmRow } from './repository.js';
import type { Acting } from './service.js';
import { levelOfScope } from './workflow.js';

export interface OrderRow {
  id: string;
  alarm_id: string | null;
  target: 'county' | 'company';
  enterprise_id: string | null;
  district_code: string;
  content: string;
  deadline_at: Date;
  status: 'open' | 'answered' | 'closed';
  overdue: boolean;
  issued_by: string;
  issued_by_name: string;
  issued_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
  closed_on_time: boolean | null;
}

const COLUMNS = `id, alarm_id, target, enterprise_id, district_code, content, deadline_at, status, overdue, issued_by,
  issued_by_name, issued_at, answer, answered_by, answered_at, closed_by, closed_at, closed_on_time`;
const orderScope = { enterpriseColumn: 'enterprise_id', districtColumn: 'district_code' };

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
export function presentOrder(r: OrderRow) {
  return {
    id: r.id,
    alarmId: r.alarm_id,
    target: r.target,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    content: r.content,
    deadlineAt: iso(r.deadline_at)!,
    status: r.status,
    overdue: r.overdue,
    issuedBy: r.issued_by,
    issuedByName: r.issued_by_name,
    issuedAt: iso(r.issued_at)!,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: iso(r.answered_at),
    closedBy: r.closed_by,
    closedAt: iso(r.closed_at),
    closedOnTime: r.closed_on_time,
  };
}

export interface NewOrder {
  target: 'county' | 'company';
  alarmId?: string;
  enterpriseId?: string;
  districtCode?: string;
  content: string;
  deadlineAt: string;
}

export class SupervisionOrders {
  constructor(
    private readonly db: Db,
    private readonly hub: AlarmHub,
    private readonly now: () => Date,
    private readonly onAlarm: (row: AlarmRow, event: string) => void,
  ) {}

  private push(r: OrderRow, event: string): void {
    this.hub.publish(
      { enterpriseId: r.target === 'company' ? r.enterprise_id : null, districtCode: r.district_code },
      {
        type: 'supervision_order',
        event,
        hint: { sound: event === 'issued', desktop: true },
        data: presentOrder(r),
      },
    );
  }

  private async load(tx: Queryable, ctx: Acting, id: string): Promise<OrderRow> {
    const params: unknown[] = [id];
    const where = scopeWhere(ctx.actor, orderScope, params);
    // A company sees only orders addressed to it, not its county's.
    const own = ctx.actor.scope.kind === 'enterprise' ? ` AND target = 'company'` : '';
    const { rows } = await tx.query<OrderRow>(
      `SELECT ${COLUMNS} FROM supervision_orders WHERE id = $1 AND ${where}${own} FOR UPDATE`,
      params,
    );
    if (!rows[0]) throw new AppError('NOT_FOUND');
    return rows[0];
  }

  async issue(ctx: Acting, input: NewOrder): Promise<OrderRow> {
    const now = this.now();
    const deadline = new Date(input.deadlineAt);
    if (!(deadline.getTime() > now.getTime()) || deadline.getTime() - now.getTime() > 90 * 86_400_000) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'deadlineAt',
        reason: 'between now and 90 days ahead',
      });
    }
    const { order, alarm } = await this.db.transaction(async (tx) => {
      let enterpriseId = input.enterpriseId ?? null;
      let districtCode = input.districtCode ?? null;
      let alarm: AlarmRow | null = null;
      if (input.alarmId) {
        alarm = await findAlarm(tx, ctx.actor, input.alarmId, true);
        if (!alarm) throw new AppError('NOT_FOUND');
        enterpriseId = alarm.enterprise_id;
        districtCode = alarm.district_code;
      } else if (enterpriseId) {
        const params: unknown[] = [enterpriseId];
        const where = scopeWhere(
          ctx.actor,
          { enterpriseColumn: 'id', districtColumn: 'district_code' },
          params,
        );
        const e = await tx.query<{ district_code: string }>(
          `SELECT district_code FROM enterprises WHERE id = $1::uuid AND ${where}`,
          params,
        );
        if (!e.rows[0]) throw new AppError('NOT_FOUND');
        districtCode = e.rows[0].district_code;
      }
      if (input.target === 'company' && !enterpriseId) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'enterpriseId',
          reason: 'an order to a company names it',
        });
      }
      if (!districtCode || !/^[0-9]{6}$/.test(districtCode)) {
        throw new AppError('VALIDATION_FAILED', { field: 'districtCode' });
      }
      const { rows } = await tx.query<OrderRow>(
        `INSERT INTO supervision_orders (id, alarm_id, target, enterprise_id, district_code, content, deadline_at, status,
           issued_by, issued_by_name, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          alarm?.id ?? null,
          input.target,
          input.target === 'company' ? enterpriseId : null,
          districtCode,
          input.content.trim(),
          deadline,
          ctx.actor.id,
          ctx.actor.name,
          now,
        ],
      );
      const order = rows[0]!;
      let changed: AlarmRow | null = null;
      if (alarm) {
        const r = await tx.query<AlarmRow>(
          `UPDATE alarms SET supervised = true, version = version + 1, updated_at = now() WHERE id = $1
           RETURNING ${ALARM_COLUMNS}`,
          [alarm.id],
        );
        changed = r.rows[0]!;
        await insertStep(tx, {
          alarmId: alarm.id,
          action: 'supervision_order',
          fromStatus: alarm.status,
          toStatus: alarm.status,
          level: 'city',
          actor: ctx.actor,
          at: now,
          note: order.content,
          detail: { orderId: order.id, target: order.target, deadlineAt: deadline.toISOString() },
        });
      }
      await recordAudit(tx, ctx, {
        action: 'supervision_order.issue',
        targetType: 'supervision_order',
        targetId: order.id,
        after: presentOrder(order),
      });
      return { order, alarm: changed };
    });
    this.push(order, 'issued');
    if (alarm) this.onAlarm(alarm, 'supervised');
    return order;
  }

  /** The addressee (the county, or the company) answers. */
  async answer(ctx: Acting, id: string, answer: string): Promise<OrderRow> {
    const order = await this.db.transaction(async (tx) => {
      const o = await this.load(tx, ctx, id);
      const level = levelOfScope(ctx.actor.scope.kind);
      if (level !== o.target) throw new AppError('SUPERVISION_ORDER_TARGET');
      if (o.status !== 'open') throw new AppError('SUPERVISION_ORDER_STATE', { status: o.status });
      const { rows } = await tx.query<OrderRow>(
        `UPDATE supervision_orders SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, answer.trim(), ctx.actor.id, this.now()],
      );
      await recordAudit(tx, ctx, {
        action: 'supervision_order.answer',
        targetType: 'supervision_order',
        targetId: id,
        before: { status: o.status },
        after: { status: 'answered', answer },
      });
      return rows[0]!;
    });
    this.push(order, 'answered');
    return order;
  }

  /** The city closes an answered order, or re-opens it with a reason. */
  async close(ctx: Acting, id: string, decision: 'close' | 'reopen', note?: string): Promise<OrderRow> {
    const order = await this.db.transaction(async (tx) => {
      const o = await this.load(tx, ctx, id);
      if (o.status !== 'answered') throw new AppError('SUPERVISION_ORDER_STATE', { status: o.status });
      const now = this.now();
      let rows: OrderRow[];
      if (decision === 'close') {
        ({ rows } = await tx.query<OrderRow>(
          `UPDATE supervision_orders SET status = 'closed', closed_by = $2, closed_at = $3,
                  closed_on_time = answered_at <= deadline_at
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, ctx.actor.id, now],
        ));
      } else {
        if ((note?.trim().length ?? 0) < 4) throw new AppError('ALARM_NOTE_REQUIRED');
        ({ rows } = await tx.query<OrderRow>(
          `UPDATE supervision_orders SET status = 'open', answer = NULL, answered_by = NULL, answered_at = NULL
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [id],
        ));
      }
      await recordAudit(tx, ctx, {
        action: `supervision_order.${decision}`,
        targetType: 'supervision_order',
        targetId: id,
        before: { status: o.status },
        after: { status: rows[0]!.status, note: note ?? null },
      });
      return rows[0]!;
    });
    this.push(order, decision === 'close' ? 'closed' : 'reopened');
    return order;
  }

  async get(ctx: Acting, id: string): Promise<OrderRow> {
    return this.db.transaction((tx) => this.load(tx, ctx, id));
  }

  async list(ctx: Acting, status?: string): Promise<OrderRow[]> {
    const params: unknown[] = [];
    const where = [scopeWhere(ctx.actor, orderScope, params)];
    if (ctx.actor.scope.kind === 'enterprise') where.push(`target = 'company'`);
    if (status) {
      params.push(status);
      where.push(`status = $${params.length}`);
    }
    const { rows } = await this.db.query<OrderRow>(
      `SELECT ${COLUMNS} FROM supervision_orders WHERE ${where.join(' AND ')} ORDER BY issued_at DESC, id LIMIT 500`,
      params,
    );
    return rows;
  }

  /** Marks orders past their deadline and still not closed; returns them. */
  async tick(now: Date): Promise<number> {
    const { rows } = await this.db.query<OrderRow>(
      `UPDATE supervision_orders SET overdue = true
        WHERE status <> 'closed' AND NOT overdue AND deadline_at <= $1 RETURNING ${COLUMNS}`,
      [now],
    );
    for (const r of rows) this.push(r, 'overdue');
    return rows.length;
  }
}
