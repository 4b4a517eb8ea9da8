/**
 * Company-platform intake benchmark: `POST /api/ingest/positions` with full batches, one after
 * another, through the whole route (API-key check, schema, vehicle lookup, durable ingest) on an
 * in-memory PGlite and the in-process bus. No network: `app.inject`.
 * Run: npm run bench:http-intake -- [--batches 50] [--batch 1000] [--vehicles 200]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAccountsModule } from '../modules/accounts/routes.js';
import { makeApiKey, makeUser, migratedApp, testConfig } from '../modules/accounts/testing.js';
import { positionsModule } from '../modules/positions/index.js';
import { insertEnterprise, insertVehicle } from '../modules/positions/testing.js';
import { openPglite } from '../platform/db/pglite.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '50' },
    batch: { type: 'string', default: '1000' },
    vehicles: { type: 'string', default: '200' },
  },
});
const batches = Number(values.batches);
const batchSize = Number(values.batch);
const vehicles = Number(values.vehicles);

const ENT = '7e000000-0000-4000-8000-0000000000b1';
const db = await openPglite({ dataDir: 'memory://' });
const app = await migratedApp(
  db,
  [createAccountsModule(), positionsModule()],
  testConfig({ POSITION_HTTP_BATCH_MAX: String(batchSize) }),
);
await insertEnterprise(db, ENT, '211103', 1);
const plates: string[] = [];
for (let i = 0; i < vehicles; i++) {
  const plate = `辽L${String(10000 + i).padStart(5, '0')}`;
  await insertVehicle(db, ENT, plate);
  plates.push(plate);
}
const admin = await makeUser(db, 'enterprise_admin', { kind: 'enterprise', enterpriseId: ENT });
const key = await makeApiKey(db, { kind: 'enterprise', enterpriseId: ENT }, ['ingest:positions'], admin.id);

// Fixes every 10 s going back from now, spread over the fleet, all distinct (vehicle, time).
const start = Date.now() - 3_600_000;
const body = (b: number): string => {
  const positions = Array.from({ length: batchSize }, (_, i) => {
    const n = b * batchSize + i;
    return {
      plateNumber: plates[n % vehicles],
      deviceTime: new Date(start + Math.floor(n / vehicles) * 10_000).toISOString(),
      lat: 41.1197 + (n % 100) * 1e-4,
      lon: 122.0709 + (n % 97) * 1e-4,
      speed: 50 + (n % 30),
      heading: n % 360,
      altitude: 4,
      mileage: 1000 + n / 100,
      acc: true,
    };
  });
  return JSON.stringify({ positions });
};

const times: number[] = [];
for (let b = 0; b < batches; b++) {
  const payload = body(b);
  const t = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/ingest/positions',
    headers: { authorization: `ApiKey ${key}`, 'content-type': 'application/json' },
    payload,
  });
  times.push(performance.now() - t);
  const out = res.json<{ accepted: number }>();
  if (res.statusCode !== 200 || out.accepted !== batchSize) throw new Error(`batch ${b}: ${res.body}`);
}
const elapsed = times.reduce((a, b) => a + b, 0) / 1000;
const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM positions');
const sorted = [...times].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
console.log(
  `${batches} requests of ${batchSize} positions (${vehicles} vehicles, PGlite, in-process bus): ` +
    `per request p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; ` +
    `${Math.round((batches * batchSize) / elapsed)} positions/s one request at a time; stored ${rows[0]!.n}`,
);
await app.close();
