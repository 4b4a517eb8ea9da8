/** What the benchmark scripts share: flags, percentiles, a scratch PostgreSQL schema, the exit. */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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

/**
 * CPU counters of this machine (Linux /proc), so a benchmark can say how busy the whole machine
 * was, and how much of it the local PostgreSQL took: on a 2-core machine the load generator, the
 * server and PostgreSQL share the cores. `undefined` where /proc is not there.
 */
export interface MachineCpu {
  /** Busy and total jiffies over all cores (user, nice, system, irq, softirq, steal vs. all). */
  busy: number;
  total: number;
  /** Jiffies of every process named `postgres`, with the backends that exited (the postmaster's reaped children). */
  postgres: number;
}

export function machineCpu(): MachineCpu | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const busy = user + nice + system + irq + softirq + steal;
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // Fields after the command: state is field 3; utime, stime, cutime, cstime are 14–17.
      const f = stat.slice(close + 2).split(' ');
      postgres += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return { busy, total: busy + idle + iowait, postgres };
  } catch {
    return undefined;
  }
}

/** "machine 1.87 of 2 cores busy, PostgreSQL 0.61 of a core" between two readings. */
export function describeMachineCpu(
  a: MachineCpu | undefined,
  b: MachineCpu | undefined,
  seconds: number,
): string {
  if (!a || !b) return 'machine CPU: not available (no /proc)';
  const cores = availableParallelism();
  const busyCores = ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * cores;
  const hz = 100; // USER_HZ: the kernel reports these counters in 1/100 s on Linux
  return `machine ${busyCores.toFixed(2)} of ${cores} cores busy, local PostgreSQL ${((b.postgres - a.postgres) / hz / seconds).toFixed(2)} of a core`;
}
