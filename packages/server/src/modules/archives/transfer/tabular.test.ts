import { describe, expect, it } from 'vitest';
import { readTable, writeTable, type Cell } from './tabular.js';

describe('tables written in slices', () => {
  it('CSV and xlsx of more rows than a slice read back whole and in order, the header once', async () => {
    const headers = ['编号', '名称', '日期'];
    const rows: Cell[][] = Array.from({ length: 4_501 }, (_, i) => [
      i,
      i % 7 === 0 ? `含,逗号"引号 ${i}` : `第${i}行`,
      new Date(Date.UTC(2026, 0, 1 + (i % 28))),
    ]);
    for (const format of ['csv', 'xlsx'] as const) {
      const table = await readTable(await writeTable(format, '测试', headers, rows), format);
      expect(table.headers).toEqual(headers);
      expect(table.rows).toHaveLength(rows.length);
      expect(table.rows.map((r) => String(r[1]))).toEqual(rows.map((r) => String(r[1])));
      expect(String(table.rows[4_500]![0])).toBe('4500');
    }
  });
});
