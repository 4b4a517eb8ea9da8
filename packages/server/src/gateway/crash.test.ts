// SIGKILL the gateway process while terminals send; restart it; every fix a terminal saw
// acknowledged is stored exactly once, and the unacknowledged ones arrive after reconnection.
// PostgreSQL only (DATABASE_URL): the process must reopen the same database after the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { dropSchema, openPostgres } from '../platform/db/postgres.js';
import { SimTerminal, type SimFix } from '../sim/terminal.js';
import { fileTerminal, freePort, makeEnterprise } from './testing.js';

const url = process.env.DATABASE_URL;
const serverTs = fileURLToPath(new URL('./crash-server.ts', import.meta.url));

function startServer(schema: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverTs], {
    env: { ...process.env, CRASH_SCHEMA: schema, CRASH_PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
  });
}

describe.skipIf(!url)('gateway crash (PostgreSQL)', () => {
  const schema = `crash_${Date.now()}`;
  afterAll(async () => {
    if (url) await dropSchema(url, schema);
  });

  it('loses no acknowledged fix and duplicates none across a SIGKILL and restart', async () => {
    const db = await openPostgres({ connectionString: url!, poolSize: 2, schema });
    await migrate(db, await loadMigrations());
    const e = await makeEnterprise(db);
    const filed = [];
    for (let i = 0; i < 5; i++)
      filed.push(await fileTerminal(db, e, 300 + i, { edition: i % 2 ? 2019 : 2013 }));
    const port = await freePort();
    let server = await startServer(schema, port);
    const sims = filed.map(
      (t, i) =>
        new SimTerminal({
          host: '127.0.0.1',
          port,
          phone: t.phone,
          edition: i % 2 ? 2019 : 2013,
          plate: t.plate,
          plateColor: 2,
          terminalCode: `K${i}`,
        }),
    );
    await Promise.all(sims.map((s) => s.connect()));
    const sent: SimFix[][] = sims.map(() => []);
    let n = 0;
    const base = Date.now() - 3600_000;
    const pump = setInterval(() => {
      n++;
      sims.forEach((s, i) => {
        const f: SimFix = {
          time: base + n * 1000,
          lat: 41 + i * 0.01,
          lon: 122 + n * 0.0001,
          speedKmh: 40,
          heading: 0,
          altitude: 2,
        };
        sent[i]!.push(f);
        s.report(f);
      });
    }, 10);
    await new Promise((r) => setTimeout(r, 1500));
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    const ackedAtKill = sims.map((s) => s.acknowledged.slice());
    await new Promise((r) => setTimeout(r, 300)); // terminals keep recording while the server is down
    const waitingWhileDown = sims.reduce((k, s) => k + s.unacked.length, 0);
    expect(waitingWhileDown).toBeGreaterThan(50);
    server = await startServer(schema, port);
    for (const s of sims) {
      for (let k = 0; k < 20 && !s.online; k++) {
        await s.connect().catch(() => undefined);
        if (!s.online) await new Promise((r) => setTimeout(r, 200));
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(pump);
    await Promise.all(sims.map((s) => s.until(() => s.unacked.length === 0, 20_000)));
    for (const s of sims) s.dropConnection();
    server.kill('SIGKILL');

    let total = 0;
    for (const [i, t] of filed.entries()) {
      const { rows } = await db.query<{ t: Date; n: number }>(
        `SELECT device_time AS t, count(*)::int AS n FROM positions WHERE vehicle_id = $1 GROUP BY device_time`,
        [t.vehicleId],
      );
      const stored = new Map(rows.map((r) => [new Date(r.t).getTime(), r.n]));
      // Every fix acknowledged before the kill is there, exactly once …
      for (const f of ackedAtKill[i]!) expect(stored.get(Math.floor(f.time / 1000) * 1000)).toBe(1);
      // … and so is every fix sent at all (the unacknowledged ones came after reconnection).
      for (const f of sent[i]!) expect(stored.get(Math.floor(f.time / 1000) * 1000)).toBe(1);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      total += sent[i]!.length;
    }
    expect(total).toBeGreaterThan(500);
    expect(ackedAtKill.flat().length).toBeGreaterThan(100);
    await db.close();
  }, 120_000);
});
