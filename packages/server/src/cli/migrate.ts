/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../config.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const res = await migrate(db, await loadMigrations());
  console.log(`${db.kind}: ${res.alreadyApplied} already applied, ${res.applied.length} applied now`);
  for (const m of res.applied) console.log(`  + ${m.file}`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
