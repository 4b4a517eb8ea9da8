/**
 * Offline (脱离监控) and offline displacement (离线位移, regulations.md §5 Hunan scheme).
 * Offline: no fix for more than `offlineSec` (20 min), unless the vehicle was last seen parked at
 * a designated place (a terminal asleep in a car park is not hiding anything). The engine's tick
 * opens the episode from its clock; the next fix closes it. When fixes are replayed without
 * ticks, a gap longer than `offlineSec` yields the episode after the fact.
 * Displacement: the first fix after any gap longer than `offlineSec` lies more than
 * `offlineDisplacementMetres` (1 km) from the last one before it — parked or not.
 */
import { distanceM } from '../geo.js';
import { episodeEvent, instant, isMoving, open, type Detector, type Open } from '../detector.js';
import { inDesignatedPlace } from './places.js';

export interface OfflineState {
  ep: Open | null;
  /** The last fix stood still in a designated place. */
  parkedDesignated: boolean;
}

export const offline: Detector<OfflineState> = {
  name: 'offline',
  init: () => ({ ep: null, parkedDesignated: false }),
  atRest: (s) => s.ep === null && !s.parkedDesignated,
  // No gap over the limit, and not (still) parked in a designated place.
  quiet: ({ fix, prev, gap, params: p, hits, ctx }) =>
    !(prev && gap > p.offlineSec * 1000) && (isMoving(fix, p) || !inDesignatedPlace(fix, hits, ctx)),
  step(s, input, out) {
    const { fix, prev, gap, params: p } = input;
    const t = fix.deviceTime;
    const limit = p.offlineSec * 1000;
    if (prev && gap > limit) {
      if (!s.ep && !s.parkedDesignated) {
        const ep = open(prev.deviceTime, prev);
        out.push(
          episodeEvent(
            'started',
            'offline',
            'offline',
            ep,
            prev.deviceTime + limit,
            prev,
            p.offlineSec,
            Math.round(gap / 1000),
            's',
            'medium',
            { late: true },
          ),
        );
        s.ep = ep;
      }
      const moved = distanceM(prev.lat, prev.lon, fix.lat, fix.lon);
      if (moved > p.offlineDisplacementMetres) {
        instant(
          out,
          'offline_displacement',
          String(prev.deviceTime),
          open(prev.deviceTime, prev),
          t,
          fix,
          p.offlineDisplacementMetres,
          Math.round(moved),
          'm',
          'high',
          {
            offlineSeconds: Math.round(gap / 1000),
          },
        );
      }
    }
    if (s.ep) {
      out.push(
        episodeEvent(
          'ended',
          'offline',
          'offline',
          s.ep,
          t,
          fix,
          p.offlineSec,
          Math.round((t - s.ep.startedAt) / 1000),
          's',
          'medium',
        ),
      );
      s.ep = null;
    }
    s.parkedDesignated = !isMoving(fix, p) && inDesignatedPlace(fix, input.hits, input.ctx);
  },
  tick(s, input, out) {
    const { now, last, params: p } = input;
    if (s.ep || !last || s.parkedDesignated) return;
    if (now - input.lastReceived > p.offlineSec * 1000) {
      s.ep = open(last.deviceTime, last);
      out.push(
        episodeEvent(
          'started',
          'offline',
          'offline',
          s.ep,
          now,
          last,
          p.offlineSec,
          Math.round((now - input.lastReceived) / 1000),
          's',
          'medium',
        ),
      );
    }
  },
};
