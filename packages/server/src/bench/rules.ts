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
 * Each round starts after a full garbage collection (`--expose-gc`, which the npm script passes):
 * without it, the first rounds ran while V8 was still marking the ~1 GB the traffic generator
 * left behind, and the live figure swung by 2× from round to round.
 * After the live rounds it also times the state snapshot (`snapshotJson`, what the worker
 * writes to `rule_state` every 30 s for every vehicle that changed) over the whole fleet.
 */
import { parseConfig } from '../config.js';
import { StaticRuleContext } from '../rules/context.js';
import { detectors as allDetectors } from '../rules/detectors/index.js';
import { RuleEngine } from '../rules/engine.js';
import { GeofenceIndex } from '../rules/geofences.js';
import { bans, fences, rng, roads, traffic } from '../rules/simulate.js';
import { SNAPSHOT_SLICE } from '../rules/state-store.js';
import type { RuleEvent, RuleFix } from '../rules/types.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc)
  console.log(
    'note: run with node --expose-gc (as `npm run bench:rules` does) for a full GC before each round',
  );

const [vehicles = 1000, hours = 8, rounds = 5] = process.argv.slice(2, 5).map(Number);
const only = process.argv[5];
const config = parseConfig({
  RULES_REORDER_WINDOW_S: process.env['RULES_REORDER_WINDOW_S'],
  RULES_CONTIGUOUS_GAP_S: process.env['RULES_CONTIGUOUS_GAP_S'],
});
const keep = process.env['RULES_BENCH_DETECTORS'];
const detectors =
  keep === undefined || keep === ''
    ? allDetectors
    : allDetectors.filter((d) => keep.split(',').includes(d.name));
if (keep && keep !== 'none' && detectors.length !== keep.split(',').length) {
  throw new Error(`RULES_BENCH_DETECTORS: known detectors are ${allDetectors.map((d) => d.name).join(', ')}`);
}
const engineOptions = {
  reorderWindowMs: config.RULES_REORDER_WINDOW_S * 1000,
  contiguousMs: config.RULES_CONTIGUOUS_GAP_S * 1000,
  detectors,
};
const random = rng(20261122);
const start = Date.parse('2026-11-23T06:00:00+08:00');

const roadList = roads(40, random);
const fenceList = fences(roadList, 5000, random);
const t0 = performance.now();
const index = new GeofenceIndex(fenceList);
const indexMs = performance.now() - t0;
const { vehicles: ctxs, fixes } = traffic(vehicles, hours, start, roadList, random);
console.log(
  `rules bench: ${fenceList.length} geofences (index built in ${indexMs.toFixed(1)} ms), ${ctxs.length} vehicles, ${hours} h, ${fixes.length} positions; reorder window ${config.RULES_REORDER_WINDOW_S} s, contiguous gap ${config.RULES_CONTIGUOUS_GAP_S} s; detectors: ${detectors.map((d) => d.name).join(', ') || 'none'}`,
);

// Recorded traffic kept columnar, as a replay file would be; each fix object is created in the
// timed loop right before it is ingested, as the pipeline hands the engine a freshly decoded
// position (creating it is part of the measured cost).
const n = fixes.length;
const col = {
  vehicle: Int32Array.from(fixes, (f) => Number(f.vehicleId.slice(4))),
  deviceTime: Float64Array.from(fixes, (f) => f.deviceTime),
  receivedTime: Float64Array.from(fixes, (f) => f.receivedTime),
  lat: Float64Array.from(fixes, (f) => f.lat),
  lon: Float64Array.from(fixes, (f) => f.lon),
  speed: Float32Array.from(fixes, (f) => f.speed),
  alarm: Uint8Array.from(fixes, (f) => (f.alarms.length > 0 ? 1 : 0)),
};
fixes.length = 0;
const ids = ctxs.map((v) => v.vehicleId);
const drivers = ctxs.map((v) => `drv-${v.vehicleId}`);
const noAlarms: string[] = [];
const powerLow = ['powerUndervoltage'];
function fixAt(i: number): RuleFix {
  const v = col.vehicle[i]!;
  const speed = col.speed[i]!;
  return {
    vehicleId: ids[v]!,
    deviceTime: col.deviceTime[i]!,
    receivedTime: col.receivedTime[i]!,
    lat: col.lat[i]!,
    lon: col.lon[i]!,
    speed,
    heading: 0,
    altitude: 5,
    alarms: col.alarm[i] ? powerLow : noAlarms,
    acc: speed > 0,
    fixed: true,
    valid: true,
    driverId: drivers[v]!,
  };
}

const summary = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  const f = (x: number) => Math.round(x).toLocaleString('en-US');
  return `best ${f(xs[xs.length - 1]!)}, median ${f(xs[Math.floor(xs.length / 2)]!)}`;
};

/**
 * One pass over the traffic in the columns' order. `live`: receive order, all vehicles
 * interleaved as on the bus, with a tick every 5 s of traffic time. Otherwise a replay grouped by
 * vehicle (each vehicle's day in one go, as when recomputing an assessment), which keeps a
 * vehicle's state in the CPU cache; no ticks (time is not monotonic across vehicles), drained at
 * the end.
 */
function pass(live: boolean): { wall: number; cpu: number; line: string; engine: RuleEngine } {
  const ctx = new StaticRuleContext(index, bans(fenceList));
  for (const v of ctxs) ctx.setVehicle(v);
  const engine = new RuleEngine(ctx, engineOptions);
  const out: RuleEvent[] = [];
  const counts = new Map<string, number>();
  let nextTick = start;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (let k = 0; k < n; k++) {
    const f = fixAt(k);
    if (live && f.receivedTime >= nextTick) {
      engine.tick(f.receivedTime, out);
      nextTick = f.receivedTime + 5_000;
    }
    engine.ingest(f, out);
    if (out.length > 1000) {
      for (const e of out) if (e.phase === 'started') counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      out.length = 0;
    }
  }
  engine.drain(out);
  const ms = performance.now() - w0;
  const c = process.cpuUsage(cpu0);
  for (const e of out) if (e.phase === 'started') counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const wall = n / (ms / 1000);
  const cpu = n / ((c.user + c.system) / 1e6);
  const line = `${(ms / 1000).toFixed(2)} s wall, ${Math.round(wall).toLocaleString('en-US')} positions/s wall, ${Math.round(cpu).toLocaleString('en-US')} per CPU-second; duplicates ${engine.duplicates}; episodes started: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`;
  return { wall, cpu, line, engine };
}

/** Times `snapshotJson` for every vehicle in slices of SNAPSHOT_SLICE, as `persistDirty` takes them. */
function snapshotRound(engine: RuleEngine): string {
  let bytes = 0;
  let longest = 0;
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += SNAPSHOT_SLICE) {
    const s0 = performance.now();
    for (let k = i; k < Math.min(i + SNAPSHOT_SLICE, ids.length); k++)
      bytes += engine.snapshotJson(ids[k]!)?.length ?? 0;
    longest = Math.max(longest, performance.now() - s0);
  }
  const ms = performance.now() - t0;
  return `state snapshot of ${ids.length} vehicles: ${((ms * 1000) / ids.length).toFixed(1)} µs per vehicle, ${(bytes / ids.length / 1024).toFixed(1)} KiB each; longest slice (${SNAPSHOT_SLICE} vehicles) ${longest.toFixed(1)} ms`;
}

const byVehicle = Int32Array.from({ length: n }, (_, i) => i).sort(
  (a, b) => col.vehicle[a]! - col.vehicle[b]! || a - b,
);
/**
 * Reorders the recorded columns, as a replay file grouped by vehicle would be stored: each pass
 * reads its traffic front to back. (Reading the receive-ordered columns through a grouped index
 * made every field of every fix a cache miss: 22 % of the grouped pass went to the bench itself.)
 */
function reorder(order: Int32Array): void {
  for (const c of Object.values(col)) {
    const copy = c.slice();
    for (let k = 0; k < n; k++) c[k] = copy[order[k]!]!;
  }
}
for (const [label, live] of [
  ['live (interleaved)', true],
  ['replay grouped by vehicle', false],
] as const) {
  if (only && only !== (live ? 'live' : 'grouped')) continue;
  if (!live) reorder(byVehicle);
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: RuleEngine | undefined;
  for (let round = 0; round < rounds; round++) {
    gc?.();
    const r = pass(live);
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
