/**
 * Migration runner: ordered SQL files, a schema_migrations table with checksums. It refuses to
 * start when an applied migration's file has changed or disappeared, so the schema in a
 * database is always the one the code describes. All pending files run in one transaction under
 * an advisory lock: a failure leaves nothing half-applied, and two processes never race.
 *
 * Files: `src/platform/migrations/*.sql` and `src/modules/<m>/migrations/*.sql`, named
 * `NNNN_name.sql` with an id unique across the whole server (modules take their own range).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  id: number;
  name: string;
  /** Path relative to the server package, for messages. */
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** packages/server — the same from src/platform/db (tsx, vitest) and dist/platform/db (node). */
export const serverRoot = fileURLToPath(new URL('../../../', import.meta.url));

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Finds every migration folder under src/ and returns the migrations in id order. */
export async function loadMigrations(srcDir = join(serverRoot, 'src')): Promise<Migration[]> {
  const dirs = [join(srcDir, 'platform', 'migrations')];
  for (const mod of await listDir(join(srcDir, 'modules'))) {
    dirs.push(join(srcDir, 'modules', mod, 'migrations'));
  }
  const out: Migration[] = [];
  for (const dir of dirs) {
    for (const name of (await listDir(dir)).sort()) {
      if (!name.endsWith('.sql')) continue;
      const m = fileName.exec(name);
      const file = relative(serverRoot, join(dir, name));
      if (!m) throw new MigrationError(`migration file name must be NNNN_name.sql: ${file}`);
      const sql = await readFile(join(dir, name), 'utf8');
      out.push({ id: Number(m[1]), name: m[2]!, file, sql, checksum: checksum(sql) });
    }
  }
  out.sort((a, b) => a.id - b.id);
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.id === out[i - 1]!.id) {
      throw new MigrationError(
        `two migrations share id ${out[i]!.id}: ${out[i - 1]!.file} and ${out[i]!.file}`,
      );
    }
  }
  return out;
}

export interface MigrateResult {
  applied: Migration[];
  alreadyApplied: number;
}

// One lock id for the whole platform, so two processes never migrate at once.
const LOCK_ID = 808_2019;

export async function migrate(db: Db, migrations: readonly Migration[]): Promise<MigrateResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: number; name: string; checksum: string }>(
      'SELECT id, name, checksum FROM schema_migrations ORDER BY id',
    );
    const known = new Map(migrations.map((m) => [m.id, m]));
    const problems: string[] = [];
    for (const row of rows) {
      const m = known.get(row.id);
      if (!m) problems.push(`applied migration ${row.id} (${row.name}) has no file any more`);
      else if (m.checksum !== row.checksum) {
        problems.push(`applied migration ${m.file} was changed after it ran (checksum differs)`);
      }
    }
    if (problems.length > 0) {
      throw new MigrationError(
        `refusing to start: the database schema does not match the migrations:\n  ${problems.join('\n  ')}\n` +
          'Add a new migration instead of editing an applied one.',
      );
    }
    const done = new Set(rows.map((r) => r.id));
    const applied: Migration[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new MigrationError(`migration ${m.file} failed: ${(err as Error).message}`);
      }
      await tx.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [
        m.id,
        m.name,
        m.checksum,
      ]);
      applied.push(m);
    }
    return { applied, alreadyApplied: rows.length };
  });
}
