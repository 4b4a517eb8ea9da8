import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { createInProcessBus } from '../bus/inprocess.js';
import type { Db } from '../db/db.js';
import { openPglite } from '../db/pglite.js';
import { buildApp, type App } from './app.js';
import { staticFileFor } from './web.js';

function builtConsole(): string {
  const root = mkdtempSync(join(tmpdir(), 'weiyun-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  return root;
}

let app: App | undefined;
let db: Db | undefined;
afterEach(async () => {
  await app?.close();
  await db?.close();
});

async function makeApp(root: string): Promise<App> {
  db = await openPglite({ dataDir: 'memory://' });
  app = await buildApp({
    config: parseConfig({ WEB_DIST_DIR: root }),
    db,
    bus: createInProcessBus(),
    logger: pino({ level: 'silent' }),
  });
  return app;
}

describe('staticFileFor', () => {
  const root = builtConsole();
  it('names files under the root and nothing outside it', () => {
    expect(staticFileFor(root, '/assets/app-1a2b.js')).toBe(join('assets', 'app-1a2b.js'));
    expect(staticFileFor(root, '/favicon.svg?v=2')).toBe('favicon.svg');
    expect(staticFileFor(root, '/')).toBeNull();
    expect(staticFileFor(root, '/assets')).toBeNull();
    expect(staticFileFor(root, '/../../etc/passwd')).toBeNull();
    expect(staticFileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(staticFileFor(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('web console serving', () => {
  it('serves assets, falls back to index.html for console paths, keeps /api 404s as JSON', async () => {
    const a = await makeApp(builtConsole());
    const asset = await a.inject('/assets/app-1a2b.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');

    const page = await a.inject('/archives/vehicles?page=2');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('id="root"');
    // The console must load over plain http too (a LAN demo): no upgrade of its assets to https.
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(page.headers['content-security-policy']).toContain("worker-src 'self' blob:");

    const api = await a.inject('/api/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('ROUTE_NOT_FOUND');

    const post = await a.inject({ method: 'POST', url: '/archives' });
    expect(post.statusCode).toBe(404);
    expect(post.json().code).toBe('ROUTE_NOT_FOUND');
    expect(
      a.routeTable.some(
        (r) => !r.url.startsWith('/api') && !r.url.startsWith('/healthz') && !r.url.startsWith('/readyz'),
      ),
    ).toBe(false);
  });

  it('answers JSON 404s everywhere when no console is built', async () => {
    const a = await makeApp(join(tmpdir(), 'weiyun-no-console-here'));
    const res = await a.inject('/archives');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });
});
