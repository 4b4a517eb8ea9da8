/**
 * `npm run bench:ingest`: simulated terminals over loopback → gateway → durable ingest → store.
 * The terminals run in `--sim-procs` child processes (sim-process.ts), so this process holds only
 * the gateway and the position pipeline, as the server does, and its CPU and memory are its own.
 * Each terminal registers and authenticates like a real one, then keeps `--window` 0x0200 reports
 * in flight (a new one on every 0x8001, which the gateway sends only once the fix is durable).
 * Prints positions/s, ack latency p50/p99, sent vs acknowledged vs stored (loss must be 0), the
 * CPU of the gateway process and of the simulator processes (per position), the machine's CPU
 * use, and the gateway's RSS; for PGlite, PostgreSQL (in-process bus, durability = commit) and,
 * when NATS_URL is set, PostgreSQL behind JetStream (durability = PubAck).
 *
 * Then idle connections: `--idle` authenticated, heartbeating terminals spread over child
 * processes and loopback source addresses (127.0.0.2 …, so neither side runs out of ports or
 * descriptors), held for `--idle-hold` seconds (at least one heartbeat), and the gateway process's
 * RSS and heap per connection. The open-file limit of the gateway process bounds `--idle`.
 *
 * Flags: --terminals N (default 200) --seconds S (default 15) --window W (default 8)
 *        --sim-procs P (default 2) --idle N (default 2000) --idle-per-proc N (default 9000)
 *        --heartbeat S (default 30) --idle-hold S (default heartbeat + 5)
 *        --skip-pglite --skip-pg --skip-jetstream --skip-idle
 *        --profile DIR (a CPU profile of the gateway process during each measured run only)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { loadConfig, parseConfig } from '../config.js';
import { fileTerminal, makeEnterprise, testGateway } from '../gateway/testing.js';
import { createPositionPipeline } from '../modules/positions/pipeline.js';
import type { Bus } from '../platform/bus/bus.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { ephemeralJetStreamBus } from '../platform/bus/testing.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { LatencyHistogram } from './latency.js';
import { SimProcess, type SimResult, type SimSpec } from './sim-process.js';
import { has, num, onScratchSchema, runMain } from './support.js';

const TERMINALS = num('terminals', 200);
const SECONDS = num('seconds', 15);
const WINDOW = num('window', 8);
const SIM_PROCS = num('sim-procs', 2);
const IDLE = num('idle', 2000);
const IDLE_PER_PROC = num('idle-per-proc', 9000);
const HEARTBEAT_S = num('heartbeat', 30);
const IDLE_HOLD_S = num('idle-hold', HEARTBEAT_S + 5);
const PROFILE_DIR = (() => {
  const i = process.argv.indexOf('--profile');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
const env = loadConfig();
const pgUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
const logger = pino({ level: 'silent' });
const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const mib = (b: number): string => (b / 2 ** 20).toFixed(0);

/** A full collection, also without --expose-gc. */
function gc(): void {
  if (!global.gc) {
    setFlagsFromString('--expose-gc');
    global.gc = runInNewContext('gc') as typeof global.gc;
  }
  global.gc!();
}

/** Busy and total jiffies of the whole machine (/proc/stat), for the load during a run. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + f[4]!;
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU time (µs) of processes by pid, from /proc/<pid>/stat (utime + stime). */
function cpuOfPids(pids: readonly number[]): Map<number, number> {
  const tick = 1e6 / 100; // USER_HZ
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // gone
    }
  }
  return out;
}

/** The PostgreSQL backends serving this database (none for PGlite, whose work is this process's). */
async function backendPids(db: Db): Promise<number[]> {
  if (db.kind !== 'postgres') return [];
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((r) => r.pid);
}

async function startProfile(): Promise<Inspector | undefined> {
  if (!PROFILE_DIR) return undefined;
  const session = new Inspector();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Inspector | undefined, label: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  const file = `${PROFILE_DIR}/ingest-${label.replace(/[^A-Za-z]+/g, '-')}-${Date.now()}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  out(`  CPU profile of the measured window: ${file}`);
}

async function fileFleet(db: Db, n: number): Promise<SimSpec[]> {
  await migrate(db, await loadMigrations());
  const e = await makeEnterprise(db);
  const list: SimSpec[] = new Array<SimSpec>(n);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) {
      const edition = i % 5 < 3 ? 2019 : 2013;
      const t = await fileTerminal(db, e, i, { edition });
      list[i] = { phone: t.phone, plate: t.plate, edition };
    }
  };
  await Promise.all(Array.from({ length: db.kind === 'pglite' ? 1 : 4 }, worker));
  return list;
}

/** Splits the fleet into `parts` child processes. */
async function startSims(
  port: number,
  fleet: readonly SimSpec[],
  parts: number,
  window: number,
  localAddresses: (part: number) => string[] = () => [],
): Promise<SimProcess[]> {
  const per = Math.ceil(fleet.length / parts);
  const baseTime = Date.now() - 20 * 3600_000;
  return Promise.all(
    Array.from({ length: parts }, (_, k) =>
      SimProcess.start({
        host: '127.0.0.1',
        port,
        localAddresses: localAddresses(k),
        terminals: fleet.slice(k * per, (k + 1) * per),
        window,
        heartbeatMs: HEARTBEAT_S * 1000,
        baseTime,
      }),
    ),
  );
}

function sum(
  results: readonly SimResult[],
  key: 'sent' | 'acked' | 'ackedInWindow' | 'failed' | 'cpuMicros' | 'online' | 'heartbeatsAcked',
): number {
  return results.reduce((a, r) => a + r[key], 0);
}

async function run(label: string, db: Db, bus: Bus): Promise<void> {
  const fleet = await fileFleet(db, TERMINALS);
  const config = parseConfig({});
  const pipeline = createPositionPipeline({ config, db, bus, logger });
  await pipeline.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), { maxIngestPending: 100_000 });
  const port = await gateway.start();
  const sims = await startSims(port, fleet, Math.min(SIM_PROCS, fleet.length), WINDOW);
  const online = sims.reduce((a, s) => a + s.online, 0);
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 500);
  const pg0 = cpuOfPids(await backendPids(db));
  const profiler = await startProfile();
  const machine0 = machineCpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const s of sims) s.go();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const stopping = sims.map((s) => s.stop());
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const machine1 = machineCpu();
  clearInterval(sampler);
  await stopProfile(profiler, label);
  let pgMicros = 0;
  for (const [pid, t] of cpuOfPids(await backendPids(db))) pgMicros += t - (pg0.get(pid) ?? 0);
  const results = await Promise.all(stopping);
  const heap = process.memoryUsage().heapUsed;
  await Promise.all(sims.map((s) => s.close()));
  await gateway.stop();
  // With JetStream a fix is durable once the stream has it (PubAck); the store consumer writes it
  // to the database after that. Wait (up to 120 s) for the store to catch up before counting, so
  // what is still in the stream is not counted as lost, and say how long the catching up took.
  const storedCount = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM positions')).rows[0]!.n);
  const ackedTotal = sum(results, 'acked');
  const drainStart = performance.now();
  let stored = await storedCount();
  while (stored < ackedTotal && performance.now() - drainStart < 120_000) {
    await new Promise((r) => setTimeout(r, 250));
    stored = await storedCount();
  }
  const catchUpS = (performance.now() - drainStart) / 1000;
  await pipeline.stop();
  const hist = new LatencyHistogram();
  for (const r of results) hist.merge({ counts: r.latency });
  const wall = (t1 - t0) / 1000;
  const inWindow = sum(results, 'ackedInWindow');
  const sent = sum(results, 'sent');
  const acked = sum(results, 'acked');
  const gwCpu = (cpu.user + cpu.system) / 1e6;
  const simCpu = sum(results, 'cpuMicros') / 1e6;
  const busy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
  out(
    `${label.padEnd(30)} ${Math.round(inWindow / wall)
      .toString()
      .padStart(
        7,
      )} positions/s  ack p50 ${hist.quantile(0.5).toFixed(1)} ms p99 ${hist.quantile(0.99).toFixed(1)} ms` +
      `  terminals ${online}/${fleet.length}  sent ${sent} acked ${acked} failed ${sum(results, 'failed')} stored ${stored} loss ${sent - stored}` +
      (catchUpS > 0.5 ? `  (the store caught up ${catchUpS.toFixed(1)} s after the terminals stopped)` : ''),
  );
  out(
    `${''.padEnd(30)} gateway process CPU ${((gwCpu / wall) * 100).toFixed(0)}% of a core, ${((gwCpu / inWindow) * 1e6).toFixed(1)} µs per position` +
      `; simulators (${sims.length} processes) ${((simCpu / wall) * 100).toFixed(0)}%, ${((simCpu / inWindow) * 1e6).toFixed(1)} µs per position` +
      `` +
      (db.kind === 'postgres'
        ? `; PostgreSQL backends ${((pgMicros / 1e6 / wall) * 100).toFixed(0)}%, ${(pgMicros / inWindow).toFixed(1)} µs per position`
        : '') +
      `; machine busy ${(busy * 100).toFixed(0)}% of ${cpus().length} cores; gateway RSS max ${mib(maxRss)} MiB, heap ${mib(heap)} MiB`,
  );
}

async function idle(db: Db): Promise<void> {
  const fleet = await fileFleet(db, IDLE);
  const config = parseConfig({});
  const pipeline = createPositionPipeline({ config, db, bus: createInProcessBus(), logger });
  await pipeline.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), {
    maxConnections: 1_000_000,
    // The simulators connect from many loopback addresses, all of them exempt from the per-IP rate.
    connectionsPerIpPerMinute: 1_000_000,
    heartbeatMs: HEARTBEAT_S * 1000,
  });
  const port = await gateway.start();
  gc();
  const before = process.memoryUsage();
  const parts = Math.max(1, Math.ceil(IDLE / IDLE_PER_PROC));
  // Four source addresses per process: each gives the kernel its own ephemeral port range.
  const sims = await startSims(port, fleet, parts, 0, (k) =>
    Array.from({ length: 4 }, (_, j) => `127.0.${1 + k}.${2 + j}`),
  );
  const t0 = performance.now();
  const framesAtConnect = totalFrames(gateway.metrics.framesIn);
  await new Promise((r) => setTimeout(r, IDLE_HOLD_S * 1000));
  gc();
  const after = process.memoryUsage();
  const held = gateway.connectionCount;
  const authenticated = gateway.list().length;
  const results = await Promise.all(sims.map((s) => s.stop()));
  const holdS = (performance.now() - t0) / 1000;
  const perConn = (after.rss - before.rss) / held;
  const heapPerConn = (after.heapUsed - before.heapUsed) / held;
  const heartbeats = sum(results, 'heartbeatsAcked');
  out(
    `idle connections: ${held} held by the gateway process (${authenticated} authenticated) from ${sims.length} simulator processes,` +
      ` ${heartbeats} heartbeats answered in ${holdS.toFixed(0)} s (interval ${HEARTBEAT_S} s); frames in ${totalFrames(gateway.metrics.framesIn) - framesAtConnect}`,
  );
  out(
    `  gateway process RSS ${mib(before.rss)} → ${mib(after.rss)} MiB: ${(perConn / 1024).toFixed(1)} KiB per connection;` +
      ` heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB: ${(heapPerConn / 1024).toFixed(1)} KiB per connection`,
  );
  out(
    `  extrapolated (not measured) to 100,000 connections: RSS ≈ ${((before.rss + 100_000 * perConn) / 2 ** 30).toFixed(2)} GiB`,
  );
  await Promise.all(sims.map((s) => s.close()));
  await gateway.stop();
  await pipeline.stop();
}

const totalFrames = (m: ReadonlyMap<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  out(
    `bench:ingest — ${TERMINALS} terminals in ${SIM_PROCS} simulator processes, window ${WINDOW}, ${SECONDS} s per run, 0x0200 one fix per message`,
  );
  if (!has('skip-pglite')) {
    const db = await openPglite({ dataDir: 'memory://' });
    await run('PGlite, in-process bus', db, createInProcessBus());
    await db.close();
  }
  if (!has('skip-pg')) {
    const buses = env.NATS_URL && !has('skip-jetstream') ? [false, true] : [false];
    for (const viaJetStream of buses) {
      await onScratchSchema(pgUrl, 'bench_ingest', 6, async (db) => {
        const bus = viaJetStream ? await ephemeralJetStreamBus(env.NATS_URL!) : createInProcessBus();
        await run(viaJetStream ? 'PostgreSQL, JetStream (PubAck)' : 'PostgreSQL, in-process bus', db, bus);
        await bus.close();
      });
    }
  }
  if (!has('skip-idle')) await onScratchSchema(pgUrl, 'bench_idle', 6, idle);
}

runMain(main);
