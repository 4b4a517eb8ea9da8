/**
 * `npm run bench:ingest`: simulated terminals over loopback → gateway → pipeline → store, all in
 * this process (so the simulator's CPU counts against the figures). Each terminal registers and
 * authenticates like a real one, then keeps `--window` 0x0200 reports in flight (a new one on
 * every 0x8001). Prints positions/s, ack latency p50/p99, sent vs acknowledged vs stored (loss
 * must be 0), CPU and memory; for PGlite, PostgreSQL (in-process bus, durability = commit) and,
 * when NATS_URL is set, PostgreSQL behind JetStream (durability = PubAck). Then the memory of
 * `--idle` authenticated, heartbeating idle connections.
 *
 * Flags: --terminals N (default 200) --seconds S (default 15) --window W (default 8)
 *        --idle N (default 2000) --skip-pglite --skip-pg --skip-idle
 */
import { performance } from 'node:perf_hooks';
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
import { SimTerminal, toLocation } from '../sim/terminal.js';
import { has, num, onScratchSchema, percentile, runMain } from './support.js';

const TERMINALS = num('terminals', 200);
const SECONDS = num('seconds', 15);
const WINDOW = num('window', 8);
const IDLE = num('idle', 2000);
const env = loadConfig();
const pgUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
const logger = pino({ level: 'silent' });
const out = (s: string): boolean => process.stdout.write(`${s}\n`);

async function fileFleet(db: Db, n: number): Promise<{ phone: string; plate: string }[]> {
  await migrate(db, await loadMigrations());
  const e = await makeEnterprise(db);
  const list: { phone: string; plate: string }[] = [];
  for (let i = 0; i < n; i++) list.push(await fileTerminal(db, e, i, { edition: i % 5 < 3 ? 2019 : 2013 }));
  return list;
}

async function run(label: string, db: Db, bus: Bus): Promise<void> {
  const fleet = await fileFleet(db, TERMINALS);
  const config = parseConfig({});
  const pipeline = createPositionPipeline({ config, db, bus, logger });
  await pipeline.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), { maxIngestPending: 100_000 });
  const port = await gateway.start();
  const latencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let running = true;
  const base = Date.now() - 20 * 3600_000;
  const terms = fleet.map((t, i) => {
    const sentAt = new Map<number, number>();
    let seq = 0;
    const sim: SimTerminal = new SimTerminal({
      host: '127.0.0.1',
      port,
      phone: t.phone,
      edition: i % 5 < 3 ? 2019 : 2013,
      plate: t.plate,
      plateColor: 2,
      terminalCode: `B${i}`,
      heartbeatMs: 60_000,
      onMessage: (m) => {
        if (m.type !== 'platformGeneralResponse' || m.replyId !== 0x0200) return;
        const at = sentAt.get(m.replySerial);
        if (at === undefined || m.result !== 0) return;
        sentAt.delete(m.replySerial);
        acked++;
        latencies.push(performance.now() - at);
        if (running) send();
      },
    });
    // One fix a second of device time per terminal, unique (vehicle, time, serial), within retention.
    const send = (): void => {
      const n = seq++;
      const loc = toLocation({
        time: base + n * 1000,
        lat: 41.0 + (i % 100) * 0.002,
        lon: 122.0 + (n % 1000) * 0.0001,
        speedKmh: 50,
        heading: 90,
        altitude: 5,
        mileageKm: 1000 + n / 10,
      });
      const serial = sim.sendMessage({ type: 'locationReport', ...loc });
      sentAt.set(serial, performance.now());
      sent++;
    };
    return { sim, send };
  });
  for (const t of terms) await t.sim.connect();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const t of terms) for (let w = 0; w < WINDOW; w++) t.send();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  running = false;
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const ackedInWindow = acked;
  const deadline = Date.now() + 30_000;
  while (acked < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const rss = process.memoryUsage().rss;
  for (const t of terms) t.sim.dropConnection();
  await gateway.stop();
  await pipeline.stop();
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM positions');
  const stored = Number(rows[0]!.n);
  const lat = Float64Array.from(latencies).sort();
  const wall = (t1 - t0) / 1000;
  out(
    `${label.padEnd(30)} ${Math.round(ackedInWindow / wall)
      .toString()
      .padStart(
        7,
      )} positions/s  ack p50 ${percentile(lat, 0.5).toFixed(1)} ms p99 ${percentile(lat, 0.99).toFixed(1)} ms` +
      `  sent ${sent} acked ${acked} stored ${stored} loss ${sent - stored}` +
      `  CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)}%` +
      ` (${Math.round(ackedInWindow / ((cpu.user + cpu.system) / 1e6))} per Node CPU-second)  RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
  );
}

async function idle(db: Db): Promise<void> {
  const fleet = await fileFleet(db, IDLE);
  const config = parseConfig({});
  const pipeline = createPositionPipeline({ config, db, bus: createInProcessBus(), logger });
  await pipeline.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), { maxConnections: 1_000_000 });
  const port = await gateway.start();
  global.gc?.();
  const before = process.memoryUsage();
  const sims: SimTerminal[] = [];
  for (const [i, t] of fleet.entries()) {
    const sim = new SimTerminal({
      host: '127.0.0.1',
      port,
      phone: t.phone,
      edition: 2013,
      plate: t.plate,
      plateColor: 2,
      terminalCode: `I${i}`,
      heartbeatMs: 30_000,
    });
    sims.push(sim);
  }
  for (let i = 0; i < sims.length; i += 100)
    await Promise.all(sims.slice(i, i + 100).map((s) => s.connect()));
  global.gc?.();
  const after = process.memoryUsage();
  const perConn = (after.rss - before.rss) / gateway.list().length;
  out(
    `idle connections: ${gateway.list().length} authenticated; RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB` +
      ` (${(perConn / 1024).toFixed(1)} KiB per connection, gateway and simulated terminal together; heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MiB)`,
  );
  for (const s of sims) s.dropConnection();
  await gateway.stop();
  await pipeline.stop();
}

async function main(): Promise<void> {
  out(
    `bench:ingest — ${TERMINALS} terminals, window ${WINDOW}, ${SECONDS} s per run, 0x0200 one fix per message`,
  );
  if (!has('skip-pglite')) {
    const db = await openPglite({ dataDir: 'memory://' });
    await run('PGlite, in-process bus', db, createInProcessBus());
    await db.close();
  }
  if (!has('skip-pg')) {
    for (const viaJetStream of env.NATS_URL ? [false, true] : [false]) {
      await onScratchSchema(pgUrl, 'bench_ingest', 6, async (db) => {
        const bus = viaJetStream ? await ephemeralJetStreamBus(env.NATS_URL!) : createInProcessBus();
        await run(viaJetStream ? 'PostgreSQL, JetStream (PubAck)' : 'PostgreSQL, in-process bus', db, bus);
        await bus.close();
      });
    }
  }
  if (!has('skip-idle')) await onScratchSchema(pgUrl, 'bench_idle', 4, idle);
}

runMain(main);
