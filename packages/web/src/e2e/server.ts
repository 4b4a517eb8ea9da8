/**
 * Starts the real Weiyun server for browser tests: the built console, PGlite in memory, demo
 * mode (demo accounts and the Panjin dataset), a free port; stops it afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const mainTs = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url));

/** Builds the console once when no build exists (CI builds it before the tests). */
export function ensureBuiltConsole(): void {
  if (existsSync(`${webRoot}/dist/index.html`)) return;
  const r = spawnSync(process.execPath, [`${repoRoot}/node_modules/vite/bin/vite.js`, 'build'], {
    cwd: webRoot,
    stdio: 'pipe',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr.toString()}${r.stdout.toString()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(timeoutMs = 300_000): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      PGLITE_DATA_DIR: 'memory://',
      WEIYUN_MODE: 'demo',
      LOG_LEVEL: 'warn',
      // Several sign-ins (and the lockout case) from one IP within a minute.
      RATE_LIMIT_LOGIN_PER_MINUTE: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  // The server listens once migrations ran and the demo archives are loaded.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}
