/**
 * Behaviours the simulator injects into chosen vehicles so that each rule has something to find
 * end to end (`SIM_BEHAVIOURS=overspeed,fatigue:2,…`; each takes the next `count` vehicles of the
 * fleet, in the fleet's order). What each does, and the rule it is for:
 *
 * - overspeed: drives at 95–110 km/h (limit 60 km/h off expressways) → `overspeed`;
 * - fatigue: one long trip with no stop, loops across Panjin for hours → `fatigue_continuous`
 *   (4 h by day, 2 h at night; use an accelerated clock, see `acceleratedClock`);
 * - parking: stops on the road, away from any designated place, for 45 min → `parking_outside`;
 * - adas / dsm: a 苏标 0x64 forward-collision / 0x65 phone-call event every 10 min while driving
 *   → `active_safety`;
 * - emergency: the JT/T 808 emergency alarm bit (bit 0) from 2 to 4 min into the drive → `device_alarm`;
 * - offline: the terminal loses power while driving for 25 min (keeps no blind-area memory) and
 *   reappears kilometres further on → `offline` and `offline_displacement` (离线位移);
 * - deviation: drives along the planned route of its active waybill (starting at the route's
 *   start) and, halfway along its first segment, leaves it for a detour 3 km to the side → `route_deviation`. Needs an
 *   active waybill with a route (`loadFleet` reads it; in the demo, where the waybill is dispatched
 *   after the fleet has connected, it waits parked at its lot, where that route starts, and the fleet
 *   asks for the route every 15 s, `loadRoutes`); without one within 10 min it drives like fatigue;
 * - zone: drives into the first restricted zone (禁行区, a regulator's `restricted_zone`
 *   geofence, which `loadPlaces` reads; the demo has one in Xinglongtai's centre, modules/rules/demo.ts)
 *   and stays 2 min → `restricted_zone`; without one it drives like fatigue. Every other
 *   vehicle's trips go around restricted zones;
 * - escort: the escort of its active waybill drives: the reader holds the escort's IC card, not the
 *   driver's (needs a waybill naming both, and the fleet's `driverCards`) → `driver_mismatch`, and,
 *   since an escort (the archive's role and qualification category) may not drive, `driver_unqualified`;
 * - invalid: 2 min in, one fix at 250 km/h (out of range) → `invalid_data`; 4 min in, one fix
 *   11 km off its track (a drift jump), then back → `drift`.
 */
export const behaviourNames = [
  'overspeed',
  'fatigue',
  'parking',
  'adas',
  'dsm',
  'emergency',
  'offline',
  'deviation',
  'zone',
  'invalid',
  'escort',
] as const;
export type BehaviourName = (typeof behaviourNames)[number];

/** `overspeed,fatigue:2` → one behaviour per vehicle, in order; `none` or '' → []. */
export function parseBehaviours(text: string): BehaviourName[] {
  const out: BehaviourName[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '' || item === 'none') continue;
    const [name, count = '1'] = item.split(':');
    if (!behaviourNames.includes(name as BehaviourName))
      throw new Error(`unknown simulator behaviour "${name}" (known: ${behaviourNames.join(', ')})`);
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`bad count in "${item}"`);
    for (let i = 0; i < n; i++) out.push(name as BehaviourName);
  }
  return out;
}

/**
 * A device clock that starts `behindMs` in the past and runs `scale` times faster than the wall
 * clock until it has caught up with it (never ahead: the platform refuses fixes from the future).
 * Hours of driving (fatigue) then take minutes, and every timestamp stays plausible.
 */
export function acceleratedClock(
  scale: number,
  behindMs: number,
  wall: () => number = Date.now,
): () => number {
  const start = wall();
  return () => {
    const w = wall();
    return Math.min(w, start - behindMs + (w - start) * scale);
  };
}
