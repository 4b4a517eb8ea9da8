/**
 * One repository for every archive entity, driven by its spec. Every read and write applies the
 * caller's scope; an id outside it behaves as if it did not exist. Writes that touch several
 * tables (the record, its tank, its certificates, the audit log) run in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../../platform/db/db.js';
import { scopeWhere } from '../../../platform/scope.js';
import { castFor, holderType, readExpr, selectList, toDb } from './sql.js';
import type { EntitySpec, FieldSpec } from './spec.js';
import type { Invalid } from './validate.js';

export type ArchiveRecord = Record<string, unknown> & { id: string; version: number; filingStatus: string };

export interface ListQuery {
  /** Exact or contains filters by field key (only fields that declare `filter`). */
  filters?: Record<string, string>;
  q?: string;
  page?: number;
  pageSize?: number;
  /** A certificate of the record expires on or before this day (YYYY-MM-DD). */
  certificateExpiresBy?: string;
}

export interface ListResult {
  items: ArchiveRecord[];
  total: number;
}

/** A write refused for reasons a person can fix: the fields and why. */
export class InvalidRecordError extends Error {
  constructor(readonly fields: Invalid[]) {
    super(`invalid record: ${fields.map((f) => `${f.field} ${f.reason}`).join(', ')}`);
    this.name = 'InvalidRecordError';
  }
}

/** The record changed since the caller read it (optimistic concurrency on `version`). */
export class StaleVersionError extends Error {
  constructor() {
    super('the record was changed by someone else');
    this.name = 'StaleVersionError';
  }
}

export class WrongStateError extends Error {
  constructor(readonly state: string) {
    super(`not allowed in filing state ${state}`);
    this.name = 'WrongStateError';
  }
}

// Unique indexes → the field a person has to change.
const UNIQUE_FIELDS: Record<string, string> = {
  enterprises_uscc: 'uscc',
  vehicles_plate_live: 'plate',
  vehicles_vin: 'vin',
  tanks_no: 'tankNo',
  tanks_vehicle: 'tankNo',
  terminals_phone: 'phone',
  terminals_phone_key: 'phone',
  terminals_vehicle: 'vehicleId',
  personnel_id_number: 'idNumber',
};

function duplicateField(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code !== '23505') return null;
  const name = e.constraint ?? /"([a-z_]+)"/.exec(e.message ?? '')?.[1] ?? '';
  return UNIQUE_FIELDS[name] ?? 'id';
}

function scopeSql(spec: EntitySpec, actor: Actor, params: unknown[]): string {
  return scopeWhere(actor, spec.scope, params);
}

/** One page of records and their total, read in one snapshot (see consistentRead). */
export function listRecords(db: Db, spec: EntitySpec, actor: Actor, query: ListQuery): Promise<ListResult> {
  return consistentRead(db, (tx) => readRecords(tx, spec, actor, query));
}

/** The WHERE clause, its parameters and the page of a list query. */
function recordQuery(
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
): { whereSql: string; params: unknown[]; pageSize: number; page: number } {
  const params: unknown[] = [];
  const where = [scopeSql(spec, actor, params)];
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    const f = spec.fields.find((x) => x.key === key && x.filter);
    if (!f || value === '') continue;
    const expr = readExpr(spec, f);
    if (f.filter === 'contains') {
      params.push(`%${value.replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`${expr} ILIKE $${params.length}`);
    } else {
      // An exact filter takes one value or several separated by commas (any of them).
      params.push(value.split(','));
      where.push(`${expr}::text = ANY($${params.length}::text[])`);
    }
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
    where.push(`(${spec.search.map((s) => `${s} ILIKE $${params.length}`).join(' OR ')})`);
  }
  if (query.certificateExpiresBy) {
    params.push(query.certificateExpiresBy);
    const holders = [`(c.holder_type = '${holderType(spec)}' AND c.holder_id = ${spec.alias}.id)`];
    if (spec.child)
      holders.push(`(c.holder_type = '${spec.child.holderType}' AND c.holder_id = ${spec.child.alias}.id)`);
    where.push(
      `EXISTS (SELECT 1 FROM certificates c WHERE (${holders.join(' OR ')}) AND c.valid_until <= $${params.length})`,
    );
  }
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  return { whereSql: where.join(' AND '), params, pageSize, page };
}

/** One page and the total, as two statements on `db`: run it in a snapshot (`listRecords` does). */
async function readRecords(
  db: Queryable,
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
): Promise<ListResult> {
  const { whereSql, params } = recordQuery(spec, actor, query);
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${spec.from} WHERE ${whereSql}`,
    params,
  );
  return { items: await pageOfRecords(db, spec, actor, query), total: count.rows[0]?.n ?? 0 };
}

/** One page of records, without their total. */
async function pageOfRecords(
  db: Queryable,
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
): Promise<ArchiveRecord[]> {
  const { whereSql, params, pageSize, page } = recordQuery(spec, actor, query);
  return selectRecords(db, spec, whereSql, params, pageSize, (page - 1) * pageSize);
}

/**
 * Every record of the list up to `limit`, in the list's order, in one statement (one snapshot):
 * for an export. One statement instead of pages, whose OFFSETs made the export quadratic (the
 * demo's 45,837 people: 92 pages of 0.1–0.9 s each, 39 s).
 */
export function allRecords(
  db: Queryable,
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
  limit: number,
): Promise<ArchiveRecord[]> {
  const { whereSql, params } = recordQuery(spec, actor, query);
  return selectRecords(db, spec, whereSql, params, limit, 0);
}

async function selectRecords(
  db: Queryable,
  spec: EntitySpec,
  whereSql: string,
  params: unknown[],
  limit: number,
  offset: number,
): Promise<ArchiveRecord[]> {
  const { rows } = await db.query<ArchiveRecord>(
    `SELECT ${selectList(spec)} FROM ${spec.from} WHERE ${whereSql}
      ORDER BY ${spec.defaultSort}, ${spec.alias}.id LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
    params,
  );
  return rows;
}

export async function getRecord(
  db: Queryable,
  spec: EntitySpec,
  actor: Actor,
  id: string,
): Promise<ArchiveRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const params: unknown[] = [id];
  const scope = scopeSql(spec, actor, params);
  const { rows } = await db.query<ArchiveRecord>(
    `SELECT ${selectList(spec)} FROM ${spec.from} WHERE ${spec.alias}.id = $1 AND ${scope}`,
    params,
  );
  return rows[0] ?? null;
}

/** Checks that a referenced enterprise (or vehicle) exists within the actor's scope. */
async function assertReferences(
  tx: Queryable,
  spec: EntitySpec,
  actor: Actor,
  record: Record<string, unknown>,
): Promise<Invalid[]> {
  const out: Invalid[] = [];
  if (typeof record.enterpriseId === 'string' && spec.type !== 'enterprise') {
    const params: unknown[] = [record.enterpriseId];
    const scope = scopeWhere(actor, { enterpriseColumn: 'e.id', districtColumn: 'e.district_code' }, params);
    const { rows } = await tx.query(`SELECT 1 FROM enterprises e WHERE e.id = $1 AND ${scope}`, params);
    if (rows.length === 0) out.push({ field: 'enterpriseId', reason: 'not_found' });
  }
  if (typeof record.vehicleId === 'string') {
    const { rows } = await tx.query(`SELECT 1 FROM vehicles v WHERE v.id = $1 AND v.enterprise_id = $2`, [
      record.vehicleId,
      record.enterpriseId,
    ]);
    if (rows.length === 0) out.push({ field: 'vehicleId', reason: 'not_found' });
  }
  if (
    spec.type === 'enterprise' &&
    actor.scope.kind === 'district' &&
    record.districtCode !== actor.scope.districtCode
  ) {
    out.push({ field: 'districtCode', reason: 'not_found' });
  }
  return out;
}

/**
 * Fields written to the entity's own table (storage 'column') or its child: those a client sets,
 * plus read-only ones the spec derives (a person's birth date, a place's centre).
 */
function columnFields(
  spec: EntitySpec,
  storage: 'column' | 'child',
  derivedKeys: ReadonlySet<string> = new Set(),
): FieldSpec[] {
  return spec.fields.filter(
    (f) => (f.storage ?? 'column') === storage && f.key !== 'id' && (!f.readOnly || derivedKeys.has(f.key)),
  );
}

async function writeChildAndCertificates(
  tx: Queryable,
  spec: EntitySpec,
  id: string,
  enterpriseId: string | null,
  record: Record<string, unknown>,
): Promise<void> {
  let childId: string | null = null;
  if (spec.child) {
    const c = spec.child;
    const present = record[c.presentWhen] !== undefined && record[c.presentWhen] !== null;
    const fields = columnFields(spec, 'child');
    if (present) {
      const existing = await tx.query<{ id: string }>(
        `SELECT id FROM ${c.table} WHERE ${c.foreignKey} = $1`,
        [id],
      );
      childId = existing.rows[0]?.id ?? randomUUID();
      const cols = fields.map((f) => f.column);
      const vals = fields.map((f) => toDb(f, record[f.key] ?? null));
      await tx.query(
        `INSERT INTO ${c.table} (id, ${c.foreignKey}, ${cols.join(', ')})
         VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')})
         ON CONFLICT (${c.foreignKey}) DO UPDATE SET ${cols.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}`,
        [childId, id, ...vals],
      );
    } else {
      await tx.query(
        `DELETE FROM certificates WHERE holder_type = $1 AND holder_id IN (SELECT id FROM ${c.table} WHERE ${c.foreignKey} = $2)`,
        [c.holderType, id],
      );
      await tx.query(`DELETE FROM ${c.table} WHERE ${c.foreignKey} = $1`, [id]);
    }
  }
  if (!enterpriseId) return;
  // Group certificate fields by (kind, holder) and write each certificate whole.
  const groups = new Map<string, { kind: string; of: 'self' | 'child'; parts: Record<string, unknown> }>();
  for (const f of spec.fields) {
    if (f.storage !== 'certificate' || !f.cert) continue;
    const k = `${f.cert.kind}/${f.cert.of}`;
    const g = groups.get(k) ?? { kind: f.cert.kind, of: f.cert.of, parts: {} };
    g.parts[f.cert.part] = record[f.key] ?? null;
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const holderId = g.of === 'self' ? id : childId;
    const type = g.of === 'self' ? holderType(spec) : spec.child!.holderType;
    if (!holderId) continue;
    if (g.parts.valid_until === null || g.parts.valid_until === undefined) {
      await tx.query('DELETE FROM certificates WHERE holder_type = $1 AND holder_id = $2 AND kind = $3', [
        type,
        holderId,
        g.kind,
      ]);
      continue;
    }
    await tx.query(
      `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, category, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date)
       ON CONFLICT (holder_type, holder_id, kind) DO UPDATE
         SET number = EXCLUDED.number, category = EXCLUDED.category, valid_until = EXCLUDED.valid_until,
             enterprise_id = EXCLUDED.enterprise_id`,
      [
        randomUUID(),
        type,
        holderId,
        enterpriseId,
        g.kind,
        g.parts.number ?? null,
        g.parts.category ?? null,
        g.parts.valid_until,
      ],
    );
  }
}

export async function createRecord(
  tx: Queryable,
  spec: EntitySpec,
  actor: Actor,
  values: Record<string, unknown>,
  options: { id?: string; filingStatus?: string } = {},
): Promise<string> {
  const id = options.id ?? randomUUID();
  const derived = spec.derive?.(values) ?? {};
  const record: Record<string, unknown> = { ...values, ...derived };
  if (spec.type !== 'enterprise' && actor.scope.kind === 'enterprise' && record.enterpriseId === undefined) {
    record.enterpriseId = actor.scope.enterpriseId;
  }
  const refs = await assertReferences(tx, spec, actor, record);
  if (refs.length > 0) throw new InvalidRecordError(refs);
  const fields = columnFields(spec, 'column', new Set(Object.keys(derived))).filter(
    (f) => record[f.key] !== undefined,
  );
  const cols = ['id', 'filing_status', ...fields.map((f) => f.column)];
  const vals = [id, options.filingStatus ?? 'draft', ...fields.map((f) => toDb(f, record[f.key]))];
  const casts = ['::uuid', '', ...fields.map(castFor)];
  try {
    await tx.query('SAVEPOINT archive_write');
    await tx.query(
      `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}${casts[i]}`).join(', ')})`,
      vals,
    );
    const enterpriseId =
      spec.type === 'enterprise' ? id : ((record.enterpriseId as string | undefined) ?? null);
    await writeChildAndCertificates(tx, spec, id, enterpriseId, record);
    await tx.query('RELEASE SAVEPOINT archive_write');
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT archive_write');
    const dup = duplicateField(err);
    if (dup) throw new InvalidRecordError([{ field: dup, reason: 'duplicate' }]);
    throw err;
  }
  return id;
}

export async function updateRecord(
  tx: Queryable,
  spec: EntitySpec,
  actor: Actor,
  current: ArchiveRecord,
  values: Record<string, unknown>,
  expectedVersion: number,
): Promise<void> {
  if (current.version !== expectedVersion) throw new StaleVersionError();
  const record: Record<string, unknown> = { ...current, ...values };
  const derived = spec.derive?.(record) ?? {};
  Object.assign(record, derived);
  const refs = await assertReferences(tx, spec, actor, {
    ...values,
    enterpriseId: record.enterpriseId,
    districtCode: record.districtCode,
  });
  if (refs.length > 0) throw new InvalidRecordError(refs);
  // Given fields, and the derived read-only columns (birth date, centre) that follow them.
  const all = columnFields(spec, 'column', new Set(Object.keys(derived))).filter(
    (f) => Object.hasOwn(values, f.key) || Object.hasOwn(derived, f.key),
  );
  const sets = all.map((f, i) => `${f.column} = $${i + 3}${castFor(f)}`);
  // A rejected record that is edited goes back to draft for resubmission.
  const filing = current.filingStatus === 'rejected' ? ", filing_status = 'draft'" : '';
  try {
    await tx.query('SAVEPOINT archive_write');
    const res = await tx.query(
      `UPDATE ${spec.table} SET version = version + 1${sets.length ? `, ${sets.join(', ')}` : ''}${filing}
        WHERE id = $1 AND version = $2`,
      [current.id, expectedVersion, ...all.map((f) => toDb(f, record[f.key]))],
    );
    if (res.rowCount !== 1) throw new StaleVersionError();
    const enterpriseId =
      spec.type === 'enterprise' ? current.id : ((record.enterpriseId as string | undefined) ?? null);
    await writeChildAndCertificates(tx, spec, current.id, enterpriseId, record);
    await tx.query('RELEASE SAVEPOINT archive_write');
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT archive_write');
    const dup = duplicateField(err);
    if (dup) throw new InvalidRecordError([{ field: dup, reason: 'duplicate' }]);
    throw err;
  }
}

/** Only records never filed may be deleted; a filed record is withdrawn or scrapped instead. */
export async function deleteRecord(tx: Queryable, spec: EntitySpec, current: ArchiveRecord): Promise<void> {
  if (!['draft', 'rejected'].includes(current.filingStatus)) throw new WrongStateError(current.filingStatus);
  const holders = [holderType(spec)];
  await tx.query('DELETE FROM certificates WHERE holder_type = $1 AND holder_id = $2', [
    holders[0],
    current.id,
  ]);
  if (spec.child) {
    await tx.query(
      `DELETE FROM certificates WHERE holder_type = $1 AND holder_id IN (SELECT id FROM ${spec.child.table} WHERE ${spec.child.foreignKey} = $2)`,
      [spec.child.holderType, current.id],
    );
    await tx.query(`DELETE FROM ${spec.child.table} WHERE ${spec.child.foreignKey} = $1`, [current.id]);
  }
  await tx.query(`DELETE FROM filing_events WHERE target_type = $1 AND target_id = $2`, [
    spec.type,
    current.id,
  ]);
  await tx.query(`DELETE FROM ${spec.table} WHERE id = $1`, [current.id]);
}
