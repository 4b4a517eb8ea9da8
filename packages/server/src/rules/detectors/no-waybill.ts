/**
 * Driving without a waybill (无运单行驶; 办法 第二十四条 requires one per trip): moving for more
 * than `noWaybillMovingSec` (10 min) of driving with no active waybill. A stop of
 * `noWaybillStopSec` or a waybill becoming active closes the episode.
 */
import type { RuleParams } from '../params.js';
import type { DetectorEvent, RuleFix } from '../types.js';
import { episodeEvent, isMoving, open, type Detector, type Open } from '../detector.js';

export interface NoWaybillState {
  movingMs: number;
  since: Open | null;
  stopSince: number | null;
  alarm: boolean;
}

function close(
  s: NoWaybillState,
  t: number,
  fix: RuleFix,
  p: RuleParams,
  reason: string,
  out: DetectorEvent[],
): void {
  if (s.alarm && s.since) {
    out.push(
      episodeEvent(
        'ended',
        'no_waybill',
        'no_waybill',
        s.since,
        t,
        fix,
        p.noWaybillMovingSec,
        Math.round(s.movingMs / 1000),
        's',
        'medium',
        {
          reason,
        },
      ),
    );
  }
  s.movingMs = 0;
  s.since = null;
  s.stopSince = null;
  s.alarm = false;
}

export const noWaybill: Detector<NoWaybillState> = {
  name: 'no_waybill',
  init: () => ({ movingMs: 0, since: null, stopSince: null, alarm: false }),
  atRest: (s) => s.movingMs === 0 && s.since === null && s.stopSince === null && !s.alarm,
  // A waybill is active, or the vehicle stands (nothing is counting).
  quiet: ({ ctx, fix, params }) => !!ctx.waybill || !isMoving(fix, params),
  step(s, input, out) {
    const { fix, prev, dt, params: p } = input;
    const t = fix.deviceTime;
    if (input.ctx.waybill) {
      close(s, t, fix, p, 'waybill', out);
      return;
    }
    if (isMoving(fix, p)) {
      s.stopSince = null;
      s.since ??= open(t, fix);
      if (prev && isMoving(prev, p) && dt <= p.maxIntervalSec * 1000) s.movingMs += dt;
      if (!s.alarm && s.movingMs > p.noWaybillMovingSec * 1000) {
        s.alarm = true;
        s.since.lastUpdateAt = t;
        out.push(
          episodeEvent(
            'started',
            'no_waybill',
            'no_waybill',
            s.since,
            t,
            fix,
            p.noWaybillMovingSec,
            Math.round(s.movingMs / 1000),
            's',
            'medium',
          ),
        );
      }
    } else if (s.since) {
      if (prev && isMoving(prev, p) && dt <= p.maxIntervalSec * 1000) s.movingMs += dt;
      s.stopSince ??= t;
      if (t - s.stopSince >= p.noWaybillStopSec * 1000) close(s, t, fix, p, 'stopped', out);
    }
  },
};
