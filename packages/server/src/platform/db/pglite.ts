import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { copySql, toCsv, type Db, type Queryable, type QueryResult } from './db.js';

export interface PgliteOptions {
  /** A folder, or "memory://" for an in-memory database (tests). */
  dataDir: string;
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

/**
 * A turn of the event loop. PGlite runs a statement synchronously in this thread and settles its
 * promise as a microtask, so a chain of awaited statements never lets timers, sockets or other
 * requests in: a job of thousands of statements held the whole process for a minute. Every
 * statement outside a transaction, and every transaction, starts after one turn, as a network
 * round trip to PostgreSQL would. Inside a transaction, statements follow each other at once (it
 * holds the only connection either way).
 */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function queryable(pg: PgliteLike, yields: boolean): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      if (yields) await turn();
      const res = await pg.query<R>(sql, params as unknown[]);
      // PGlite reports affectedRows only for writes; a read counts its rows (as pg does).
      return { rows: res.rows, rowCount: res.fields.length > 0 ? res.rows.length : (res.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      if (yields) await turn();
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
    if (yields) await turn();
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
  const base = queryable(pg, true);
  return {
    kind: 'pglite',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      await turn();
      return pg.transaction((tx) => fn(queryable(tx, false)));
    },
    async ping() {
      await pg.query('SELECT 1');
    },
    async close() {
      if (ownsInstance && !pg.closed) await pg.close();
    },
  };
}
