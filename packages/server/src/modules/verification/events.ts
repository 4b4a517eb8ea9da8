/**
 * What the filling-site check and checkpoint verification tell the alarm module: one event per
 * finding (over-fill, no waybill, unfiled vehicle, expired certificate, goods mismatch), on bus
 * subject `events.verification.<type>` (stream `events`). Events are written to the
 * `verification_outbox` in the same transaction as their record and published after it commits,
 * so a crash in between loses nothing: the next publish run (module start, next record) sends them.
 */
import type { Bus } from '../../platform/bus/bus.js';
import type { Queryable } from '../../platform/db/db.js';

export const VERIFICATION_EVENTS_SUBJECTS = 'events.verification.>';

export const verificationAlarmTypes = [
  'overfill', // 超载充装: weighbridge net above the planned quantity or the rated load
  'no_waybill_at_filling', // 无有效电子运单充装
  'unfiled_vehicle', // 未备案车辆 (not in the archive, or not filed)
  'no_waybill', // 无电子运单通行
  'expired_certificate', // 证件过期
  'goods_mismatch', // 车辆/罐体与所运货物不符
] as const;
export type VerificationAlarmType = (typeof verificationAlarmTypes)[number];

export function verificationSubject(type: VerificationAlarmType): string {
  return `events.verification.${type}`;
}

export interface VerificationEvent {
  /** Stable per finding: `filling/<record id>/<type>` or `checkpoint/<pass id>/<type>`. */
  id: string;
  type: VerificationAlarmType;
  at: string;
  plate: string;
  plateColour: number;
  vehicleId: string | null;
  /** The vehicle's company; null when the plate is not in the archive. */
  enterpriseId: string | null;
  /** The company's district, or the place's district when there is no company. */
  districtCode: string;
  waybillId: string | null;
  driverId: string | null;
  place: { id: string; kind: 'filling_site' | 'checkpoint'; name: string; lat: number; lon: number };
  measured: number | null;
  threshold: number | null;
  unit: string | null;
  /** Record id and the finding's reasons (codes with zh/en text). */
  detail: Record<string, unknown>;
}

/** Stores an event with its record (same transaction). */
export async function enqueueEvent(tx: Queryable, e: VerificationEvent): Promise<void> {
  await tx.query(
    `INSERT INTO verification_outbox (id, subject, event) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING`,
    [e.id, verificationSubject(e.type), JSON.stringify(e)],
  );
}

/**
 * Publishes stored events the bus has not taken yet, oldest first, each with its id as the
 * de-duplication id (a crash between publishing and marking re-sends the same id).
 */
export async function publishPendingEvents(db: Queryable, bus: Bus, batch = 500): Promise<number> {
  let sent = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string; subject: string; event: VerificationEvent }>(
      `SELECT id, subject, event FROM verification_outbox WHERE published_at IS NULL
        ORDER BY created_at, id LIMIT $1`,
      [batch],
    );
    for (const r of rows) {
      await bus.publish(r.subject, new TextEncoder().encode(JSON.stringify(r.event)), { msgId: r.id });
      await db.query('UPDATE verification_outbox SET published_at = now() WHERE id = $1', [r.id]);
      sent++;
    }
    if (rows.length < batch) return sent;
  }
}
