import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { loadMigrations, migrate, MigrationError } from './migrate.js';
import { testDatabases } from './testing.js';

async function makeSrc(files: Record<string, string>): Promise<string> {
  const src = await mkdtemp(join(tmpdir(), 'weiyun-mig-'));
  for (const [path, sql] of Object.entries(files)) {
    const full = join(src, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, sql);
  }
  return src;
}

describe('loadMigrations', () => {
  it('orders migrations from the platform and every module by id', async () => {
    const src = await makeSrc({
      'platform/migrations/0001_base.sql': 'SELECT 1;',
      'modules/b/migrations/0200_b.sql': 'SELECT 3;',
      'modules/a/migrations/0100_a.sql': 'SELECT 2;',
    });
    const ms = await loadMigrations(src);
    expect(ms.map((m) => [m.id, m.name])).toEqual([
      [1, 'base'],
      [100, 'a'],
      [200, 'b'],
    ]);
    await rm(src, { recursive: true });
  });

  it('rejects two files with one id and badly named files', async () => {
    const dup = await makeSrc({
      'platform/migrations/0001_x.sql': '',
      'modules/a/migrations/0001_y.sql': '',
    });
    await expect(loadMigrations(dup)).rejects.toThrow(/share id 1/);
    const bad = await makeSrc({ 'platform/migrations/1_x.sql': '' });
    await expect(loadMigrations(bad)).rejects.toThrow(/NNNN_name\.sql/);
  });

  it('finds the real server migrations', async () => {
    const ms = await loadMigrations();
    expect(ms[0]).toMatchObject({ id: 1, name: 'platform' });
  });
});

for (const target of testDatabases()) {
  describe(`migrate on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('applies pending migrations once, in order, and records checksums', async () => {
      const src = await makeSrc({
        'platform/migrations/0001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);',
        'modules/m/migrations/0002_b.sql': 'CREATE TABLE b (a_id int REFERENCES a(id));',
      });
      const first = await migrate(db, await loadMigrations(src));
      expect(first.applied.map((m) => m.id)).toEqual([1, 2]);
      const second = await migrate(db, await loadMigrations(src));
      expect(second).toMatchObject({ applied: [], alreadyApplied: 2 });
      const { rows } = await db.query<{ id: number; checksum: string }>(
        'SELECT id, checksum FROM schema_migrations ORDER BY id',
      );
      expect(rows.map((r) => r.id)).toEqual([1, 2]);
      expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses to run when an applied migration was changed', async () => {
      const src = await makeSrc({ 'platform/migrations/0001_a.sql': 'CREATE TABLE a (id int);' });
      await migrate(db, await loadMigrations(src));
      await writeFile(join(src, 'platform/migrations/0001_a.sql'), 'CREATE TABLE a (id bigint);');
      await expect(migrate(db, await loadMigrations(src))).rejects.toThrow(MigrationError);
      await expect(migrate(db, await loadMigrations(src))).rejects.toThrow(/was changed after it ran/);
    });

    it('refuses to run when an applied migration disappeared', async () => {
      const src = await makeSrc({ 'platform/migrations/0001_a.sql': 'SELECT 1;' });
      await migrate(db, await loadMigrations(src));
      await expect(migrate(db, [])).rejects.toThrow(/has no file any more/);
    });

    it('leaves nothing half-applied when a migration fails', async () => {
      const src = await makeSrc({
        'platform/migrations/0001_ok.sql': 'CREATE TABLE ok (id int);',
        'platform/migrations/0002_bad.sql': 'CREATE TABLE broken (id nosuchtype);',
      });
      await expect(migrate(db, await loadMigrations(src))).rejects.toThrow(/0002_bad\.sql failed/);
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('ok', 'schema_migrations') AND table_schema = current_schema()",
      );
      expect(rows[0]!.n).toBe(0);
    });

    it('applies the real server migrations', async () => {
      const res = await migrate(db, await loadMigrations());
      expect(res.applied.length).toBeGreaterThan(0);
    });
  });
}
