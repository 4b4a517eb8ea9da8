/**
 * Track playback (轨迹回放) as pure functions over GET /api/vehicles/:id/track: the track lines
 * split at gaps, the gaps themselves, stops, alarm markers, and the interpolated position at a
 * playback time. The server marks gaps (gapBefore, TRACK_GAP_S); stops are found here.
 */
import type { Alarm, TrackPoint } from '../api/types.js';
import type { Feature, FeatureCollection } from '../map/features.js';

type Position = [number, number];
type Line = { type: 'LineString'; coordinates: Position[] };
type Point = { type: 'Point'; coordinates: Position };

/** Below this a vehicle counts as stopped, km/h (the rule engine's movingSpeedKmh: GNSS jitter). */
export const STOP_SPEED_KMH = 5;
/** Shortest stop shown, seconds. */
export const STOP_MIN_S = 180;

export interface Stop {
  from: string;
  to: string;
  seconds: number;
  lat: number;
  lon: number;
}

export interface Marker {
  t: string;
  lat: number;
  lon: number;
  /** Terminal alarm names (JT/T 808 table 24) or the platform alarm type. */
  label: string;
  source: 'terminal' | 'platform';
  alarmId?: string;
}

const ms = (iso: string) => Date.parse(iso);

export function validPoints(points: readonly TrackPoint[]): TrackPoint[] {
  return points.filter((p) => p.valid && Number.isFinite(p.lat) && Number.isFinite(p.lon));
}

/** One line per run of valid fixes between gaps (a run of one fix draws nothing). */
export function trackLines(points: readonly TrackPoint[]): FeatureCollection<Line, { run: number }> {
  const runs: Position[][] = [];
  for (const p of validPoints(points)) {
    if (runs.length === 0 || p.gapBefore) runs.push([]);
    runs[runs.length - 1]!.push([p.lon, p.lat]);
  }
  return {
    type: 'FeatureCollection',
    features: runs
      .filter((r) => r.length >= 2)
      .map((coordinates, run) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates },
        properties: { run },
      })),
  };
}

/** A dashed segment across each gap: from the last fix before it to the first after. */
export function gapLines(points: readonly TrackPoint[]): FeatureCollection<Line, { seconds: number }> {
  const v = validPoints(points);
  const features: Feature<Line, { seconds: number }>[] = [];
  for (let i = 1; i < v.length; i++) {
    const p = v[i]!;
    if (!p.gapBefore) continue;
    const q = v[i - 1]!;
    features.push({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [q.lon, q.lat],
          [p.lon, p.lat],
        ],
      },
      properties: { seconds: Math.round((ms(p.t) - ms(q.t)) / 1000) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Stops: runs of consecutive valid fixes at or below `maxKmh` lasting at least `minSeconds`
 * (a gap ends a run: what happened in it is unknown). Placed at the run's first fix.
 */
export function detectStops(
  points: readonly TrackPoint[],
  maxKmh = STOP_SPEED_KMH,
  minSeconds = STOP_MIN_S,
): Stop[] {
  const v = validPoints(points);
  const stops: Stop[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    const a = v[start]!;
    const b = v[end]!;
    const seconds = Math.round((ms(b.t) - ms(a.t)) / 1000);
    if (seconds >= minSeconds) stops.push({ from: a.t, to: b.t, seconds, lat: a.lat, lon: a.lon });
    start = -1;
  };
  for (let i = 0; i < v.length; i++) {
    const p = v[i]!;
    if (p.gapBefore) close(i - 1);
    if (p.speed <= maxKmh) {
      if (start < 0) start = i;
    } else close(i - 1);
  }
  close(v.length - 1);
  return stops;
}

/** Where the terminal's alarm word turns on (a new set of alarm names), and the platform's alarms with a position. */
export function alarmMarkers(points: readonly TrackPoint[], alarms: readonly Alarm[] = []): Marker[] {
  const out: Marker[] = [];
  let prev = '';
  for (const p of validPoints(points)) {
    const key = [...p.alarms].sort().join(',');
    if (key && key !== prev) out.push({ t: p.t, lat: p.lat, lon: p.lon, label: key, source: 'terminal' });
    prev = key;
  }
  for (const a of alarms) {
    if (a.lat === null || a.lon === null) continue;
    out.push({ t: a.startedAt, lat: a.lat, lon: a.lon, label: a.type, source: 'platform', alarmId: a.id });
  }
  return out.sort((a, b) => ms(a.t) - ms(b.t));
}

export function pointFeatures<P>(
  items: readonly (P & { lat: number; lon: number })[],
): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: items.map((i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
      properties: i,
    })),
  };
}

export interface Playhead {
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  /** Index of the last fix at or before the time. */
  index: number;
}

/**
 * The vehicle at time `t` (ms): between two fixes of one run, linearly interpolated; inside a
 * gap it waits at the fix before the gap (where it was last seen). Null before the first fix.
 */
export function positionAt(valid: readonly TrackPoint[], t: number): Playhead | null {
  if (valid.length === 0 || t < ms(valid[0]!.t)) return null;
  let lo = 0;
  let hi = valid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ms(valid[mid]!.t) <= t) lo = mid;
    else hi = mid - 1;
  }
  const a = valid[lo]!;
  const b = valid[lo + 1];
  if (!b || b.gapBefore) return { lat: a.lat, lon: a.lon, speed: a.speed, heading: a.heading, index: lo };
  const span = ms(b.t) - ms(a.t);
  const f = span > 0 ? (t - ms(a.t)) / span : 0;
  return {
    lat: a.lat + (b.lat - a.lat) * f,
    lon: a.lon + (b.lon - a.lon) * f,
    speed: a.speed + (b.speed - a.speed) * f,
    heading: a.heading,
    index: lo,
  };
}

/** Playback speeds offered (1× real time up to 64×). */
export const playbackSpeeds = [1, 2, 4, 8, 16, 32, 64] as const;

/** The playback time after `elapsedMs` of wall-clock at `speed`×, stopping at `end`. */
export function advance(t: number, elapsedMs: number, speed: number, end: number): number {
  return Math.min(end, t + elapsedMs * speed);
}

/** [west, south, east, north] of the valid fixes, or null. */
export function trackBounds(points: readonly TrackPoint[]): [number, number, number, number] | null {
  const v = validPoints(points);
  if (v.length === 0) return null;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of v) {
    w = Math.min(w, p.lon);
    e = Math.max(e, p.lon);
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}
