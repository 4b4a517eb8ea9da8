/**
 * Test support for every module: an app with the accounts module and a migrated database, and
 * actors made directly in the database (users, sessions, API keys) without going through login,
 * so tests stay fast and do not depend on the login path they are not testing.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { parseConfig, type Config } from '../../config.js';
import type { Scope } from '../../platform/auth.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { buildApp, type App, type ModulePlugin } from '../../platform/http/app.js';
import { hashPassword } from './passwords.js';
import { insertApiKey, insertSession } from './credential-repository.js';
import { insertUser, type UserRecord, type UserRole } from './repository.js';
import type { MachinePermission } from './permissions.js';
import { newSecret, sha256 } from './tokens.js';

/** Config for tests: cheap argon2 (1 MiB) and generous rate limits unless a test asks otherwise. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    AUTH_ARGON2_MEMORY_KIB: '1024',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_API_PER_MINUTE: '1000000',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function migratedApp(
  db: Db,
  modules: readonly ModulePlugin[],
  config = testConfig(),
): Promise<App> {
  await migrate(db, await loadMigrations());
  const app = await buildApp(
    { config, db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) },
    modules,
  );
  await app.ready();
  return app;
}

export const TEST_PASSWORD = 'Correct-horse-9';

export async function makeUser(
  db: Db,
  role: UserRole,
  scope: Scope,
  opts: { username?: string; displayName?: string; mustChangePassword?: boolean; password?: string } = {},
): Promise<UserRecord> {
  const id = randomUUID();
  return insertUser(db, {
    id,
    username: opts.username ?? `u-${id.slice(0, 8)}`,
    displayName: opts.displayName ?? `${role} ${id.slice(0, 4)}`,
    passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD, { minLength: 10, memoryKib: 1024 }),
    role,
    scope,
    mustChangePassword: opts.mustChangePassword ?? false,
  });
}

/** A live session for the user; returns the bearer token and the CSRF token. */
export async function makeSession(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ token: string; csrf: string }> {
  const token = newSecret();
  const csrf = newSecret();
  await insertSession(db, {
    id: randomUUID(),
    tokenHash: sha256(token),
    csrfToken: csrf,
    userId,
    createdAt: now,
    idleExpiresAt: new Date(now.getTime() + 3_600_000),
    absoluteExpiresAt: new Date(now.getTime() + 3_600_000),
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  return { token, csrf };
}

/** An API key; returns the `<id>.<secret>` credential. */
export async function makeApiKey(
  db: Db,
  scope: Extract<Scope, { kind: 'enterprise' | 'checkpoint' }>,
  permissions: readonly MachinePermission[],
  createdBy: string,
  expiresAt = new Date(Date.now() + 86_400_000),
): Promise<string> {
  const id = randomUUID();
  const secret = newSecret();
  await insertApiKey(db, {
    id,
    name: `key ${id.slice(0, 4)}`,
    secretHash: sha256(secret),
    scope,
    permissions: [...permissions],
    expiresAt,
    createdBy,
  });
  return `${id}.${secret}`;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
export const apiKey = (credential: string): Record<string, string> => ({
  authorization: `ApiKey ${credential}`,
});
