/**
 * `npm run sim [-- --vehicles N --host H --port P --interval S --behaviours LIST --time-scale K --behind-h H]`:
 * a simulated fleet of archive vehicles (filed terminals from the database of the config) against
 * a running gateway. `--behaviours` (default SIM_BEHAVIOURS, e.g. `overspeed,fatigue,offline:2`)
 * injects rule-breaking behaviours into the first vehicles; `--time-scale K --behind-h H` runs the
 * device clock K times faster from H hours back until it reaches the present (so that hours of
 * driving for the fatigue rule take minutes).
 * Needs DATABASE_URL: an embedded PGlite directory belongs to the one server process that opened
 * it (with PGlite, `npm start` in demo mode runs its own fleet; see SIM_VEHICLES).
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/open.js';
import { acceleratedClock } from './behaviours.js';
import { startFleet } from './run.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.DATABASE_URL === undefined) {
    process.stderr.write(
      'npm run sim reads the archive from PostgreSQL (DATABASE_URL); with PGlite, `npm start` runs its own fleet (SIM_VEHICLES).\n',
    );
    process.exit(2);
  }
  const db = await openDatabase(config);
  const vehicles = Number(arg('vehicles') ?? config.SIM_VEHICLES);
  const host = arg('host') ?? '127.0.0.1';
  const port = Number(arg('port') ?? config.GATEWAY_PORT);
  const interval = Number(arg('interval') ?? config.SIM_REPORT_INTERVAL_S);
  const scale = Number(arg('time-scale') ?? 1);
  const behindH = Number(arg('behind-h') ?? 0);
  const fleet = await startFleet(db, vehicles, {
    host,
    port,
    reportEveryS: interval,
    behaviourList: arg('behaviours') ?? config.SIM_BEHAVIOURS,
    ...(scale > 1 && behindH > 0 ? { now: acceleratedClock(scale, behindH * 3_600_000) } : {}),
    onError: (err, plate) =>
      process.stderr.write(`${plate}: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  process.stdout.write(
    `simulating ${fleet.size} vehicles against ${host}:${port}, a fix every ${interval} s\n`,
  );
  for (const v of fleet.injected) process.stdout.write(`  ${v.plate}: ${v.behaviour}\n`);
  const status = setInterval(() => {
    const s = fleet.stats();
    process.stdout.write(
      `online ${s.online}/${fleet.size}  acknowledged ${s.acknowledged}  waiting ${s.unacknowledged}\n`,
    );
  }, 10_000);
  const stop = (): void => {
    clearInterval(status);
    void fleet.stop().then(() => db.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `simulator failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
