/**
 * `npm run bench:rules:counts`: the cost of one `bench:rules` round counted, not timed —
 * instructions, first-level data-cache misses and last-level cache misses per position, from
 * valgrind's cachegrind (a simulated cache: the same code gives the same counts on any host).
 * On a shared VM the timed figures swing by ±50 % from minute to minute, so a change of 10–20 %
 * cannot be seen in them; the counts show it. Counts are not speed: a last-level miss costs
 * ~120–250 ns on the development VM, an instruction a fraction of one; read them together.
 *
 * It runs the bench twice at once under cachegrind (needs `apt-get install valgrind`), with 1
 * round and with 2, and divides the difference by the positions of one round: the second round,
 * with the code already optimised (the first one's count is mostly the compiler's). About 7
 * minutes for the default 1,000 vehicles × 1 h on 2 cores.
 * Usage: npm run bench:rules:counts [-- vehicles hours live|grouped]; RULES_BENCH_LL_BYTES sets
 * the simulated last-level cache (default 4 MiB: on the development VM a random read turns from
 * ~20 ns into ~120 ns between a 4 and an 8 MiB working set). Environment variables of
 * `bench:rules` (RULES_BENCH_DETECTORS, RULES_REORDER_WINDOW_S, …) pass through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [vehicles = '1000', hours = '1', order = 'live'] = process.argv.slice(2);
if (order !== 'live' && order !== 'grouped') throw new Error('order: live or grouped');
const llBytes = Number(process.env['RULES_BENCH_LL_BYTES'] ?? 4 * 1024 * 1024);
if (!Number.isInteger(llBytes) || llBytes < 65536 || (llBytes & (llBytes - 1)) !== 0)
  throw new Error('RULES_BENCH_LL_BYTES: a power of two, at least 65536');
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench:rules:counts needs valgrind: apt-get install -y valgrind');
  process.exit(1);
}

const bench = fileURLToPath(new URL('./rules.ts', import.meta.url));

interface Counts {
  instructions: number;
  d1Misses: number;
  llMisses: number;
  positions: number;
  line: string;
}

function run(rounds: number): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=cachegrind',
        '--cache-sim=yes',
        `--LL=${llBytes},16,64`,
        '--cachegrind-out-file=/dev/null',
        process.execPath,
        '--expose-gc',
        '--import',
        'tsx',
        bench,
        vehicles,
        hours,
        String(rounds),
        order,
      ],
      { env: { ...process.env, RULES_BENCH_COUNTS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const num = (re: RegExp) => {
        const m = re.exec(text);
        if (!m) throw new Error(`cachegrind output without ${re.source}:\n${text.slice(-2000)}`);
        return Number(m[1]!.replaceAll(',', ''));
      };
      try {
        if (code !== 0) throw new Error(`exit ${code}:\n${text.slice(-2000)}`);
        resolve({
          instructions: num(/I\s+refs:\s+([\d,]+)/),
          d1Misses: num(/D1\s+misses:\s+([\d,]+)/),
          llMisses: num(/LL misses:\s+([\d,]+)/),
          positions: num(/vehicles, [\d.]+ h, (\d+) positions/),
          line: /^rules bench: .*$/m.exec(text)?.[0] ?? '',
        });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

const t0 = performance.now();
const [one, two] = await Promise.all([run(1), run(2)]);
const n = two.positions;
const per = (a: number, b: number) => ((a - b) / n).toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(two.line);
console.log(
  `a second ${order} round under cachegrind (LL ${llBytes / 1024 / 1024} MiB, 16-way), per position: ` +
    `${per(two.instructions, one.instructions)} instructions, ` +
    `${per(two.d1Misses, one.d1Misses)} D1 misses, ${per(two.llMisses, one.llMisses)} LL misses ` +
    `(${n.toLocaleString('en-US')} positions; ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);
