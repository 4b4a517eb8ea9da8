/**
 * Track presentation (轨迹回放): stored fixes in device-time order with gaps marked, and an
 * optional simplification for a map zoom level. Pure functions; the route reads the rows.
 *
 * A gap is two consecutive valid fixes further apart than gapMs (no official 轨迹完整 threshold
 * exists, so it is configurable, TRACK_GAP_S), or the time between the range's start (end) and
 * its first (last) valid fix when that is longer than gapMs.
 */
import { alarmNames } from './position.js';
import type { TrackRow } from './store.js';

export interface TrackPoint {
  t: string;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  altitude: number;
  alarms: string[];
  valid: boolean;
  invalidReasons: string[];
  /** A gap precedes this point (it is the first valid fix after one). */
  gapBefore: boolean;
}

export interface TrackGap {
  from: string;
  to: string;
  seconds: number;
}

export interface Track {
  points: TrackPoint[];
  gaps: TrackGap[];
  /** Points left out by the simplification (0 without zoom). */
  omitted: number;
}

export interface TrackOptions {
  from: Date;
  to: Date;
  gapMs: number;
  /** Web-map zoom (0–22): keep what is visible at one pixel; invalid fixes are left out. */
  zoom?: number;
  /** A range reaching past now ends its trailing gap at now. */
  now: Date;
}

export function buildTrack(rows: readonly TrackRow[], options: TrackOptions): Track {
  const gaps: TrackGap[] = [];
  const gap = (from: Date, to: Date): TrackGap => ({
    from: from.toISOString(),
    to: to.toISOString(),
    seconds: Math.round((to.getTime() - from.getTime()) / 1000),
  });
  let prev: Date | undefined;
  const gapBefore = rows.map((r) => {
    if (!r.valid) return false;
    const t = r.device_time;
    const isGap = prev !== undefined && t.getTime() - prev.getTime() > options.gapMs;
    if (prev === undefined && t.getTime() - options.from.getTime() > options.gapMs)
      gaps.push(gap(options.from, t));
    if (isGap) gaps.push(gap(prev!, t));
    prev = t;
    return isGap;
  });
  const end = new Date(Math.min(options.to.getTime(), options.now.getTime()));
  if (prev === undefined) {
    if (end.getTime() - options.from.getTime() > options.gapMs) gaps.push(gap(options.from, end));
  } else if (end.getTime() - prev.getTime() > options.gapMs) {
    gaps.push(gap(prev, end));
  }

  let keep: number[];
  if (options.zoom === undefined) keep = rows.map((_, i) => i);
  else keep = simplifiedIndices(rows, gapBefore, toleranceMetres(rows, options.zoom));
  const points = keep.map((i) => {
    const r = rows[i]!;
    return {
      t: r.device_time.toISOString(),
      lat: r.lat,
      lon: r.lon,
      speed: r.speed,
      heading: r.heading,
      altitude: r.altitude,
      alarms: alarmNames(Number(r.alarm_bits)),
      valid: r.valid,
      invalidReasons: r.invalid_reasons ?? [],
      gapBefore: gapBefore[i]!,
    };
  });
  return { points, gaps, omitted: rows.length - points.length };
}

/** One pixel at this zoom, in metres (256-px Web-Mercator tiles), at the track's latitude. */
export function toleranceMetres(rows: readonly TrackRow[], zoom: number): number {
  const lat = rows.find((r) => r.valid)?.lat ?? 0;
  return (156_543.033_92 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;
}

/**
 * Douglas–Peucker on each run of valid fixes between gaps. Always kept: the ends of each run and
 * every fix whose alarm word differs from the fix before (so alarm markers survive).
 */
export function simplifiedIndices(
  rows: readonly TrackRow[],
  gapBefore: readonly boolean[],
  tolerance: number,
): number[] {
  const valid: number[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i]!.valid) valid.push(i);
  const keep = new Set<number>();
  let runStart = 0;
  for (let k = 1; k <= valid.length; k++) {
    if (k === valid.length || gapBefore[valid[k]!]) {
      const run = valid.slice(runStart, k);
      for (const i of douglasPeucker(rows, run, tolerance)) keep.add(i);
      runStart = k;
    }
  }
  for (let k = 1; k < valid.length; k++) {
    if (Number(rows[valid[k]!]!.alarm_bits) !== Number(rows[valid[k - 1]!]!.alarm_bits)) keep.add(valid[k]!);
  }
  return [...keep].sort((a, b) => a - b);
}

const EARTH_RADIUS_M = 6_371_008.8;

function douglasPeucker(rows: readonly TrackRow[], run: readonly number[], tolerance: number): number[] {
  if (run.length <= 2) return [...run];
  // Local equirectangular projection to metres: exact enough over a track's extent.
  const lat0 = (rows[run[0]!]!.lat * Math.PI) / 180;
  const x = run.map((i) => ((rows[i]!.lon * Math.PI) / 180) * Math.cos(lat0) * EARTH_RADIUS_M);
  const y = run.map((i) => ((rows[i]!.lat * Math.PI) / 180) * EARTH_RADIUS_M);
  const kept = new Uint8Array(run.length);
  kept[0] = 1;
  kept[run.length - 1] = 1;
  const stack: [number, number][] = [[0, run.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let worst = -1;
    let worstDist = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(x[i]!, y[i]!, x[a]!, y[a]!, x[b]!, y[b]!);
      if (d > worstDist) {
        worstDist = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      kept[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return run.filter((_, k) => kept[k] === 1);
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
