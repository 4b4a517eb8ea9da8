/**
 * `npm run bench:e2e`: the delay from a fix entering the gateway to its rule event being
 * published, at a fixed offered rate. The server is this process with every module as main.ts
 * wires them (gateway → `ingest` (durable) → bus → store, live state, rule worker, waybill
 * tracker; rule events → alarms), plus a subscriber to `events.rules.device_alarm` here. The
 * simulated terminals run in a child process (bench/e2e-terminals.ts), so the CPU printed for the
 * server is its own.
 *
 * Load: `--terminals` filed terminals send `--rate` 0x0200 reports per second in total (open
 * loop). Each terminal's device clock advances 10 s per fix, and every `--every`-th fix sets the
 * JT/T 808 emergency bit (staggered across terminals: `rate / every` alarms per second from the
 * start), more than the 60 s merge window apart, so each such fix opens a `device_alarm` episode —
 * the `started` event it causes is matched to the time that fix's frame was written to the socket.
 * `--every 10` (the default) is a heavy-alarm run (2,000 alarms/s at 20,000/s); `--every 1000`
 * is closer to real life (20/s; run ≥ 20 s for a p99 of a few hundred events). Printed: offered
 * and acknowledged positions/s, events matched, latency p50/p99/max, the part of it up to the
 * durable 0x8001, CPU of the server and of the terminals.
 *
 * Flags: --rate R (default 20000) --terminals N (default 1000) --seconds S (default 20)
 *        --every K (default 10) --pglite (default PostgreSQL, DATABASE_URL or weiyun_dev)
 *        --jetstream (NATS_URL; default the in-process bus) --inline (the terminals in this process)
 * Profile: `node --cpu-prof --cpu-prof-dir=DIR --import tsx packages/server/src/bench/e2e.ts …`,
 * then `npx tsx packages/server/src/bench/cpu-split.ts DIR/<the larger file>` (the split by
 * consumer; it includes the set-up, which the archive filing and the pg driver dominate). An
 * inspector session in this process (Profiler.start) stalled the server, so there is no flag.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { fileTerminal, freePort, makeEnterprise } from '../gateway/testing.js';
import { modules } from '../modules.js';
import { RULE_EVENTS_PREFIX, type RuleWorker } from '../modules/rules/worker.js';
import type { Bus } from '../platform/bus/bus.js';
import { serverInProcessBus } from '../platform/bus/open.js';
import { EVENTS_STREAM } from '../platform/bus/streams.js';
import { ephemeralJetStreamBus } from '../platform/bus/testing.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { buildApp, type ModulePlugin } from '../platform/http/app.js';
import { absNow, runLoad, type LoadSpec, type RunnerMessage } from './e2e-terminals.js';
import { describeMachineCpu, has, machineCpu, num, onScratchSchema, percentile, runMain } from './support.js';

const RATE = num('rate', 20_000);
const TERMINALS = num('terminals', 1000);
const SECONDS = num('seconds', 20);
const EVERY = num('every', 10);
const env = loadConfig();
const pgUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
const logger = pino({ level: 'silent' });
const out = (s: string): boolean => process.stdout.write(`${s}\n`);

/** The terminals, in a child process (or here with --inline); returns its messages as they come. */
function startTerminals(spec: LoadSpec): {
  next: (type: RunnerMessage['type']) => Promise<RunnerMessage>;
  go: () => void;
} {
  const inbox: RunnerMessage[] = [];
  const waiting: (() => void)[] = [];
  const receive = (m: RunnerMessage): void => {
    inbox.push(m);
    for (const w of waiting.splice(0)) w();
  };
  let go: () => void;
  if (has('inline')) {
    let start: () => void = () => undefined;
    const started = new Promise<void>((r) => (start = r));
    void runLoad(spec, receive, started);
    go = start;
  } else {
    const child = fork(fileURLToPath(new URL('./e2e-terminals.ts', import.meta.url)), ['--e2e-terminals'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => receive(m as RunnerMessage));
    child.on('exit', (code) => {
      if (code) throw new Error(`terminal process exited with ${code}`);
    });
    child.send(spec);
    go = () => child.send({ type: 'go' });
  }
  const next = async (type: RunnerMessage['type']): Promise<RunnerMessage> => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0]!;
      await new Promise<void>((r) => waiting.push(r));
    }
  };
  return { next, go };
}

async function run(label: string, db: Db, bus: Bus): Promise<void> {
  await migrate(db, await loadMigrations());
  const enterprise = await makeEnterprise(db);
  const filed: { vehicleId: string; phone: string; plate: string }[] = [];
  for (let i = 0; i < TERMINALS; i++) filed.push(await fileTerminal(db, enterprise, i));
  const gatewayPort = await freePort();
  // Every module of the server, as main.ts wires them (the simulated demo fleet off).
  const config = loadConfig({
    WEIYUN_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_MAX_INGEST_PENDING: '200000',
    SIM_VEHICLES: '0',
    LOG_LEVEL: 'silent',
  });
  let worker: RuleWorker | undefined;
  const capture: ModulePlugin = (scoped) => {
    worker = scoped.rules;
  };
  const app = await buildApp({ config, db, bus, logger }, [...modules, capture]);
  await app.listen({ host: config.HOST, port: config.PORT });

  /** `vehicleId/deviceTime` of each device_alarm `started` event → when it was received (absolute ms). */
  const receivedAt = new Map<string, number>();
  /** The emergencies not yet matched, once the terminals have said which they sent. */
  const awaited = new Set<string>();
  await bus.ensureStream(EVENTS_STREAM);
  await bus.subscribe(
    {
      stream: EVENTS_STREAM.name,
      durable: `bench-e2e-${Date.now()}`,
      filter: `${RULE_EVENTS_PREFIX}.device_alarm`,
    },
    (msg) => {
      const now = absNow();
      const e = JSON.parse(new TextDecoder().decode(msg.data)) as {
        vehicleId: string;
        phase: string;
        at: number;
      };
      msg.ack();
      if (e.phase !== 'started') return;
      const key = `${e.vehicleId}/${e.at}`;
      receivedAt.set(key, now);
      awaited.delete(key);
    },
  );

  const terminals = startTerminals({
    port: gatewayPort,
    terminals: filed,
    rate: RATE,
    seconds: SECONDS,
    every: EVERY,
  });
  await terminals.next('ready');
  const cpu0 = process.cpuUsage();
  const machine0 = machineCpu();
  terminals.go();
  const sentMsg = await terminals.next('sent');
  const cpu = process.cpuUsage(cpu0);
  const machine1 = machineCpu();
  if (sentMsg.type !== 'sent') throw new Error('unexpected message');
  const done = await terminals.next('done');
  if (done.type !== 'done') throw new Error('unexpected message');
  // Let the last events through, then count. The CPU up to the last event includes the
  // consumers' backlog, which the CPU up to the end of sending leaves out.
  for (const [k] of done.emergencies) if (!receivedAt.has(k)) awaited.add(k);
  const deadline = Date.now() + 30_000;
  while (awaited.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const cpuDrained = process.cpuUsage(cpu0);
  let lastEventAt = 0;
  for (const at of receivedAt.values()) lastEventAt = Math.max(lastEventAt, at);
  // Fixes the rules counted but did not drive: older than one already processed (late), or seen twice.
  let late = 0;
  for (const m of worker?.engine.metrics() ?? []) late += m.lateRecords;
  const duplicates = worker?.engine.duplicates ?? 0;
  await app.close();

  const wall = (sentMsg.endAt - sentMsg.startAt) / 1000;
  const latencies: number[] = [];
  /** The worst delay of the events whose fix was written in each second of the run. */
  const worstBySecond: number[] = [];
  let inWindow = 0;
  for (const [key, at] of done.emergencies) {
    const got = receivedAt.get(key);
    if (got === undefined) continue;
    latencies.push(got - at);
    const second = Math.max(0, Math.floor((at - sentMsg.startAt) / 1000));
    worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, got - at);
    if (got <= sentMsg.endAt) inWindow++;
  }
  const lat = Float64Array.from(latencies).sort();
  const ack = Float64Array.from(done.ackLatencies);
  const pct = (ms: number): string => `${((ms / 1000 / wall) * 100).toFixed(0)}%`;
  out(
    `${label}: offered ${Math.round(sentMsg.sent / wall)} positions/s, acknowledged ${Math.round(sentMsg.acked / wall)}/s ` +
      `(${done.acked} of ${done.sent} in the end); device_alarm started events matched ${latencies.length} of ` +
      `${done.emergencies.length} (${inWindow} during the run)`,
  );
  out(
    `  fix written → rule event received: p50 ${percentile(lat, 0.5).toFixed(1)} ms  p99 ${percentile(lat, 0.99).toFixed(1)} ms  ` +
      `max ${(lat[lat.length - 1] ?? NaN).toFixed(1)} ms`,
  );
  // A tail made by one stall shows as a run of bad seconds; a full machine, as bad seconds everywhere.
  out(
    `  worst delay by second of the run (ms): ${Array.from(worstBySecond, (w) => (w === undefined ? '-' : Math.round(w))).join(' ')}`,
  );
  out(
    `  of which fix written → 0x8001 (durable): p50 ${percentile(ack, 0.5).toFixed(1)} ms  p99 ${percentile(ack, 0.99).toFixed(1)} ms`,
  );
  out(
    `  CPU during the run: server ${pct((cpu.user + cpu.system) / 1000)} of one core` +
      (has('inline')
        ? ' (terminals included: --inline)'
        : `, terminals ${pct(sentMsg.cpuMs)} (own process)`) +
      `;  RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  // The load generator, the server and PostgreSQL share this machine's cores: when they add up
  // to all of them, the latency figures above measure the machine's queue as much as the server.
  out(`  ${describeMachineCpu(machine0, machine1, wall)}`);
  const perPosition = (c: NodeJS.CpuUsage, acked: number): string =>
    ((c.user + c.system) / Math.max(1, acked)).toFixed(1);
  out(
    `  server CPU per acknowledged position: ${perPosition(cpu, sentMsg.acked)} µs to the end of sending, ` +
      `${perPosition(cpuDrained, done.acked)} µs to the last event (${((lastEventAt - sentMsg.endAt) / 1000).toFixed(1)} s after it` +
      `${awaited.size > 0 ? `; ${awaited.size} events never came` : ''})`,
  );
  out(`  rules: ${late} fixes came after a later one (late: counted, not driven), ${duplicates} duplicates`);
}

async function main(): Promise<void> {
  out(
    `bench:e2e — ${TERMINALS} terminals, ${RATE} positions/s offered for ${SECONDS} s, emergency bit on every ${EVERY}th fix (${Math.round(RATE / EVERY)} alarms/s)`,
  );
  if (has('pglite')) {
    const db = await openPglite({ dataDir: 'memory://' });
    await run('PGlite, in-process bus', db, await serverInProcessBus(db, logger));
    await db.close();
  } else {
    await onScratchSchema(pgUrl, 'bench_e2e', env.DATABASE_POOL_SIZE, async (db) => {
      const jet = has('jetstream');
      if (jet && !env.NATS_URL) throw new Error('--jetstream needs NATS_URL');
      // Pull requests that ended early, by consumer: their deliveries wait for the ackWait.
      const ended = new Map<string, number>();
      const bus = jet
        ? await ephemeralJetStreamBus(env.NATS_URL!, undefined, (e) =>
            ended.set(e.durable, (ended.get(e.durable) ?? 0) + 1),
          )
        : await serverInProcessBus(db, logger);
      await run(jet ? 'PostgreSQL, JetStream' : 'PostgreSQL, in-process bus', db, bus);
      await bus.close();
      if (jet)
        out(
          `  JetStream pull requests ended early (their deliveries wait for the ackWait): ${
            [...ended].map(([d, n]) => `${d} ${n}`).join(', ') || 'none'
          }`,
        );
    });
  }
}

runMain(main);
