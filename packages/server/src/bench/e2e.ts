/**
 * `npm run bench:e2e`: the delay from a fix entering the gateway to its rule event being
 * published, at a fixed offered rate. Everything in this process: simulated terminals over
 * loopback → gateway → `ingest` (durable) → bus → rule worker (the ten detectors against the
 * archive's places) → `events.rules.<type>` → a subscriber here.
 *
 * Load: `--terminals` filed terminals send `--rate` 0x0200 reports per second in total, paced
 * every 20 ms (open loop: the rate does not wait for acknowledgements). Each terminal's device
 * clock advances 10 s per fix (hours back, so the stream looks like a 10 s reporter), and every
 * `--every`-th fix of a terminal sets the JT/T 808 emergency bit: 100 s apart in device time, more
 * than the 60 s merge window, so each such fix opens a `device_alarm` episode — the `started`
 * event it causes is matched to the wall time at which that fix's frame was written to the
 * socket. Printed: offered and achieved positions/s, events matched, latency p50/p99/max, CPU,
 * and the part of it up to the durable acknowledgement (0x8001) for comparison.
 *
 * Flags: --rate R (default 20000) --terminals N (default 1000) --seconds S (default 20)
 *        --every K (default 10) --pglite (default PostgreSQL, DATABASE_URL or weiyun_dev)
 *        --jetstream (NATS_URL; default the in-process bus)
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig, parseConfig } from '../config.js';
import { fileTerminal, makeEnterprise, testGateway } from '../gateway/testing.js';
import { createPositionPipeline } from '../modules/positions/pipeline.js';
import { RULE_EVENTS_PREFIX, RuleWorker } from '../modules/rules/worker.js';
import type { Bus } from '../platform/bus/bus.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { EVENTS_STREAM } from '../platform/bus/streams.js';
import { ephemeralJetStreamBus } from '../platform/bus/testing.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { SimTerminal, toLocation } from '../sim/terminal.js';
import { has, num, onScratchSchema, percentile, runMain } from './support.js';

const RATE = num('rate', 20_000);
const TERMINALS = num('terminals', 1000);
const SECONDS = num('seconds', 20);
const EVERY = num('every', 10);
const PACE_MS = 20;
const env = loadConfig();
const pgUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
const logger = pino({ level: 'silent' });
const out = (s: string): boolean => process.stdout.write(`${s}\n`);

async function run(label: string, db: Db, bus: Bus): Promise<void> {
  await migrate(db, await loadMigrations());
  const enterprise = await makeEnterprise(db);
  const filed: { vehicleId: string; phone: string; plate: string }[] = [];
  for (let i = 0; i < TERMINALS; i++) filed.push(await fileTerminal(db, enterprise, i));
  const config = parseConfig({});
  const pipeline = createPositionPipeline({ config, db, bus, logger });
  await pipeline.start();
  const rules = new RuleWorker({
    db,
    bus,
    topic: pipeline.topic,
    logger,
    reorderWindowMs: config.RULES_REORDER_WINDOW_S * 1000,
    contiguousMs: config.RULES_CONTIGUOUS_GAP_S * 1000,
  });
  await rules.start();
  const gateway = testGateway(db, (p) => pipeline.ingest(p), { maxIngestPending: 200_000 });
  const port = await gateway.start();

  /** `vehicleId/deviceTime` of each emergency fix → when its frame was written (performance.now). */
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let unmatched = 0;
  await bus.ensureStream(EVENTS_STREAM);
  await bus.subscribe(
    {
      stream: EVENTS_STREAM.name,
      durable: `bench-e2e-${Date.now()}`,
      filter: `${RULE_EVENTS_PREFIX}.device_alarm`,
    },
    (msg) => {
      const now = performance.now();
      const e = JSON.parse(new TextDecoder().decode(msg.data)) as {
        vehicleId: string;
        phase: string;
        at: number;
      };
      msg.ack();
      if (e.phase !== 'started') return;
      const key = `${e.vehicleId}/${e.at}`;
      const at = sentAt.get(key);
      if (at === undefined) unmatched++;
      else {
        sentAt.delete(key);
        latencies.push(now - at);
      }
    },
  );

  let acked = 0;
  const ackLatencies: number[] = [];
  const base = Math.floor(Date.now() / 1000) * 1000 - 20 * 3600_000;
  const terms = filed.map((t, i) => {
    let n = 0;
    const written = new Map<number, number>();
    const sim = new SimTerminal({
      host: '127.0.0.1',
      port,
      phone: t.phone,
      edition: 2013,
      plate: t.plate,
      plateColor: 2,
      terminalCode: `E${i}`,
      heartbeatMs: 60_000,
      onMessage: (m) => {
        if (m.type !== 'platformGeneralResponse' || m.replyId !== 0x0200 || m.result !== 0) return;
        acked++;
        const at = written.get(m.replySerial);
        if (at !== undefined) {
          written.delete(m.replySerial);
          ackLatencies.push(performance.now() - at);
        }
      },
    });
    const send = (): void => {
      const k = n++;
      const time = base + k * 10_000;
      const emergency = k % EVERY === EVERY - 1;
      const leg = k % 2000; // east for 1,000 fixes, then back west: ~33 m per 10 s, 12 km/h
      const loc = toLocation({
        time,
        lat: 41.0 + (i % 100) * 0.002,
        lon: 122.0 + (leg < 1000 ? leg : 2000 - leg) * 0.0004,
        speedKmh: 12,
        heading: 90,
        altitude: 5,
        alarm: emergency ? 1 : 0,
        mileageKm: 1000 + k / 15,
      });
      const serial = sim.sendMessage({ type: 'locationReport', ...loc });
      const now = performance.now();
      written.set(serial, now);
      if (emergency) sentAt.set(`${t.vehicleId}/${time}`, now);
    };
    return { sim, send };
  });
  for (let i = 0; i < terms.length; i += 100)
    await Promise.all(terms.slice(i, i + 100).map((t) => t.sim.connect()));

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      if (elapsed >= SECONDS * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up to the offered rate (timers run late on a busy machine).
      const due = Math.floor((elapsed / 1000) * RATE) - sent;
      for (let j = 0; j < due; j++) {
        terms[next]!.send();
        next = (next + 1) % terms.length;
      }
      sent += Math.max(0, due);
    }, PACE_MS);
  });
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const ackedInWindow = acked;
  const eventsInWindow = latencies.length;
  // Let the last events through, then count.
  const deadline = Date.now() + 30_000;
  while ((sentAt.size > 0 || acked < sent) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  for (const t of terms) t.sim.dropConnection();
  await gateway.stop();
  await rules.stop();
  await pipeline.stop();

  const wall = (t1 - t0) / 1000;
  const lat = Float64Array.from(latencies).sort();
  const ack = Float64Array.from(ackLatencies).sort();
  out(
    `${label}: offered ${Math.round(sent / wall)} positions/s, acknowledged ${Math.round(ackedInWindow / wall)}/s ` +
      `(${acked} of ${sent} in the end); device_alarm events matched ${latencies.length} ` +
      `(${eventsInWindow} during the run, ${sentAt.size} never arrived, ${unmatched} unmatched)`,
  );
  out(
    `  fix written → rule event received: p50 ${percentile(lat, 0.5).toFixed(1)} ms  p99 ${percentile(lat, 0.99).toFixed(1)} ms  ` +
      `max ${(lat[lat.length - 1] ?? NaN).toFixed(1)} ms;  CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)}% ` +
      `of one core;  RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  out(
    `  of which fix written → 0x8001 (durable): p50 ${percentile(ack, 0.5).toFixed(1)} ms  p99 ${percentile(ack, 0.99).toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  out(
    `bench:e2e — ${TERMINALS} terminals, ${RATE} positions/s offered for ${SECONDS} s, emergency bit on every ${EVERY}th fix`,
  );
  if (has('pglite')) {
    const db = await openPglite({ dataDir: 'memory://' });
    await run('PGlite, in-process bus', db, createInProcessBus());
    await db.close();
  } else {
    await onScratchSchema(pgUrl, 'bench_e2e', 6, async (db) => {
      const jet = has('jetstream');
      if (jet && !env.NATS_URL) throw new Error('--jetstream needs NATS_URL');
      const bus = jet ? await ephemeralJetStreamBus(env.NATS_URL!) : createInProcessBus();
      await run(jet ? 'PostgreSQL, JetStream' : 'PostgreSQL, in-process bus', db, bus);
      await bus.close();
    });
  }
}

runMain(main);
