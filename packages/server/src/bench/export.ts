/**
 * `npm run bench:export`: exporting the Panjin demo archive's largest lists (45,837 people,
 * 11,426 vehicles) as CSV and xlsx from PGlite in memory, the database `npm start` runs on.
 * Prints rows, size and time per export, and how long the event loop stood still during it (the
 * longest gap between the ticks of a 5 ms timer), which is what the console and the gateway feel.
 */
import type { Actor } from '../platform/auth.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openPglite } from '../platform/db/pglite.js';
import { bootstrapArchives } from '../modules/archives/bootstrap.js';
import { personSpec } from '../modules/archives/entities/person.js';
import { vehicleSpec } from '../modules/archives/entities/vehicle.js';
import { allRecords } from '../modules/archives/resource/repository.js';
import { exportRecords, MAX_EXPORT_ROWS } from '../modules/archives/transfer/export.js';

const db = await openPglite({ dataDir: 'memory://' });
await migrate(db, await loadMigrations());
const t0 = performance.now();
await bootstrapArchives(db, { WEIYUN_MODE: 'demo' });
console.log(
  `export bench: demo archive loaded into PGlite (memory) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const city: Actor = {
  id: 'bench',
  name: 'bench',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'bearer',
};
for (const [name, spec] of [
  ['people', personSpec],
  ['vehicles', vehicleSpec],
] as const) {
  // The read alone (one statement; on PGlite it runs in this thread).
  const q0 = performance.now();
  const read = await allRecords(db, spec, city, {}, MAX_EXPORT_ROWS);
  console.log(
    `${name}: the read alone, ${read.length} records in ${((performance.now() - q0) / 1000).toFixed(2)} s`,
  );
  for (const format of ['csv', 'xlsx'] as const) {
    let last = performance.now();
    let worst = 0;
    const tick = () => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    };
    const timer = setInterval(tick, 5);
    const t = performance.now();
    const r = await exportRecords(db, spec, city, {}, format, 'zh');
    const s = (performance.now() - t) / 1000;
    tick(); // the gap up to the end counts too
    clearInterval(timer);
    console.log(
      `${name} ${format}: ${r.rows} rows, ${(r.data.length / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s; event loop stood still up to ${worst.toFixed(0)} ms`,
    );
  }
}
await db.close();
