/**
 * CPU cost of the live worker's part of one map update for 10,000 vehicles: parse a v2 delta
 * (compact rows), merge it into the store, filter (vehicleFrame), cluster (supercluster) and
 * build the GPU-ready batches: clustered at the start zoom (8) and a dot per vehicle. Off the
 * main thread in the console (map/live-worker.ts); the main thread's part is measured in the
 * browser (e2e/live-map-perf.test.ts).
 * Run: npx tsx packages/web/bench/vehicle-features.ts
 */
import { VehicleSerials, vehicleFrame } from '../src/map/features.js';
import { LiveStore, noFilters, rowFilter, type FeedRow } from '../src/map/live-store.js';
import { clusterBatch, clusterIndex, dotBatch } from '../src/map/vehicle-batch.js';

const N = 10_000;
const RUNS = 60;
const rows = (tick: number): FeedRow[] =>
  Array.from({ length: N }, (_, i) => [
    `perf-${String(i).padStart(5, '0')}`,
    121.7 + (i % 100) * 0.0085 + tick * 0.0002,
    40.85 + Math.floor(i / 100) * 0.0055,
    (i * 7 + tick) % 90,
    90,
    i % 23 === 0 ? 0 : 1,
    1_764_000_000_000 + tick * 1000,
    1_764_000_000_000 + tick * 1000,
    i % 97 === 0 ? ['overspeed'] : [],
  ]);
const store = new LiveStore();
const serials = new VehicleSerials();
const pass = rowFilter(noFilters, new Map());
store.apply({ v: 2, type: 'snapshot', rows: rows(0) });

const phases = {
  parse: [] as number[],
  apply: [] as number[],
  filter: [] as number[],
  cluster: [] as number[],
  dots: [] as number[],
};
let bytes = 0;
let features = 0;
for (let r = 1; r <= RUNS; r++) {
  const text = JSON.stringify({ v: 2, type: 'delta', rows: rows(r) });
  bytes = text.length;
  const t0 = performance.now();
  const msg: unknown = JSON.parse(text);
  const t1 = performance.now();
  store.apply(msg);
  const t2 = performance.now();
  const frame = vehicleFrame(store.rows(), pass, serials);
  features = frame.counts.shown;
  const t3 = performance.now();
  clusterBatch(frame.shown, clusterIndex(frame.shown), 8, r);
  const t4 = performance.now();
  dotBatch(frame.shown, r);
  const t5 = performance.now();
  phases.parse.push(t1 - t0);
  phases.apply.push(t2 - t1);
  phases.filter.push(t3 - t2);
  phases.cluster.push(t4 - t3);
  phases.dots.push(t5 - t4);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(2);
console.log(
  `${N} vehicles, delta ${(bytes / 1e6).toFixed(2)} MB, ${features} features; ${RUNS} runs (ms p50 / p95):`,
);
for (const [k, xs] of Object.entries(phases)) console.log(`  ${k}: ${pct(xs, 50)} / ${pct(xs, 95)}`);
