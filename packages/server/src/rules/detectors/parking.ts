/**
 * Parking outside designated places: stationary longer than `parkingMinSec` (30 min) anywhere
 * but a parking lot, chemical park, filling site or the waybill's loading/unloading places
 * (危险化学品安全管理条例 第四十八条; regulations.md §4.6). A stop that touched a designated place
 * at any of its fixes counts as designated (GNSS wanders a few tens of metres while parked).
 * The tick closes the gap when a parked terminal goes quiet.
 */
import { episodeEvent, isMoving, type Detector, type Open } from '../detector.js';
import { inDesignatedPlace } from './places.js';

export interface ParkingState {
  stop: (Open & { designated: boolean }) | null;
  alarm: boolean;
}

export const parking: Detector<ParkingState> = {
  name: 'parking',
  init: () => ({ stop: null, alarm: false }),
  atRest: (s) => s.stop === null && !s.alarm,
  quiet: ({ fix, params }) => isMoving(fix, params),
  step(s, input, out) {
    const { fix, params: p } = input;
    const t = fix.deviceTime;
    if (isMoving(fix, p)) {
      if (s.stop && s.alarm) {
        out.push(
          episodeEvent(
            'ended',
            'parking_outside',
            'parking',
            s.stop,
            t,
            fix,
            p.parkingMinSec,
            Math.round((t - s.stop.startedAt) / 1000),
            's',
            'medium',
          ),
        );
      }
      s.stop = null;
      s.alarm = false;
      return;
    }
    s.stop ??= { startedAt: t, lat: fix.lat, lon: fix.lon, lastUpdateAt: t, designated: false };
    if (!s.stop.designated && inDesignatedPlace(fix, input.hits, input.ctx)) s.stop.designated = true;
    const stopped = t - s.stop.startedAt;
    if (!s.alarm && !s.stop.designated && stopped > p.parkingMinSec * 1000) {
      s.alarm = true;
      s.stop.lastUpdateAt = t;
      out.push(
        episodeEvent(
          'started',
          'parking_outside',
          'parking',
          s.stop,
          t,
          fix,
          p.parkingMinSec,
          Math.round(stopped / 1000),
          's',
          'medium',
        ),
      );
    } else if (s.alarm && s.stop.designated) {
      out.push(
        episodeEvent(
          'ended',
          'parking_outside',
          'parking',
          s.stop,
          t,
          fix,
          p.parkingMinSec,
          Math.round(stopped / 1000),
          's',
          'medium',
        ),
      );
      s.alarm = false;
    }
  },
  tick(s, input, out) {
    const { now, last, params: p } = input;
    if (!s.stop || s.alarm || s.stop.designated || !last) return;
    const stopped = now - s.stop.startedAt;
    if (stopped > p.parkingMinSec * 1000) {
      s.alarm = true;
      s.stop.lastUpdateAt = now;
      out.push(
        episodeEvent(
          'started',
          'parking_outside',
          'parking',
          s.stop,
          now,
          last,
          p.parkingMinSec,
          Math.round(stopped / 1000),
          's',
          'medium',
        ),
      );
    }
  },
};
