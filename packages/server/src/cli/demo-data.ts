/** `npm run demo:data`: loads the Panjin demo dataset into the configured database if its archive is empty. */
import { loadConfig } from '../config.js';
import { bootstrapArchives } from '../modules/archives/bootstrap.js';
import { loadMigrations, migrate } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open.js';

const config = loadConfig({ WEIYUN_MODE: 'demo' });
const db = await openDatabase(config);
try {
  await migrate(db, await loadMigrations());
  const res = await bootstrapArchives(db, config);
  console.log(
    res.loaded
      ? `loaded ${res.rows} rows of Panjin demo archives in ${res.ms} ms`
      : 'the archive is not empty; nothing loaded',
  );
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
