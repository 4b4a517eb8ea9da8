// SIGKILL the whole server (every module, in-process bus as `npm start` runs it) while terminals
// send fixes, each terminal's emergency bit opening a device-alarm episode every hundredth fix;
// restart it: every such fix, acknowledged before the kill or resent after it, ends up as exactly
// one alarm. The server holds every fix for the 60 s reorder window (crash-app.ts), so at the kill
// the rules hold each vehicle's last minute in memory only, with emergencies in it; before the
// rules' replay from the store (and the events' journal) those were gone: CRASH_NO_RECOVERY=1
// runs the server without both, and this test then fails.
// PostgreSQL only (DATABASE_URL): the process must reopen the same database after the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileTerminal, freePort, makeEnterprise, simTerminalFor } from '../../gateway/testing.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { dropSchema, openPostgres } from '../../platform/db/postgres.js';
import { SimTerminal, type SimFix } from '../../sim/terminal.js';
import { until } from '../../platform/bus/contract.js';

const url = process.env.DATABASE_URL;
const appTs = fileURLToPath(new URL('../../testing/crash-app.ts', import.meta.url));
const TERMINALS = 12;
/** Device time between fixes; a terminal's emergencies are 100 fixes (100 s) apart, beyond the 60 s merge window. */
const STEP_MS = 1000;
/** Terminal i's emergencies fall on fixes n ≡ 8i (mod 100): any 60 consecutive fixes hold some. */
const isEmergency = (n: number, i: number) => n % 100 === (8 * i) % 100;

function startApp(schema: string, port: number, httpPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', appTs], {
    env: {
      ...process.env,
      CRASH_SCHEMA: schema,
      CRASH_PORT: String(port),
      CRASH_HTTP_PORT: String(httpPort),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** Connects every terminal, trying again while the gateway is not open yet. */
async function connectAll(sims: readonly SimTerminal[]): Promise<void> {
  for (const s of sims) {
    for (let k = 0; k < 25 && !s.online; k++) {
      await s.connect().catch(() => undefined);
      if (!s.online) await new Promise((r) => setTimeout(r, 200));
    }
    if (!s.online) throw new Error('a terminal could not connect');
  }
}

describe.skipIf(!url)('server crash on the in-process bus (PostgreSQL)', () => {
  const schema = `rcrash_${Date.now()}`;
  let db: Db | undefined;
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await db?.close();
    if (url) await dropSchema(url, schema);
  });

  it('turns every emergency fix into exactly one alarm across a SIGKILL and restart', async () => {
    db = await openPostgres({ connectionString: url!, poolSize: 2, schema });
    await migrate(db, await loadMigrations());
    const e = await makeEnterprise(db);
    const filed = [];
    for (let i = 0; i < TERMINALS; i++) filed.push(await fileTerminal(db, e, 700 + i, { edition: 2019 }));
    const port = await freePort();
    const httpPort = await freePort();
    server = await startApp(schema, port, httpPort);
    const sims = filed.map((t, i) => simTerminalFor(port, t, 2019, `R${i}`));
    await connectAll(sims);
    let n = 0;
    let emergencies = 0;
    const base = Date.now() - 10 * 3600_000;
    /** Terminal i's n-th fix, driving east at 40 km/h. */
    const fixAt = (n: number, i: number, emergency: boolean): SimFix => ({
      time: base + n * STEP_MS,
      lat: 41.1 + i * 0.01,
      lon: 122.0 + n * 0.0003,
      speedKmh: 40,
      heading: 90,
      altitude: 2,
      ...(emergency ? { alarm: 1 } : {}),
    });
    const pump = setInterval(() => {
      for (let k = 0; k < 3; k++) {
        n++;
        sims.forEach((s, i) => {
          const alarm = isEmergency(n, i);
          if (alarm) emergencies++;
          s.report(fixAt(n, i, alarm));
        });
      }
    }, 10);
    await new Promise((r) => setTimeout(r, 2500));
    await kill(server);
    const acked = sims.reduce((k, s) => k + s.acknowledged.length, 0);
    clearInterval(pump);

    server = await startApp(schema, port, httpPort);
    await connectAll(sims);
    await Promise.all(sims.map((s) => s.until(() => s.unacked.length === 0, 30_000)));
    // One more fix two minutes on (device time) releases what each vehicle's window still holds.
    n += 120;
    sims.forEach((s, i) => s.report(fixAt(n, i, false)));
    await Promise.all(sims.map((s) => s.until(() => s.unacked.length === 0, 30_000)));
    const alarms = async () =>
      (
        await db!.query<{ n: number; once: boolean }>(
          `SELECT count(*)::int AS n, count(*) = count(DISTINCT (vehicle_id, started_at)) AS once
             FROM alarms WHERE type = 'device_alarm'`,
        )
      ).rows[0]!;
    // Waits for them all; on a timeout the count below says how many came.
    await until(async () => (await alarms()).n >= emergencies, 30_000).catch(() => undefined);
    for (const s of sims) s.dropConnection();
    await kill(server);

    expect(acked).toBeGreaterThan(1000);
    expect(emergencies).toBeGreaterThan(50);
    // Each emergency fix's episode is one alarm, and there is no other.
    expect(await alarms()).toEqual({ n: emergencies, once: true });
  }, 120_000);
});
