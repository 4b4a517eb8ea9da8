/**
 * The unread inbox per user: an alarm in the user's scope that is still open (not closed) is
 * unread until the user reads its current version; any later change makes it unread again.
 */
import type { Actor } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/scope.js';
import { ALARM_COLUMNS, alarmScope, type AlarmRow } from './repository.js';

export async function unread(
  db: Db,
  actor: Actor,
  limit: number,
): Promise<{ unread: number; items: AlarmRow[] }> {
  const params: unknown[] = [actor.id];
  const where = scopeWhere(actor, alarmScope, params);
  const from = `FROM alarms a LEFT JOIN alarm_reads r ON r.alarm_id = a.id AND r.user_id = $1
    WHERE ${where} AND a.status <> 'closed' AND (r.read_version IS NULL OR r.read_version < a.version)`;
  // The count and the newest from one snapshot (see consistentRead): the alarm consumer commits while people read.
  return consistentRead(db, async (tx) => {
    const n = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
    params.push(limit);
    const cols = ALARM_COLUMNS.split(',')
      .map((c) => `a.${c.trim()}`)
      .join(', ');
    const { rows } = await tx.query<AlarmRow>(
      `SELECT ${cols} ${from} ORDER BY a.opened_at DESC, a.id LIMIT $${params.length}`,
      params,
    );
    return { unread: n.rows[0]?.n ?? 0, items: rows };
  });
}

/** Marks the given alarms (those in scope) read at their current version; returns how many. */
export async function markRead(db: Queryable, actor: Actor, alarmIds: readonly string[]): Promise<number> {
  const params: unknown[] = [actor.id, alarmIds];
  const where = scopeWhere(actor, alarmScope, params);
  const { rowCount } = await db.query(
    `INSERT INTO alarm_reads (user_id, alarm_id, read_version)
     SELECT $1, id, version FROM alarms WHERE id = ANY($2::uuid[]) AND ${where}
     ON CONFLICT (user_id, alarm_id) DO UPDATE SET read_version = EXCLUDED.read_version`,
    params,
  );
  return rowCount;
}
