/**
 * Accounts benchmark: argon2id cost at the configured memory, the full login path, and the
 * per-request cost of the authentication hook (session lookup + permission check) on PGlite.
 * Run: npm run bench:accounts
 */
import { performance } from 'node:perf_hooks';
import { openPglite } from '../platform/db/pglite.js';
import { createAccountsModule } from '../modules/accounts/routes.js';
import { hashPassword, verifyPassword } from '../modules/accounts/passwords.js';
import { makeSession, makeUser, migratedApp, testConfig } from '../modules/accounts/testing.js';

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (n=${s.length})`;
}

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const memoryKib = 19_456; // the AUTH_ARGON2_MEMORY_KIB default
const stored = await hashPassword('Bench-password-1', { minLength: 10, memoryKib });
console.log(
  `argon2id hash   (${memoryKib} KiB, t=2): ${stats(await time(20, () => hashPassword('Bench-password-1', { minLength: 10, memoryKib })))}`,
);
console.log(
  `argon2id verify (${memoryKib} KiB, t=2): ${stats(await time(20, () => verifyPassword(stored, 'Bench-password-1')))}`,
);

const db = await openPglite({ dataDir: 'memory://' });
const app = await migratedApp(
  db,
  [createAccountsModule()],
  testConfig({ AUTH_ARGON2_MEMORY_KIB: String(memoryKib) }),
);
const user = await makeUser(
  db,
  'enterprise_admin',
  { kind: 'enterprise', enterpriseId: '7e000000-0000-4000-8000-000000000001' },
  {
    username: 'bench',
    password: 'Bench-password-1',
  },
);
// makeUser hashes with 1 MiB; give the account a hash at the real cost for the login figure.
await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, stored]);
const login = await time(20, () =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench', password: 'Bench-password-1', tokenIn: 'body' },
  }),
);
console.log(`POST /api/auth/login (full path): ${stats(login)}`);

const { token } = await makeSession(db, user.id);
const headers = { authorization: `Bearer ${token}` };
await time(200, () => app.inject({ url: '/api/auth/me', headers }));
const me = await time(2000, () => app.inject({ url: '/api/auth/me', headers }));
console.log(`GET /api/auth/me (bearer, hook + 1 query): ${stats(me)}`);
const health = await time(2000, () => app.inject({ url: '/healthz' }));
console.log(`GET /healthz (public, no lookup) for comparison: ${stats(health)}`);
const list = await time(1000, () => app.inject({ url: '/api/users', headers }));
console.log(`GET /api/users (bearer, scoped list): ${stats(list)}`);
await app.close();
await db.close();
