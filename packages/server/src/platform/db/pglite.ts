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

/** Runs jobs one at a time, each after a turn of the event loop (see `inTurn`). */
type Gate = <T>(job: () => Promise<T>) => Promise<T>;

/**
 * A turn before each statement is not enough when many are issued at once (a burst of waybill
 * checks, say): they all pass their turn together, queue on PGlite's own lock, and then run back
 * to back in microtasks — fifty 25 ms statements held the event loop for over a second, and the
 * console and the gateway with it (`bench:startup-stall`: /healthz silent for 1.2–3.5 s). So the
 * statements queue here instead, each starting a turn after the one before it has finished.
 */
function inTurn(): Gate {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(turn).then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Inside a transaction: statements follow each other at once (it holds the only connection). */
const direct: Gate = (job) => job();

function queryable(pg: PgliteLike, gate: Gate): Queryable {
  return {
    query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      return gate(async () => {
        const res = await pg.query<R>(sql, params as unknown[]);
        // PGlite reports affectedRows only for writes; a read counts its rows (as pg does).
        return {
          rows: res.rows,
          rowCount: res.fields.length > 0 ? res.rows.length : (res.affectedRows ?? 0),
        };
      });
    },
    exec(sql: string): Promise<void> {
      return gate(async () => {
        await pg.exec(sql);
      });
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
    return gate(async () => {
      const blob = new Blob([csv], { type: 'text/csv' });
      const res = await pg.query(copySql(table, columns, "'/dev/blob'"), [], { blob });
      return res.affectedRows ?? 0;
    });
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
  const gate = inTurn();
  const base = queryable(pg, gate);
  return {
    kind: 'pglite',
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return gate(() => pg.transaction((tx) => fn(queryable(tx, direct))));
    },
    async ping() {
      await gate(() => pg.query('SELECT 1'));
    },
    async close() {
      if (ownsInstance && !pg.closed) await pg.close();
    },
  };
}
