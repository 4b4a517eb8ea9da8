/**
 * Import of the full JT/T 617.3 table (or any part of it) by a bureau, from xlsx or CSV. Headers
 * may be the Chinese or the English column name (or both, "UN编号 / UN number"). The table lists
 * some UN numbers on several lines (one per packing group or concentration): lines of one UN
 * number with the same class are merged into one catalogue row (packing groups, subsidiary risks,
 * special categories and aliases united). All or nothing: one bad line and nothing is written.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { Cell, Table } from '../archives/transfer/tabular.js';
import { upsertGoods } from './repository.js';
import { validateGoods, type GoodsValues } from './validate.js';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  /** Other headers seen in published tables. */
  also?: string[];
}

export const importColumns: readonly ImportColumn[] = [
  { key: 'unNumber', zh: 'UN编号', en: 'UN number', required: true, also: ['联合国编号', 'UN号'] },
  {
    key: 'nameZh',
    zh: '中文名称',
    en: 'Chinese name',
    required: true,
    also: ['品名', '正确运输名称', '名称和说明'],
  },
  { key: 'nameEn', zh: '英文名称', en: 'English name', required: true, also: ['Proper shipping name'] },
  { key: 'aliasesZh', zh: '别名', en: 'Aliases' },
  {
    key: 'hazardClass',
    zh: '类别或项别',
    en: 'Class or division',
    required: true,
    also: ['类别', '项别', '类别/项别', 'Class'],
  },
  { key: 'compatibilityGroup', zh: '配装组', en: 'Compatibility group' },
  { key: 'subsidiaryRisks', zh: '次要危险性', en: 'Subsidiary risks', also: ['次要危险', 'Subsidiary risk'] },
  { key: 'packingGroups', zh: '包装类别', en: 'Packing groups', also: ['Packing group'] },
  { key: 'special', zh: '特殊类别', en: 'Special categories' },
  { key: 'physicalState', zh: '物理状态', en: 'Physical state', required: true, also: ['状态'] },
  { key: 'densityKgPerL', zh: '密度(kg/L)', en: 'Density (kg/L)', also: ['密度'] },
  { key: 'ergGuide', zh: '应急指南编号', en: 'ERG guide', also: ['ERG'] },
  { key: 'cardKey', zh: '应急卡模板', en: 'Card template' },
];

export interface ImportProblem {
  /** Spreadsheet row (1 = the header row). */
  row: number;
  column: string;
  field: string;
  reason: string;
}

export interface GoodsImportReport {
  rows: number;
  /** Catalogue rows written (distinct UN numbers). */
  imported: number;
  /** Lines merged into an earlier line of the same UN number. */
  merged: number;
  problems: ImportProblem[];
  unNumbers: string[];
}

export class GoodsImportRejected extends Error {
  constructor(readonly report: GoodsImportReport) {
    super(`goods import rejected: ${report.problems.length} problems`);
    this.name = 'GoodsImportRejected';
  }
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export function columnForHeader(header: string): ImportColumn | undefined {
  const parts = [header, ...header.split(/\s*[/|（()）]\s*/)].map(norm).filter((p) => p !== '');
  return importColumns.find((c) =>
    [c.key, c.zh, c.en, ...(c.also ?? [])].map(norm).some((name) => parts.includes(name)),
  );
}

/** Reads and checks the whole table; the merged entries when there is no problem. */
export function checkTable(table: Table): { report: GoodsImportReport; entries: GoodsValues[] } {
  const report: GoodsImportReport = { rows: 0, imported: 0, merged: 0, problems: [], unNumbers: [] };
  const columns = table.headers.map((h) => ({
    header: h,
    column: h === '' ? undefined : columnForHeader(h),
  }));
  for (const c of columns) {
    if (c.header !== '' && !c.column)
      report.problems.push({ row: 1, column: c.header, field: '', reason: 'unknown_column' });
  }
  for (const c of importColumns) {
    if (c.required && !columns.some((k) => k.column === c))
      report.problems.push({ row: 1, column: `${c.zh} / ${c.en}`, field: c.key, reason: 'required' });
  }
  if (report.problems.length > 0) return { report, entries: [] };

  const headerOf = (field: string) => columns.find((c) => c.column?.key === field)?.header ?? field;
  const byUn = new Map<string, { values: GoodsValues; row: number }>();
  table.rows.forEach((cells: Cell[], i) => {
    const row = i + 2;
    if (cells.every((c) => c === null || c === '')) return;
    report.rows++;
    const input: Record<string, unknown> = {};
    columns.forEach((c, k) => {
      const v = cells[k];
      if (c.column && v !== null && v !== undefined && v !== '')
        input[c.column.key] = v instanceof Date ? v.toISOString() : v;
    });
    const { values, problems } = validateGoods(input);
    for (const p of problems)
      report.problems.push({ row, column: headerOf(p.field), field: p.field, reason: p.reason });
    if (!values) return;
    const earlier = byUn.get(values.unNumber);
    if (!earlier) {
      byUn.set(values.unNumber, { values, row });
      return;
    }
    if (earlier.values.hazardClass !== values.hazardClass) {
      report.problems.push({ row, column: headerOf('unNumber'), field: 'unNumber', reason: 'duplicate' });
      return;
    }
    const union = <T extends string>(a: T[], b: T[], order?: readonly T[]) => {
      const all = [...new Set([...a, ...b])];
      return order ? order.filter((x) => all.includes(x)) : all;
    };
    const e = earlier.values;
    e.packingGroups = union(e.packingGroups, values.packingGroups, ['I', 'II', 'III'] as const);
    e.subsidiaryRisks = union(e.subsidiaryRisks, values.subsidiaryRisks);
    e.special = union(e.special, values.special);
    e.aliasesZh = union(e.aliasesZh, values.aliasesZh);
    report.merged++;
  });
  const entries = [...byUn.values()].map((v) => v.values);
  return { report: { ...report, unNumbers: entries.map((e) => e.unNumber) }, entries };
}

/** Writes the checked entries as source 'import'; a row's own card override is kept. */
export async function importGoods(tx: Queryable, table: Table): Promise<GoodsImportReport> {
  const { report, entries } = checkTable(table);
  if (report.problems.length > 0) throw new GoodsImportRejected(report);
  for (const e of entries) await upsertGoods(tx, e, 'import', true);
  return { ...report, imported: entries.length };
}

/** The template a bureau fills in: both languages in each header, and two example lines. */
export function templateTable(): { headers: string[]; rows: Cell[][] } {
  return {
    headers: importColumns.map((c) => `${c.zh} / ${c.en}`),
    rows: [
      [
        '1203',
        '汽油',
        'Gasoline',
        '车用汽油',
        '3',
        '',
        '',
        'II',
        '',
        '液体',
        0.74,
        '128',
        'flammable_liquid_immiscible',
      ],
      [
        '1689',
        '氰化钠，固态',
        'Sodium cyanide, solid',
        '氰化钠',
        '6.1',
        '',
        '',
        'I',
        '剧毒',
        '固体',
        '',
        '157',
        '',
      ],
    ],
  };
}
