/**
 * Overspeed (超速). Limit = min(80 km/h on expressways / 60 km/h elsewhere, the posted limit of
 * the speed zone the fix is in) — 危险货物道路运输安全管理办法 第四十六条. An episode starts when
 * the speed stays above the limit for more than `overspeedMinDurationSec` (30 s, 考核办法 note 2:
 * first to last over-limit fix), and a new over-limit run within `overspeedMergeSec` (60 s) of the
 * last over-limit fix continues it. Severity follows the penalty-point bands of 记分管理办法:
 * < 10 %, 10–20 %, 20–50 %, ≥ 50 % over.
 */
import type { FenceHits } from '../geofences.js';
import type { RuleParams } from '../params.js';
import type { Severity } from '../types.js';
import { episodeEvent, type Detector, type Open } from '../detector.js';

export interface OverspeedState {
  /** Start of the current over-limit run (before it became an episode). */
  runSince: number | null;
  runLat: number;
  runLon: number;
  lastOverAt: number;
  lastOverLat: number;
  lastOverLon: number;
  ep: (Open & { maxSpeed: number; limit: number }) | null;
}

export function speedLimit(hits: FenceHits, p: RuleParams): number {
  const z = hits.speedZone;
  const base = z?.roadClass === 'expressway' ? p.expresswayLimitKmh : p.otherRoadLimitKmh;
  return z?.postedLimitKmh !== undefined && z.postedLimitKmh < base ? z.postedLimitKmh : base;
}

export function overspeedSeverity(speed: number, limit: number): Severity {
  const r = (speed - limit) / limit;
  return r < 0.1 ? 'low' : r < 0.2 ? 'medium' : r < 0.5 ? 'high' : 'critical';
}

function end(s: OverspeedState, out: Parameters<Detector<OverspeedState>['step']>[2]): void {
  const ep = s.ep!;
  out.push(
    episodeEvent(
      'ended',
      'overspeed',
      'overspeed',
      ep,
      s.lastOverAt,
      { lat: s.lastOverLat, lon: s.lastOverLon },
      ep.limit,
      ep.maxSpeed,
      'km/h',
      overspeedSeverity(ep.maxSpeed, ep.limit),
      {
        durationSeconds: Math.round((s.lastOverAt - ep.startedAt) / 1000),
      },
    ),
  );
  s.ep = null;
  s.runSince = null;
}

export const overspeed: Detector<OverspeedState> = {
  name: 'overspeed',
  init: () => ({
    runSince: null,
    runLat: 0,
    runLon: 0,
    lastOverAt: 0,
    lastOverLat: 0,
    lastOverLon: 0,
    ep: null,
  }),
  atRest: (s) => s.ep === null && s.runSince === null,
  quiet: ({ fix, hits, params }) => fix.speed <= speedLimit(hits, params),
  step(s, input, out) {
    const { fix, params: p } = input;
    const t = fix.deviceTime;
    if (s.ep && t - s.lastOverAt > p.overspeedMergeSec * 1000) end(s, out);
    const limit = speedLimit(input.hits, p);
    if (fix.speed <= limit) {
      if (!s.ep) s.runSince = null;
      return;
    }
    s.lastOverAt = t;
    s.lastOverLat = fix.lat;
    s.lastOverLon = fix.lon;
    const ep = s.ep;
    if (ep) {
      const before = overspeedSeverity(ep.maxSpeed, ep.limit);
      if (fix.speed / limit > ep.maxSpeed / ep.limit) {
        ep.maxSpeed = fix.speed;
        ep.limit = limit;
      }
      const after = overspeedSeverity(ep.maxSpeed, ep.limit);
      if (after !== before || t - ep.lastUpdateAt >= p.updateEverySec * 1000) {
        ep.lastUpdateAt = t;
        out.push(
          episodeEvent('updated', 'overspeed', 'overspeed', ep, t, fix, ep.limit, ep.maxSpeed, 'km/h', after),
        );
      }
      return;
    }
    if (s.runSince === null) {
      s.runSince = t;
      s.runLat = fix.lat;
      s.runLon = fix.lon;
      s.ep = null;
      // A run of one fix still has to last > 30 s; fall through for a zero threshold.
    }
    if (
      t - s.runSince > p.overspeedMinDurationSec * 1000 ||
      (p.overspeedMinDurationSec === 0 && t === s.runSince)
    ) {
      s.ep = {
        startedAt: s.runSince,
        lat: s.runLat,
        lon: s.runLon,
        lastUpdateAt: s.runSince,
        maxSpeed: fix.speed,
        limit,
      };
      s.ep.lastUpdateAt = t;
      out.push(
        episodeEvent(
          'started',
          'overspeed',
          'overspeed',
          s.ep,
          t,
          fix,
          limit,
          fix.speed,
          'km/h',
          overspeedSeverity(fix.speed, limit),
        ),
      );
    }
  },
  tick(s, input, out) {
    if (s.ep && input.now - s.lastOverAt > input.params.overspeedMergeSec * 1000) end(s, out);
  },
};
