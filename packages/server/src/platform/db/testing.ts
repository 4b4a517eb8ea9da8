/**
 * Test support: every data-layer test runs on each available database — PGlite in memory
 * always, and PostgreSQL when DATABASE_URL is set. When it is set but unreachable the test
 * fails (it never silently passes). Each PostgreSQL test database is a fresh schema, dropped
 * afterwards, so test files run in parallel without seeing each other. PGlite takes about two
 * seconds to start, so one instance serves a whole test file (one process), each test in a
 * fresh schema of its own.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config.js';
import type { Actor } from '../auth.js';
import type { Db, Queryable } from './db.js';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from './pglite.js';
import { dropSchema, openPostgres } from './postgres.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<{ db: Db; cleanup(): Promise<void> }>;
}

let sharedPglite: Promise<PGlite> | undefined;

function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export function testDatabases(): TestDatabase[] {
  const url = loadConfig().DATABASE_URL;
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      async open() {
        sharedPglite ??= PGlite.create();
        const pg = await sharedPglite;
        const schema = newSchemaName();
        await pg.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
        return {
          db: pgliteDb(pg, false),
          async cleanup() {
            await pg.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
          },
        };
      },
    },
  ];
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = newSchemaName();
        const db = await openPostgres({ connectionString: url, poolSize: 4, schema });
        return {
          db,
          async cleanup() {
            await db.close();
            await dropSchema(url, schema);
          },
        };
      },
    });
  }
  return list;
}

/**
 * `db`, but right after the first statement that `matches` — in a transaction of its or on its
 * own — `between` runs on the database itself (another connection on PostgreSQL, committed
 * there), once: a writer committing between two reads. `fired` says whether it ran. On PGlite,
 * whose one connection runs a transaction alone, `between` would wait for the transaction to
 * end: use it on PostgreSQL only.
 */
export function committingAfter(
  db: Db,
  matches: (sql: string) => boolean,
  between: () => Promise<unknown>,
): { db: Db; fired(): boolean } {
  let fired = false;
  const after =
    (q: Queryable): Queryable['query'] =>
    async (sql, params) => {
      const r = await q.query(sql, params);
      if (!fired && matches(sql)) {
        fired = true;
        await between();
      }
      return r as never;
    };
  const racing: Db = {
    ...db,
    query: after(db),
    transaction: (fn) => db.transaction((tx) => fn({ ...tx, query: after(tx) })),
  };
  return { db: racing, fired: () => fired };
}

/** `committingAfter` the first statement that counts (`count(`): between a list's total and its page. */
export function committingAfterCount(db: Db, between: () => Promise<unknown>): { db: Db; fired(): boolean } {
  return committingAfter(db, (sql) => sql.includes('count('), between);
}

/** A city regulator, for lists read directly in tests (it sees every company and county). */
export const TEST_CITY: Actor = {
  id: 'test-city',
  name: 'city',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'bearer',
};

/**
 * Reads a list twice: first with `between` committed right after its count (PostgreSQL only,
 * see `committingAfterCount`), then again. Returns [total, items on the page] of each read: a
 * list that reads its total and page in one snapshot gives the same number twice in the first.
 */
export async function countsAcrossACommit(
  db: Db,
  between: () => Promise<unknown>,
  list: (db: Db) => Promise<{ total: number; items: readonly unknown[] }>,
): Promise<{ during: [number, number]; after: [number, number] }> {
  const racing = committingAfterCount(db, between);
  const during = await list(racing.db);
  if (!racing.fired()) throw new Error('the list counted nothing: no commit went between its reads');
  const after = await list(db);
  return { during: [during.total, during.items.length], after: [after.total, after.items.length] };
}
