/**
 * Fatigue driving (疲劳驾驶). 实施条例 第六十二条(七) and 动态监督管理办法: continuous driving
 * over 4 h by day or 2 h at night without a stop of at least 20 min; over 8 h of driving in any
 * 24 h. The limit in force is the one of the current moment: a drive that began at 19:00 is over
 * the 2 h night limit as soon as 22:00 passes (the assessment's "夜间超过2小时" counts the
 * continuous drive, not only its night part). Night hours are a parameter ([U] in regulations.md).
 *
 * An interval between two fixes counts as driving when the earlier fix was moving; a gap longer
 * than `maxIntervalSec` counts as driving only if the implied average speed says the vehicle moved.
 * A rest is measured from the first stopped fix to the first moving one (or to the tick's clock).
 * Fatigue duration (疲劳驾驶时长, 考核办法 note 3) = driving time beyond the limit.
 */
import { isNight, type RuleParams } from '../params.js';
import type { DetectorEvent, LatLon } from '../types.js';
import { episodeEvent, isMoving, type Detector, type Open } from '../detector.js';

export interface FatigueState {
  /** Continuous driving (ms) since the last qualifying rest. */
  continuousMs: number;
  stopSince: number | null;
  ep: (Open & { fatigueMs: number; limitMs: number }) | null;
  /** Driving periods of the last 24 h as flat [start0, end0, start1, end1, …] (ms). */
  segments: number[];
  daily: (Open & { peakMs: number }) | null;
}

const DAY_MS = 86_400_000;

function limitMs(t: number, p: RuleParams): number {
  return (isNight(t, p) ? p.fatigueNightLimitSec : p.fatigueDayLimitSec) * 1000;
}

function drivenIn24h(s: FatigueState, t: number): number {
  const from = t - DAY_MS;
  let k = 0;
  while (k < s.segments.length && s.segments[k + 1]! <= from) k += 2;
  if (k > 0) s.segments.splice(0, k);
  let total = 0;
  for (let i = 0; i < s.segments.length; i += 2) total += s.segments[i + 1]! - Math.max(s.segments[i]!, from);
  return total;
}

function endContinuous(s: FatigueState, at: number, pos: LatLon, out: DetectorEvent[]): void {
  const ep = s.ep;
  if (ep) {
    out.push(
      episodeEvent(
        'ended',
        'fatigue_continuous',
        'continuous',
        ep,
        at,
        pos,
        ep.limitMs / 1000,
        Math.round(s.continuousMs / 1000),
        's',
        'high',
        {
          fatigueSeconds: Math.round(ep.fatigueMs / 1000),
        },
      ),
    );
    s.ep = null;
  }
  s.continuousMs = 0;
}

export const fatigue: Detector<FatigueState> = {
  name: 'fatigue',
  init: () => ({ continuousMs: 0, stopSince: null, ep: null, segments: [], daily: null }),
  step(s, input, out) {
    const { fix, prev, dt, dist, params: p } = input;
    const t = fix.deviceTime;
    if (!prev || dt <= 0) {
      if (!isMoving(fix, p)) s.stopSince ??= t;
      return;
    }
    const driving = dt > p.maxIntervalSec * 1000 ? (dist / dt) * 3600 >= p.movingSpeedKmh : isMoving(prev, p);
    if (driving) {
      s.stopSince = null;
      const from = prev.deviceTime;
      const n = s.segments.length;
      if (n > 0 && s.segments[n - 1] === from) s.segments[n - 1] = t;
      else s.segments.push(from, t);
      s.continuousMs += dt;
      const limit = limitMs(t, p);
      if (s.ep) {
        s.ep.fatigueMs += dt;
        input.fatigueMs += dt;
        if (t - s.ep.lastUpdateAt >= p.updateEverySec * 1000) {
          s.ep.lastUpdateAt = t;
          out.push(
            episodeEvent(
              'updated',
              'fatigue_continuous',
              'continuous',
              s.ep,
              t,
              fix,
              s.ep.limitMs / 1000,
              Math.round(s.continuousMs / 1000),
              's',
              'high',
              {
                fatigueSeconds: Math.round(s.ep.fatigueMs / 1000),
              },
            ),
          );
        }
      } else if (s.continuousMs > limit) {
        const excess = Math.min(dt, s.continuousMs - limit);
        s.ep = {
          startedAt: t,
          lat: fix.lat,
          lon: fix.lon,
          lastUpdateAt: t,
          fatigueMs: excess,
          limitMs: limit,
        };
        input.fatigueMs += excess;
        out.push(
          episodeEvent(
            'started',
            'fatigue_continuous',
            'continuous',
            s.ep,
            t,
            fix,
            limit / 1000,
            Math.round(s.continuousMs / 1000),
            's',
            'high',
            {
              night: isNight(t, p),
            },
          ),
        );
      }
    } else {
      s.stopSince ??= prev.deviceTime;
      if (t - s.stopSince >= p.fatigueRestSec * 1000 && (s.continuousMs > 0 || s.ep))
        endContinuous(s, t, fix, out);
    }
    if (isMoving(fix, p) && s.stopSince !== null) {
      // The first moving fix closes the stop; a long enough one resets continuous driving.
      if (t - s.stopSince >= p.fatigueRestSec * 1000) endContinuous(s, t, fix, out);
      s.stopSince = null;
    } else if (!isMoving(fix, p)) s.stopSince ??= t;

    const day = drivenIn24h(s, t);
    const dayLimit = p.dailyDrivingLimitSec * 1000;
    if (!s.daily && day > dayLimit) {
      s.daily = { startedAt: t, lat: fix.lat, lon: fix.lon, lastUpdateAt: t, peakMs: day };
      out.push(
        episodeEvent(
          'started',
          'fatigue_daily',
          'daily',
          s.daily,
          t,
          fix,
          p.dailyDrivingLimitSec,
          Math.round(day / 1000),
          's',
          'medium',
        ),
      );
    } else if (s.daily) {
      s.daily.peakMs = Math.max(s.daily.peakMs, day);
      if (day <= dayLimit) {
        out.push(
          episodeEvent(
            'ended',
            'fatigue_daily',
            'daily',
            s.daily,
            t,
            fix,
            p.dailyDrivingLimitSec,
            Math.round(s.daily.peakMs / 1000),
            's',
            'medium',
          ),
        );
        s.daily = null;
      }
    }
  },
  tick(s, input, out) {
    const { now, last, params: p } = input;
    if (!last || s.stopSince === null || isMoving(last, p)) return;
    if (now - s.stopSince >= p.fatigueRestSec * 1000 && (s.continuousMs > 0 || s.ep))
      endContinuous(s, now, last, out);
  },
};
