import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { copySql, toCsv, type Db, type Queryable, type QueryResult } from './db.js';

export interface PgliteOptions {
  /** A folder, or "memory://" for an in-memory database (tests). */
  dataDir: string;
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function queryable(pg: PgliteLike): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await pg.query<R>(sql, params as unknown[]);
      // PGlite reports affectedRows only for writes; a read counts its rows (as pg does).
      return { rows: res.rows, rowCount: res.fields.length > 0 ? res.rows.length : (res.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    copyInto: async (table, columns, rows) => (rows.length === 0 ? 0 : copyCsv(table, columns, toCsv(rows))),
    copyCsv,
  };
  async function copyCsv(
    table: string,
    columns: readonly string[],
    csv: string | Uint8Array,
  ): Promise<number> {
    if (csv.length === 0) return 0;
    const blob = new Blob([csv], { type: 'text/csv' });
    const res = await pg.query(copySql(table, columns, "'/dev/blob'"), [], { blob });
    return res.affectedRows ?? 0;
  }
}

export async function openPglite(options: PgliteOptions): Promise<Db> {
  const memory = options.dataDir === 'memory://' || options.dataDir === '';
  if (!memory) await mkdir(options.dataDir, { recursive: true });
  const pg = await PGlite.create(memory ? undefined : options.dataDir);
  return pgliteDb(pg, true);
}

/** Wraps a PGlite instance; when it is not owned, close() leaves the instance open. */
export function pgliteDb(pg: PGlite, ownsInstance: boolean): Db {
  const base = queryable(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn(queryable(tx)));
    },
    async ping() {
      await pg.query('SELECT 1');
    },
    async close() {
      if (ownsInstance && !pg.closed) await pg.close();
    },
  };
}
