/**
 * `npm run bench:replay`: how long the rule worker's start-up replay takes after a crash on the
 * in-process bus (modules/rules/replay.ts): it reads the positions received since the last
 * completed snapshot round (less RULES_REPLAY_MARGIN_S) from the position store and drives them
 * through the engine (all twelve detectors, the archive context of an empty archive) before the
 * worker takes its first delivery. Positions: `--vehicles` vehicles reporting every 10 s over the
 * replayed window (`--seconds`, default 150: a 30 s snapshot interval and the 120 s margin), all
 * received in it, none held by a restored state (the worst case: a crash before the first round).
 * Prints the read-and-drive rate and the whole replay's time, for PostgreSQL (DATABASE_URL or
 * weiyun_dev; a scratch schema) and, with --pglite, for PGlite in memory.
 * Flags: --vehicles N (default 6000, Panjin's fleet) --seconds S (default 150) --pglite
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { checkPosition, type CheckedPosition } from '../modules/positions/position.js';
import { PositionStore } from '../modules/positions/store.js';
import { ArchiveRuleContext } from '../modules/rules/context.js';
import { replayFromStore } from '../modules/rules/replay.js';
import type { Db } from '../platform/db/db.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { RuleEngine } from '../rules/engine.js';
import { has, num, onScratchSchema, runMain } from './support.js';

const VEHICLES = num('vehicles', 6000);
const SECONDS = num('seconds', 150);
const EVERY_S = 10;

/** Every vehicle's fixes over the window, received a second after their device time, in receive order. */
function positions(end: number): CheckedPosition[] {
  const out: CheckedPosition[] = [];
  const start = end - SECONDS * 1000;
  for (let t = 0; t < SECONDS; t += EVERY_S) {
    for (let v = 0; v < VEHICLES; v++) {
      const device = start + t * 1000 + (v % EVERY_S) * 1000;
      out.push(
        checkPosition(
          {
            vehicleId: `00000000-0000-4000-8000-${String(v).padStart(12, '0')}`,
            terminalId: `0138${String(v).padStart(8, '0')}`,
            deviceTime: new Date(device),
            receivedAt: new Date(device + 1000),
            lat: 40.9 + (v % 100) * 0.005 + t * 2e-5,
            lon: 121.8 + Math.floor(v / 100) * 0.01 + t * 2e-5,
            speed: 30 + (v % 50),
            heading: 90,
            altitude: 5,
            alarmBits: 0,
            statusBits: 0b11,
            mileage: 10_000 + t * 0.1,
            signal: 25,
            satellites: 12,
            safetyEvents: [],
            source: 'jt808',
            serial: t,
          },
          new Date(end + 60_000),
          60_000,
        ),
      );
    }
  }
  return out;
}

async function run(label: string, db: Db): Promise<void> {
  await migrate(db, await loadMigrations());
  const end = Date.now() - 5_000;
  const list = positions(end);
  const store = new PositionStore(db, { retentionDays: 190 });
  for (let i = 0; i < list.length; i += 1000) await store.write(list.slice(i, i + 1000));
  const context = new ArchiveRuleContext(db);
  await context.refresh();
  const engine = new RuleEngine(context, { reorderWindowMs: 60_000, contiguousMs: 35_000 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let events = 0;
  const r = await replayFromStore(
    db,
    engine,
    { receivedAfter: end - SECONDS * 1000 - 1000, deviceAfter: end - 2 * 86_400_000 },
    (e) => (events += e.length),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${label}: ${r.read.toLocaleString('en-US')} positions read, ${r.driven.toLocaleString('en-US')} driven, ${events} events ` +
      `in ${(ms / 1000).toFixed(2)} s (${Math.round(r.driven / (ms / 1000)).toLocaleString('en-US')} positions/s; ` +
      `this process's CPU ${((cpu.user + cpu.system) / 1000 / ms).toFixed(2)} of a core)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `bench:replay — ${VEHICLES} vehicles every ${EVERY_S} s over ${SECONDS} s: ${((VEHICLES * SECONDS) / EVERY_S).toLocaleString('en-US')} positions to read again`,
  );
  const url = loadConfig().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weiyun_dev';
  await onScratchSchema(url, 'bench_replay', 4, (db) => run('PostgreSQL', db));
  if (has('pglite')) {
    const db = await openPglite({ dataDir: 'memory://' });
    await run('PGlite', db);
    await db.close();
  }
}

runMain(main);
