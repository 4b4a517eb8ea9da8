/**
 * Spreadsheets in and out: xlsx through exceljs, CSV through csv-parse / csv-stringify. Cells come
 * back as text, numbers or dates, so validation treats a sheet like a form.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type TableFormat = 'xlsx' | 'csv';
export type Cell = string | number | boolean | Date | null;

export interface Table {
  headers: string[];
  /** Data rows; `rows[i]` is spreadsheet row i + 2 (row 1 holds the headers). */
  rows: Cell[][];
}

export const MAX_IMPORT_ROWS = 20_000;

export class TableError extends Error {
  constructor(readonly reason: 'unreadable' | 'empty' | 'too_many_rows') {
    super(`spreadsheet ${reason}`);
    this.name = 'TableError';
  }
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue); // formula
    if ('error' in v) return null;
  }
  return String(v);
}

export async function readTable(data: Buffer, format: TableFormat): Promise<Table> {
  let grid: Cell[][];
  if (format === 'csv') {
    try {
      grid = parse(data, {
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: true,
      }) as string[][];
    } catch {
      throw new TableError('unreadable');
    }
  } else {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new TableError('unreadable');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new TableError('empty');
    if (ws.rowCount > MAX_IMPORT_ROWS + 1) throw new TableError('too_many_rows');
    grid = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values: Cell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) values.push(cellValue(row.getCell(c).value));
      grid[n - 1] = values;
    });
    grid = Array.from(grid, (r) => r ?? []);
  }
  const [head, ...rows] = grid;
  if (!head || head.every((h) => h === null || h === '')) throw new TableError('empty');
  if (rows.length > MAX_IMPORT_ROWS) throw new TableError('too_many_rows');
  return { headers: head.map((h) => (h === null ? '' : String(h).trim())), rows };
}

export async function writeTable(
  format: TableFormat,
  sheetName: string,
  headers: string[],
  rows: Cell[][],
): Promise<Buffer> {
  if (format === 'csv') {
    // A BOM so Excel in a Chinese locale opens UTF-8 correctly. Rows in slices, a turn of the
    // event loop between them (as for xlsx below).
    const parts = [`\ufeff${stringify([headers])}`];
    for (let i = 0; i < rows.length; i += CSV_SLICE) {
      const slice = rows.slice(i, i + CSV_SLICE);
      parts.push(stringify(slice.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : c)))));
      await new Promise((r) => setImmediate(r));
    }
    return Buffer.from(parts.join(''));
  }
  // The streaming writer, a turn of the event loop every XLSX_SLICE rows: built in one go, the
  // demo's 45,837 people held the server's thread for 8 s (`npm run bench:export`); compressed by
  // zlib off the thread, row by row, it lets the console and the gateway answer between slices.
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Weiyun';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = headers.map(() => ({ width: 18 }));
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.commit();
  for (let i = 0; i < rows.length; i++) {
    ws.addRow(rows[i]!).commit();
    if (i % XLSX_SLICE === XLSX_SLICE - 1) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** Rows written between two turns of the event loop. */
const XLSX_SLICE = 200;
const CSV_SLICE = 2000;
