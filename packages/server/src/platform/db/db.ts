/**
 * The database port. One SQL dialect (PostgreSQL) behind two adapters: PGlite embedded
 * (default, tests) and PostgreSQL through `pg` (DATABASE_URL). Nothing outside the adapter
 * wiring knows which one it talks to.
 */

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * COPY-style bulk insert of many rows (CSV through COPY FROM STDIN on PostgreSQL, COPY from a
   * blob on PGlite). Returns the number of rows copied. Values: null/undefined → NULL, Date →
   * ISO-8601, objects and arrays → JSON text, everything else → its string form.
   */
  copyInto(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number>;
  /**
   * The same with the rows already written as COPY csv text (one line a row, `\n` after each),
   * as a string or as its UTF-8 bytes.
   */
  copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array): Promise<number>;
}

/** What a held claim reports after it was granted (`Db.claim`). */
export interface ClaimWatch {
  /** The claim's connection dropped: nothing holds the claim until it is taken back. */
  dropped?(err: Error): void;
  /** The claim was taken back on a new connection. */
  retaken?(): void;
  /** Another process took the claim while it was dropped: this process holds it no longer. */
  lost(err: Error): void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Claims the database for this process under `name` until `close`: false while another process
   * holds that claim (true again for this one). PostgreSQL: a session advisory lock (per schema) on
   * a connection of its own (application_name `weiyun-claim:<schema>:<name>`), released when the
   * process ends, a crash included. If that connection drops while the claim is held (a database
   * restart, a terminated backend), the lock goes with it: the claim is taken back on a new
   * connection, tried until it succeeds, or `watch.lost` is told that another process holds it
   * now. PGlite: always true, never lost — the embedded database is one process's already
   * (`openPglite` locks its data directory).
   */
  claim(name: string, watch?: ClaimWatch): Promise<boolean>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs reads that must agree with each other — a page and its total — in one snapshot: a
 * REPEATABLE READ, READ ONLY transaction. Under READ COMMITTED every statement sees
 * what was committed before it began, so a writer committing between two statements makes them
 * disagree (seen on PostgreSQL: an alarm list with total 0 beside the one alarm it listed).
 */
export function consistentRead<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(tx);
  });
}

const identifier = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** Table and column names in COPY are interpolated, so only plain identifiers are accepted. */
export function assertIdentifier(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

export function copySql(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  const cols = columns.map(assertIdentifier).join(', ');
  return `COPY ${assertIdentifier(table)} (${cols}) FROM ${source} WITH (FORMAT csv)`;
}

/** One CSV field per COPY's csv format: NULL is an unquoted empty field, everything else quoted. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += ',';
      out += csvField(row[i]);
    }
    out += '\n';
  }
  return out;
}
