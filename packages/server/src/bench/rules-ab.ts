/**
 * `npm run bench:rules:ab -- <other checkout> [vehicles hours pairs [live|grouped]]`: this
 * checkout's rule engine against another's (a `git worktree` of the base commit, say, with
 * node_modules linked), on the same recorded traffic, in one process, rounds alternating
 * A B, B A, A B… after a full GC each. On a shared VM the same code's rate moves by ±50 % from
 * run to run; alternating round by round in one process, both versions meet the same weather,
 * and the ratio within each pair is the figure to read.
 * A is the other checkout, B this one. Prints each round, the medians and the ratios B/A.
 */
import { resolve } from 'node:path';
import { benchOptions, orders, loadKit, localKit, pass, record, summary, type Kit } from './rules-kit.js';

const gc = (globalThis as { gc?: () => void }).gc;
const [other, ...rest] = process.argv.slice(2);
if (!other) {
  console.error('usage: npm run bench:rules:ab -- <other checkout> [vehicles hours pairs [live|grouped]]');
  process.exit(2);
}
const [vehicles = 1000, hours = 8, pairs = 6] = rest.slice(0, 3).map(Number);
const only = rest[3];
const { options } = benchOptions();

const kits: [string, Kit][] = [
  [`A ${resolve(other)}`, await loadKit(resolve(other))],
  [`B ${resolve('.')}`, localKit],
];
const rec = record(vehicles, hours);
console.log(
  `rules A/B: ${rec.ids.length} vehicles, ${hours} h, ${rec.n} positions, ${pairs} pairs per order; ${kits.map(([k]) => k).join(' vs ')}`,
);

for (const [label, live] of orders(rec, only)) {
  const rates: number[][] = [[], []];
  const ratios: number[] = [];
  const events: string[] = ['', ''];
  for (let p = 0; p < pairs; p++) {
    const pair: number[] = [0, 0];
    for (const k of p % 2 === 0 ? [0, 1] : [1, 0]) {
      gc?.();
      const r = pass(rec, kits[k]![1], options, live);
      pair[k] = r.cpu;
      rates[k]!.push(r.cpu);
      events[k] = r.line.slice(r.line.indexOf('duplicates'));
      console.log(
        `${label}, pair ${p + 1}, ${k === 0 ? 'A' : 'B'}: ${r.line.slice(0, r.line.indexOf('; dup'))}`,
      );
    }
    ratios.push(pair[1]! / pair[0]!);
  }
  // The same traffic must give the same episodes, else the versions do not do the same work.
  if (events[0] !== events[1])
    console.log(`WARNING: the versions' events differ:\n A ${events[0]}\n B ${events[1]}`);
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`${label}: A per CPU-second ${summary(rates[0]!)}; B ${summary(rates[1]!)}`);
  console.log(
    `${label}: B/A per pair ${ratios.map((r) => r.toFixed(3)).join(', ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}, range ${sorted[0]!.toFixed(3)}–${sorted[sorted.length - 1]!.toFixed(3)}`,
  );
}
