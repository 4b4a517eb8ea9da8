import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import {
  assertIdentifier,
  copySql,
  toCsv,
  type ClaimWatch,
  type Db,
  type Queryable,
  type QueryResult,
} from './db.js';

export interface PostgresOptions {
  connectionString: string;
  poolSize: number;
  /** Work inside this schema (created if missing) — used to isolate test runs. */
  schema?: string;
}

type Client = pg.PoolClient | pg.Pool;

// Timestamps come back as Date (pg default); bigint (int8) as a JS number when it fits, which
// it always does for our ids and counts, so both adapters return the same shapes.
pg.types.setTypeParser(20, (v: string) => Number(v));
// numeric stays a string in PGlite too: callers convert where they need arithmetic.

function queryable(client: Client): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // No parameters: pg uses the simple query protocol, which runs several statements.
      await client.query(sql);
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
    const run = async (c: pg.PoolClient): Promise<number> => {
      const stream = c.query(copyStreams.from(copySql(table, columns, 'STDIN')));
      await pipeline(Readable.from([csv]), stream);
      return stream.rowCount ?? 0;
    };
    if (client instanceof pg.Pool) {
      const c = await client.connect();
      try {
        return await run(c);
      } finally {
        c.release();
      }
    }
    return run(client);
  }
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const schema = options.schema === undefined ? undefined : assertIdentifier(options.schema);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const session = {
    connectionString: options.connectionString,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...session, max: options.poolSize });
  /** The connections holding this process's claims, by name (outside the pool: they never go back to it). */
  const claims = new Map<string, pg.Client>();
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const base = queryable(pool);
  let closed = false;

  /** A new connection holding the claim `name`, or null while another process holds it. */
  async function tryClaim(name: string): Promise<pg.Client | null> {
    const client = new pg.Client(session);
    // A lost connection must not crash the process: `hold` notices it by its end.
    client.on('error', () => undefined);
    await client.connect();
    let ok = false;
    try {
      // Named, so an operator (and a test) can tell the claim's connection in pg_stat_activity.
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':' || $1, 0)) AS ok,
                set_config('application_name', left('weiyun-claim:' || current_schema() || ':' || $1, 63), false)`,
        [name],
      );
      ok = rows[0]?.ok === true;
    } finally {
      if (!ok) await client.end().catch(() => undefined);
    }
    return ok ? client : null;
  }

  /** Keeps the claim's connection; when it drops (not by `close`), takes the claim back. */
  function hold(name: string, client: pg.Client, watch: ClaimWatch | undefined): void {
    claims.set(name, client);
    client.once('end', () => {
      if (closed || claims.get(name) !== client) return;
      claims.delete(name);
      watch?.dropped?.(new Error(`the connection holding the claim ${name} dropped`));
      void retake(name, watch);
    });
  }

  /**
   * Tries to take a dropped claim back, with a growing pause (250 ms up to 5 s) while the database
   * cannot be reached. Until then nothing holds it, so another process may take it first: then
   * it is lost for good.
   */
  async function retake(name: string, watch: ClaimWatch | undefined): Promise<void> {
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      await new Promise((r) => setTimeout(r, pause).unref());
      if (closed || claims.has(name)) return;
      let client: pg.Client | null;
      try {
        client = await tryClaim(name);
      } catch {
        continue;
      }
      if (closed) {
        await client?.end().catch(() => undefined);
        return;
      }
      if (client) {
        hold(name, client, watch);
        watch?.retaken?.();
      } else {
        watch?.lost(new Error(`another process took the claim ${name} while its connection was down`));
      }
      return;
    }
  }
  return {
    kind: 'postgres',
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async claim(name: string, watch?: ClaimWatch): Promise<boolean> {
      if (claims.has(name)) return true;
      const client = await tryClaim(name);
      if (client) hold(name, client, watch);
      return client !== null;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...claims.values()].map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

/** Drops a schema made by openPostgres({ schema }) — tests clean up after themselves. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${assertIdentifier(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}
