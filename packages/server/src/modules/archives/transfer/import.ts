/**
 * Import of an archive entity from xlsx or CSV with a row-by-row report. Headers may be the
 * Chinese label, the English label or the field key. Default mode is all-or-nothing: any bad row
 * and nothing is written. `valid_rows` imports the good rows and reports the rest.
 */
import type { Actor } from '../../../platform/auth.js';
import type { Queryable } from '../../../platform/db/db.js';
import { createRecord, InvalidRecordError } from '../resource/repository.js';
import type { EntitySpec, FieldSpec } from '../resource/spec.js';
import { validateInput, withScopeDefaults } from '../resource/validate.js';
import type { Table } from './tabular.js';

export type ImportMode = 'all_or_nothing' | 'valid_rows';

export interface RowProblem {
  /** Spreadsheet row number (1 = header row). */
  row: number;
  /** The column header as written in the file, or the field's Chinese label when absent. */
  column: string;
  field: string;
  reason: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  problems: RowProblem[];
  createdIds: string[];
}

/** Thrown inside the transaction to roll back an all-or-nothing import that had bad rows. */
export class ImportRejectedError extends Error {
  constructor(readonly report: ImportReport) {
    super(`import rejected: ${report.problems.length} problems`);
    this.name = 'ImportRejectedError';
  }
}

function fieldForHeader(spec: EntitySpec, header: string): FieldSpec | undefined {
  const h = header.trim().toLowerCase();
  return spec.fields.find(
    (f) => f.key.toLowerCase() === h || f.label.zh === header.trim() || f.label.en.toLowerCase() === h,
  );
}

export async function importTable(
  tx: Queryable,
  spec: EntitySpec,
  actor: Actor,
  table: Table,
  mode: ImportMode,
  onCreated: (id: string, values: Record<string, unknown>) => Promise<void>,
): Promise<ImportReport> {
  const report: ImportReport = { rows: table.rows.length, imported: 0, problems: [], createdIds: [] };
  const columns = table.headers.map((h) => ({ header: h, field: fieldForHeader(spec, h) }));
  for (const c of columns) {
    if (c.header !== '' && !c.field)
      report.problems.push({ row: 1, column: c.header, field: '', reason: 'unknown_field' });
  }
  for (const f of spec.fields) {
    if (f.required && !f.readOnly && !columns.some((c) => c.field === f)) {
      // An enterprise user imports into its own enterprise without the column.
      if (f.key === 'enterpriseId' && actor.scope.kind === 'enterprise') continue;
      report.problems.push({ row: 1, column: f.label.zh, field: f.key, reason: 'required' });
    }
  }
  if (report.problems.length > 0) throw new ImportRejectedError(report);

  const columnOf = (field: string): string =>
    columns.find((c) => c.field?.key === field)?.header ??
    spec.fields.find((f) => f.key === field)?.label.zh ??
    field;
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    const rowNo = i + 2;
    if (cells.every((c) => c === null || c === '')) continue;
    const input: Record<string, unknown> = {};
    columns.forEach((c, k) => {
      // Read-only columns (id, status, names of joined records) come with an exported file: skip them.
      if (!c.field || c.field.readOnly) return;
      const v = cells[k];
      if (v !== null && v !== undefined && v !== '')
        input[c.field.key] = c.field.type === 'json' && typeof v === 'string' ? safeJson(v) : v;
    });
    const { values, errors } = validateInput(spec, withScopeDefaults(spec, actor, input), 'create');
    if (errors.length > 0) {
      for (const e of errors)
        report.problems.push({ row: rowNo, column: columnOf(e.field), field: e.field, reason: e.reason });
      continue;
    }
    try {
      const id = await createRecord(tx, spec, actor, values);
      await onCreated(id, values);
      report.createdIds.push(id);
      report.imported++;
    } catch (err) {
      if (!(err instanceof InvalidRecordError)) throw err;
      for (const e of err.fields)
        report.problems.push({ row: rowNo, column: columnOf(e.field), field: e.field, reason: e.reason });
    }
  }
  if (mode === 'all_or_nothing' && report.problems.length > 0) {
    throw new ImportRejectedError({ ...report, imported: 0, createdIds: [] });
  }
  return report;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
