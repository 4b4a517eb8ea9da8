/**
 * `npm run bench:store`: the position store's throughput and the track query's latency.
 *   (a) raw COPY of position rows into `positions` (PostgreSQL and PGlite): the ceiling;
 *   (b) sustained ingest through the bus and the store consumer (JetStream when NATS_URL is set,
 *       else the in-process bus, for PostgreSQL; the in-process bus for PGlite), and its ratio to (a);
 *   (c) 24-hour track query p50/p95 on PostgreSQL with --track-rows rows in the table.
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/weiyun_dev). (a) and (b)
 * work in a fresh schema dropped afterwards; (c) keeps its table in schema bench_track and reuses
 * it when it already holds the asked row count (generating 50 M rows takes minutes).
 *
 *   (d) `PositionStore.write` one batch after another at 100, 300 and 1,000 fixes a batch (the
 *       sizes a gateway's group commit makes at 5,000–30,000 positions/s): Node's CPU and the local
 *       PostgreSQL's CPU per stored fix, read from /proc, so the per-batch costs (round trips,
 *       statement, commit) show beside the per-row ones.
 * Flags: --rows N (a, b; default 400000) --pglite-rows N (default 200000) --track-rows N
 * (default 5000000; the figure is 50000000) --track-queries N (default 300)
 * --batch-rows N (d; default 100000 per size) --skip-pglite --skip-track --skip-ingest --skip-batches
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { parseConfig, loadConfig } from '../config.js';
import type { Bus } from '../platform/bus/bus.js';
import { createInProcessBus } from '../platform/bus/inprocess.js';
import { ephemeralJetStreamBus } from '../platform/bus/testing.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { dropSchema, openPostgres } from '../platform/db/postgres.js';
import { StoreConsumer } from '../modules/positions/consumer.js';
import { createIngest } from '../modules/positions/ingest.js';
import { checkPosition, type CheckedPosition, type Position } from '../modules/positions/position.js';
import { POSITION_COLUMNS, positionRow, PositionStore } from '../modules/positions/store.js';
import { streamSpec, type PositionTopic } from '../modules/positions/subjects.js';
import { buildTrack } from '../modules/positions/track.js';
import { machineCpu } from './support.js';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
function num(name: string, def: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : def;
}

const pgUrl = loadConfig().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
const natsUrl = loadConfig().NATS_URL;
const logger = pino({ level: 'silent' });
const config = parseConfig({});
const COPY_CHUNK = config.POSITION_BATCH_SIZE;
const VEHICLES = 2000;

/** n fixes of VEHICLES vehicles, one every 30 s each, ending now (so all within retention). */
function fixes(n: number, seed: number): CheckedPosition[] {
  const now = new Date();
  const perVehicle = Math.ceil(n / VEHICLES);
  const start = now.getTime() - perVehicle * 30_000;
  const out: CheckedPosition[] = [];
  for (let i = 0; i < n; i++) {
    const v = i % VEHICLES;
    const k = Math.floor(i / VEHICLES);
    const p: Position = {
      vehicleId: `bench-${v}`,
      terminalId: `0138${String(v).padStart(8, '0')}`,
      deviceTime: new Date(start + k * 30_000 + seed),
      receivedAt: new Date(start + k * 30_000 + seed + 800),
      lat: 40.9 + (v % 100) * 0.005 + k * 1e-5,
      lon: 121.8 + Math.floor(v / 100) * 0.02 + k * 1e-5,
      speed: 40 + (k % 40),
      heading: (k * 7) % 360,
      altitude: 5,
      alarmBits: k % 97 === 0 ? 2 : 0,
      statusBits: 0b11 | (1 << 19),
      mileage: 10_000 + k * 0.25,
      signal: 25,
      satellites: 12,
      safetyEvents: [],
      source: 'jt808',
      serial: k % 65_536,
    };
    out.push(checkPosition(p, now, 120_000));
  }
  return out;
}

async function freshSchema(db: Db): Promise<void> {
  await migrate(db, await loadMigrations());
}

interface Rate {
  /** Positions a wall-clock second. */
  wall: number;
  /** Positions a second of this process's CPU (user + system): less disturbed by other load. */
  cpu: number;
}

/** Wall-clock and this process's CPU time: the shared machine's load skews the first. */
function measure(): { done(n: number): Rate } {
  const t = performance.now();
  const c = process.cpuUsage();
  return {
    done(n) {
      const used = process.cpuUsage(c);
      return { wall: n / ((performance.now() - t) / 1000), cpu: n / ((used.user + used.system) / 1e6) };
    },
  };
}

async function rawCopy(db: Db, rows: readonly CheckedPosition[]): Promise<Rate> {
  const store = new PositionStore(db, { retentionDays: 190 });
  await store.ensurePartitions(new Set(rows.map((p) => Math.floor(p.deviceTime.getTime() / 86_400_000))));
  const m = measure();
  for (let i = 0; i < rows.length; i += COPY_CHUNK) {
    await db.copyInto('positions', POSITION_COLUMNS, rows.slice(i, i + COPY_CHUNK).map(positionRow));
  }
  return m.done(rows.length);
}

/**
 * Producers call ingest with 10 fixes at a time (a terminal's message or a small 0x0704 batch),
 * 200 calls in flight; the rate counts until the store consumer has committed the last fix.
 */
async function ingestThroughBus(db: Db, bus: Bus, rows: readonly CheckedPosition[]): Promise<Rate> {
  const id = randomBytes(4).toString('hex');
  const topic: PositionTopic = {
    stream: `bench_${id}`,
    prefix: `bench${id}`,
    partitions: config.BUS_PARTITIONS,
  };
  await bus.ensureStream(streamSpec(topic));
  const store = new PositionStore(db, { retentionDays: 190 });
  await store.maintain();
  const ingest = createIngest({
    bus,
    store,
    topic,
    durability: 'bus',
    batchSize: config.POSITION_BATCH_SIZE,
    lingerMs: config.POSITION_LINGER_MS,
    futureSkewMs: 120_000,
    maxInFlight: 4,
  });
  const consumer = new StoreConsumer({
    bus,
    store,
    topic,
    logger,
    batchSize: config.POSITION_BATCH_SIZE,
    lingerMs: 20,
    maxInFlight: db.kind === 'pglite' ? 1 : 2,
  });
  await consumer.start();
  const m = measure();
  let next = 0;
  const producer = async (): Promise<void> => {
    while (next < rows.length) {
      const i = next;
      next += 10;
      await ingest.ingest(rows.slice(i, i + 10));
    }
  };
  await Promise.all(Array.from({ length: 200 }, producer));
  while (consumer.stats.inserted + consumer.stats.duplicates < rows.length) {
    if (consumer.stats.failures > 0) throw new Error('store consumer failed');
    await new Promise((r) => setTimeout(r, 5));
  }
  const rate = m.done(rows.length);
  await consumer.stop();
  return rate;
}

async function throughput(
  name: string,
  open: () => Promise<{ db: Db; done(): Promise<void> }>,
  n: number,
  bus: () => Promise<Bus>,
): Promise<void> {
  const rows = fixes(n, 0);
  let { db, done } = await open();
  await freshSchema(db);
  const copy = await rawCopy(db, rows);
  await done();
  console.log(
    `${name}: (a) raw COPY              ${fmt(copy.wall)} positions/s, ${fmt(copy.cpu)} per Node CPU-second  (${n} rows)`,
  );
  if (flag('skip-ingest')) return;
  ({ db, done } = await open());
  await freshSchema(db);
  const b = await bus();
  const rate = await ingestThroughBus(db, b, rows);
  await b.close();
  await done();
  console.log(
    `${name}: (b) ingest via ${b.kind.padEnd(10)} ${fmt(rate.wall)} positions/s, ${fmt(rate.cpu)} per Node CPU-second; ratio to raw COPY ${(rate.wall / copy.wall).toFixed(2)}`,
  );
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(9);

async function trackLatency(targetRows: number, queries: number): Promise<void> {
  const schema = 'bench_track';
  const db = await openPostgres({ connectionString: pgUrl, poolSize: 2, schema });
  try {
    await freshSchema(db);
    const days = 10;
    const have = (await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM positions')).rows[0]!.n;
    const perVehicleDay = Math.round(targetRows / VEHICLES / days);
    const end = Date.UTC(2026, 10, 21); // the data covers the ten days before this
    if (Math.abs(have - targetRows) > targetRows * 0.01) {
      console.log(
        `(c) generating ${targetRows.toLocaleString('en-US')} rows (${VEHICLES} vehicles, ${days} days, a fix every ${Math.round(86_400 / perVehicleDay)} s)…`,
      );
      await db.exec('TRUNCATE positions');
      const store = new PositionStore(db, { retentionDays: 3650 });
      const firstDay = end / 86_400_000 - days;
      await store.ensurePartitions(Array.from({ length: days }, (_, d) => firstDay + d));
      const t = performance.now();
      const step = 86_400 / perVehicleDay;
      // Server-side, in time order across all vehicles as terminals would deliver them; a slice
      // of the day per statement so each stays short.
      for (let d = 0; d < days; d++) {
        for (let h = 0; h < 24; h += 2) {
          const from = Math.ceil((h * 3600) / step);
          const to = Math.ceil(((h + 2) * 3600) / step) - 1;
          await db.query(
            `INSERT INTO positions (vehicle_id, device_time, serial, terminal_id, received_at, lat, lon, speed, heading,
               altitude, alarm_bits, status_bits, mileage, signal, satellites, source, valid)
             SELECT 'bench-' || v, t, (k % 65536)::int, 'T' || v, t + interval '1 second',
                    40.9 + (v % 100) * 0.005 + k * 1e-6, 121.8 + (v / 100) * 0.02 + k * 1e-6, 40 + k % 40,
                    (k * 7) % 360, 5, 0, 3, k * 0.25, 25, 12, 'jt808', true
             FROM generate_series($1::int, $2::int) AS k, generate_series(0, $3::int - 1) AS v,
                  LATERAL (SELECT to_timestamp($4::double precision + k * $5::double precision) AS t) tt`,
            [from, to, VEHICLES, end / 1000 - (days - d) * 86_400, step],
          );
        }
        const sofar = (d + 1) * perVehicleDay * VEHICLES;
        console.log(
          `    day ${d + 1}/${days}: ~${sofar.toLocaleString('en-US')} rows, ${fmt(sofar / ((performance.now() - t) / 1000))} rows/s`,
        );
      }
      // What autovacuum does to a closed day (see the partition options in store.ts): sets the
      // visibility map, so track reads are index-only.
      await db.exec('VACUUM (ANALYZE) positions');
    }
    const rows = (await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM positions')).rows[0]!.n;
    const store = new PositionStore(db, { retentionDays: 3650 });
    const lat: number[] = [];
    let points = 0;
    for (let q = 0; q < queries; q++) {
      const v = Math.floor(Math.random() * VEHICLES);
      const from = new Date(end - days * 86_400_000 + Math.random() * (days - 1) * 86_400_000);
      const to = new Date(from.getTime() + 86_400_000);
      const t = performance.now();
      const r = await store.track(`bench-${v}`, from, to, 100_001);
      buildTrack(r, { from, to, gapMs: 300_000, now: new Date() });
      lat.push(performance.now() - t);
      points += r.length;
    }
    lat.sort((a, b) => a - b);
    const pct = (p: number): string => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(1);
    console.log(
      `PostgreSQL: (c) 24 h track, ${rows.toLocaleString('en-US')} rows in table, ${queries} queries of ~${Math.round(points / queries)} points: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${lat[lat.length - 1]!.toFixed(1)} ms`,
    );
  } finally {
    await db.close();
  }
}

/** (d): the cost of one `write` per batch size, Node's and PostgreSQL's, per stored fix. */
async function batchCosts(rowsPerSize: number): Promise<void> {
  for (const size of [100, 300, 1000]) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const db = await openPostgres({ connectionString: pgUrl, poolSize: 2, schema });
    try {
      await freshSchema(db);
      const store = new PositionStore(db, { retentionDays: 190 });
      await store.maintain();
      const rows = fixes(rowsPerSize, size);
      await store.write(rows.slice(0, size)); // the statement planned once, as in a running server
      const pg0 = machineCpu();
      const m = measure();
      for (let i = size; i < rows.length; i += size) await store.write(rows.slice(i, i + size));
      const rate = m.done(rows.length - size);
      const pg1 = machineCpu();
      const pgUs = pg0 && pg1 ? (((pg1.postgres - pg0.postgres) / 100) * 1e6) / (rows.length - size) : NaN;
      console.log(
        `PostgreSQL: (d) write, ${String(size).padStart(4)} a batch  ${fmt(rate.wall)} positions/s; ` +
          `Node ${(1e6 / rate.cpu).toFixed(1)} µs and PostgreSQL ${pgUs.toFixed(1)} µs of CPU per fix`,
      );
    } finally {
      await db.close();
      await dropSchema(pgUrl, schema);
    }
  }
}

async function main(): Promise<void> {
  const n = num('rows', 400_000);
  console.log(`bench:store — ${new Date().toISOString()}, Node ${process.version}`);
  await throughput(
    'PostgreSQL',
    async () => {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const db = await openPostgres({ connectionString: pgUrl, poolSize: 6, schema });
      return {
        db,
        async done() {
          await db.close();
          await dropSchema(pgUrl, schema);
        },
      };
    },
    n,
    async () => (natsUrl ? ephemeralJetStreamBus(natsUrl) : createInProcessBus()),
  );
  if (!flag('skip-pglite')) {
    await throughput(
      'PGlite    ',
      async () => {
        const db = await openPglite({ dataDir: 'memory://' });
        return { db, done: () => db.close() };
      },
      num('pglite-rows', 200_000),
      async () => createInProcessBus(),
    );
  }
  if (!flag('skip-batches')) await batchCosts(num('batch-rows', 100_000));
  if (!flag('skip-track')) await trackLatency(num('track-rows', 5_000_000), num('track-queries', 300));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
