/**
 * First start: a database without accounts gets its first ones. Production mode creates one
 * `system_admin` with a random password printed once (never logged) that must be changed at first
 * login; demo mode creates the documented demo accounts (docs/demo-accounts.md).
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/db.js';
import { recordAudit } from './audit.js';
import { DEMO_PASSWORD, demoAccounts } from './demo.js';
import { countUsers, insertUser } from './repository.js';
import { AccountsService, generatePassword, presentUser, type AccountsConfig } from './service.js';

// Serialises first starts of several processes against one database.
const BOOTSTRAP_LOCK = 808_2003;

export type BootstrapResult =
  { created: 'none' } | { created: 'demo'; usernames: string[] } | { created: 'admin'; username: string };

export async function bootstrapAccounts(
  db: Db,
  config: AccountsConfig & Pick<Config, 'WEIYUN_MODE'>,
  print: (text: string) => void,
): Promise<BootstrapResult> {
  if ((await countUsers(db)) > 0) return { created: 'none' };
  const service = new AccountsService(db, config);
  const ctx = { actor: null, id: 'bootstrap', ip: 'local' };
  const production = config.WEIYUN_MODE === 'production';
  const password = production
    ? generatePassword(Math.max(20, config.AUTH_PASSWORD_MIN_LENGTH))
    : DEMO_PASSWORD;
  const passwordHash = await service.hash(password);
  const wanted = production
    ? [
        {
          username: 'admin',
          displayName: '系统管理员',
          role: 'system_admin' as const,
          scope: { kind: 'city' as const },
        },
      ]
    : demoAccounts;
  const created = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    if ((await countUsers(tx)) > 0) return false;
    for (const a of wanted) {
      const user = await insertUser(tx, {
        id: randomUUID(),
        passwordHash,
        mustChangePassword: production,
        ...a,
      });
      await recordAudit(tx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: presentUser(user),
      });
    }
    return true;
  });
  if (!created) return { created: 'none' };
  if (production) {
    print(
      `\n  First start: created the system administrator account.\n` +
        `    username: admin\n    password: ${password}\n` +
        `  This password is shown only now; you must change it at first login.\n\n`,
    );
    return { created: 'admin', username: 'admin' };
  }
  print(
    `\n  Demo mode: created ${wanted.length} demo accounts (password ${DEMO_PASSWORD}); see docs/demo-accounts.md\n`,
  );
  return { created: 'demo', usernames: wanted.map((a) => a.username) };
}
