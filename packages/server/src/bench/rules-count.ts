/**
 * `npm run bench:rules:count [-- vehicles hours [other checkout]]`: the rule engine's cost per fix
 * counted, not timed — instructions, level-1 data-cache misses and misses of a simulated 512 KiB
 * second-level cache, under valgrind's cachegrind. On this VM the same code's rate moves by half
 * from one hour to the next (BENCHMARKS.md); counts move by a few per cent with the machine's
 * load (V8's predictable mode takes out most of it, not all), and not at all between two runs made
 * side by side, so two versions are counted at the same time. Counts say nothing about time
 * directly: read them next to `bench:rules`.
 *
 * The live pass (receive order, ticks every 5 s of traffic time) of `rules-kit.ts` runs under
 * cachegrind twice in a fresh process, once with 1 pass over the recorded traffic and once with 3;
 * the difference divided by 2 × the positions is the cost per fix of a warm pass (start-up, the
 * traffic generator, compilation and the first pass's grid-cell filling cancel out).
 * Defaults: 200 vehicles, 1 h (66,705 positions; about 10 minutes in all). With another checkout
 * (a `git worktree` with node_modules linked, as for `bench:rules:ab`), its engine is counted the
 * same way alongside (one core each) and the ratios printed.
 * The environment sets the engine's options as for bench:rules (`benchOptions`): the ordering
 * configuration, and RULES_BENCH_DETECTORS=none (or a list of detectors to keep) for fewer.
 * Needs valgrind (`apt-get install -y valgrind`). The cache model is cachegrind's: 32 KiB D1 and
 * `--LL=524288,8,64` standing for the EPYC's per-core 512 KiB L2; the host's real L3 is not modelled.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchOptions, loadKit, localKit, pass, record } from './rules-kit.js';

/** One cachegrind run's totals, from its summary on stderr. */
interface Counts {
  instructions: number;
  d1Misses: number;
  l2Misses: number;
}

const FIELDS: [keyof Counts, RegExp][] = [
  ['instructions', /I\s+refs:\s+([\d,]+)/],
  ['d1Misses', /D1\s+misses:\s+([\d,]+)/],
  ['l2Misses', /LLd\s+misses:\s+([\d,]+)/],
];

/** The totals cachegrind printed, or an error naming what was missing. */
export function parseCachegrind(stderr: string): Counts {
  const out = {} as Counts;
  for (const [key, re] of FIELDS) {
    const m = re.exec(stderr);
    if (!m) throw new Error(`cachegrind printed no ${key} total:\n${stderr.slice(-2000)}`);
    out[key] = Number(m[1]!.replaceAll(',', ''));
  }
  return out;
}

/** Runs `passes` live passes of `kit` (this checkout's, or `other`'s) under cachegrind. */
async function counted(vehicles: number, hours: number, passes: number, other: string | undefined) {
  const script = fileURLToPath(import.meta.url);
  const res = await run('valgrind', [
    '--tool=cachegrind',
    '--cache-sim=yes',
    '--LL=524288,8,64',
    '--cachegrind-out-file=/dev/null',
    process.execPath,
    // V8's predictable mode: no helper threads (concurrent marking, background compilation:
    // their work would be counted with the pass's, and would vary with how valgrind schedules
    // them), and a garbage-collection schedule that does not follow the clock (heap growing,
    // idle and memory-reducing decisions read the time, which under valgrind and another
    // process's load runs differently from run to run).
    '--predictable',
    '--expose-gc',
    '--import',
    'tsx',
    script,
    '--child',
    String(vehicles),
    String(hours),
    String(passes),
    other ?? '',
  ]);
  if (res.error) {
    const missing = (res.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? 'valgrind is not installed: apt-get install -y valgrind' : res.error.message);
  }
  if (res.status !== 0)
    throw new Error(`the counted run failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  const n = Number(/^positions (\d+)$/m.exec(res.stdout)?.[1]);
  if (!n) throw new Error(`the counted run printed no positions:\n${res.stdout}`);
  return { n, ...parseCachegrind(res.stderr) };
}

/** A child's exit status and output (spawned, so that two can run at once). */
function run(
  cmd: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string; error?: Error }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => done({ status: null, stdout, stderr, error }));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Per fix of a warm pass: (3 passes − 1 pass) / (2 × positions). */
async function perFix(vehicles: number, hours: number, other?: string): Promise<Counts> {
  const one = await counted(vehicles, hours, 1, other);
  const three = await counted(vehicles, hours, 3, other);
  const per = (k: keyof Counts) => (three[k] - one[k]) / (2 * one.n);
  return { instructions: per('instructions'), d1Misses: per('d1Misses'), l2Misses: per('l2Misses') };
}

const line = (label: string, c: Counts): string =>
  `${label}: ${Math.round(c.instructions).toLocaleString('en-US')} instructions, ${c.d1Misses.toFixed(1)} D1 misses, ${c.l2Misses.toFixed(2)} L2 (512 KiB) misses per fix`;

async function child(args: string[]): Promise<void> {
  const [vehicles, hours, passes] = args.slice(0, 3).map(Number) as [number, number, number];
  const kit = args[3] ? await loadKit(resolve(args[3])) : localKit;
  const rec = record(vehicles, hours);
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { options } = benchOptions(); // the environment is the parent's
  for (let k = 0; k < passes; k++) {
    gc(); // each pass from a collected heap, as in bench:rules
    pass(rec, kit, options, true);
  }
  console.log(`positions ${rec.n}`);
}

async function main(args: string[]): Promise<void> {
  const [vehicles = 200, hours = 1] = args.slice(0, 2).map(Number);
  const other = args[2];
  console.log(
    `rules count: ${vehicles} vehicles, ${hours} h, live order, detectors: ${benchOptions().names.join(', ') || 'none'}; cachegrind (D1 32 KiB, L2 modelled as 512 KiB)`,
  );
  // The two checkouts are counted side by side, so that both run under the same load: counts of
  // the same code still move by a few per cent with what else the machine does (BENCHMARKS.md).
  const [here, there] = await Promise.all([
    perFix(vehicles, hours),
    other ? perFix(vehicles, hours, other) : undefined,
  ]);
  console.log(line(`this checkout (${resolve('.')})`, here));
  if (!other || !there) return;
  console.log(line(`other (${resolve(other)})`, there));
  const r = (k: keyof Counts) => (here[k] / there[k]).toFixed(3);
  console.log(
    `this / other: instructions ${r('instructions')}, D1 misses ${r('d1Misses')}, L2 misses ${r('l2Misses')}`,
  );
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv.slice(1));
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(argv);
