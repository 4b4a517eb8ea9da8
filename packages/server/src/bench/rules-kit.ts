/**
 * What `npm run bench:rules` and `npm run bench:rules:ab` share: the recorded traffic (simulated
 * Panjin traffic with 5,000 geofences, kept columnar as a replay file would be) and one timed
 * pass of a rule engine over it. The engine comes as a `Kit` — this checkout's rule modules, or
 * another checkout's loaded from its sources — so two versions can run on the same traffic, in
 * the same process.
 */
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../config.js';
import { StaticRuleContext } from '../rules/context.js';
import { detectors } from '../rules/detectors/index.js';
import type { AnyDetector } from '../rules/detectors/index.js';
import { RuleEngine, type EngineOptions } from '../rules/engine.js';
import { GeofenceIndex, type Geofence } from '../rules/geofences.js';
import { bans, fences, rng, roads, traffic } from '../rules/simulate.js';
import type { BanWindow, VehicleContext } from '../rules/context.js';
import type { RuleEvent, RuleFix } from '../rules/types.js';

/** The rule modules a pass needs. */
export interface Kit {
  RuleEngine: typeof RuleEngine;
  StaticRuleContext: typeof StaticRuleContext;
  GeofenceIndex: typeof GeofenceIndex;
  detectors: readonly AnyDetector[];
}

export const localKit: Kit = { RuleEngine, StaticRuleContext, GeofenceIndex, detectors };

/**
 * Another checkout's rule modules (`root` holds its `packages/server/src`), loaded from its own
 * sources: run under tsx, as the npm scripts do. Its data types must match this checkout's
 * (fences, bans, vehicle contexts and fixes are passed to it as this checkout makes them).
 */
export async function loadKit(root: string): Promise<Kit> {
  const src = (f: string) => pathToFileURL(`${root}/packages/server/src/rules/${f}`).href;
  const [engine, context, geofences, index] = await Promise.all([
    import(src('engine.ts')),
    import(src('context.ts')),
    import(src('geofences.ts')),
    import(src('detectors/index.ts')),
  ]);
  return {
    RuleEngine: engine.RuleEngine,
    StaticRuleContext: context.StaticRuleContext,
    GeofenceIndex: geofences.GeofenceIndex,
    detectors: index.detectors,
  } as Kit;
}

export interface Recorded {
  n: number;
  col: {
    vehicle: Int32Array;
    deviceTime: Float64Array;
    receivedTime: Float64Array;
    lat: Float64Array;
    lon: Float64Array;
    speed: Float32Array;
    alarm: Uint8Array;
  };
  ids: string[];
  drivers: string[];
  vehicles: VehicleContext[];
  fences: Geofence[];
  bans: BanWindow[];
  start: number;
}

/** RULES_BENCH_BANS: how many local bans besides the simulation's two (a city with dozens); 0 when unset. */
function extraBans(): number {
  const v = process.env['RULES_BENCH_BANS'];
  const n = v === undefined || v === '' ? 0 : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`RULES_BENCH_BANS: a whole number ≥ 0, not "${v}"`);
  return n;
}

/** The traffic of `vehicles` vehicles over `hours` hours, in receive order (seeded: always the same). */
export function record(vehicles: number, hours: number): Recorded {
  const random = rng(20261122);
  const start = Date.parse('2026-11-23T06:00:00+08:00');
  const roadList = roads(40, random);
  const fenceList = fences(roadList, 5000, random);
  const { vehicles: ctxs, fixes } = traffic(vehicles, hours, start, roadList, random);
  // Kept columnar, as a replay file would be; each fix object is created in the timed loop right
  // before it is ingested, as the pipeline hands the engine a freshly decoded position.
  const col = {
    vehicle: Int32Array.from(fixes, (f) => Number(f.vehicleId.slice(4))),
    deviceTime: Float64Array.from(fixes, (f) => f.deviceTime),
    receivedTime: Float64Array.from(fixes, (f) => f.receivedTime),
    lat: Float64Array.from(fixes, (f) => f.lat),
    lon: Float64Array.from(fixes, (f) => f.lon),
    speed: Float32Array.from(fixes, (f) => f.speed),
    alarm: Uint8Array.from(fixes, (f) => (f.alarms.length > 0 ? 1 : 0)),
  };
  const n = fixes.length;
  fixes.length = 0;
  return {
    n,
    col,
    ids: ctxs.map((v) => v.vehicleId),
    drivers: ctxs.map((v) => `drv-${v.vehicleId}`),
    vehicles: ctxs,
    fences: fenceList,
    bans: bans(fenceList, extraBans()),
    start,
  };
}

/**
 * Reorders the columns by vehicle, as a replay file grouped by vehicle would be stored, so a
 * pass reads its traffic front to back. (Reading receive-ordered columns through an index sorted
 * by vehicle made every field of every fix a cache miss: 22 % of the grouped pass went to the
 * bench itself.)
 */
export function groupByVehicle(rec: Recorded): void {
  const { col, n } = rec;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => col.vehicle[a]! - col.vehicle[b]! || a - b,
  );
  for (const c of Object.values(col)) {
    const copy = c.slice();
    for (let k = 0; k < n; k++) c[k] = copy[order[k]!]!;
  }
}

/**
 * Each kit's index of the traffic's fences, built once: its grid cells fill as fixes first fall
 * in them and stay filled from round to round, as in a running server.
 */
const indexes = new Map<Kit, { rec: Recorded; index: GeofenceIndex }>();
function indexOf(rec: Recorded, kit: Kit): GeofenceIndex {
  let e = indexes.get(kit);
  if (!e || e.rec !== rec) {
    e = { rec, index: new kit.GeofenceIndex(rec.fences) };
    indexes.set(kit, e);
  }
  return e.index;
}

/**
 * The orders to run, `only` one of them if given ('live' or 'grouped'): live first, then the
 * columns are grouped by vehicle for the grouped replay.
 */
export function* orders(rec: Recorded, only: string | undefined): Generator<[string, boolean]> {
  if (!only || only === 'live') yield ['live (interleaved)', true];
  if (!only || only === 'grouped') {
    groupByVehicle(rec);
    yield ['replay grouped by vehicle', false];
  }
}

const noAlarms: string[] = [];
const powerLow = ['powerUndervoltage'];

/** What `pass` takes besides the traffic and the kit. */
export type PassOptions = Omit<EngineOptions, 'detectors'> & {
  detectors?: (all: readonly AnyDetector[]) => readonly AnyDetector[];
};

/**
 * The options every rule bench runs with, from the environment: the server's ordering
 * configuration (RULES_REORDER_WINDOW_S, RULES_CONTIGUOUS_GAP_S) and RULES_BENCH_DETECTORS (`none`,
 * or a comma-separated list of the detectors to keep; unset: all). `names`: the detectors kept.
 */
export function benchOptions(): { options: PassOptions; names: string[]; windowS: number; gapS: number } {
  const config = parseConfig({
    RULES_REORDER_WINDOW_S: process.env['RULES_REORDER_WINDOW_S'],
    RULES_CONTIGUOUS_GAP_S: process.env['RULES_CONTIGUOUS_GAP_S'],
  });
  const all = localKit.detectors.map((d) => d.name);
  const keep = process.env['RULES_BENCH_DETECTORS'];
  const asked = !keep ? all : keep === 'none' ? [] : keep.split(',');
  const unknown = asked.filter((n) => !all.includes(n));
  if (unknown.length > 0)
    throw new Error(
      `RULES_BENCH_DETECTORS: unknown ${unknown.join(', ')}; known detectors are ${all.join(', ')}`,
    );
  const names = all.filter((n) => asked.includes(n)); // in the engine's order
  const options: PassOptions = {
    reorderWindowMs: config.RULES_REORDER_WINDOW_S * 1000,
    contiguousMs: config.RULES_CONTIGUOUS_GAP_S * 1000,
  };
  if (keep) options.detectors = (ds) => ds.filter((d) => names.includes(d.name));
  return { options, names, windowS: config.RULES_REORDER_WINDOW_S, gapS: config.RULES_CONTIGUOUS_GAP_S };
}

export interface PassResult {
  /** Positions per wall-clock second, and per CPU-second of this process (user + system). */
  wall: number;
  cpu: number;
  line: string;
  engine: RuleEngine;
}

/**
 * One pass over the traffic in the columns' order. `live`: receive order, all vehicles
 * interleaved as on the bus, with a tick every 5 s of traffic time. Otherwise a replay grouped by
 * vehicle (each vehicle's day in one go, as when recomputing an assessment), which keeps a
 * vehicle's state in the CPU cache; no ticks (time is not monotonic across vehicles), drained at
 * the end.
 */
export function pass(rec: Recorded, kit: Kit, options: PassOptions, live: boolean): PassResult {
  const { col, n, ids, drivers } = rec;
  const fixAt = (i: number): RuleFix => {
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
  };
  const ctx = new kit.StaticRuleContext(indexOf(rec, kit), rec.bans);
  for (const v of rec.vehicles) ctx.setVehicle(v);
  const { detectors: pick, ...engineOptions } = options;
  const engine = new kit.RuleEngine(ctx, {
    ...engineOptions,
    detectors: pick ? pick(kit.detectors) : kit.detectors,
  });
  const out: RuleEvent[] = [];
  const counts = new Map<string, number>();
  let nextTick = rec.start;
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

/** "best X, median Y" of a list of rates. */
export function summary(xs: readonly number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number) => Math.round(x).toLocaleString('en-US');
  return `best ${f(s[s.length - 1]!)}, median ${f(s[Math.floor(s.length / 2)]!)}`;
}
