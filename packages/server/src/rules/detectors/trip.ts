/**
 * Trips (运次) for the e-waybill usage rate (电子运单使用率 = trips with a waybill / all trips,
 * issue #10 part 8): a trip is a movement of more than `tripMinMovingSec` (5 min) of driving,
 * ended by a stop of `tripStopSec` (30 min) anywhere or `tripDesignatedStopSec` (10 min) at a
 * designated place or the waybill's loading/unloading place, or by the terminal falling silent
 * that long. The episode records whether an active waybill existed at any time during the trip
 * (the first one seen) and its distance. Severity `info`: trips raise no alarm; the rules module
 * stores ended trips. A movement that stops before it became a trip leaves no event.
 *
 * The `ended` event is dated at the start of the stop that ended the trip (`at` = `endedAt`).
 */
import type { RuleParams } from '../params.js';
import type { DetectorEvent, LatLon } from '../types.js';
import { episodeEvent, isMoving, type Detector, type Open } from '../detector.js';
import { inDesignatedPlace } from './places.js';

export interface TripState {
  /** The movement under way (a trip once `confirmed`). */
  trip: (Open & { movingMs: number; distM: number; waybillId: string | null; confirmed: boolean }) | null;
  /** The stop under way inside a movement. */
  stop: { t: number; lat: number; lon: number; designated: boolean } | null;
}

type Ending = 'stop' | 'designated_stop' | 'silence';

function end(s: TripState, at: number, pos: LatLon, p: RuleParams, how: Ending, out: DetectorEvent[]): void {
  const trip = s.trip;
  if (trip?.confirmed) {
    const detail: Record<string, string | number | boolean> = {
      distanceM: Math.round(trip.distM),
      movingSec: Math.round(trip.movingMs / 1000),
      hadWaybill: trip.waybillId !== null,
      ending: how,
    };
    if (trip.waybillId !== null) detail['waybillId'] = trip.waybillId;
    out.push(
      episodeEvent(
        'ended',
        'trip',
        'trip',
        trip,
        at,
        pos,
        p.tripMinMovingSec,
        Math.round(trip.movingMs / 1000),
        's',
        'info',
        detail,
      ),
    );
  }
  s.trip = null;
  s.stop = null;
}

function stopLimitMs(designated: boolean, p: RuleParams): number {
  return (designated ? Math.min(p.tripDesignatedStopSec, p.tripStopSec) : p.tripStopSec) * 1000;
}

export const trip: Detector<TripState> = {
  name: 'trip',
  init: () => ({ trip: null, stop: null }),
  // No movement under way, and a stopped fix: `step` returns at once (a parked vehicle's day).
  atRest: (s) => s.trip === null && s.stop === null,
  quiet: ({ fix, params }) => !isMoving(fix, params),
  step(s, input, out) {
    const { fix, prev, dt, params: p, ctx } = input;
    const t = fix.deviceTime;
    // The terminal was silent long enough to count as a stop: the trip ended at the last fix.
    if (s.trip && prev && dt >= p.tripStopSec * 1000) {
      const at = s.stop ?? { t: prev.deviceTime, lat: prev.lat, lon: prev.lon };
      end(s, at.t, at, p, 'silence', out);
    }
    const moving = isMoving(fix, p);
    if (!s.trip) {
      if (!moving) return;
      s.trip = {
        startedAt: t,
        lat: fix.lat,
        lon: fix.lon,
        lastUpdateAt: t,
        movingMs: 0,
        distM: 0,
        waybillId: null,
        confirmed: false,
      };
      s.stop = null;
    } else if (prev && dt <= p.maxIntervalSec * 1000) {
      if (isMoving(prev, p)) s.trip.movingMs += dt;
      // Distance up to the first stopped fix; a parked vehicle's GNSS wander is not travel.
      if (!s.stop) s.trip.distM += input.dist;
    }
    const tr = s.trip;
    if (ctx.waybill && tr.waybillId === null) tr.waybillId = ctx.waybill.id;
    if (moving) {
      s.stop = null;
      if (!tr.confirmed && tr.movingMs > p.tripMinMovingSec * 1000) {
        tr.confirmed = true;
        tr.lastUpdateAt = t;
        out.push(
          episodeEvent(
            'started',
            'trip',
            'trip',
            tr,
            t,
            fix,
            p.tripMinMovingSec,
            Math.round(tr.movingMs / 1000),
            's',
            'info',
            tr.waybillId !== null ? { waybillId: tr.waybillId } : undefined,
          ),
        );
      }
      return;
    }
    s.stop ??= { t, lat: fix.lat, lon: fix.lon, designated: false };
    const st = s.stop;
    if (!st.designated && inDesignatedPlace(fix, input.hits, ctx)) st.designated = true;
    if (t - st.t >= stopLimitMs(st.designated, p)) {
      end(s, st.t, st, p, st.designated ? 'designated_stop' : 'stop', out);
    }
  },
  tick(s, input, out) {
    const { now, last, params: p } = input;
    if (!s.trip || !last) return;
    const st = s.stop ?? { t: last.deviceTime, lat: last.lat, lon: last.lon, designated: false };
    const designated = st.designated || (s.stop !== null && input.lastDesignated);
    if (now - st.t >= stopLimitMs(designated, p)) {
      end(s, st.t, st, p, s.stop ? (designated ? 'designated_stop' : 'stop') : 'silence', out);
    }
  },
};
