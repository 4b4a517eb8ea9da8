/**
 * The daily certificate-expiry job: for every certificate at 30, 15, 7 and 0 days before it
 * expires (and once after it has expired), one warning event per threshold, published on the bus
 * for the alarm module and pushed to the company and its regulators (seed 002: the Zhenhai
 * platform sent 1,875 such warnings). Each (certificate, validity date, threshold) warns once, so
 * the job can run any number of times a day, and a renewed certificate starts afresh.
 */
import type { Bus } from '../../../platform/bus/bus.js';
import type { Queryable } from '../../../platform/db/db.js';
import { daysBetween } from './repository.js';

export const EXPIRY_THRESHOLDS = [30, 15, 7, 0] as const;
export const CERTIFICATE_EVENTS_SUBJECT = 'events.certificates';

export interface CertificateExpiryEvent {
  type: 'certificate_expiry';
  certificateId: string;
  holderType: string;
  holderId: string;
  enterpriseId: string;
  districtCode: string;
  kind: string;
  number: string | null;
  validUntil: string;
  /** The threshold crossed: 30, 15, 7 or 0 days before expiry. */
  thresholdDays: number;
  daysLeft: number;
  today: string;
}

/** Records the warnings due today (in one transaction) and returns how many were new. */
export async function recordExpiryWarnings(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  today: string,
  thresholds: readonly number[] = EXPIRY_THRESHOLDS,
): Promise<number> {
  const ascending = [...thresholds].sort((a, b) => a - b);
  const max = ascending[ascending.length - 1] ?? 0;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      holder_type: string;
      holder_id: string;
      enterprise_id: string;
      district_code: string;
      kind: string;
      number: string | null;
      valid_until: string;
    }>(
      `SELECT c.id, c.holder_type, c.holder_id, c.enterprise_id, e.district_code, c.kind, c.number,
              to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id
        WHERE c.valid_until <= $1::date + $2::int AND e.operating_status <> 'withdrawn'`,
      [today, max],
    );
    let added = 0;
    for (const r of rows) {
      const daysLeft = daysBetween(today, r.valid_until);
      // The tightest threshold reached: at 12 days left that is 15 (30 was sent earlier, or is
      // skipped when the certificate entered the archive already this close).
      const threshold = ascending.find((t) => daysLeft <= t);
      if (threshold === undefined) continue;
      const event: CertificateExpiryEvent = {
        type: 'certificate_expiry',
        certificateId: r.id,
        holderType: r.holder_type,
        holderId: r.holder_id,
        enterpriseId: r.enterprise_id,
        districtCode: r.district_code,
        kind: r.kind,
        number: r.number,
        validUntil: r.valid_until,
        thresholdDays: threshold,
        daysLeft,
        today,
      };
      const inserted = await tx.query(
        `INSERT INTO certificate_warnings (certificate_id, valid_until, threshold_days, event)
         VALUES ($1, $2::date, $3, $4::jsonb) ON CONFLICT DO NOTHING`,
        [r.id, r.valid_until, threshold, JSON.stringify(event)],
      );
      added += inserted.rowCount;
    }
    return added;
  });
}

/**
 * Publishes recorded warnings the bus has not taken yet, oldest first, each with a
 * de-duplication id: a crash after publishing and before marking re-sends the same id.
 */
export async function publishPendingWarnings(
  db: Queryable,
  bus: Bus,
  batch = 1000,
): Promise<CertificateExpiryEvent[]> {
  const { rows } = await db.query<{
    certificate_id: string;
    valid_until: string;
    threshold_days: number;
    event: CertificateExpiryEvent;
  }>(
    `SELECT certificate_id, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, threshold_days, event
       FROM certificate_warnings WHERE published_at IS NULL ORDER BY warned_at LIMIT $1`,
    [batch],
  );
  const sent: CertificateExpiryEvent[] = [];
  for (const r of rows) {
    await bus.publish(CERTIFICATE_EVENTS_SUBJECT, new TextEncoder().encode(JSON.stringify(r.event)), {
      msgId: `cert-expiry/${r.certificate_id}/${r.valid_until}/${r.threshold_days}`,
    });
    await db.query(
      `UPDATE certificate_warnings SET published_at = now()
        WHERE certificate_id = $1 AND valid_until = $2::date AND threshold_days = $3`,
      [r.certificate_id, r.valid_until, r.threshold_days],
    );
    sent.push(r.event);
  }
  return sent;
}

/** The daily run: record what is due, then publish everything not yet published. */
export async function runExpiryWarnings(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  bus: Bus,
  today: string,
  thresholds: readonly number[] = EXPIRY_THRESHOLDS,
): Promise<CertificateExpiryEvent[]> {
  await recordExpiryWarnings(db, today, thresholds);
  const sent: CertificateExpiryEvent[] = [];
  for (;;) {
    const batch = await publishPendingWarnings(db, bus);
    sent.push(...batch);
    if (batch.length === 0) return sent;
  }
}
