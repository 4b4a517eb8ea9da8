/**
 * SQL of sessions and API keys. Lookups by token hash or key id serve authentication only;
 * listing and revoking keys on behalf of a caller go through `scopeWhere`.
 */
import type { Actor, Scope } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere, type ScopeColumns } from '../../platform/scope.js';
import { scopeColumnsOf, scopeFromRow, toUser, userColumns, type UserRecord } from './repository.js';

export const apiKeyScopeColumns: ScopeColumns = {
  enterpriseColumn: 'k.enterprise_id',
  checkpointColumn: 'k.place_id',
};

// ---- sessions ----

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
}

function toSession(r: Record<string, unknown>): SessionRecord {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    csrfToken: r.csrf_token as string,
    createdAt: new Date(r.created_at as string),
    lastSeenAt: new Date(r.last_seen_at as string),
    idleExpiresAt: new Date(r.idle_expires_at as string),
    absoluteExpiresAt: new Date(r.absolute_expires_at as string),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at as string),
  };
}

export async function insertSession(
  tx: Queryable,
  s: Omit<SessionRecord, 'revokedAt' | 'lastSeenAt'> & {
    tokenHash: string;
    ip: string;
    userAgent: string | null;
  },
): Promise<SessionRecord> {
  const { rows } = await tx.query(
    `INSERT INTO sessions (id, token_hash, csrf_token, user_id, created_at, last_seen_at, idle_expires_at,
       absolute_expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9) RETURNING *`,
    [
      s.id,
      s.tokenHash,
      s.csrfToken,
      s.userId,
      s.createdAt,
      s.idleExpiresAt,
      s.absoluteExpiresAt,
      s.ip,
      s.userAgent,
    ],
  );
  return toSession(rows[0]!);
}

export async function findSessionByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  const { rows } = await db.query(
    `SELECT s.id AS s_id, s.user_id, s.csrf_token, s.created_at AS s_created_at, s.last_seen_at, s.idle_expires_at,
       s.absolute_expires_at, s.revoked_at, ${userColumns}
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const r = rows[0];
  if (!r) return null;
  const session = toSession({ ...r, id: r.s_id, created_at: r.s_created_at });
  return { session, user: toUser(r) };
}

export async function touchSession(db: Queryable, id: string, now: Date, idleExpiresAt: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1', [
    id,
    now,
    idleExpiresAt,
  ]);
}

export async function revokeSession(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
}

/** Forgets a user's sessions that ended before `before` (kept until then for investigations). */
export async function purgeEndedSessions(tx: Queryable, userId: string, before: Date): Promise<void> {
  await tx.query(
    `DELETE FROM sessions WHERE user_id = $1
       AND (absolute_expires_at < $2 OR idle_expires_at < $2 OR revoked_at < $2)`,
    [userId, before],
  );
}

/** Ends every live session of a user except `keep` (after a password change or reset). */
export async function revokeUserSessions(
  tx: Queryable,
  userId: string,
  now: Date,
  keep?: string,
): Promise<void> {
  await tx.query(
    `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3`,
    [userId, now, keep ?? null],
  );
}

// ---- API keys ----

export interface ApiKeyRecord {
  id: string;
  name: string;
  secretHash: string;
  scope: Extract<Scope, { kind: 'enterprise' | 'checkpoint' }>;
  permissions: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

function toApiKey(r: Record<string, unknown>): ApiKeyRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    secretHash: r.secret_hash as string,
    scope: scopeFromRow(r) as ApiKeyRecord['scope'],
    permissions: r.permissions as string[],
    expiresAt: new Date(r.expires_at as string),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at as string),
    createdBy: r.created_by as string | null,
    createdAt: new Date(r.created_at as string),
    lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at as string),
  };
}

export async function insertApiKey(
  tx: Queryable,
  k: Omit<ApiKeyRecord, 'revokedAt' | 'createdAt' | 'lastUsedAt'>,
): Promise<ApiKeyRecord> {
  const s = scopeColumnsOf(k.scope);
  const { rows } = await tx.query(
    `INSERT INTO api_keys (id, name, secret_hash, scope_kind, enterprise_id, place_id, permissions, expires_at,
       created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      k.id,
      k.name,
      k.secretHash,
      s.scope_kind,
      s.enterprise_id,
      s.place_id,
      k.permissions,
      k.expiresAt,
      k.createdBy,
    ],
  );
  return toApiKey(rows[0]!);
}

/** For authentication only (unscoped). */
export async function findApiKeyById(db: Queryable, id: string): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function findApiKeyInScope(
  db: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ApiKeyRecord | null> {
  const params: unknown[] = [id];
  const scope = scopeWhere(actor, apiKeyScopeColumns, params);
  const { rows } = await db.query(
    `SELECT k.* FROM api_keys k WHERE k.id = $1 AND ${scope}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function listApiKeysInScope(
  db: Db,
  actor: Actor,
  limit: number,
  offset: number,
): Promise<{ total: number; items: ApiKeyRecord[] }> {
  const params: unknown[] = [];
  const scope = scopeWhere(actor, apiKeyScopeColumns, params);
  // The count and the page from one snapshot (see consistentRead).
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM api_keys k WHERE ${scope}`,
      params,
    );
    const { rows } = await tx.query(
      `SELECT k.* FROM api_keys k WHERE ${scope} ORDER BY k.created_at DESC, k.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { total: Number(total.rows[0]?.n ?? 0), items: rows.map(toApiKey) };
  });
}

export async function revokeApiKey(tx: Queryable, id: string, now: Date): Promise<ApiKeyRecord> {
  const { rows } = await tx.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 RETURNING *', [id, now]);
  return toApiKey(rows[0]!);
}

export async function touchApiKey(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, now]);
}
