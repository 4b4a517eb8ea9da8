/**
 * The audit log (审计日志). Every module records its writes with `recordAudit(tx, ctx, entry)`
 * inside the transaction that makes the change, so the log and the data never disagree. The table
 * is append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';

/** Who is acting and on which request: a FastifyRequest satisfies this. */
export interface RequestContext {
  actor: Actor | null;
  id: string;
  ip: string;
}

export interface AuditEntry {
  /** Verb in `resource.verb` form: `user.create`, `waybill.update`, `auth.login_failed`. */
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, actor_name, action, target_type, target_id, before, after,
       request_id, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
    [
      ctx.actor?.id ?? null,
      ctx.actor?.role ?? null,
      ctx.actor?.name ?? null,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      ctx.id,
      ctx.ip,
    ],
  );
}

export interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Newest first. The audit log is city-wide: only city-scoped roles hold `audit:read`. */
export async function queryAudit(db: Db, f: AuditFilter): Promise<{ total: number; items: AuditRow[] }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const eq = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  eq('actor_id', f.actorId);
  eq('action', f.action);
  eq('target_type', f.targetType);
  eq('target_id', f.targetId);
  if (f.from !== undefined) {
    params.push(f.from);
    where.push(`at >= $${params.length}::timestamptz`);
  }
  if (f.to !== undefined) {
    params.push(f.to);
    where.push(`at < $${params.length}::timestamptz`);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // The count and the page from one snapshot (see consistentRead).
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log ${clause}`, params);
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT id::text, at, actor_id, actor_role, actor_name, action, target_type, target_id, before, after,
         request_id, ip
       FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return {
      total: Number(total.rows[0]?.n ?? 0),
      items: rows.map((r) => ({
        id: r.id as string,
        at: new Date(r.at as string | Date).toISOString(),
        actorId: r.actor_id as string | null,
        actorRole: r.actor_role as string | null,
        actorName: r.actor_name as string | null,
        action: r.action as string,
        targetType: r.target_type as string,
        targetId: r.target_id as string | null,
        before: r.before,
        after: r.after,
        requestId: r.request_id as string | null,
        ip: r.ip as string | null,
      })),
    };
  });
}
