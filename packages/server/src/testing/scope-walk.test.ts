import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedApp } from '../modules/accounts/testing.js';
import { modules } from '../modules.js';
import type { Db } from '../platform/db/db.js';
import { testDatabases } from '../platform/db/testing.js';
import type { App, ModulePlugin } from '../platform/http/app.js';
import { scopeFixtures } from './scope-fixtures.js';
import { walkScopes } from './scope-walk.js';

/** Routes that forget the scope, to show the walker catches each kind of leak. */
const leakyModule: ModulePlugin = (app, { db }) => {
  app.get('/api/leaky/users', { config: { permission: 'self' } }, async () => {
    const { rows } = await db.query('SELECT display_name FROM users');
    return rows;
  });
  app.get('/api/leaky/count', { config: { permission: 'self' } }, async () => {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM users');
    return rows[0];
  });
  app.get('/api/leaky/users/:userId', { config: { permission: 'self' } }, async (req) => {
    const { userId } = req.params as { userId: string };
    const { rows } = await db.query('SELECT username FROM users WHERE id = $1', [userId]);
    return rows[0] ?? {};
  });
  app.post(
    '/api/leaky/users/:userId/rename',
    { config: { permission: 'self' }, schema: { body: Type.Object({ displayName: Type.String() }) } },
    async (req) => {
      const { userId } = req.params as { userId: string };
      await db.query('UPDATE users SET display_name = $2 WHERE id = $1', [
        userId,
        (req.body as { displayName: string }).displayName,
      ]);
      return { ok: true };
    },
  );
};

const unknownParamModule: ModulePlugin = (app) => {
  app.get('/api/gadgets/:gadgetId', { config: { permission: 'self' } }, async () => ({}));
  app.post(
    '/api/gadgets',
    { config: { permission: 'self' }, schema: { body: Type.Object({ a: Type.String() }) } },
    async () => ({}),
  );
};

for (const target of testDatabases()) {
  describe(`route walker (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App | undefined;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
    });
    afterEach(async () => {
      await app?.close();
      await cleanup();
    });

    it('walks every registered route as every scoped role: nothing of the other tenant is read, listed, counted or changed', async () => {
      app = await migratedApp(db, modules);
      const result = await walkScopes(app, db, scopeFixtures);
      expect(result.problems).toEqual([]);
      expect(result.routes).toBe(app.routeTable.filter((r) => !r.url.startsWith('/api/docs')).length);
      expect(result.calls).toBeGreaterThan(result.routes * 7);
    }, 600_000);

    it('catches a list, a count, a read and a write that forget the scope', async () => {
      app = await migratedApp(db, [...modules, leakyModule]);
      const { problems } = await walkScopes(app, db, [
        ...scopeFixtures,
        {
          module: 'leaky',
          async create(_db, t) {
            return {
              params: {},
              bodies: { 'POST /api/leaky/users/:userId/rename': { displayName: `renamed ${t.key}` } },
              snapshot: async () => null,
            };
          },
        },
      ]);
      const text = problems.join('\n');
      expect(text).toContain(
        "GET /api/leaky/users as county_regulator of A: the response shows tenant B's data",
      );
      expect(text).toContain(
        'GET /api/leaky/count as enterprise_monitor of A: the answer changed when tenant B',
      );
      expect(text).toContain(
        "GET /api/leaky/users/:userId as filling_operator of A with B's ids: answered 200, expected 404",
      );
      expect(text).toContain(
        "POST /api/leaky/users/:userId/rename as county_regulator of A with B's ids: tenant B's data changed",
      );
      expect(problems.every((p) => p.includes('/api/leaky/'))).toBe(true);
    }, 600_000);

    it('fails, with a clear message, a route whose path parameters or body no fixture provides', async () => {
      app = await migratedApp(db, [...modules, unknownParamModule]);
      const { problems } = await walkScopes(app, db, scopeFixtures);
      expect(problems).toEqual([
        expect.stringContaining(
          'GET /api/gadgets/:gadgetId: no scope fixture provides path parameter :gadgetId',
        ),
        expect.stringContaining(
          "POST /api/gadgets: the route takes a body but no scope fixture gives one. Add bodies['POST /api/gadgets']",
        ),
      ]);
    }, 600_000);
  });
}
