/**
 * `npm run bench:rules`: the full detector set with 5,000 geofences on simulated Panjin traffic,
 * pure (no I/O, no bus). The engine runs on one thread. Two figures per round: positions per
 * wall-clock second, and positions per CPU-second of this process (user + system, GC threads
 * included) — on a machine shared with other work the second is the honest per-core figure.
 * Usage: npm run bench:rules [-- vehicles hours rounds [live|grouped]] (both orders by default)
 * The engine runs with the server's ordering configuration (RULES_REORDER_WINDOW_S, default 60 s,
 * and RULES_CONTIGUOUS_GAP_S, default 35 s: an in-order fix goes through at once); set them in
 * the environment to measure another one, e.g. RULES_CONTIGUOUS_GAP_S=0 holds every fix for the
 * whole window (the engine's bare default, and this bench's setting before 2026-12-02).
 * RULES_BENCH_DETECTORS=none (or a comma-separated list of detector names to keep, e.g.
 * data_quality,geofence) measures the engine with fewer detectors: what the frame costs alone.
 * RULES_BENCH_BANS=N adds N local bans to the simulation's two (each one road, one goods class,
 * one hour a day), to measure what a city with many bans costs.
 * Each round starts after a full garbage collection (`--expose-gc`, which the npm script passes):
 * without it, the first rounds ran while V8 was still marking the ~1 GB the traffic generator
 * left behind, and the live figure swung by 2× from round to round.
 * After the live rounds it also times the state snapshot (`snapshotJson`, what the worker
 * writes to `rule_state` every 30 s for every vehicle that changed) over the whole fleet.
 * To compare two versions of the engine, use `npm run bench:rules:ab` (rules-ab.ts).
 */
import type { RuleEngine } from '../rules/engine.js';
import { SNAPSHOT_SLICE } from '../rules/state-store.js';
import { benchOptions, orders, localKit, pass, record, summary } from './rules-kit.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc)
  console.log(
    'note: run with node --expose-gc (as `npm run bench:rules` does) for a full GC before each round',
  );

const [vehicles = 1000, hours = 8, rounds = 5] = process.argv.slice(2, 5).map(Number);
const only = process.argv[5];
const { options, names, windowS, gapS } = benchOptions();

const rec = record(vehicles, hours);
const t0 = performance.now();
new localKit.GeofenceIndex(rec.fences);
const indexMs = performance.now() - t0;
console.log(
  `rules bench: ${rec.fences.length} geofences (index built in ${indexMs.toFixed(1)} ms), ${rec.ids.length} vehicles, ${hours} h, ${rec.n} positions; reorder window ${windowS} s, contiguous gap ${gapS} s; detectors: ${names.join(', ') || 'none'}`,
);

/** Times `snapshotJson` for every vehicle in slices of SNAPSHOT_SLICE, as `persistDirty` takes them. */
function snapshotRound(engine: RuleEngine): string {
  let bytes = 0;
  let longest = 0;
  const t0 = performance.now();
  for (let i = 0; i < rec.ids.length; i += SNAPSHOT_SLICE) {
    const s0 = performance.now();
    for (let k = i; k < Math.min(i + SNAPSHOT_SLICE, rec.ids.length); k++)
      bytes += engine.snapshotJson(rec.ids[k]!)?.length ?? 0;
    longest = Math.max(longest, performance.now() - s0);
  }
  const ms = performance.now() - t0;
  return `state snapshot of ${rec.ids.length} vehicles: ${((ms * 1000) / rec.ids.length).toFixed(1)} µs per vehicle, ${(bytes / rec.ids.length / 1024).toFixed(1)} KiB each; longest slice (${SNAPSHOT_SLICE} vehicles) ${longest.toFixed(1)} ms`;
}

for (const [label, live] of orders(rec, only)) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: RuleEngine | undefined;
  for (let round = 0; round < rounds; round++) {
    gc?.();
    const r = pass(rec, localKit, options, live);
    wall.push(r.wall);
    cpu.push(r.cpu);
    if (round === rounds - 1) last = r.engine; // earlier rounds' engines are garbage before the next gc
    console.log(`${label}, round ${round + 1}: ${r.line}`);
  }
  if (live && last) for (let k = 0; k < 3; k++) console.log(snapshotRound(last));
  console.log(
    `${label}: positions/s wall clock ${summary(wall)}; positions per CPU-second (one core) ${summary(cpu)}`,
  );
}
