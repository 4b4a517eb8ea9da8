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
import type { Db } from './db.js';
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
