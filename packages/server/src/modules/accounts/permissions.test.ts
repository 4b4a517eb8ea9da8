import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { modules } from '../../modules.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { openPglite } from '../../platform/db/pglite.js';
import { buildApp, type App, type ModulePlugin } from '../../platform/http/app.js';
import { isPermission, machinePermissions, permissionCatalog, rolePermissions } from './permissions.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from './testing.js';

const ENT = '0a000000-0000-4000-8000-00000000000a';

let app: App | undefined;
let db: Db | undefined;
afterEach(async () => {
  await app?.close();
  await db?.close();
});

describe('permissions', () => {
  it('every registered route declares a known permission', async () => {
    db = await openPglite({ dataDir: 'memory://' });
    app = await migratedApp(db, modules);
    const undeclared = app.routeTable.filter(
      (r) => r.permission === undefined || !isPermission(r.permission),
    );
    expect(
      undeclared.map((r) => `${r.method} ${r.url} (${String(r.permission)})`),
      'add config: { permission } to these routes (see modules/accounts/permissions.ts)',
    ).toEqual([]);
    expect(app.routeTable.length).toBeGreaterThan(10);
  });

  it('refuses a route that declares no permission, and guards modules registered after accounts', async () => {
    const careless: ModulePlugin = (a) => {
      a.get('/api/careless', async () => ({ secret: 'should never be served' }));
      a.get('/api/later', { config: { permission: 'users:read' } }, async () => ({ secret: 'scoped' }));
    };
    db = await openPglite({ dataDir: 'memory://' });
    app = await migratedApp(db, [...modules, careless]);
    const res = await app.inject('/api/careless');
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('should never be served');
    expect((await app.inject('/api/later')).statusCode).toBe(401);
    // The accounts hook (not only the platform guard) covers the later module: it checks the role.
    const monitor = await makeUser(db, 'enterprise_monitor', { kind: 'enterprise', enterpriseId: ENT });
    const admin = await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: ENT });
    const denied = await app.inject({
      url: '/api/later',
      headers: bearer((await makeSession(db, monitor.id)).token),
    });
    expect(denied.json().code).toBe('FORBIDDEN');
    const allowed = await app.inject({
      url: '/api/later',
      headers: bearer((await makeSession(db, admin.id)).token),
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('gives people no machine permissions and machines nothing by role', () => {
    for (const [role, list] of Object.entries(rolePermissions)) {
      for (const p of list) {
        expect(Object.hasOwn(permissionCatalog, p), `${role}: ${p}`).toBe(true);
        expect((machinePermissions as readonly string[]).includes(p), `${role} holds ${p}`).toBe(false);
      }
    }
    expect(rolePermissions.machine).toEqual([]);
  });

  it('without the accounts module a non-public route is still refused (platform guard)', async () => {
    db = await openPglite({ dataDir: 'memory://' });
    const open: ModulePlugin = (a) => {
      a.get('/api/open', { config: { permission: 'users:read' } }, async () => ({ secret: 'x' }));
      a.get('/api/undeclared', async () => ({ secret: 'x' }));
    };
    app = await buildApp(
      { config: testConfig(), db, bus: createInProcessBus(), logger: pino({ level: 'silent' }) },
      [open],
    );
    expect((await app.inject('/api/open')).statusCode).toBe(401);
    expect((await app.inject('/api/undeclared')).statusCode).toBe(403);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
