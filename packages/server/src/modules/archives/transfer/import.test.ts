import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth.js';
import type { Db } from '../../../platform/db/db.js';
import { loadMigrations, migrate } from '../../../platform/db/migrate.js';
import { testDatabases } from '../../../platform/db/testing.js';
import { enterpriseSpec } from '../entities/enterprise.js';
import { listRecords } from '../resource/repository.js';
import { makeUscc } from '../validation/uscc.js';
import { exportRecords } from './export.js';
import { importTable, ImportRejectedError, type ImportReport } from './import.js';
import { readTable, writeTable } from './tabular.js';

const city: Actor = {
  id: 'c',
  name: 'city',
  role: 'city_regulator',
  scope: { kind: 'city' },
  via: 'session',
};
const headers = [
  '企业名称',
  '统一社会信用代码',
  '所属县区',
  '经营地址',
  '道路运输经营许可证号',
  '许可证有效期至',
  '经营范围 (类别)',
  '法定代表人',
  '安全负责人',
  '联系电话',
];

function row(n: number, overrides: Partial<Record<number, string>> = {}): string[] {
  const base = [
    `盘锦导入${n}运输有限公司`,
    makeUscc('91', '211102', `MA${String(500000 + n)}`),
    '211102',
    '盘锦市双台子区辽河路8号',
    `辽交运管许可盘字${n}号`,
    '2027-12-31',
    '3',
    '赵六',
    '钱七',
    '0427-5555555',
  ];
  for (const [k, v] of Object.entries(overrides)) base[Number(k)] = v!;
  return base;
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  return writeTable('xlsx', '企业', headers, rows);
}

async function run(
  db: Db,
  data: Buffer,
  format: 'xlsx' | 'csv',
  mode: 'all_or_nothing' | 'valid_rows',
): Promise<ImportReport> {
  const table = await readTable(data, format);
  try {
    return await db.transaction((tx) =>
      importTable(tx, enterpriseSpec, city, table, mode, async () => undefined),
    );
  } catch (err) {
    if (err instanceof ImportRejectedError) return err.report;
    throw err;
  }
}

for (const target of testDatabases()) {
  describe(`archive import and export on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('rejects a file with bad rows, reports each by row and column, and changes nothing', async () => {
      const bad = row(2, { 1: '91211102MA5000021X' }); // wrong check character
      const dup = row(3, { 1: row(1)[1]! }); // same USCC as row 2 of the sheet
      const data = await xlsx([row(1), bad, dup, row(4, { 2: '110101', 5: '2027-02-30' })]);
      const report = await run(db, data, 'xlsx', 'all_or_nothing');
      expect(report.imported).toBe(0);
      expect(report.problems).toEqual([
        { row: 3, column: '统一社会信用代码', field: 'uscc', reason: 'uscc.check' },
        { row: 4, column: '统一社会信用代码', field: 'uscc', reason: 'duplicate' },
        { row: 5, column: '许可证有效期至', field: 'permitValidUntil', reason: 'date' },
        { row: 5, column: '所属县区', field: 'districtCode', reason: 'district.unknown' },
      ]);
      expect((await listRecords(db, enterpriseSpec, city, {})).total).toBe(0);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificates');
      expect(rows[0]!.n).toBe(0);
    });

    it('imports the good rows and reports the rest when asked to', async () => {
      const data = await xlsx([row(1), row(2, { 0: '' }), row(3)]);
      const report = await run(db, data, 'xlsx', 'valid_rows');
      expect(report).toMatchObject({ rows: 3, imported: 2 });
      expect(report.problems).toEqual([{ row: 3, column: '企业名称', field: 'name', reason: 'required' }]);
      expect((await listRecords(db, enterpriseSpec, city, {})).total).toBe(2);
    });

    it('refuses a sheet with an unknown column or without a required one before reading rows', async () => {
      const table = await writeTable('csv', 'x', ['企业名称', '颜色'], [['盘锦甲公司', '红']]);
      const report = await run(db, table, 'csv', 'all_or_nothing');
      expect(report.problems).toEqual(
        expect.arrayContaining([
          { row: 1, column: '颜色', field: '', reason: 'unknown_field' },
          { row: 1, column: '统一社会信用代码', field: 'uscc', reason: 'required' },
        ]),
      );
    });

    it('exports the whole list in its order in one statement (one snapshot, no pages)', async () => {
      await run(db, await xlsx([row(3), row(1), row(2)]), 'xlsx', 'all_or_nothing');
      const statements: string[] = [];
      const counting = {
        ...db,
        query: ((sql: string, params?: readonly unknown[]) => {
          statements.push(sql);
          return db.query(sql, params);
        }) as Db['query'],
      };
      const exported = await exportRecords(counting, enterpriseSpec, city, {}, 'csv', 'zh');
      expect(statements).toHaveLength(1);
      const names = (await readTable(exported.data, 'csv')).rows.map((r) =>
        r.find((c) => String(c).startsWith('盘锦导入')),
      );
      expect(names).toEqual(['盘锦导入1运输有限公司', '盘锦导入2运输有限公司', '盘锦导入3运输有限公司']);
    });

    it('exports a filtered list that imports again unchanged (round trip through CSV with a BOM)', async () => {
      await run(db, await xlsx([row(1), row(2), row(3)]), 'xlsx', 'all_or_nothing');
      const exported = await exportRecords(
        db,
        enterpriseSpec,
        city,
        { filters: { name: '导入2' } },
        'csv',
        'zh',
      );
      expect(exported.rows).toBe(1);
      expect(exported.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const table = await readTable(exported.data, 'csv');
      expect(table.headers).toContain('统一社会信用代码');
      expect(table.rows[0]).toContain('盘锦导入2运输有限公司');
      // Re-import into an empty database: read-only columns (id, status) are skipped.
      await db.query('DELETE FROM certificates');
      await db.query('DELETE FROM enterprises');
      const again = await run(db, exported.data, 'csv', 'all_or_nothing');
      expect(again).toMatchObject({ imported: 1, problems: [] });
    });

    it('refuses a file that is not a spreadsheet', async () => {
      await expect(readTable(Buffer.from('PK\u0003\u0004 not really a zip'), 'xlsx')).rejects.toThrow(
        /unreadable/,
      );
    });
  });
}
