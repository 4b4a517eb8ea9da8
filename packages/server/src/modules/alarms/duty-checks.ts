/**
 * Duty checks (查岗): the city or a county sends a prompt to a company's monitoring desk, pushed
 * to its monitors; the desk answers and the response time is recorded. The national assessment's
 * 平台查岗响应率 is answered-within-limit / sent (regulations.md, JT/T 809 0x9301/0x1301).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Db } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { recordAudit } from '../accounts/audit.js';
import type { AlarmHub } from './hub.js';
import type { Acting } from './service.js';
import { levelOfScope } from './workflow.js';

export interface DutyCheckRow {
  id: string;
  enterprise_id: string;
  district_code: string;
  issuer_level: 'county' | 'city';
  issued_by: string;
  issued_by_name: string;
  prompt: string;
  issued_at: Date;
  answer_within_seconds: number;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  response_seconds: number | null;
}

const COLUMNS = `id, enterprise_id, district_code, issuer_level, issued_by, issued_by_name, prompt, issued_at,
  answer_within_seconds, answer, answered_by, answered_by_name, answered_at, response_seconds`;
const scope = { enterpriseColumn: 'enterprise_id', districtColumn: 'district_code' };

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
export function presentDutyCheck(r: DutyCheckRow) {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    issuerLevel: r.issuer_level,
    issuedBy: r.issued_by,
    issuedByName: r.issued_by_name,
    prompt: r.prompt,
    issuedAt: iso(r.issued_at)!,
    answerWithinSeconds: r.answer_within_seconds,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredByName: r.answered_by_name,
    answeredAt: iso(r.answered_at),
    responseSeconds: r.response_seconds,
    answeredInTime: r.response_seconds === null ? null : r.response_seconds <= r.answer_within_seconds,
  };
}

export class DutyChecks {
  constructor(
    private readonly db: Db,
    private readonly hub: AlarmHub,
    private readonly now: () => Date,
  ) {}

  private push(r: DutyCheckRow, event: string): void {
    this.hub.publish(
      { enterpriseId: r.enterprise_id, districtCode: r.district_code },
      {
        type: 'duty_check',
        event,
        hint: { sound: event === 'sent', desktop: event === 'sent' },
        data: presentDutyCheck(r),
      },
    );
  }

  async send(
    ctx: Acting,
    enterpriseId: string,
    prompt: string,
    answerWithinMinutes: number,
  ): Promise<DutyCheckRow> {
    const level = levelOfScope(ctx.actor.scope.kind);
    if (level !== 'county' && level !== 'city') throw new AppError('FORBIDDEN');
    const row = await this.db.transaction(async (tx) => {
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
      const { rows } = await tx.query<DutyCheckRow>(
        `INSERT INTO duty_checks (id, enterprise_id, district_code, issuer_level, issued_by, issued_by_name, prompt,
           issued_at, answer_within_seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          enterpriseId,
          e.rows[0].district_code,
          level,
          ctx.actor.id,
          ctx.actor.name,
          prompt.trim(),
          this.now(),
          answerWithinMinutes * 60,
        ],
      );
      await recordAudit(tx, ctx, {
        action: 'duty_check.send',
        targetType: 'duty_check',
        targetId: rows[0]!.id,
        after: { enterpriseId, prompt },
      });
      return rows[0]!;
    });
    this.push(row, 'sent');
    return row;
  }

  /** The company's desk answers; the response time is measured from when the check was sent. */
  async answer(ctx: Acting, id: string, answer: string): Promise<DutyCheckRow> {
    const row = await this.db.transaction(async (tx) => {
      const params: unknown[] = [id];
      const where = scopeWhere(ctx.actor, scope, params);
      const found = await tx.query<DutyCheckRow>(
        `SELECT ${COLUMNS} FROM duty_checks WHERE id = $1 AND ${where} FOR UPDATE`,
        params,
      );
      const d = found.rows[0];
      if (!d) throw new AppError('NOT_FOUND');
      if (ctx.actor.scope.kind !== 'enterprise')
        throw new AppError('FORBIDDEN', { reason: 'the company answers' });
      if (d.answered_at !== null) throw new AppError('DUTY_CHECK_ANSWERED');
      const now = this.now();
      const seconds = Math.max(0, Math.round((now.getTime() - new Date(d.issued_at).getTime()) / 1000));
      const { rows } = await tx.query<DutyCheckRow>(
        `UPDATE duty_checks SET answer = $2, answered_by = $3, answered_by_name = $4, answered_at = $5,
                response_seconds = $6
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, answer.trim(), ctx.actor.id, ctx.actor.name, now, seconds],
      );
      await recordAudit(tx, ctx, {
        action: 'duty_check.answer',
        targetType: 'duty_check',
        targetId: id,
        after: { answer, responseSeconds: seconds },
      });
      return rows[0]!;
    });
    this.push(row, 'answered');
    return row;
  }

  async get(ctx: Acting, id: string): Promise<DutyCheckRow> {
    const params: unknown[] = [id];
    const where = scopeWhere(ctx.actor, scope, params);
    const { rows } = await this.db.query<DutyCheckRow>(
      `SELECT ${COLUMNS} FROM duty_checks WHERE id = $1 AND ${where}`,
      params,
    );
    if (!rows[0]) throw new AppError('NOT_FOUND');
    return rows[0];
  }

  /** Checks in scope, newest first, with the response rate over those listed. */
  async list(ctx: Acting, from?: string, to?: string) {
    const params: unknown[] = [];
    const where = [scopeWhere(ctx.actor, scope, params)];
    if (from) {
      params.push(from);
      where.push(`issued_at >= $${params.length}`);
    }
    if (to) {
      params.push(to);
      where.push(`issued_at < $${params.length}`);
    }
    const { rows } = await this.db.query<DutyCheckRow>(
      `SELECT ${COLUMNS} FROM duty_checks WHERE ${where.join(' AND ')} ORDER BY issued_at DESC, id LIMIT 1000`,
      params,
    );
    const inTime = rows.filter(
      (r) => r.response_seconds !== null && r.response_seconds <= r.answer_within_seconds,
    );
    const answered = rows.filter((r) => r.response_seconds !== null);
    return {
      items: rows.map(presentDutyCheck),
      sent: rows.length,
      answered: answered.length,
      answeredInTime: inTime.length,
      responseRate: rows.length === 0 ? null : inTime.length / rows.length,
      averageResponseSeconds:
        answered.length === 0
          ? null
          : answered.reduce((s, r) => s + r.response_seconds!, 0) / answered.length,
    };
  }
}
