/**
 * SQL of accounts (users); sessions and API keys are in credential-repository.ts. Reads on behalf of a caller go through `scopeWhere`, so an account
 * outside the caller's scope is simply not found. The unscoped lookups serve authentication only.
 */
import type { Actor, Role, Scope } from '../../platform/auth.js';
import { consistentRead, type Db, type Queryable } from '../../platform/db/db.js';
import { scopeWhere, type ScopeColumns } from '../../platform/scope.js';

export type UserRole = Exclude<Role, 'machine'>;

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  scope: Scope;
  disabled: boolean;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where the scope of a user row lives. */
export const userScopeColumns: ScopeColumns = {
  enterpriseColumn: 'u.enterprise_id',
  districtColumn: 'u.district_code',
  fillingSiteColumn: 'u.place_id',
  checkpointColumn: 'u.place_id',
};

export function scopeColumnsOf(scope: Scope): {
  scope_kind: Scope['kind'];
  district_code: string | null;
  enterprise_id: string | null;
  place_id: string | null;
} {
  return {
    scope_kind: scope.kind,
    district_code: scope.kind === 'district' ? scope.districtCode : null,
    enterprise_id: scope.kind === 'enterprise' ? scope.enterpriseId : null,
    place_id: scope.kind === 'filling_site' || scope.kind === 'checkpoint' ? scope.placeId : null,
  };
}

export function scopeFromRow(r: Record<string, unknown>): Scope {
  switch (r.scope_kind) {
    case 'city':
      return { kind: 'city' };
    case 'district':
      return { kind: 'district', districtCode: r.district_code as string };
    case 'enterprise':
      return { kind: 'enterprise', enterpriseId: r.enterprise_id as string };
    case 'filling_site':
      return { kind: 'filling_site', placeId: r.place_id as string };
    case 'checkpoint':
      return { kind: 'checkpoint', placeId: r.place_id as string };
    default:
      throw new Error(`unknown scope kind ${String(r.scope_kind)}`);
  }
}

export const userColumns = `u.id, u.username, u.display_name, u.password_hash, u.role, u.scope_kind, u.district_code,
  u.enterprise_id, u.place_id, u.disabled, u.must_change_password, u.failed_logins, u.locked_until,
  u.created_at, u.updated_at`;

export function toUser(r: Record<string, unknown>): UserRecord {
  return {
    id: r.id as string,
    username: r.username as string,
    displayName: r.display_name as string,
    passwordHash: r.password_hash as string,
    role: r.role as UserRole,
    scope: scopeFromRow(r),
    disabled: r.disabled as boolean,
    mustChangePassword: r.must_change_password as boolean,
    failedLogins: r.failed_logins as number,
    lockedUntil: r.locked_until === null ? null : new Date(r.locked_until as string),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  scope: Scope;
  mustChangePassword: boolean;
}

export async function insertUser(tx: Queryable, u: NewUser): Promise<UserRecord> {
  const s = scopeColumnsOf(u.scope);
  const { rows } = await tx.query(
    `INSERT INTO users AS u (id, username, display_name, password_hash, role, scope_kind, district_code,
       enterprise_id, place_id, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${userColumns}`,
    [
      u.id,
      u.username,
      u.displayName,
      u.passwordHash,
      u.role,
      s.scope_kind,
      s.district_code,
      s.enterprise_id,
      s.place_id,
      u.mustChangePassword,
    ],
  );
  return toUser(rows[0]!);
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM users');
  return Number(rows[0]?.n ?? 0);
}

/** For login only: unscoped, and locks the row so concurrent failures count correctly. */
export async function findUserForLogin(tx: Queryable, username: string): Promise<UserRecord | null> {
  const { rows } = await tx.query(`SELECT ${userColumns} FROM users u WHERE u.username = $1 FOR UPDATE`, [
    username,
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** For login only (unscoped, no lock). */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | null> {
  const { rows } = await db.query(`SELECT ${userColumns} FROM users u WHERE u.username = $1`, [username]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** For authentication and own-account operations: the actor's own row. */
export async function findUserById(db: Queryable, id: string, lock = false): Promise<UserRecord | null> {
  const { rows } = await db.query(
    `SELECT ${userColumns} FROM users u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** A user in the actor's scope (null when absent or out of scope). */
export async function findUserInScope(
  db: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<UserRecord | null> {
  const params: unknown[] = [id];
  const scope = scopeWhere(actor, userScopeColumns, params);
  const { rows } = await db.query(
    `SELECT ${userColumns} FROM users u WHERE u.id = $1 AND ${scope}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export interface UserListFilter {
  q?: string;
  role?: string;
  limit: number;
  offset: number;
}

export async function listUsersInScope(
  db: Db,
  actor: Actor,
  f: UserListFilter,
): Promise<{ total: number; items: UserRecord[] }> {
  const params: unknown[] = [];
  const where = [scopeWhere(actor, userScopeColumns, params)];
  if (f.q !== undefined) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
  }
  if (f.role !== undefined) {
    params.push(f.role);
    where.push(`u.role = $${params.length}`);
  }
  const clause = where.join(' AND ');
  // The count and the page from one snapshot (see consistentRead).
  return consistentRead(db, async (tx) => {
    const total = await tx.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM users u WHERE ${clause}`,
      params,
    );
    const { rows } = await tx.query(
      `SELECT ${userColumns} FROM users u WHERE ${clause} ORDER BY u.username
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: Number(total.rows[0]?.n ?? 0), items: rows.map(toUser) };
  });
}

export interface UserPatch {
  displayName?: string;
  disabled?: boolean;
  role?: UserRole;
  scope?: Scope;
  passwordHash?: string;
  mustChangePassword?: boolean;
  failedLogins?: number;
  lockedUntil?: Date | null;
}

export async function updateUser(tx: Queryable, id: string, p: UserPatch): Promise<UserRecord> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown): void => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (p.displayName !== undefined) set('display_name', p.displayName);
  if (p.disabled !== undefined) set('disabled', p.disabled);
  if (p.role !== undefined) set('role', p.role);
  if (p.scope !== undefined) {
    for (const [column, value] of Object.entries(scopeColumnsOf(p.scope))) set(column, value);
  }
  if (p.passwordHash !== undefined) {
    set('password_hash', p.passwordHash);
    set('password_changed_at', new Date());
  }
  if (p.mustChangePassword !== undefined) set('must_change_password', p.mustChangePassword);
  if (p.failedLogins !== undefined) set('failed_logins', p.failedLogins);
  if (p.lockedUntil !== undefined) set('locked_until', p.lockedUntil);
  const { rows } = await tx.query(
    `UPDATE users AS u SET ${sets.join(', ')} WHERE u.id = $1 RETURNING ${userColumns}`,
    params,
  );
  return toUser(rows[0]!);
}

export async function deleteUser(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM users WHERE id = $1', [id]);
}
