/**
 * The daily certificate-expiry job: for every certificate at 30, 15, 7 and 0 days before it
 * expires (and once after it has expired), one warning event per threshold, published on the bus
 * for the alarm module and pushed to the company and its regulators (seed 002: the Zhenhai
 * platform sent 1,875 such warnings). Each (certificate, validity date, threshold) warns once, so
 * the job can run any number of times a day, and a renewed certificate starts afresh.
 */
import type { Bus } from '../../../platform/bus/bus.js';
import type { Queryable } from '../../../platform/db/db.js';

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

/**
 * Records the warnings due today and returns how many were new. One set-based statement: with
 * thousands of certificates due (the demo's first start), a row-by-row transaction held PGlite's
 * only connection for half a minute, and every request and the gateway's commits waited for it.
 */
export async function recordExpiryWarnings(
  db: Queryable,
  today: string,
  thresholds: readonly number[] = EXPIRY_THRESHOLDS,
): Promise<number> {
  const max = Math.max(0, ...thresholds);
  // The tightest threshold reached: at 12 days left that is 15 (30 was sent earlier, or is
  // skipped when the certificate entered the archive already this close).
  const { rowCount } = await db.query(
    `INSERT INTO certificate_warnings (certificate_id, valid_until, threshold_days, event)
     SELECT d.id, d.valid_until, d.threshold,
            jsonb_build_object(
              'type', 'certificate_expiry', 'certificateId', d.id, 'holderType', d.holder_type,
              'holderId', d.holder_id, 'enterpriseId', d.enterprise_id, 'districtCode', d.district_code,
              'kind', d.kind, 'number', d.number, 'validUntil', to_char(d.valid_until, 'YYYY-MM-DD'),
              'thresholdDays', d.threshold, 'daysLeft', d.days_left, 'today', $1::text)
       FROM (SELECT c.id, c.holder_type, c.holder_id, c.enterprise_id, e.district_code, c.kind, c.number,
                    c.valid_until, c.valid_until - $1::date AS days_left,
                    (SELECT min(t) FROM unnest($3::int[]) AS t WHERE c.valid_until - $1::date <= t) AS threshold
               FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id
              WHERE c.valid_until <= $1::date + $2::int AND e.operating_status <> 'withdrawn') d
      WHERE d.threshold IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [today, max, [...thresholds]],
  );
  return rowCount;
}

/**
 * Publishes recorded warnings the bus has not taken yet, oldest first, each with a
 * de-duplication id, and then marks the batch published with one statement: a crash after
 * publishing and before marking re-sends the same ids (the bus drops repeats within its
 * de-duplication window, and the alarm consumer keys alarms by the same warning).
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
  if (rows.length === 0) return [];
  const encoder = new TextEncoder();
  // Side by side, handed to the bus in order: a bus that stores in batches (JetStream's pipelined
  // PubAcks, the in-process bus's journal) stores the batch in a few writes, not one round trip each.
  await Promise.all(
    rows.map((r) =>
      bus.publish(CERTIFICATE_EVENTS_SUBJECT, encoder.encode(JSON.stringify(r.event)), {
        msgId: `cert-expiry/${r.certificate_id}/${r.valid_until}/${r.threshold_days}`,
      }),
    ),
  );
  await db.query(
    `UPDATE certificate_warnings w SET published_at = now()
       FROM unnest($1::uuid[], $2::date[], $3::smallint[]) AS k (certificate_id, valid_until, threshold_days)
      WHERE w.certificate_id = k.certificate_id AND w.valid_until = k.valid_until
        AND w.threshold_days = k.threshold_days`,
    [rows.map((r) => r.certificate_id), rows.map((r) => r.valid_until), rows.map((r) => r.threshold_days)],
  );
  return rows.map((r) => r.event);
}

/** The daily run: record what is due, then publish everything not yet published. */
export async function runExpiryWarnings(
  db: Queryable,
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
