/**
 * Starts the real Weiyun server for browser tests: the built console, PGlite in memory, demo
 * mode (demo accounts and the Panjin dataset), free HTTP and gateway ports; stops it afterwards.
 * `entry: 'console'` starts the same wiring through server/src/testing/console-server.ts, which
 * lets the test publish bus events (a rule event that raises an alarm) with `publish`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const mainTs = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url));
const consoleServerTs = fileURLToPath(
  new URL('../../../server/src/testing/console-server.ts', import.meta.url),
);

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
  /** The server's JT/T 808 gateway port (127.0.0.1). */
  gatewayPort: number;
  output: () => string;
  stop: () => Promise<void>;
  /** Publishes a JSON message on the server's bus (entry 'console' only). */
  publish: (subject: string, data: unknown) => Promise<void>;
}

export interface ServerOptions {
  timeoutMs?: number;
  entry?: 'main' | 'console';
  /** More environment (e.g. SIM_VEHICLES). */
  env?: Record<string, string>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const port = await freePort();
  const gatewayPort = await freePort();
  const entry = opts.entry === 'console' ? consoleServerTs : mainTs;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
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
      // Several test servers may run at once: never the default 6808.
      GATEWAY_PORT: String(gatewayPort),
      // No simulated fleet (nor its demo waybills) unless a test asks for one: the front-line
      // tests rely on demo vehicles without an active waybill, and 300 terminals per test server
      // slow every browser test in CI.
      SIM_VEHICLES: '0',
      // No certificate-expiry run: on PGlite its first run (about 8,300 demo warnings turned into
      // alarms) holds the server for about 30 s after start, far longer under load, and no
      // browser test needs the warnings. The stall itself is a known defect (see the issue notes).
      ARCHIVE_EXPIRY_CHECK_MINUTES: '0',
      ...opts.env,
    },
    stdio: [opts.entry === 'console' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
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
  let answered = 0;
  const publish = async (subject: string, data: unknown): Promise<void> => {
    if (!child.stdin) throw new Error("publish needs entry: 'console'");
    const want = ++answered;
    child.stdin.write(`${JSON.stringify({ publish: { subject, data } })}\n`);
    for (const start = Date.now(); Date.now() - start < 30_000;) {
      if (out.includes(`published ${want}\n`)) return;
      const failed = /error (.*)\n/.exec(out);
      if (failed) throw new Error(`publish failed: ${failed[1]}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('publish not answered');
  };
  return {
    url,
    gatewayPort,
    publish,
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
