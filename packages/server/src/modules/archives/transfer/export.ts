/** Export of any filtered archive list as xlsx or CSV, with the labels as headers. */
import type { Actor } from '../../../platform/auth.js';
import type { Lang } from '../../../errors.js';
import type { Queryable } from '../../../platform/db/db.js';
import { allRecords, type ListQuery } from '../resource/repository.js';
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

/**
 * The list as a table, up to MAX_EXPORT_ROWS records read in one statement: one snapshot, so a
 * record created or deleted meanwhile can neither appear twice nor push another out.
 */
export async function exportRecords(
  db: Queryable,
  spec: EntitySpec,
  actor: Actor,
  query: ListQuery,
  format: TableFormat,
  lang: Lang,
): Promise<{ data: Buffer; rows: number }> {
  const records = await allRecords(db, spec, actor, query, MAX_EXPORT_ROWS);
  const rows: Cell[][] = records.map((r) => spec.fields.map((f) => cell(f, r[f.key])));
  const headers = spec.fields.map((f) => (lang === 'en' ? f.label.en : f.label.zh));
  return { data: await writeTable(format, spec.label[lang], headers, rows), rows: rows.length };
}
