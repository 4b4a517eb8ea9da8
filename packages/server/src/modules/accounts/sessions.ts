/**
 * Login with lockout, session authentication (cookie or bearer), logout and own password
 * change. Session tokens are opaque 256-bit secrets; only their SHA-256 is stored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { recordAudit, type RequestContext } from './audit.js';
import { verifyPassword } from './passwords.js';
import * as creds from './credential-repository.js';
import * as repo from './repository.js';
import type { UserRecord } from './repository.js';
import type { SessionRecord } from './credential-repository.js';
import { actorOf, type AccountsConfig, type AccountsService, type Authenticated } from './service.js';
import { newSecret, sha256 } from './tokens.js';

const MINUTE = 60_000;
// A session's last-seen time is written at most this often, not on every request.
const TOUCH_EVERY_MS = 60_000;

export class SessionService {
  // Verifying against this hash when the username is unknown keeps the timing of a failed login
  // the same whether the account exists or not.
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: AccountsConfig,
    private readonly accounts: AccountsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(
    ctx: RequestContext,
    username: string,
    password: string,
    userAgent: string | null,
  ): Promise<{ token: string; session: SessionRecord; user: UserRecord }> {
    const now = this.now();
    const name = username.trim().toLowerCase();
    // Verify outside the transaction (argon2 takes tens of ms); the counters are then updated
    // under a row lock so concurrent failures all count.
    const before = await repo.findUserByUsername(this.db, name);
    if (!before) {
      this.dummyHash ??= this.accounts.hash(randomUUID());
      await verifyPassword(await this.dummyHash, password);
      await this.db.transaction((tx) =>
        recordAudit(tx, ctx, {
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: null,
          after: { username: name },
        }),
      );
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (before.lockedUntil && before.lockedUntil > now) {
      throw new AppError('AUTH_ACCOUNT_LOCKED', { lockedUntil: before.lockedUntil.toISOString() });
    }
    const ok = await verifyPassword(before.passwordHash, password);
    const outcome = await this.db.transaction(async (tx) => {
      const u = await repo.findUserForLogin(tx, name);
      if (!u) return { kind: 'fail' as const };
      if (u.lockedUntil && u.lockedUntil > now) return { kind: 'locked' as const, until: u.lockedUntil };
      // A hash changed since it was verified (a concurrent reset) counts as a failure.
      if (!ok || u.passwordHash !== before.passwordHash) {
        // A lock that has run out starts a fresh count.
        const failures = (u.lockedUntil ? 0 : u.failedLogins) + 1;
        const lock = failures >= this.config.AUTH_LOCKOUT_THRESHOLD;
        const lockedUntil = lock ? new Date(now.getTime() + this.config.AUTH_LOCKOUT_MINUTES * MINUTE) : null;
        await repo.updateUser(tx, u.id, { failedLogins: lock ? 0 : failures, lockedUntil });
        await recordAudit(tx, ctx, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          targetType: 'user',
          targetId: u.id,
          after: { username: u.username, failures, lockedUntil: lockedUntil?.toISOString() ?? null },
        });
        return lock ? { kind: 'locked' as const, until: lockedUntil! } : { kind: 'fail' as const };
      }
      if (u.disabled) return { kind: 'disabled' as const };
      if (u.failedLogins !== 0 || u.lockedUntil) {
        await repo.updateUser(tx, u.id, { failedLogins: 0, lockedUntil: null });
      }
      // Sessions pile up one per login; those that ended over a week ago go when their owner logs in.
      await creds.purgeEndedSessions(tx, u.id, new Date(now.getTime() - 7 * 24 * 60 * MINUTE));
      const token = newSecret();
      const session = await creds.insertSession(tx, {
        id: randomUUID(),
        tokenHash: sha256(token),
        csrfToken: randomBytes(24).toString('base64url'),
        userId: u.id,
        createdAt: now,
        idleExpiresAt: new Date(now.getTime() + this.config.AUTH_SESSION_IDLE_MINUTES * MINUTE),
        absoluteExpiresAt: new Date(now.getTime() + this.config.AUTH_SESSION_ABSOLUTE_HOURS * 60 * MINUTE),
        ip: ctx.ip,
        userAgent,
      });
      await recordAudit(
        tx,
        { ...ctx, actor: actorOf(u, 'session') },
        {
          action: 'auth.login',
          targetType: 'session',
          targetId: session.id,
        },
      );
      return { kind: 'ok' as const, token, session, user: u };
    });
    switch (outcome.kind) {
      case 'ok':
        return outcome;
      case 'locked':
        throw new AppError('AUTH_ACCOUNT_LOCKED', { lockedUntil: outcome.until.toISOString() });
      case 'disabled':
        throw new AppError('AUTH_ACCOUNT_DISABLED');
      case 'fail':
        throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
  }

  /** A live session for this token, or null (unknown, revoked, expired, or account disabled). */
  async authenticateSession(token: string, via: 'session' | 'bearer'): Promise<Authenticated | null> {
    const found = await creds.findSessionByTokenHash(this.db, sha256(token));
    if (!found) return null;
    const { session, user } = found;
    const now = this.now();
    if (session.revokedAt || user.disabled) return null;
    if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      const idle = new Date(
        Math.min(
          now.getTime() + this.config.AUTH_SESSION_IDLE_MINUTES * MINUTE,
          session.absoluteExpiresAt.getTime(),
        ),
      );
      await creds.touchSession(this.db, session.id, now, idle);
      session.lastSeenAt = now;
      session.idleExpiresAt = idle;
    }
    return { actor: actorOf(user, via), session, mustChangePassword: user.mustChangePassword };
  }

  async logout(ctx: RequestContext, session: SessionRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await creds.revokeSession(tx, session.id, this.now());
      await recordAudit(tx, ctx, { action: 'auth.logout', targetType: 'session', targetId: session.id });
    });
  }

  async changeOwnPassword(
    ctx: RequestContext & { actor: Actor },
    session: SessionRecord | undefined,
    current: string,
    next: string,
  ): Promise<void> {
    const me = await repo.findUserById(this.db, ctx.actor.id);
    if (!me) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(me.passwordHash, current))) throw new AppError('AUTH_INVALID_CREDENTIALS');
    this.accounts.checkPolicy(next, me.username);
    if (await verifyPassword(me.passwordHash, next)) {
      throw new AppError('AUTH_PASSWORD_WEAK', { problems: ['must differ from the current password'] });
    }
    const passwordHash = await this.accounts.hash(next);
    await this.db.transaction(async (tx) => {
      const after = await repo.updateUser(tx, me.id, { passwordHash, mustChangePassword: false });
      // Other sessions (perhaps someone else's) end; this one stays.
      await creds.revokeUserSessions(tx, me.id, this.now(), session?.id);
      await recordAudit(tx, ctx, {
        action: 'user.password_change',
        targetType: 'user',
        targetId: me.id,
        before: { mustChangePassword: me.mustChangePassword },
        after: { mustChangePassword: after.mustChangePassword },
      });
    });
  }
}
