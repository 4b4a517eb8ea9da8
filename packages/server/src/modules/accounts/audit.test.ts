import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { queryAudit, recordAudit } from './audit.js';
import { listUsersInScope } from './repository.js';
import { createAccountsModule } from './routes.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from './testing.js';

const ENT_A = '0a000000-0000-4000-8000-00000000000a';

interface AuditItem {
  action: string;
  actorId: string;
  actorRole: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string;
  ip: string;
}

for (const target of testDatabases()) {
  describe(`audit log (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(db, [createAccountsModule()]);
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    it('records a create, an update and a delete with before and after, in order', async () => {
      const admin = await makeUser(db, 'system_admin', { kind: 'city' });
      const { token } = await makeSession(db, admin.id);
      const headers = { ...bearer(token), 'x-request-id': 'req-audit-1' };
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers,
        payload: {
          username: 'ea.new',
          displayName: '新管理员',
          password: 'Good-password-1',
          role: 'enterprise_admin',
          scope: { kind: 'enterprise', enterpriseId: ENT_A },
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers,
        payload: { displayName: '改名', role: 'enterprise_monitor' },
      });
      expect(patched.statusCode).toBe(200);
      expect((await app.inject({ method: 'DELETE', url: `/api/users/${id}`, headers })).statusCode).toBe(204);
      expect((await app.inject({ url: `/api/users/${id}`, headers })).statusCode).toBe(404);

      const city = await makeUser(db, 'city_regulator', { kind: 'city' });
      const cityToken = (await makeSession(db, city.id)).token;
      const res = await app.inject({
        url: `/api/audit?targetType=user&targetId=${id}`,
        headers: bearer(cityToken),
      });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ total: number; items: AuditItem[] }>();
      expect(page.total).toBe(3);
      const [del, upd, cre] = page.items; // newest first
      expect(cre).toMatchObject({
        action: 'user.create',
        actorId: admin.id,
        actorRole: 'system_admin',
        targetType: 'user',
        targetId: id,
        before: null,
        after: { username: 'ea.new', displayName: '新管理员', role: 'enterprise_admin' },
        requestId: 'req-audit-1',
        ip: '127.0.0.1',
      });
      expect(upd).toMatchObject({
        action: 'user.update',
        before: { displayName: '新管理员', role: 'enterprise_admin' },
        after: { displayName: '改名', role: 'enterprise_monitor' },
      });
      expect(del).toMatchObject({ action: 'user.delete', before: { displayName: '改名' }, after: null });
      // Never a password hash in the log.
      expect(res.body).not.toContain('argon2');
    });

    it('records the client address from X-Forwarded-For only when the proxy is trusted', async () => {
      const ip = async (trust: string): Promise<string | undefined> => {
        await app.close();
        app = await migratedApp(db, [createAccountsModule()], testConfig({ HTTP_TRUST_PROXY: trust }));
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': '203.0.113.7' },
          payload: { username: 'nobody', password: 'Wrong-password-1' },
        });
        const { rows } = await db.query<{ ip: string }>('SELECT ip FROM audit_log ORDER BY id DESC LIMIT 1');
        return rows[0]?.ip;
      };
      expect(await ip('false')).toBe('127.0.0.1');
      expect(await ip('127.0.0.1')).toBe('203.0.113.7');
    });

    it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
      await db.query(
        `INSERT INTO audit_log (action, target_type, target_id) VALUES ('x.test', 'thing', '1')`,
      );
      await expect(db.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      const { rows } = await db.query<{ action: string }>('SELECT action FROM audit_log');
      expect(rows).toEqual([{ action: 'x.test' }]);
    });

    it("is written in the caller's transaction: a failed change leaves no audit record", async () => {
      const ctx = { actor: null, id: 'req-1', ip: '10.0.0.1' };
      await expect(
        db.transaction(async (tx) => {
          await recordAudit(tx, ctx, {
            action: 'thing.create',
            targetType: 'thing',
            targetId: '1',
            after: { a: 1 },
          });
          throw new Error('the change failed after its audit record');
        }),
      ).rejects.toThrow('the change failed');
      expect((await db.query('SELECT 1 FROM audit_log')).rows).toHaveLength(0);
      await db.transaction((tx) =>
        recordAudit(tx, ctx, { action: 'thing.create', targetType: 'thing', targetId: '1', after: { a: 1 } }),
      );
      expect((await db.query('SELECT action, after FROM audit_log')).rows).toEqual([
        { action: 'thing.create', after: { a: 1 } },
      ]);
    });

    it('filters and pages for system_admin and city_regulator only', async () => {
      const admin = await makeUser(db, 'system_admin', { kind: 'city' });
      const ea = await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: ENT_A });
      for (let i = 0; i < 5; i++) {
        await db.query(
          `INSERT INTO audit_log (actor_id, action, target_type, target_id) VALUES ($1, $2, 'user', $3)`,
          [admin.id, i % 2 === 0 ? 'user.update' : 'user.create', String(i)],
        );
      }
      const { token } = await makeSession(db, admin.id);
      const page = await app.inject({
        url: '/api/audit?action=user.update&limit=2&offset=1',
        headers: bearer(token),
      });
      expect(page.json()).toMatchObject({ total: 3, items: [{ targetId: '2' }, { targetId: '0' }] });
      const eaToken = (await makeSession(db, ea.id)).token;
      expect((await app.inject({ url: '/api/audit', headers: bearer(eaToken) })).statusCode).toBe(403);
    });

    // PGlite has one connection and runs a transaction alone: nothing can commit between its statements.
    it.skipIf(target.name === 'pglite')(
      'the audit page and the user list agree with their totals, though a row is committed between the two reads',
      async () => {
        await makeUser(db, 'system_admin', { kind: 'city' }, { username: 'a-admin' });
        const ctx = { actor: null, id: 'req-1', ip: '10.0.0.1' };
        const entry = { action: 'thing.create', targetType: 'thing', targetId: '1' };
        const record = () => db.transaction((tx) => recordAudit(tx, ctx, entry));
        await record();
        const audit = await countsAcrossACommit(db, record, (d) => queryAudit(d, { limit: 50, offset: 0 }));
        expect(audit).toEqual({ during: [1, 1], after: [2, 2] });
        const users = await countsAcrossACommit(
          db,
          () => makeUser(db, 'city_regulator', { kind: 'city' }, { username: 'b-new' }),
          (d) => listUsersInScope(d, TEST_CITY, { limit: 50, offset: 0 }),
        );
        expect(users).toEqual({ during: [1, 1], after: [2, 2] });
      },
    );
  });
}
