/**
 * Accounts within the caller's scope: create, read, list, change, delete, admin password reset;
 * who may grant which role and scope; the password policy and hashing. Every write runs in one
 * transaction with its audit record. Sessions are in sessions.ts, API keys in api-keys.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Actor, Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { scopeContains } from '../../platform/scope.js';
import { recordAudit, type RequestContext } from './audit.js';
import { isDistrictCode } from './demo.js';
import { hashPassword, passwordProblems } from './passwords.js';
import * as creds from './credential-repository.js';
import * as repo from './repository.js';
import type { SessionRecord } from './credential-repository.js';
import type { UserRecord, UserRole } from './repository.js';

export type AccountsConfig = Pick<
  Config,
  | 'AUTH_PASSWORD_MIN_LENGTH'
  | 'AUTH_LOCKOUT_THRESHOLD'
  | 'AUTH_LOCKOUT_MINUTES'
  | 'AUTH_SESSION_IDLE_MINUTES'
  | 'AUTH_SESSION_ABSOLUTE_HOURS'
  | 'AUTH_ARGON2_MEMORY_KIB'
>;

/** What the authentication hook learns about a caller. */
export interface Authenticated {
  actor: Actor;
  /** Set for sessions: the CSRF token cookie-authenticated writes must echo. */
  session?: SessionRecord;
  mustChangePassword: boolean;
  /** Set for API keys: the only permissions the key holds. */
  apiKeyPermissions?: readonly string[];
}

export const roleScopeKind: Record<UserRole, Scope['kind']> = {
  system_admin: 'city',
  city_regulator: 'city',
  emergency_responder: 'city',
  county_regulator: 'district',
  enterprise_admin: 'enterprise',
  enterprise_monitor: 'enterprise',
  filling_operator: 'filling_site',
  checkpoint_officer: 'checkpoint',
};

/** The public view of an account: never the hash or the failure counter. */
export function presentUser(u: UserRecord): {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  scope: Scope;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
} {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export function actorOf(u: UserRecord, via: Actor['via']): Actor {
  return { id: u.id, name: u.displayName, role: u.role, scope: u.scope, via };
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  scope: Scope;
}

export interface UserChange {
  displayName?: string;
  disabled?: boolean;
  role?: UserRole;
  scope?: Scope;
}

export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly config: AccountsConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, {
      minLength: this.config.AUTH_PASSWORD_MIN_LENGTH,
      memoryKib: this.config.AUTH_ARGON2_MEMORY_KIB,
    });
  }

  checkPolicy(password: string, username?: string): void {
    const problems = passwordProblems(password, this.config.AUTH_PASSWORD_MIN_LENGTH, username);
    if (problems.length > 0) throw new AppError('AUTH_PASSWORD_WEAK', { problems });
  }

  // ---- accounts ----

  /** The role and scope an actor may grant; throws otherwise. */
  private assertMayGrant(actor: Actor, role: UserRole, scope: Scope): void {
    if (roleScopeKind[role] !== scope.kind) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.scope.kind', reason: `role ${role} needs scope ${roleScopeKind[role]}` }],
      });
    }
    if (scope.kind === 'district' && !isDistrictCode(scope.districtCode)) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ field: 'body.scope.districtCode', reason: 'not a district of this city' }],
      });
    }
    if (actor.role === 'system_admin') return;
    if (actor.role === 'enterprise_admin') {
      if (role !== 'enterprise_admin' && role !== 'enterprise_monitor') {
        throw new AppError('AUTH_ROLE_NOT_GRANTABLE', { role });
      }
      // Another company's id is answered like an unknown one.
      if (!scopeContains(actor.scope, scope)) throw new AppError('NOT_FOUND', { scope: 'enterprise' });
      return;
    }
    throw new AppError('AUTH_ROLE_NOT_GRANTABLE', { role });
  }

  async createUser(ctx: RequestContext & { actor: Actor }, input: UserInput): Promise<UserRecord> {
    const username = input.username.trim().toLowerCase();
    this.assertMayGrant(ctx.actor, input.role, input.scope);
    this.checkPolicy(input.password, username);
    const passwordHash = await this.hash(input.password);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT 1 FROM users WHERE username = $1', [username]);
      if (rows.length > 0) throw new AppError('CONFLICT', { field: 'username', reason: 'already taken' });
      const user = await repo.insertUser(tx, {
        id: randomUUID(),
        username,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        scope: input.scope,
        // Whoever set this password is not the person who will use it.
        mustChangePassword: true,
      });
      await recordAudit(tx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: presentUser(user),
      });
      return user;
    });
  }

  async getUser(actor: Actor, id: string): Promise<UserRecord> {
    const u = await repo.findUserInScope(this.db, actor, id);
    if (!u) throw new AppError('NOT_FOUND', { user: id });
    return u;
  }

  /** The caller's own account (every person may read it, whatever the scope). */
  async getSelf(actor: Actor): Promise<UserRecord> {
    const u = await repo.findUserById(this.db, actor.id);
    if (!u) throw new AppError('UNAUTHENTICATED');
    return u;
  }

  listUsers(actor: Actor, f: repo.UserListFilter): Promise<{ total: number; items: UserRecord[] }> {
    return repo.listUsersInScope(this.db, actor, f);
  }

  async updateUser(
    ctx: RequestContext & { actor: Actor },
    id: string,
    change: UserChange,
  ): Promise<UserRecord> {
    return this.db.transaction(async (tx) => {
      const before = await repo.findUserInScope(tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND', { user: id });
      if (change.role !== undefined || change.scope !== undefined) {
        this.assertMayGrant(ctx.actor, change.role ?? before.role, change.scope ?? before.scope);
      }
      if (
        id === ctx.actor.id &&
        (change.disabled === true || change.role !== undefined || change.scope !== undefined)
      ) {
        throw new AppError('CONFLICT', { reason: 'you cannot disable or re-scope your own account' });
      }
      const after = await repo.updateUser(tx, id, {
        ...(change.displayName !== undefined ? { displayName: change.displayName.trim() } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.scope !== undefined ? { scope: change.scope } : {}),
      });
      if (after.disabled || change.role !== undefined || change.scope !== undefined) {
        await creds.revokeUserSessions(tx, id, this.now());
      }
      await recordAudit(tx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        before: presentUser(before),
        after: presentUser(after),
      });
      return after;
    });
  }

  async deleteUser(ctx: RequestContext & { actor: Actor }, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await repo.findUserInScope(tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND', { user: id });
      if (id === ctx.actor.id)
        throw new AppError('CONFLICT', { reason: 'you cannot delete your own account' });
      await repo.deleteUser(tx, id);
      await recordAudit(tx, ctx, {
        action: 'user.delete',
        targetType: 'user',
        targetId: id,
        before: presentUser(before),
      });
    });
  }

  /** Sets a random one-time password, ends the user's sessions, and forces a change at next login. */
  async resetPassword(ctx: RequestContext & { actor: Actor }, id: string): Promise<string> {
    const target = await repo.findUserInScope(this.db, ctx.actor, id);
    if (!target) throw new AppError('NOT_FOUND', { user: id });
    const temporary = generatePassword(Math.max(20, this.config.AUTH_PASSWORD_MIN_LENGTH));
    const passwordHash = await this.hash(temporary);
    await this.db.transaction(async (tx) => {
      const before = await repo.findUserInScope(tx, ctx.actor, id, true);
      if (!before) throw new AppError('NOT_FOUND', { user: id });
      const after = await repo.updateUser(tx, id, {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
      });
      await creds.revokeUserSessions(tx, id, this.now());
      await recordAudit(tx, ctx, {
        action: 'user.password_reset',
        targetType: 'user',
        targetId: id,
        before: {
          mustChangePassword: before.mustChangePassword,
          lockedUntil: before.lockedUntil?.toISOString() ?? null,
        },
        after: { mustChangePassword: after.mustChangePassword, lockedUntil: null },
      });
    });
    return temporary;
  }
}

/** A random password of `length` characters that always has four character classes. */
export function generatePassword(length: number): string {
  // 64 symbols, so each byte maps without modulo bias (6 random bits per character).
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_+=!@#';
  const bytes = randomBytes(Math.max(1, length - 4));
  let out = '';
  for (const b of bytes) out += alphabet[b & 63];
  // Guarantee three classes whatever the draw: a lower, an upper, a digit and a symbol.
  return `${out}a7K-`;
}
