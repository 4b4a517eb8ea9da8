/**
 * The real entry point as a process: starts, serves /healthz and /api/docs, stops cleanly on
 * SIGTERM, and refuses bad configuration listing every bad key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const mainTs = fileURLToPath(new URL('./main.ts', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PGLITE_DATA_DIR: 'memory://', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

let current: Run | undefined;
afterEach(() => {
  current?.child.kill('SIGKILL');
});

async function waitForHttp(url: string, timeoutMs: number): Promise<Response> {
  const start = Date.now();
  for (;;) {
    try {
      return await fetch(url);
    } catch {
      if (Date.now() - start > timeoutMs) throw new Error(`no answer from ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('server process', () => {
  it('serves /healthz and /api/docs, then stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    current = run({ PORT: String(port), HOST: '127.0.0.1', GATEWAY_PORT: '0' });
    const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 240_000);
    expect(await health.json()).toEqual({ status: 'ok' });
    const docs = await fetch(`http://127.0.0.1:${port}/api/docs/json`);
    expect(docs.status).toBe(200);
    expect(current.output()).toContain(`http://127.0.0.1:${port}`);
    current.child.kill('SIGTERM');
    expect(await current.exit).toBe(0);
  }, 300_000);

  it('production first start prints a random admin password that logs in and must be changed', async () => {
    const port = await freePort();
    current = run({ PORT: String(port), HOST: '127.0.0.1', WEIYUN_MODE: 'production' });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 240_000);
    const password = /password: (\S+)/.exec(current.output())?.[1];
    expect(password).toBeDefined();
    expect(current.output()).not.toContain('Weiyun@demo1');
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password, tokenIn: 'body' }),
    });
    expect(login.status).toBe(200);
    const { token, user } = (await login.json()) as { token: string; user: { mustChangePassword: boolean } };
    expect(user.mustChangePassword).toBe(true);
    const users = await fetch(`http://127.0.0.1:${port}/api/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await users.json()) as { code: string }).code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    current.child.kill('SIGTERM');
    expect(await current.exit).toBe(0);
  }, 300_000);

  it('refuses to start with bad config and names every bad key', async () => {
    current = run({ PORT: 'x', BUS_PARTITIONS: '0' });
    expect(await current.exit).toBe(78);
    expect(current.output()).toContain('PORT: not an integer');
    expect(current.output()).toContain('BUS_PARTITIONS: 0 is outside 1–1024');
  }, 30_000);
});
