import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedApp } from '../modules/accounts/testing.js';
import { modules } from '../modules.js';
import { testDatabases } from '../platform/db/testing.js';
import type { App, ModulePlugin } from '../platform/http/app.js';
import { scopeFixtures } from './scope-fixtures.js';
import { walkScopes, type WalkResult } from './scope-walk.js';

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
  // A read that writes: the walker's reads run together, so it must still name this one.
  app.get('/api/leaky/users/:userId/visit', { config: { permission: 'self' } }, async (req) => {
    const { userId } = req.params as { userId: string };
    await db.query(`UPDATE users SET display_name = display_name || '.' WHERE id = $1`, [userId]);
    return {};
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

/** The routes only this test adds (the real modules' routes are the others); a problem starts with its route. */
const isTestRoute = (keyOrProblem: string): boolean =>
  /^[A-Z]+ \/api\/(leaky|gadgets)[/: ]/.test(keyOrProblem);

/**
 * One app per database with the real modules and the two faulty ones, and ONE walk over all of
 * their routes (each walk of the real routes costs minutes): the tests below read its problems
 * route by route. The faulty routes neither share data nor ids with the real ones, and the walk
 * compares tenant B's data before and after each call, so they cannot hide or cause a real problem.
 */
for (const target of testDatabases()) {
  describe(`route walker (${target.name})`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    let app: App | undefined;
    let result: WalkResult;
    let realRoutes: string[];
    beforeAll(async () => {
      const opened = await target.open();
      cleanup = opened.cleanup;
      app = await migratedApp(opened.db, [...modules, leakyModule, unknownParamModule]);
      realRoutes = app.routeTable
        .filter((r) => !r.url.startsWith('/api/docs'))
        .map((r) => `${r.method} ${r.url}`)
        .filter((k) => !isTestRoute(k));
      result = await walkScopes(app, opened.db, [
        ...scopeFixtures,
        {
          module: 'leaky',
          async create(_db, t) {
            return {
              params: {},
              // The marker stays in B's renamed user, so later reads would still see a leak of it.
              bodies: { 'POST /api/leaky/users/:userId/rename': { displayName: `renamed ${t.marker}` } },
              snapshot: async () => null,
            };
          },
        },
      ]);
    }, 600_000);
    afterAll(async () => {
      await app?.close();
      await cleanup?.();
    });
    const problemsOf = (test: boolean): string[] => result.problems.filter((p) => isTestRoute(p) === test);

    it('walks every registered route as every scoped role: nothing of the other tenant is read, listed, counted or changed', () => {
      expect(problemsOf(false)).toEqual([]);
      expect(result.walked).toEqual(expect.arrayContaining(realRoutes));
      expect(result.routes).toBe(result.walked.length);
      expect(result.calls).toBeGreaterThan(realRoutes.length * 7);
    });

    it('catches a list, a count, a read and a write that forget the scope', () => {
      const leaky = problemsOf(true).filter((p) => p.includes('/api/leaky/'));
      const text = leaky.join('\n');
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
      expect(text).toContain(
        "GET /api/leaky/users/:userId/visit as checkpoint_officer of A with B's ids: tenant B's data changed",
      );
      expect(text).not.toContain(
        "GET /api/leaky/users/:userId as filling_operator of A with B's ids: tenant B",
      );
    });

    it('fails, with a clear message, a route whose path parameters or body no fixture provides', () => {
      expect(problemsOf(true).filter((p) => p.includes('/api/gadgets'))).toEqual([
        expect.stringContaining(
          'GET /api/gadgets/:gadgetId: no scope fixture provides path parameter :gadgetId',
        ),
        expect.stringContaining(
          "POST /api/gadgets: the route takes a body but no scope fixture gives one. Add bodies['POST /api/gadgets']",
        ),
      ]);
    });
  });
}
