/**
 * `npx tsx packages/server/src/bench/cpu-split.ts <file.cpuprofile>`: splits the CPU of a
 * `node --cpu-prof` profile (e.g. of `bench:e2e`) by consumer. A sample counts for the outermost
 * frame of the server's code on its stack (the rule worker, the alarms, the waybill tracker, the
 * live state, the position ingest and store, the gateway); samples with none (socket and
 * database-driver callbacks, the bus, GC) are grouped by what they run.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, RegExp][] = [
  ['rules worker + engine', /\/modules\/rules\/|\/src\/rules\//],
  ['alarms', /\/modules\/alarms\//],
  ['waybill tracker', /\/modules\/waybills\//],
  ['live state', /\/modules\/positions\/live/],
  ['position ingest + store', /\/modules\/positions\//],
  ['gateway + JT/T 808 codec', /\/src\/gateway\/|\/packages\/jt808\//],
  ['archives (certificate job, lookups)', /\/modules\/archives\//],
];
const FALLBACK: [string, RegExp][] = [
  ['bus (in-process / NATS)', /\/platform\/bus\/|@nats-io/],
  ['pg driver (replies, unattributed)', /node_modules\/pg/],
  ['pino / fastify', /node_modules\/(pino|fastify|avvio)/],
];

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function category(leaf: number): string {
  const stack: Node[] = [];
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
  stack.reverse(); // root first
  for (const n of stack) for (const [name, re] of CATEGORIES) if (re.test(n.callFrame.url)) return name;
  for (const n of stack) for (const [name, re] of FALLBACK) if (re.test(n.callFrame.url)) return name;
  const top = stack[stack.length - 1]!.callFrame;
  if (top.functionName === '(idle)') return '(idle)';
  if (top.functionName === '(garbage collector)') return '(garbage collector)';
  return top.url.includes('node:') || top.url === ''
    ? `node internals (${top.functionName || 'anonymous'})`
    : 'other';
}

const totals = new Map<string, number>();
profile.samples.forEach((s, i) => {
  const c = category(s);
  totals.set(c, (totals.get(c) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const idle = totals.get('(idle)') ?? 0;
let busy = 0;
for (const [k, v] of totals) if (k !== '(idle)') busy += v;
const rows = [...totals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]);
// Node internals are many small groups: show the largest, sum the rest.
let rest = 0;
for (const [k, v] of rows) {
  if (k.startsWith('node internals') && v / busy < 0.02) {
    rest += v;
    continue;
  }
  process.stdout.write(
    `${((v / busy) * 100).toFixed(1).padStart(5)}%  ${(v / 1e6).toFixed(2).padStart(7)} s  ${k}\n`,
  );
}
process.stdout.write(
  `${((rest / busy) * 100).toFixed(1).padStart(5)}%  ${(rest / 1e6).toFixed(2).padStart(7)} s  node internals (the rest)\n`,
);
process.stdout.write(`busy ${(busy / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s\n`);
