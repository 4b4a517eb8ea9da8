import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertIdentifier, consistentRead, csvField, type Db } from './db.js';
import { loadConfig } from '../../config.js';
import pg from 'pg';
import { until } from '../bus/contract.js';
import { openPostgres } from './postgres.js';
import { committingAfterCount, testDatabases } from './testing.js';

describe('csvField', () => {
  it('writes NULL as an empty field and quotes everything else', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('a"b,c\nd')).toBe('"a""b,c\nd"');
    expect(csvField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('"2026-01-02T03:04:05.000Z"');
    expect(csvField({ a: [1] })).toBe('"{""a"":[1]}"');
  });
  it('accepts only plain identifiers for COPY targets', () => {
    expect(assertIdentifier('positions')).toBe('positions');
    expect(() => assertIdentifier('x; DROP TABLE y')).toThrow();
  });
});

for (const target of testDatabases()) {
  describe(`database port on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await db.exec('CREATE TABLE t (id int PRIMARY KEY, name text, at timestamptz, doc jsonb)');
    });
    afterEach(async () => {
      await cleanup();
    });

    it('queries with parameters', async () => {
      await db.query('INSERT INTO t (id, name) VALUES ($1, $2), ($3, $4)', [1, '盘锦', 2, 'Panjin']);
      const { rows, rowCount } = await db.query<{ id: number; name: string }>(
        'SELECT id, name FROM t ORDER BY id',
      );
      expect(rowCount).toBe(2);
      expect(rows).toEqual([
        { id: 1, name: '盘锦' },
        { id: 2, name: 'Panjin' },
      ]);
    });

    it('reports affected rows of a write', async () => {
      await db.query("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      const res = await db.query('UPDATE t SET name = $1 WHERE id > 1', ['x']);
      expect(res.rowCount).toBe(2);
    });

    it('commits a transaction and rolls one back on error', async () => {
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO t (id, name) VALUES (1, 'kept')");
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO t (id, name) VALUES (2, 'lost')");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.query<{ id: number }>('SELECT id FROM t ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual([1]);
    });

    it('bulk-copies rows with NULLs, quotes, dates and JSON', async () => {
      const at = new Date(Date.UTC(2026, 10, 22, 8, 30, 0));
      const n = await db.copyInto(
        't',
        ['id', 'name', 'at', 'doc'],
        [
          [1, '辽L12345 "挂"', at, { ok: true }],
          [2, null, null, null],
          [3, 'comma, and\nnewline', at, [1, 2]],
        ],
      );
      expect(n).toBe(3);
      const { rows } = await db.query<{ id: number; name: string | null; at: Date | null; doc: unknown }>(
        'SELECT id, name, at, doc FROM t ORDER BY id',
      );
      expect(rows[0]).toEqual({ id: 1, name: '辽L12345 "挂"', at, doc: { ok: true } });
      expect(rows[1]).toEqual({ id: 2, name: null, at: null, doc: null });
      expect(rows[2]!.name).toBe('comma, and\nnewline');
      expect(rows[2]!.doc).toEqual([1, 2]);
    });

    it('copies inside a transaction and rolls the copy back with it', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.copyInto('t', ['id'], [[1], [2]]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      expect(rows[0]!.n).toBe(0);
    });

    it('reads in one snapshot that refuses writes', async () => {
      await db.query(`INSERT INTO t (id, name) VALUES (1, 'a')`);
      // On PostgreSQL another connection commits a row between the two reads; PGlite runs the
      // transaction alone, so there the row goes in after it.
      const insert = () => db.query(`INSERT INTO t (id, name) VALUES (2, 'b')`);
      const racing =
        target.name === 'postgres' ? committingAfterCount(db, insert) : { db, fired: () => true };
      const [count, names] = await consistentRead(racing.db, async (tx) => [
        (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n,
        (await tx.query<{ name: string }>('SELECT name FROM t ORDER BY id')).rows.map((r) => r.name),
      ]);
      if (target.name === 'pglite') await insert();
      expect(racing.fired()).toBe(true);
      expect([count, names]).toEqual([1, ['a']]);
      expect((await db.query('SELECT id FROM t')).rows).toHaveLength(2);
      await expect(consistentRead(db, (tx) => tx.query(`DELETE FROM t`))).rejects.toThrow(/read-only/);
      expect((await db.query('SELECT id FROM t')).rows).toHaveLength(2);
    });

    it('claims the database for one process at a time, per name, until it closes', async () => {
      if (target.name === 'pglite') {
        // The embedded database is this process's alone (its data directory is locked when opened).
        expect(await db.claim('a')).toBe(true);
        expect(await db.claim('a')).toBe(true);
        return;
      }
      // Two more servers on the same schema, each with its own pool.
      const { s } = (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!;
      const url = loadConfig().DATABASE_URL!;
      const one = await openPostgres({ connectionString: url, poolSize: 1, schema: s });
      const two = await openPostgres({ connectionString: url, poolSize: 1, schema: s });
      try {
        expect(await one.claim('bus')).toBe(true);
        expect(await two.claim('bus')).toBe(false);
        expect(await two.claim('other')).toBe(true);
        // The pool still answers: the claim holds a connection of its own.
        expect((await one.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
        await one.close();
        expect(await two.claim('bus')).toBe(true);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('takes a claim back when its connection drops, and tells when another process took it', async () => {
      if (target.name === 'pglite') return; // never contested: see above
      const { s } = (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!;
      const url = loadConfig().DATABASE_URL!;
      const one = await openPostgres({ connectionString: url, poolSize: 1, schema: s });
      const two = await openPostgres({ connectionString: url, poolSize: 1, schema: s });
      const seen: string[] = [];
      const watch = {
        dropped: () => seen.push('dropped'),
        retaken: () => seen.push('retaken'),
        lost: (err: Error) => seen.push(`lost: ${err.message}`),
      };
      /** Ends the claim's connection from outside, as a database restart would; its backend count. */
      const terminate = async () =>
        (
          await db.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE application_name = 'weiyun-claim:' || $1 || ':bus'`,
            [s],
          )
        ).rows[0]!.n;
      try {
        expect(await one.claim('bus', watch)).toBe(true);
        expect(await terminate()).toBe(1);
        await until(() => seen.includes('retaken'), 10_000);
        expect(seen).toEqual(['dropped', 'retaken']);
        // Held again: the other server is still refused.
        expect(await two.claim('bus')).toBe(false);

        // Dropped again, and this time another process takes it before it comes back: it waits
        // for the lock on the statement right after the one that ends the holder, so it is first.
        const rival = new pg.Client({ connectionString: url, options: `-c search_path=${s}` });
        await rival.connect();
        try {
          await rival.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'weiyun-claim:' || $1 || ':bus'`,
            [s],
          );
          await rival.query(`SELECT pg_advisory_lock(hashtextextended(current_schema() || ':bus', 0))`);
          await until(() => seen.length === 4, 10_000);
          expect(await one.claim('bus')).toBe(false);
        } finally {
          await rival.end();
        }
        expect(seen.slice(2)).toEqual([
          'dropped',
          'lost: another process took the claim bus while its connection was down',
        ]);

        // A claim ended by `close` is not taken back.
        expect(await one.claim('other', watch)).toBe(true);
        await one.close();
        await new Promise((r) => setTimeout(r, 600));
        expect(seen).toHaveLength(4);
        expect(await two.claim('other')).toBe(true);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('answers a ping', async () => {
      await expect(db.ping()).resolves.toBeUndefined();
    });

    it('lets the event loop run between statements and between transactions', async () => {
      // What was queued for the event loop before a chain of statements runs within it (on
      // PGlite, each statement and each transaction starts after a turn of the loop).
      let turns = 0;
      const queue = () => setImmediate(() => turns++);
      queue();
      await db.query('SELECT 1');
      await db.query('SELECT 1');
      expect(turns).toBe(1);
      queue();
      await db.transaction(async (tx) => {
        await tx.query('SELECT 1');
      });
      expect(turns).toBe(2);
    });

    it('lets the event loop run between statements issued all at once', async () => {
      // A burst (a page of waybill checks, say): the event loop gets a turn between any two of
      // them, not only before the first. On PGlite they used to run back to back in microtasks.
      const order: string[] = [];
      let done = false;
      const tick = (): void => {
        if (done) return;
        order.push('t');
        setImmediate(tick);
      };
      setImmediate(tick);
      await Promise.all(
        Array.from({ length: 12 }, () =>
          (db.kind === 'pglite'
            ? db.query('SELECT count(*) FROM generate_series(1, 20000)')
            : db.transaction((tx) => tx.query('SELECT 1'))
          ).then(() => order.push('q')),
        ),
      );
      done = true;
      const queries = order.join('').replace(/^t+/, '');
      if (db.kind === 'pglite') expect(queries).not.toContain('qq');
      expect(queries.split('q').length - 1).toBe(12);
    });
  });
}
