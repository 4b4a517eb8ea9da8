/**
 * Start-up stall benchmark: starts the built server as `npm start` does (embedded PGlite on a
 * fresh data folder, so the Panjin demo archive loads and the certificate-expiry job's first run
 * warns about thousands of certificates; in-process bus; simulated fleet on its own gateway) and
 * measures how long the server stops answering while those warnings become alarms:
 *   - /healthz (the event loop) and /readyz (a database query) polled every 100 ms; the longest
 *     gap between two answers of each (a /readyz that timed out with 503 is no answer);
 *   - every gap over a second, with when it began, to tell the expiry job's from other start-up
 *     work's (the demo waybills are dispatched 20 s after start);
 *   - when the certificate alarms appear and when all of them exist (counted over the API).
 * Run: `npm run bench:startup-stall` (builds the server first), or after a build:
 *   node --import tsx packages/server/src/bench/startup-stall.ts [--seconds 90] [--port 18080] [--log]
 * (--log: the server's log lines on stderr).
 * With DATABASE_URL set the server uses that database instead (it must be empty).
 * Extra node flags for the server: SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { has, num, runMain } from './support.js';

const SECONDS = num('seconds', 90);
const PORT = num('port', 18080);
const GATEWAY_PORT = num('gateway-port', 16808);
const POLL_MS = 100;
const base = `http://127.0.0.1:${PORT}`;
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a route every POLL_MS (one request at a time) and keeps the gaps between good answers. */
class Prober {
  private last = 0;
  longest = 0;
  longestAt = 0;
  /** Gaps over a second: [from (s after up), length (s)]. */
  readonly stalls: [number, number][] = [];
  answers = 0;
  failures = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private readonly t0: number,
  ) {}

  start(): void {
    this.last = performance.now();
    this.loop = (async () => {
      while (!this.stopped) {
        const sent = performance.now();
        try {
          const res = await fetch(base + this.path, { signal: AbortSignal.timeout(60_000) });
          await res.arrayBuffer();
          if (res.ok) this.answer();
          else this.failures++;
        } catch {
          this.failures++;
        }
        await sleep(Math.max(0, POLL_MS - (performance.now() - sent)));
      }
    })();
  }

  private answer(): void {
    const now = performance.now();
    const gap = now - this.last;
    if (gap > 1000) this.stalls.push([(this.last - this.t0) / 1000, gap / 1000]);
    if (gap > this.longest) {
      this.longest = gap;
      this.longestAt = (this.last - this.t0) / 1000;
    }
    this.last = now;
    this.answers++;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

async function waitUp(deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the server did not start');
}

async function login(): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Weiyun@demo1', tokenIn: 'body' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function certificateAlarms(token: string): Promise<number> {
  const res = await fetch(`${base}/api/alarms?type=certificate_expiry&pageSize=1`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok) throw new Error(`alarms: ${res.status}`);
  return ((await res.json()) as { total: number }).total;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weiyun-stall-'));
  const flags = (process.env.SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const t0 = performance.now();
  const server = spawn(process.execPath, [...flags, mainJs], {
    env: {
      ...process.env,
      PORT: String(PORT),
      GATEWAY_PORT: String(GATEWAY_PORT),
      HOST: '127.0.0.1',
      PGLITE_DATA_DIR: join(dataDir, 'pg'),
      LOG_LEVEL: 'info',
      RATE_LIMIT_API_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  let warnings: number | undefined;
  let warnedAt: number | undefined;
  createInterface({ input: server.stdout }).on('line', (line) => {
    if (has('log')) process.stderr.write(`${line}\n`);
    if (!line.includes('certificate expiry warnings sent')) return;
    try {
      warnings = (JSON.parse(line) as { warnings: number }).warnings;
      warnedAt = performance.now();
    } catch {
      // not the JSON log line
    }
  });
  try {
    await waitUp(t0 + 180_000);
    const up = performance.now();
    const health = new Prober('/healthz', up);
    const ready = new Prober('/readyz', up);
    health.start();
    ready.start();
    const token = await login();
    let alarms = 0;
    let allAt: number | undefined;
    let firstAt: number | undefined;
    while (performance.now() - up < SECONDS * 1000) {
      await sleep(500);
      try {
        alarms = await certificateAlarms(token);
      } catch {
        continue;
      }
      if (alarms > 0) firstAt ??= performance.now();
      if (warnings !== undefined && alarms >= warnings && allAt === undefined) allAt = performance.now();
    }
    await Promise.all([health.stop(), ready.stop()]);
    const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
    const lines = [
      `server up (listening) after ${s(up - t0)}; measured for ${SECONDS} s after that`,
      `/healthz: ${health.answers} answers, ${health.failures} failures, longest gap ${s(health.longest)} (from ${health.longestAt.toFixed(1)} s)`,
      `/readyz:  ${ready.answers} answers, ${ready.failures} not ready, longest gap ${s(ready.longest)} (from ${ready.longestAt.toFixed(1)} s)`,
      `/readyz gaps over 1 s (from, length): ${ready.stalls.map(([at, gap]) => `${at.toFixed(1)} s +${gap.toFixed(1)} s`).join(', ') || 'none'}`,
      `expiry warnings sent: ${warnings ?? '— (no log line yet)'} (${s(warnedAt === undefined ? undefined : warnedAt - up)} after up)`,
      `certificate alarms: ${alarms}; first seen ${s(firstAt === undefined ? undefined : firstAt - up)}, all ${s(allAt === undefined ? undefined : allAt - up)} after up`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    server.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

runMain(main);
