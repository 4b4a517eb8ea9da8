/**
 * Geofence enter / exit / dwell. Only fences that ask for it are tracked, so 5,000 fences do
 * not turn every fix into events: restricted zones (禁行区; 危险货物道路运输安全管理办法 第四十九条)
 * for vehicles carrying their goods classes, fences with `notify` (enter = started, exit = ended),
 * and fences with a dwell limit (e.g. ≤ 45 min at a service-area hazmat bay, regulations.md §4.6).
 */
import { goodsMatch, type VehicleContext } from '../context.js';
import type { Geofence } from '../geofences.js';
import type { DetectorEvent, RuleFix } from '../types.js';
import { episodeEvent, type Detector, type Open } from '../detector.js';

interface Inside extends Open {
  id: string;
  kind: string;
  restricted: boolean;
  notify: boolean;
  dwellLimitSec: number;
  dwellOpen: boolean;
}

export interface GeofenceState {
  /** Tracked fences the vehicle is in (a handful at most). */
  inside: Inside[];
}

function exit(g: Inside, t: number, fix: RuleFix, out: DetectorEvent[]): void {
  const stayed = Math.round((t - g.startedAt) / 1000);
  if (g.restricted)
    out.push(episodeEvent('ended', 'restricted_zone', g.id, g, t, fix, 0, stayed, 's', 'high'));
  if (g.notify)
    out.push(episodeEvent('ended', 'geofence', g.id, g, t, fix, 0, stayed, 's', 'info', { kind: g.kind }));
  if (g.dwellOpen) {
    out.push(
      episodeEvent('ended', 'geofence_dwell', g.id, g, t, fix, g.dwellLimitSec, stayed, 's', 'medium'),
    );
  }
}

function enter(
  f: Geofence,
  ctx: VehicleContext,
  t: number,
  fix: RuleFix,
  out: DetectorEvent[],
): Inside | null {
  if (f.enterpriseId && f.enterpriseId !== ctx.enterpriseId) return null;
  const restricted = f.kind === 'restricted_zone' && goodsMatch(f.goodsClasses, ctx.goodsClasses);
  const notify = f.notify === true;
  const dwellLimitSec = f.dwellLimitSec ?? 0;
  if (!restricted && !notify && dwellLimitSec <= 0) return null;
  const g: Inside = {
    startedAt: t,
    lat: fix.lat,
    lon: fix.lon,
    lastUpdateAt: t,
    id: f.id,
    kind: f.kind,
    restricted,
    notify,
    dwellLimitSec,
    dwellOpen: false,
  };
  if (restricted)
    out.push(
      episodeEvent('started', 'restricted_zone', f.id, g, t, fix, 0, 0, 's', 'high', { name: f.name }),
    );
  if (notify)
    out.push(
      episodeEvent('started', 'geofence', f.id, g, t, fix, 0, 0, 's', 'info', { kind: f.kind, name: f.name }),
    );
  return g;
}

function isTracked(tracked: readonly Geofence[], id: string): boolean {
  for (const f of tracked) if (f.id === id) return true;
  return false;
}

export const geofence: Detector<GeofenceState> = {
  name: 'geofence',
  init: () => ({ inside: [] }),
  // No dwell limit still running: then only a change of fences (or of the vehicle's goods or
  // company, which decide what is entered) can do anything.
  atRest: (s) => {
    for (const g of s.inside) if (g.dwellLimitSec > 0 && !g.dwellOpen) return false;
    return true;
  },
  quiet: (input) => input.sameTracked,
  step(s, input, out) {
    const inside = s.inside;
    const tracked = input.hits.tracked;
    if (inside.length === 0 && tracked.length === 0) return;
    const { fix, ctx } = input;
    const t = fix.deviceTime;
    for (const f of tracked) {
      let g: Inside | undefined;
      for (const x of inside) if (x.id === f.id) g = x;
      if (!g) {
        const entered = enter(f, ctx, t, fix, out);
        if (!entered) continue;
        inside.push(entered);
        g = entered;
      }
      if (g.dwellLimitSec > 0 && !g.dwellOpen && t - g.startedAt > g.dwellLimitSec * 1000) {
        g.dwellOpen = true;
        const stayed = Math.round((t - g.startedAt) / 1000);
        out.push(
          episodeEvent('started', 'geofence_dwell', f.id, g, t, fix, g.dwellLimitSec, stayed, 's', 'medium', {
            name: f.name,
          }),
        );
      }
    }
    for (let i = inside.length - 1; i >= 0; i--) {
      const g = inside[i]!;
      if (!isTracked(tracked, g.id)) {
        exit(g, t, fix, out);
        inside.splice(i, 1);
      }
    }
  },
};
