import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import type { App, ModulePlugin } from '../../platform/http/app.js';
import { scopeWhere } from '../../platform/scope.js';
import { listApiKeysInScope } from './credential-repository.js';
import { createAccountsModule } from './routes.js';
import { apiKey, bearer, makeApiKey, makeSession, makeUser, migratedApp } from './testing.js';

const ENT_A = '0a000000-0000-4000-8000-00000000000a';
const ENT_B = '0b000000-0000-4000-8000-00000000000b';
const CP_A = '0c000000-0000-4000-8000-00000000000a';

/** A stand-in for a later module's machine route: lists rows through scopeWhere. */
const thingsModule: ModulePlugin = (app, { db }) => {
  app.get(
    '/api/test-things',
    {
      config: { permission: 'ingest:positions' },
      schema: { response: { 200: Type.Array(Type.String()) } },
    },
    async (req) => {
      const params: unknown[] = [];
      const where = scopeWhere(
        req.actor,
        { enterpriseColumn: 'enterprise_id', checkpointColumn: 'place_id' },
        params,
      );
      const { rows } = await db.query<{ label: string }>(
        `SELECT label FROM test_things WHERE ${where} ORDER BY label`,
        params,
      );
      return rows.map((r) => r.label);
    },
  );
};

for (const target of testDatabases()) {
  describe(`API keys (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let clock: Date;
    let adminA: string;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      clock = new Date();
      app = await migratedApp(db, [createAccountsModule({ now: () => clock }), thingsModule]);
      await db.exec(`CREATE TABLE test_things (label text, enterprise_id uuid, place_id uuid);
        INSERT INTO test_things VALUES ('a-truck', '${ENT_A}', NULL), ('b-truck', '${ENT_B}', NULL),
          ('a-camera', NULL, '${CP_A}')`);
      adminA = (await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: ENT_A })).id;
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    // PGlite has one connection and runs a transaction alone: nothing can commit between its statements.
    it.skipIf(target.name === 'pglite')(
      'a page of API keys agrees with its total, though a key is created between the two reads',
      async () => {
        const key = () =>
          makeApiKey(db, { kind: 'enterprise', enterpriseId: ENT_A }, ['ingest:positions'], adminA);
        await key();
        const counts = await countsAcrossACommit(db, key, (d) => listApiKeysInScope(d, TEST_CITY, 50, 0));
        expect(counts).toEqual({ during: [1, 1], after: [2, 2] });
      },
    );

    it('sees only its own scope, and only with the permissions it was given', async () => {
      const entKey = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:positions'],
        adminA,
      );
      const cpKey = await makeApiKey(db, { kind: 'checkpoint', placeId: CP_A }, ['ingest:positions'], adminA);
      const passOnly = await makeApiKey(
        db,
        { kind: 'checkpoint', placeId: CP_A },
        ['ingest:checkpoint_passes'],
        adminA,
      );
      expect((await app.inject({ url: '/api/test-things', headers: apiKey(entKey) })).json()).toEqual([
        'a-truck',
      ]);
      expect((await app.inject({ url: '/api/test-things', headers: apiKey(cpKey) })).json()).toEqual([
        'a-camera',
      ]);
      const denied = await app.inject({ url: '/api/test-things', headers: apiKey(passOnly) });
      expect(denied.statusCode).toBe(403);
      // A machine is not a person: no account routes, not even its own session.
      expect((await app.inject({ url: '/api/users', headers: apiKey(entKey) })).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/auth/me', headers: apiKey(entKey) })).statusCode).toBe(403);
    });

    it('refuses a wrong secret, an expired key and a revoked key', async () => {
      const key = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:positions'],
        adminA,
      );
      const [id] = key.split('.');
      const call = (cred: string) => app.inject({ url: '/api/test-things', headers: apiKey(cred) });
      expect((await call(key)).statusCode).toBe(200);
      expect((await call(`${id}.not-the-secret`)).json().code).toBe('UNAUTHENTICATED');
      expect((await call('garbage')).statusCode).toBe(401);

      const short = await makeApiKey(
        db,
        { kind: 'enterprise', enterpriseId: ENT_A },
        ['ingest:positions'],
        adminA,
        new Date(clock.getTime() + 60_000),
      );
      expect((await call(short)).statusCode).toBe(200);
      clock = new Date(clock.getTime() + 60_000);
      expect((await call(short)).statusCode).toBe(401);

      const { token } = await makeSession(db, adminA, clock);
      const revoke = await app.inject({
        method: 'POST',
        url: `/api/api-keys/${id}/revoke`,
        headers: bearer(token),
      });
      expect(revoke.statusCode).toBe(200);
      expect(revoke.json().revokedAt).not.toBeNull();
      expect((await call(key)).statusCode).toBe(401);
    });

    it('lets an enterprise admin create keys only for its own enterprise, shown once and stored hashed', async () => {
      const { token } = await makeSession(db, adminA);
      const create = (enterpriseId: string) =>
        app.inject({
          method: 'POST',
          url: '/api/api-keys',
          headers: bearer(token),
          payload: {
            name: 'Company platform',
            scope: { kind: 'enterprise', enterpriseId },
            permissions: ['ingest:positions'],
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
        });
      expect((await create(ENT_B)).statusCode).toBe(404);
      const made = await create(ENT_A);
      expect(made.statusCode).toBe(201);
      const { credential, apiKey: view } = made.json<{ credential: string; apiKey: { id: string } }>();
      expect(credential.startsWith(`${view.id}.`)).toBe(true);
      const stored = await db.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM api_keys WHERE id = $1',
        [view.id],
      );
      expect(stored.rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(credential).not.toContain(stored.rows[0]!.secret_hash);
      expect((await app.inject({ url: '/api/test-things', headers: apiKey(credential) })).json()).toEqual([
        'a-truck',
      ]);
      const listed = await app.inject({ url: '/api/api-keys', headers: bearer(token) });
      expect(listed.json().items.map((k: { id: string }) => k.id)).toEqual([view.id]);
      expect(listed.body).not.toContain(credential.split('.')[1]);
    });
  });
}
