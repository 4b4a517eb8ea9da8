import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { createAccountsModule } from './routes.js';
import { makeUser, migratedApp, TEST_PASSWORD, testConfig, bearer } from './testing.js';

const ENT_A = '0a000000-0000-4000-8000-00000000000a';
const ENT_B = '0b000000-0000-4000-8000-00000000000b';

for (const target of testDatabases()) {
  describe(`sessions and accounts (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let clock: Date;
    const json = { 'content-type': 'application/json' };

    async function start(overrides: Record<string, string> = {}): Promise<App> {
      app = await migratedApp(db, [createAccountsModule({ now: () => clock })], testConfig(overrides));
      return app;
    }

    const login = (username: string, password = TEST_PASSWORD, tokenIn?: 'body' | 'cookie') =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, tokenIn } });

    function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
      const c = res.cookies.find((x) => x.name === 'weiyun_session');
      if (!c) throw new Error('no session cookie');
      return `weiyun_session=${c.value}`;
    }

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      clock = new Date('2026-11-22T08:00:00Z');
    });
    afterEach(async () => {
      await app?.close();
      await cleanup();
    });

    it('logs in with an httpOnly SameSite=Strict cookie and returns the CSRF token', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const res = await login('City1');
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'weiyun_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.secure).toBeFalsy(); // demo mode, AUTH_COOKIE_SECURE=auto
      const body = res.json<{
        user: { username: string; role: string };
        session: { csrfToken: string };
        token?: string;
      }>();
      expect(body.user).toMatchObject({ username: 'city1', role: 'city_regulator' });
      expect(body.token).toBeUndefined();
      const me = await app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookie(res) } });
      expect(me.statusCode).toBe(200);
      expect(me.json().session.csrfToken).toBe(body.session.csrfToken);
      expect(me.json().permissions).toEqual([
        'self',
        'audit:read',
        'archives:read',
        'archives:write',
        'archives:review',
        'positions:read',
        'gateway:read',
        'gateway:command',
        'alarms:read',
        'alarms:supervise',
        'duty_checks:send',
        'rules:write',
        'goods:read',
        'goods:write',
        'waybills:read',
        'emergency_cards:read',
      ]);
      // The database holds only the token's hash.
      const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.rows[0]?.token_hash).not.toBe(cookie?.value);
    });

    it('sets Secure on the cookie in production mode', async () => {
      await start({ WEIYUN_MODE: 'production' });
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const res = await login('city1');
      expect(res.cookies.find((c) => c.name === 'weiyun_session')?.secure).toBe(true);
    });

    it('answers a wrong password and an unknown user alike', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const wrong = await login('city1', 'Wrong-password-1');
      const unknown = await login('nobody', 'Wrong-password-1');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('locks an account for 15 minutes after 5 failed logins, even against the right password', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      for (let i = 0; i < 4; i++) expect((await login('city1', 'Wrong-password-1')).statusCode).toBe(401);
      const fifth = await login('city1', 'Wrong-password-1');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json()).toMatchObject({
        code: 'AUTH_ACCOUNT_LOCKED',
        details: { lockedUntil: '2026-11-22T08:15:00.000Z' },
      });
      expect((await login('city1')).json().code).toBe('AUTH_ACCOUNT_LOCKED');
      clock = new Date('2026-11-22T08:14:59Z');
      expect((await login('city1')).statusCode).toBe(423);
      clock = new Date('2026-11-22T08:15:00Z');
      expect((await login('city1')).statusCode).toBe(200);
      const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY id`);
      expect(audit.rows.map((r) => r.action)).toEqual([
        ...Array(4).fill('auth.login_failed'),
        'auth.locked',
        'auth.login',
      ]);
    });

    it('takes the lockout threshold and duration from config', async () => {
      await start({ AUTH_LOCKOUT_THRESHOLD: '2', AUTH_LOCKOUT_MINUTES: '1' });
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      expect((await login('city1', 'Wrong-password-1')).statusCode).toBe(401);
      expect((await login('city1', 'Wrong-password-1')).statusCode).toBe(423);
      clock = new Date('2026-11-22T08:01:00Z');
      expect((await login('city1')).statusCode).toBe(200);
    });

    it('rejects cookie-authenticated writes without the right CSRF token; bearer needs none', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const res = await login('city1');
      const cookie = sessionCookie(res);
      const csrf = res.json<{ session: { csrfToken: string } }>().session.csrfToken;
      const change = { currentPassword: TEST_PASSWORD, newPassword: 'New-password-42' };
      const none = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie },
        payload: change,
      });
      expect(none.statusCode).toBe(403);
      expect(none.json().code).toBe('AUTH_CSRF_INVALID');
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie, 'x-csrf-token': `${csrf}x` },
        payload: change,
      });
      expect(wrong.json().code).toBe('AUTH_CSRF_INVALID');
      // Nothing changed: the old password still logs in.
      expect((await login('city1')).statusCode).toBe(200);
      const right = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: change,
      });
      expect(right.statusCode).toBe(204);
      // Reads need no CSRF token.
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);

      const b = await login('city1', 'New-password-42', 'body');
      const token = b.json<{ token: string }>().token;
      expect(b.cookies.find((c) => c.name === 'weiyun_session')).toBeUndefined();
      const viaBearer = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
      expect(viaBearer.statusCode).toBe(204);
    });

    it('expires a session after the idle timeout and after the absolute lifetime', async () => {
      await start({ AUTH_SESSION_IDLE_MINUTES: '30', AUTH_SESSION_ABSOLUTE_HOURS: '2' });
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const idle = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const active = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const me = (token: string) => app.inject({ url: '/api/auth/me', headers: bearer(token) });
      // The active session is used every 20 minutes; the idle one never again.
      for (let m = 20; m < 120; m += 20) {
        clock = new Date(Date.parse('2026-11-22T08:00:00Z') + m * 60_000);
        expect((await me(active)).statusCode).toBe(200);
      }
      expect((await me(idle)).statusCode).toBe(401);
      expect((await me(idle)).json().code).toBe('UNAUTHENTICATED');
      clock = new Date('2026-11-22T10:00:00Z'); // two hours after login
      expect((await me(active)).statusCode).toBe(401);
      // Ended sessions are kept a week, then forgotten at the owner's next login.
      const count = async () => (await db.query('SELECT 1 FROM sessions')).rows.length;
      expect(await count()).toBe(2);
      clock = new Date('2026-11-29T10:00:01Z');
      expect((await login('city1')).statusCode).toBe(200);
      expect(await count()).toBe(1);
    });

    it('revokes the session on logout and every other session on a password change', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const t1 = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const t2 = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const t3 = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      expect(
        (await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(t1) })).statusCode,
      ).toBe(204);
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(t1) })).statusCode).toBe(401);
      const changed = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(t2),
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'New-password-42' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(t2) })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(t3) })).statusCode).toBe(401);
      expect((await login('city1')).statusCode).toBe(401);
    });

    it('enforces the password policy', async () => {
      await start();
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const token = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      for (const weak of ['Short-1', 'alllowercaseletters', 'lowercase-and-symbols', 'xCity1-password']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: bearer(token),
          payload: { currentPassword: TEST_PASSWORD, newPassword: weak },
        });
        expect(res.statusCode, weak).toBe(400);
        expect(res.json().code).toBe('AUTH_PASSWORD_WEAK');
      }
      const wrongCurrent = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(token),
        payload: { currentPassword: 'Not-the-password-1', newPassword: 'New-password-42' },
      });
      expect(wrongCurrent.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('forces a change after an admin reset and allows nothing else until then', async () => {
      await start();
      await makeUser(db, 'system_admin', { kind: 'city' }, { username: 'root1' });
      const monitor = await makeUser(
        db,
        'enterprise_admin',
        { kind: 'enterprise', enterpriseId: ENT_A },
        { username: 'ea1' },
      );
      const admin = (await login('root1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const old = (await login('ea1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const reset = await app.inject({
        method: 'POST',
        url: `/api/users/${monitor.id}/password-reset`,
        headers: bearer(admin),
      });
      expect(reset.statusCode).toBe(200);
      const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
      expect(temporary.length).toBeGreaterThanOrEqual(20);
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(old) })).statusCode).toBe(401);
      expect((await login('ea1')).statusCode).toBe(401);
      const fresh = await login('ea1', temporary, 'body');
      expect(fresh.json().user.mustChangePassword).toBe(true);
      const token = fresh.json<{ token: string }>().token;
      const blocked = await app.inject({ url: '/api/users', headers: bearer(token) });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
      const changed = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: bearer(token),
        payload: { currentPassword: temporary, newPassword: 'Fresh-start-2026' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/users', headers: bearer(token) })).statusCode).toBe(200);
    });

    it('answers 401 without a session, 403 without the permission, 404 outside the scope', async () => {
      await start();
      const other = await makeUser(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId: ENT_B });
      const mine = await makeUser(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId: ENT_A });
      await makeUser(
        db,
        'enterprise_admin',
        { kind: 'enterprise', enterpriseId: ENT_A },
        { username: 'ea1' },
      );
      await makeUser(
        db,
        'enterprise_monitor',
        { kind: 'enterprise', enterpriseId: ENT_A },
        { username: 'em1' },
      );
      expect((await app.inject('/api/users')).json().code).toBe('UNAUTHENTICATED');
      const em = (await login('em1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const forbidden = await app.inject({ url: '/api/users', headers: bearer(em) });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().code).toBe('FORBIDDEN');
      const ea = (await login('ea1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      expect((await app.inject({ url: `/api/users/${mine.id}`, headers: bearer(ea) })).statusCode).toBe(200);
      const hidden = await app.inject({ url: `/api/users/${other.id}`, headers: bearer(ea) });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().code).toBe('NOT_FOUND');
      const list = await app.inject({ url: '/api/users', headers: bearer(ea) });
      expect(list.json().total).toBe(3);
      // An enterprise admin grants only enterprise roles, only in its own enterprise.
      const create = (role: string, scope: unknown) =>
        app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { ...bearer(ea), ...json },
          payload: { username: `n-${role}`, displayName: 'New', password: 'Good-password-1', role, scope },
        });
      expect((await create('city_regulator', { kind: 'city' })).json().code).toBe('AUTH_ROLE_NOT_GRANTABLE');
      expect(
        (await create('enterprise_monitor', { kind: 'enterprise', enterpriseId: ENT_B })).statusCode,
      ).toBe(404);
      const ok = await create('enterprise_monitor', { kind: 'enterprise', enterpriseId: ENT_A });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        mustChangePassword: true,
        scope: { kind: 'enterprise', enterpriseId: ENT_A },
      });
      expect((await create('county_regulator', { kind: 'enterprise', enterpriseId: ENT_A })).statusCode).toBe(
        400,
      );
    });

    it('rate-limits logins per IP and username', async () => {
      await start({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      for (let i = 0; i < 3; i++) expect((await login('nobody', 'Wrong-password-1')).statusCode).toBe(401);
      const limited = await login('nobody', 'Wrong-password-1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('RATE_LIMITED');
      // Another username from the same IP has its own budget.
      expect((await login('city1')).statusCode).toBe(200);
    });

    it('rate-limits the API per token', async () => {
      await start({ RATE_LIMIT_API_PER_MINUTE: '5' });
      await makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'city1' });
      const t1 = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      const t2 = (await login('city1', TEST_PASSWORD, 'body')).json<{ token: string }>().token;
      for (let i = 0; i < 5; i++)
        expect((await app.inject({ url: '/api/auth/me', headers: bearer(t1) })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(t1) })).json().code).toBe(
        'RATE_LIMITED',
      );
      expect((await app.inject({ url: '/api/auth/me', headers: bearer(t2) })).statusCode).toBe(200);
    });
  });
}
