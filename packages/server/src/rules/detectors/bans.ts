/**
 * Time and zone bans (限行): a ban closes its zones to vehicles carrying its goods classes during
 * its windows — e.g. a local police ban on expressways over a holiday, or a 剧毒/爆炸品 route and
 * time permit expressed as "everywhere but the permitted corridor". One episode per ban while
 * the vehicle is inside one of its zones while the ban is in force.
 */
import { banActiveAt, goodsMatch, type BanWindow } from '../context.js';
import type { FenceHits } from '../geofences.js';
import { episodeEvent, type Detector, type Open, type StepInput } from '../detector.js';

export interface BansState {
  open: Record<string, Open & { zone: string }>;
  count: number;
}

/** Each ban's zones as a set, built once per ban object (bans name dozens of road sections). */
const zoneSets = new WeakMap<BanWindow, ReadonlySet<string>>();

function zoneHit(ban: BanWindow, hits: FenceHits): string | undefined {
  let zones = zoneSets.get(ban);
  if (!zones) {
    zones = new Set(ban.fenceIds);
    zoneSets.set(ban, zones);
  }
  for (const f of hits.fences) if (zones.has(f.id)) return f.id;
  return undefined;
}

/**
 * The bans of a list in force at a moment, and the span [from, to) around it in which that set
 * holds: none of the bans' daily windows (local minutes, and weekdays, which change only at a
 * minute's start, the city's offset being whole minutes) or periods begins or ends inside it.
 * Kept for the last list, moment and offset asked: a city with dozens of bans, most of them out of
 * force at any moment, pays for their windows once a minute instead of on every fix.
 */
interface InForce {
  list: readonly BanWindow[];
  offset: number;
  from: number;
  to: number;
  bans: readonly BanWindow[];
}
let inForce: InForce | undefined;

export function bansInForce(list: readonly BanWindow[], t: number, offset: number): readonly BanWindow[] {
  const c = inForce;
  if (c !== undefined && c.list === list && c.offset === offset && t >= c.from && t < c.to) return c.bans;
  let from = Math.floor(t / 60_000) * 60_000;
  let to = from + 60_000;
  const bans: BanWindow[] = [];
  for (const ban of list) {
    if (banActiveAt(ban, t, offset)) bans.push(ban);
    for (const p of ban.periods ?? [])
      for (const edge of [p.from, p.to]) {
        if (edge > t && edge < to) to = edge;
        else if (edge <= t && edge > from) from = edge;
      }
  }
  inForce = { list, offset, from, to, bans };
  return bans;
}

/** The ban's zone the fix is in while the ban applies to the vehicle and is in force, if any. */
function violated(ban: BanWindow, input: StepInput): string | undefined {
  const ctx = input.ctx;
  // Cheapest tests first (all pure, so the order does not change the outcome): whether the ban
  // is in force reads only the ban (shared by every vehicle, so in the cache); the goods read the
  // vehicle's own list; the zone lookup reads a set per fence the fix is in and runs last.
  return (!ban.enterpriseId || ban.enterpriseId === ctx.enterpriseId) &&
    input.hits.fences.length > 0 &&
    banActiveAt(ban, input.fix.deviceTime, input.params.utcOffsetMinutes) &&
    goodsMatch(ban.goodsClasses, ctx.goodsClasses)
    ? zoneHit(ban, input.hits)
    : undefined;
}

export const bans: Detector<BansState> = {
  name: 'bans',
  init: () => ({ open: {}, count: 0 }),
  atRest: (s) => s.count === 0,
  // `violated` for every ban, asked only of the bans in force (the same answer: a ban out of force
  // is violated nowhere).
  quiet: (input) => {
    if (input.hits.fences.length === 0) return true;
    const ctx = input.ctx;
    for (const ban of bansInForce(input.bans, input.fix.deviceTime, input.params.utcOffsetMinutes))
      if (
        (!ban.enterpriseId || ban.enterpriseId === ctx.enterpriseId) &&
        goodsMatch(ban.goodsClasses, ctx.goodsClasses) &&
        zoneHit(ban, input.hits) !== undefined
      )
        return false;
    return true;
  },
  step(s, input, out) {
    const { fix } = input;
    const t = fix.deviceTime;
    for (const ban of input.bans) {
      const ep = s.count > 0 ? s.open[ban.id] : undefined;
      const zone = violated(ban, input);
      const applies = zone !== undefined;
      if (applies && !ep) {
        const e = { startedAt: t, lat: fix.lat, lon: fix.lon, lastUpdateAt: t, zone };
        s.open[ban.id] = e;
        s.count++;
        out.push(
          episodeEvent('started', 'ban_violation', ban.id, e, t, fix, 0, 0, 's', 'high', {
            ban: ban.name,
            zone,
          }),
        );
      } else if (!applies && ep) {
        out.push(
          episodeEvent(
            'ended',
            'ban_violation',
            ban.id,
            ep,
            t,
            fix,
            0,
            Math.round((t - ep.startedAt) / 1000),
            's',
            'high',
            {
              ban: ban.name,
              zone: ep.zone,
            },
          ),
        );
        delete s.open[ban.id];
        s.count--;
      }
    }
    // Bans removed from the configuration close their episodes.
    if (s.count === 0) return;
    for (const id in s.open) {
      if (!input.bans.some((b) => b.id === id)) {
        const ep = s.open[id]!;
        out.push(
          episodeEvent(
            'ended',
            'ban_violation',
            id,
            ep,
            t,
            fix,
            0,
            Math.round((t - ep.startedAt) / 1000),
            's',
            'high',
          ),
        );
        delete s.open[id];
        s.count--;
      }
    }
  },
};
