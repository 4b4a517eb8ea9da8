/** What the benchmark scripts share: flags, percentiles, a scratch PostgreSQL schema, the exit. */
import type { Db } from '../platform/db/db.js';
import { dropSchema, openPostgres } from '../platform/db/postgres.js';

const args = process.argv.slice(2);

/** `--name N` from the command line, or the default. */
export function num(name: string, def: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : def;
}

export const has = (flag: string): boolean => args.includes(`--${flag}`);

export function percentile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs fn on a fresh schema of the PostgreSQL database, dropped afterwards. */
export async function onScratchSchema(
  url: string,
  prefix: string,
  poolSize: number,
  fn: (db: Db) => Promise<void>,
): Promise<void> {
  const schema = `${prefix}_${Date.now()}`;
  const db = await openPostgres({ connectionString: url, poolSize, schema });
  try {
    await fn(db);
  } finally {
    await db.close();
    await dropSchema(url, schema);
  }
}

/** Runs a benchmark's main and exits: 0 when done, 1 with the stack when it failed. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
