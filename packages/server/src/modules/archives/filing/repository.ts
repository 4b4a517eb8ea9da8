/** Filing transitions on stored records, with their history, in the caller's transaction. */
import type { Actor } from '../../../platform/auth.js';
import type { Queryable } from '../../../platform/db/db.js';
import type { ArchiveRecord } from '../resource/repository.js';
import type { EntitySpec } from '../resource/spec.js';
import {
  nextFilingStatus,
  type FilingAction,
  type FilingLevel,
  type FilingStatus,
  type TransitionResult,
} from './workflow.js';

export function levelOf(actor: Actor): FilingLevel {
  if (actor.scope.kind === 'city') return 'city';
  if (actor.scope.kind === 'district') return 'county';
  return 'company';
}

export interface FilingEvent {
  id: number;
  action: FilingAction;
  fromStatus: FilingStatus;
  toStatus: FilingStatus;
  reason: string | null;
  actorId: string | null;
  actorRole: string | null;
  at: string;
}

export async function applyFiling(
  tx: Queryable,
  spec: EntitySpec,
  actor: Actor,
  record: ArchiveRecord,
  action: FilingAction,
  reason: string | undefined,
): Promise<TransitionResult> {
  const from = record.filingStatus as FilingStatus;
  const result = nextFilingStatus(spec.type, from, action, levelOf(actor), reason);
  if (!result.ok) return result;
  // Guarded by the status read, so two reviewers cannot both move the same record.
  const res = await tx.query(
    `UPDATE ${spec.table} SET filing_status = $1, version = version + 1 WHERE id = $2 AND filing_status = $3`,
    [result.to, record.id, from],
  );
  if (res.rowCount !== 1) return { ok: false, reason: 'wrong_state' };
  const enterpriseId =
    spec.type === 'enterprise' ? record.id : ((record.enterpriseId as string | null | undefined) ?? null);
  await tx.query(
    `INSERT INTO filing_events (target_type, target_id, enterprise_id, action, from_status, to_status, reason, actor_id, actor_role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      spec.type,
      record.id,
      enterpriseId,
      action,
      from,
      result.to,
      reason?.trim() || null,
      uuidOrNull(actor.id),
      actor.role,
    ],
  );
  return result;
}

function uuidOrNull(id: string): string | null {
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

export async function filingHistory(
  db: Queryable,
  type: EntitySpec['type'],
  id: string,
): Promise<FilingEvent[]> {
  const { rows } = await db.query<FilingEvent>(
    `SELECT id, action, from_status AS "fromStatus", to_status AS "toStatus", reason, actor_id AS "actorId",
            actor_role AS "actorRole", to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
       FROM filing_events WHERE target_type = $1 AND target_id = $2 ORDER BY id`,
    [type, id],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
