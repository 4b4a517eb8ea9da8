import { unlinkSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  if (memory) return pgliteDb(await PGlite.create(), true);
  await mkdir(options.dataDir, { recursive: true });
  const release = await lockDataDir(options.dataDir);
  try {
    return pgliteDb(await PGlite.create(options.dataDir), true, release);
  } catch (err) {
    release();
    throw err;
  }
}

/** Data directories this process has open (a stale lock file may carry this process's own pid). */
const openDirs = new Set<string>();

/** Whether a process with this pid runs (on this machine). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time may open a PGlite data directory: two would both write its files and
 * corrupt it. `<dataDir>.lock` holds the pid of the process that has it open; a lock whose
 * process is gone (a crash, a kill) is taken over. Returns the release (also run at exit).
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const dir = resolve(dataDir);
  const file = `${dir}.lock`;
  const inUse = (zh: string, en: string) =>
    new Error(
      `PGlite 数据目录 ${dir} 正被${zh}使用：同一数据目录只能由一个进程打开（多台服务器请使用 PostgreSQL，设置 DATABASE_URL）。若确无进程在用，删除 ${file} 后重试。` +
        ` / The PGlite data directory ${dir} is in use by ${en}: one process at a time may open it (several servers need PostgreSQL: set DATABASE_URL). If no process uses it, delete ${file} and try again.`,
    );
  if (openDirs.has(dir)) throw inUse('本进程', 'this process');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      openDirs.add(dir);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        openDirs.delete(dir);
        process.removeListener('exit', release);
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    // This process's own pid in a lock it does not hold: left by an earlier run (in a container
    // the server often gets the same pid each start).
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
      throw inUse(`进程 ${pid} `, `process ${pid}`);
    await unlink(file).catch(() => undefined);
  }
  throw inUse('另一进程', 'another process');
}

/**
 * Wraps a PGlite instance; when it is not owned, close() leaves the instance open. `release`
 * runs after the owned instance is closed (the data directory's lock).
 */
export function pgliteDb(pg: PGlite, ownsInstance: boolean, release?: () => void): Db {
  const gate = inTurn();
  const base = queryable(pg, gate);
  return {
    kind: 'pglite',
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return gate(() => pg.transaction((tx) => fn(queryable(tx, direct))));
    },
    async claim(): Promise<boolean> {
      // The embedded database is this process's alone: the claim is never contested, never lost.
      return true;
    },
    async ping() {
      await gate(() => pg.query('SELECT 1'));
    },
    async close() {
      if (ownsInstance && !pg.closed) await pg.close();
      release?.();
    },
  };
}
