/** Certificates of every holder, with their expiry state, limited to the caller's scope. */
import type { Actor } from '../../../platform/auth.js';
import { consistentRead, type Db } from '../../../platform/db/db.js';
import { scopeWhere } from '../../../platform/scope.js';

export type ExpiryState = 'expired' | 'expiring' | 'valid';

export interface CertificateRow {
  id: string;
  holderType: string;
  holderId: string;
  /** Plate, person's name or enterprise name. */
  holderName: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  kind: string;
  number: string | null;
  category: string | null;
  validUntil: string;
  daysLeft: number;
  state: ExpiryState;
}

/** Days from `today` to `validUntil` (negative once expired). */
export function daysBetween(today: string, validUntil: string): number {
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function expiryState(daysLeft: number, warnDays = 30): ExpiryState {
  return daysLeft < 0 ? 'expired' : daysLeft <= warnDays ? 'expiring' : 'valid';
}

// The holder's display name, whatever kind of holder it is.
const HOLDER_NAME = `CASE c.holder_type
    WHEN 'enterprise' THEN e.name
    WHEN 'vehicle' THEN (SELECT v.plate FROM vehicles v WHERE v.id = c.holder_id)
    WHEN 'tank' THEN (SELECT t.tank_no || ' (' || v.plate || ')' FROM tanks t JOIN vehicles v ON v.id = t.vehicle_id WHERE t.id = c.holder_id)
    WHEN 'person' THEN (SELECT p.name FROM personnel p WHERE p.id = c.holder_id)
  END`;

export interface CertificateQuery {
  today: string;
  /** Only certificates expiring within this many days (expired ones included). */
  withinDays?: number;
  kind?: string;
  holderType?: string;
  enterpriseId?: string;
  page?: number;
  pageSize?: number;
}

export async function listCertificates(
  db: Db,
  actor: Actor,
  q: CertificateQuery,
): Promise<{ items: CertificateRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [
    scopeWhere(actor, { enterpriseColumn: 'c.enterprise_id', districtColumn: 'e.district_code' }, params),
  ];
  if (q.withinDays !== undefined) {
    params.push(q.today, q.withinDays);
    where.push(`c.valid_until <= $${params.length - 1}::date + $${params.length}::int`);
  }
  for (const [col, v] of [
    ['c.kind', q.kind],
    ['c.holder_type', q.holderType],
    ['c.enterprise_id::text', q.enterpriseId],
  ] as const) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const page = Math.max(q.page ?? 1, 1);
  const sql = `FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id WHERE ${where.join(' AND ')}`;
  // The count and the page from one snapshot (see consistentRead).
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params);
    const { rows } = await tx.query<Omit<CertificateRow, 'daysLeft' | 'state'>>(
      `SELECT c.id, c.holder_type AS "holderType", c.holder_id AS "holderId", ${HOLDER_NAME} AS "holderName",
              c.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.district_code AS "districtCode",
              c.kind, c.number, c.category, to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil"
         ${sql} ORDER BY c.valid_until, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      total: total.rows[0]?.n ?? 0,
      items: rows.map((r) => {
        const daysLeft = daysBetween(q.today, r.validUntil);
        return { ...r, daysLeft, state: expiryState(daysLeft) };
      }),
    };
  });
}
