/**
 * Route deviation (路线偏离): with an active waybill that has a planned route, farther than
 * `routeDeviationMetres` (500 m) outside its corridor for more than `routeDeviationSec` (60 s).
 * Distance outside = distance to the route polyline − half the corridor width.
 * The planned route runs from the loading place to the unloading place, and a waybill is active
 * from its check (已审核), while the vehicle may still be driving from its lot to the loading
 * place, off the route by any measure. So the rule watches a waybill's route only once the
 * vehicle has been within the tolerance of it, or once the trip is under way (`departed`).
 */
import { distanceToPolylineM, distanceToSegmentAtM, lonScale } from '../geo.js';
import { episodeEvent, type Detector, type Open } from '../detector.js';

export interface RouteDeviationState {
  outSince: number | null;
  outLat: number;
  outLon: number;
  ep: (Open & { waybillId: string; maxMetres: number }) | null;
  /** Index (in the flat line) of the segment last found within the corridor: the search starts there. */
  hint: number;
  /** The waybill whose route the rule watches: the vehicle has been on it, or the trip is under way. */
  joined?: string | null;
}

/** How many segments either side of the hint are tried before a full scan. */
const NEAR = 8;

/**
 * Whether the point is within `limit` metres of the line, trying the segments near the last
 * match first: the hint's own segment, then outwards, one ahead and one behind at a time, up to
 * `NEAR` either side. A vehicle on its route is proven "within" by its first or second try (it
 * was near the hint one fix ago), and only a vehicle off its route pays for the full scan (which
 * it needs anyway for the distance). Which segment ends up the hint does not change the answer.
 */
export function withinNear(
  s: RouteDeviationState,
  lat: number,
  lon: number,
  line: readonly number[],
  limit: number,
): boolean {
  const last = line.length - 4;
  if (last < 0) return false;
  const hint = Math.min(Math.max(0, s.hint), last);
  const scale = lonScale(lat);
  for (let k = 0; k <= 2 * NEAR; k += 2) {
    for (let i = hint + k; i >= hint - k; i -= 2 * k || 1) {
      if (i < 0 || i > last) continue;
      if (
        distanceToSegmentAtM(lat, lon, scale, line[i + 1]!, line[i]!, line[i + 3]!, line[i + 2]!) <= limit
      ) {
        s.hint = i;
        return true;
      }
    }
  }
  return false;
}

function nearestSegment(lat: number, lon: number, line: readonly number[]): number {
  let best = Infinity;
  let at = 0;
  const k = lonScale(lat);
  for (let i = 0; i + 3 < line.length; i += 2) {
    const d = distanceToSegmentAtM(lat, lon, k, line[i + 1]!, line[i]!, line[i + 3]!, line[i + 2]!);
    if (d < best) {
      best = d;
      at = i;
    }
  }
  return at;
}

export const routeDeviation: Detector<RouteDeviationState> = {
  name: 'route_deviation',
  init: () => ({ outSince: null, outLat: 0, outLon: 0, ep: null, hint: 0, joined: null }),
  atRest: (s) => s.ep === null && s.outSince === null,
  // No planned route to watch.
  quiet: ({ ctx }) => !ctx.waybill?.route,
  step(s, input, out) {
    const { fix, params: p } = input;
    const t = fix.deviceTime;
    const wb = input.ctx.waybill;
    const route = wb?.route;
    if (s.ep && (!wb || wb.id !== s.ep.waybillId)) {
      out.push(
        episodeEvent(
          'ended',
          'route_deviation',
          s.ep.waybillId,
          s.ep,
          t,
          fix,
          p.routeDeviationMetres,
          Math.round(s.ep.maxMetres),
          'm',
          'high',
          { reason: 'waybill_changed' },
        ),
      );
      s.ep = null;
    }
    if (!wb || !route) {
      s.outSince = null;
      return;
    }
    const half = route.corridorWidthM / 2;
    const near = withinNear(s, fix.lat, fix.lon, route.line, p.routeDeviationMetres + half);
    const off = near ? 0 : distanceToPolylineM(fix.lat, fix.lon, route.line) - half;
    if (!near && off <= p.routeDeviationMetres) s.hint = nearestSegment(fix.lat, fix.lon, route.line);
    // (A state saved before `joined` existed, with an episode open, was watching that waybill.)
    if (s.joined !== wb.id && s.ep?.waybillId !== wb.id) {
      if (off > p.routeDeviationMetres && !wb.departed) {
        s.outSince = null;
        return;
      }
      s.joined = wb.id;
    }
    if (off > p.routeDeviationMetres) {
      if (s.outSince === null) {
        s.outSince = t;
        s.outLat = fix.lat;
        s.outLon = fix.lon;
      }
      if (s.ep) {
        if (off > s.ep.maxMetres) s.ep.maxMetres = off;
        if (t - s.ep.lastUpdateAt >= p.updateEverySec * 1000) {
          s.ep.lastUpdateAt = t;
          out.push(
            episodeEvent(
              'updated',
              'route_deviation',
              wb.id,
              s.ep,
              t,
              fix,
              p.routeDeviationMetres,
              Math.round(off),
              'm',
              'high',
            ),
          );
        }
      } else if (t - s.outSince > p.routeDeviationSec * 1000) {
        s.ep = {
          startedAt: s.outSince,
          lat: s.outLat,
          lon: s.outLon,
          lastUpdateAt: s.outSince,
          waybillId: wb.id,
          maxMetres: off,
        };
        s.ep.lastUpdateAt = t;
        out.push(
          episodeEvent(
            'started',
            'route_deviation',
            wb.id,
            s.ep,
            t,
            fix,
            p.routeDeviationMetres,
            Math.round(off),
            'm',
            'high',
            { waybill: wb.id },
          ),
        );
      }
    } else {
      s.outSince = null;
      if (s.ep) {
        out.push(
          episodeEvent(
            'ended',
            'route_deviation',
            wb.id,
            s.ep,
            t,
            fix,
            p.routeDeviationMetres,
            Math.round(s.ep.maxMetres),
            'm',
            'high',
          ),
        );
        s.ep = null;
      }
    }
  },
};
