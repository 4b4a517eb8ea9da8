/** Export of any filtered archive list as xlsx or CSV, with the labels as headers. */
import type { Actor } from '../../../platform/auth.js';
import type { Lang } from '../../../errors.js';
import type { Db } from '../../../platform/db/db.js';
import { listRecords, type ListQuery } from '../resource/repository.js';
import type { EntitySpec, FieldSpec } from '../resource/spec.js';
import { writeTable, type Cell, type TableFormat } from './tabular.js';

export const MAX_EXPORT_ROWS = 100_000;

function cell(f: FieldSpec, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(',');
  if (f.type === 'json') return JSON.stringify(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export async function exportRecords(
  db: Db,
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
  format: TableFormat,
  lang: Lang,
): Promise<{ data: Buffer; rows: number }> {
  const rows: Cell[][] = [];
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const { items } = await listRecords(db, spec, actor, { ...query, page, pageSize: 500 });
    for (const r of items) rows.push(spec.fields.map((f) => cell(f, r[f.key])));
    if (items.length < 500) break;
  }
  const headers = spec.fields.map((f) => (lang === 'en' ? f.label.en : f.label.zh));
  return { data: await writeTable(format, spec.label[lang], headers, rows), rows: rows.length };
}
