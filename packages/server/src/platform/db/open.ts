import type { Config } from '../../config.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** Chooses the adapter from config: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export function openDatabase(config: Config): Promise<Db> {
  if (config.DATABASE_URL) {
    return openPostgres({ connectionString: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  }
  return openPglite({ dataDir: config.PGLITE_DATA_DIR });
}
