/**
 * Data quality (数据合格率, 漂移, 轨迹完整率; regulations.md §5). Runs first and sets the verdict
 * the other detectors obey: invalid and drifted fixes are counted, never driven on.
 * - invalid: outside the assessment's valid ranges (考核办法 note 4) or flagged by the pipeline;
 * - drift: implied speed from the last accepted fix above `driftSpeedKmh` over more than
 *   `driftMinMetres`; after `driftAcceptAfter` drifted fixes in a row the new place is accepted;
 * - track gap: consecutive accepted fixes farther apart than `trackGapMetres` (incomplete mileage).
 */
import { episodeEvent, instant, open, type Detector, type Open } from '../detector.js';

export interface DataQualityState {
  invalid: (Open & { count: number }) | null;
  drifted: number;
}

/** 考核办法 note 4: longitude 73°33′E–135°05′E, latitude 3°51′N–53°33′N, speed 0–160, altitude −200–6500. */
export const VALID_RANGES = {
  lonMin: 73 + 33 / 60,
  lonMax: 135 + 5 / 60,
  latMin: 3 + 51 / 60,
  latMax: 53 + 33 / 60,
  speedMax: 160,
  altitudeMin: -200,
  altitudeMax: 6500,
  /** Device clocks run a little ahead; a record more than this ahead of its arrival is "in the future". */
  futureToleranceMs: 60_000,
};

export function invalidReasons(f: {
  lat: number;
  lon: number;
  speed: number;
  altitude: number;
  deviceTime: number;
  receivedTime: number;
  fixed: boolean;
  valid: boolean;
  invalidReasons?: readonly string[];
}): string[] {
  const r: string[] = [];
  const v = VALID_RANGES;
  if (!(f.lon >= v.lonMin && f.lon <= v.lonMax)) r.push('longitude');
  if (!(f.lat >= v.latMin && f.lat <= v.latMax)) r.push('latitude');
  if (!(f.speed >= 0 && f.speed <= v.speedMax)) r.push('speed');
  if (!(f.altitude >= v.altitudeMin && f.altitude <= v.altitudeMax)) r.push('altitude');
  if (!(f.deviceTime <= f.receivedTime + v.futureToleranceMs)) r.push('time');
  if (!f.fixed) r.push('not_fixed');
  if (!f.valid) for (const x of f.invalidReasons ?? ['pipeline']) if (!r.includes(x)) r.push(x);
  return r;
}

function isValid(f: Parameters<typeof invalidReasons>[0]): boolean {
  const v = VALID_RANGES;
  return (
    f.valid &&
    f.fixed &&
    f.lon >= v.lonMin &&
    f.lon <= v.lonMax &&
    f.lat >= v.latMin &&
    f.lat <= v.latMax &&
    f.speed >= 0 &&
    f.speed <= v.speedMax &&
    f.altitude >= v.altitudeMin &&
    f.altitude <= v.altitudeMax &&
    f.deviceTime <= f.receivedTime + v.futureToleranceMs
  );
}

export const dataQuality: Detector<DataQualityState> = {
  name: 'data_quality',
  init: () => ({ invalid: null, drifted: 0 }),
  atRest: (s) => s.invalid === null && s.drifted === 0,
  // A valid fix that neither jumps nor leaves a gap: the verdict stays 'ok', no event.
  quiet: ({ fix, prev, dist, params: p }) =>
    isValid(fix) && (!prev || (dist <= p.driftMinMetres && dist <= p.trackGapMetres)),
  step(s, input, out) {
    const { fix, prev, dt, dist, params: p } = input;
    const t = fix.deviceTime;
    if (!isValid(fix)) {
      input.verdict = 'invalid';
      if (s.invalid) s.invalid.count++;
      else {
        s.invalid = { startedAt: t, lat: fix.lat, lon: fix.lon, lastUpdateAt: t, count: 1 };
        out.push(
          episodeEvent('started', 'invalid_data', 'invalid', s.invalid, t, fix, 0, 1, 'records', 'low', {
            reasons: invalidReasons(fix).join(','),
          }),
        );
      }
      return;
    }
    if (s.invalid) {
      out.push(
        episodeEvent(
          'ended',
          'invalid_data',
          'invalid',
          s.invalid,
          t,
          fix,
          0,
          s.invalid.count,
          'records',
          'low',
        ),
      );
      s.invalid = null;
    }
    if (prev && dist > p.driftMinMetres) {
      const kmh = dt > 0 ? (dist / dt) * 3600 : Infinity;
      if (kmh > p.driftSpeedKmh && s.drifted + 1 < p.driftAcceptAfter) {
        s.drifted++;
        input.verdict = 'drift';
        instant(
          out,
          'drift',
          String(t),
          open(t, prev),
          t,
          fix,
          p.driftSpeedKmh,
          Math.round(kmh),
          'km/h',
          'low',
          {
            jumpMetres: Math.round(dist),
          },
        );
        return;
      }
    }
    s.drifted = 0;
    input.verdict = 'ok';
    if (prev && dist > p.trackGapMetres) {
      instant(
        out,
        'track_gap',
        String(t),
        open(prev.deviceTime, prev),
        t,
        fix,
        p.trackGapMetres,
        Math.round(dist),
        'm',
        'info',
        {
          gapSeconds: Math.round(dt / 1000),
        },
      );
    }
  },
};
