/**
 * The IC-card log (`driver_card_events`) is kept as long as the tracks it explains: reports
 * received more than POSITION_RETENTION_DAYS ago are deleted, as the position store drops its
 * partitions past the same retention. Run at start and every hour (the received_at index makes
 * it a range delete).
 */
import type { Queryable } from '../../platform/db/db.js';

/** Deletes the reports received before `now − retentionDays`; returns how many. */
export async function dropOldCardReports(
  db: Queryable,
  retentionDays: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const { rowCount } = await db.query('DELETE FROM driver_card_events WHERE received_at < $1::timestamptz', [
    before.toISOString(),
  ]);
  return rowCount;
}
