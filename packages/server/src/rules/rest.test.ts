/**
 * Skipping detectors at rest (`Detector.atRest` / `quiet`) must not change a single event or
 * state. Two checks over eight hours of simulated Panjin traffic, roughened so that every
 * detector leaves rest: invalid records, GNSS jumps, terminals silent for 25 minutes, wrong,
 * unknown and pulled IC cards, card holders who may not drive, device and active-safety alarms, a holiday and a night ban in
 * force, waybills changing under way, and the 22:00 day/night boundary.
 * 1. The law, detector by detector: whenever a state is at rest and the input quiet, a step
 *    leaves the state deeply equal (strictly: no field added, none set to undefined) and emits
 *    nothing.
 * 2. The engine with skipping on and off gives the same events, snapshots and metrics.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cardHolderFor, StaticRuleContext, type CardHolder, type VehicleContext } from './context.js';
import type { Detector } from './detector.js';
import { detectors } from './detectors/index.js';
import { RuleEngine } from './engine.js';
import { GeofenceIndex } from './geofences.js';
import { bans, fences, rng, roads, traffic } from './simulate.js';
import type { RuleEvent, RuleFix } from './types.js';

/** 2026-10-07 20:00 in Panjin: the holiday ban ends at midnight, the night ban starts at 22:00. */
const START = Date.parse('2026-10-07T20:00:00+08:00');
const HOURS = 8;

interface World {
  fenceIndex: GeofenceIndex;
  ctx: () => StaticRuleContext;
  vehicles: VehicleContext[];
  fixes: RuleFix[];
  /** Context changes by receive time: at `at`, the vehicle's context becomes `v`. */
  changes: { at: number; v: VehicleContext }[];
}

function world(): World {
  const random = rng(20261207);
  const roadList = roads(12, random);
  const fenceList = fences(roadList, 1200, random);
  const fenceIndex = new GeofenceIndex(fenceList);
  const banList = bans(fenceList);
  const t = traffic(48, HOURS, START, roadList, random);
  const vehicles = t.vehicles.map((v, i) =>
    // Class 1 (explosives) for some, so the night ban applies to them.
    i % 5 === 0 ? { ...v, goodsClasses: ['1.1'] } : v,
  );
  const fixes: RuleFix[] = [];
  for (const f of t.fixes) {
    const v = Number(f.vehicleId.slice(4));
    const since = f.deviceTime - START;
    const k = f.serial ?? 0;
    if (v % 8 === 1 && k % 97 === 5) fixes.push({ ...f, lat: 0, valid: true });
    else if (v % 8 === 1 && k % 89 === 7) fixes.push({ ...f, fixed: false });
    else if (v % 8 === 2 && k % 113 === 9) fixes.push({ ...f, lat: f.lat + 0.08 });
    else if (v % 8 === 3 && since > 2 * 3_600_000 && since < 2 * 3_600_000 + 25 * 60_000) continue;
    else if (v % 8 === 4 && since > 3_600_000 && since < 2 * 3_600_000)
      fixes.push({ ...f, driverId: 'drv-other' });
    else if (v % 8 === 4 && since >= 2 * 3_600_000 && since < 3 * 3_600_000)
      fixes.push({ ...f, driverId: null });
    else if (v % 8 === 5 && k % 50 === 3)
      fixes.push({ ...f, activeSafety: [{ source: 'dsm', type: 'phoneCall', level: 2 }] });
    else if (v % 8 === 5 && k % 50 === 4)
      fixes.push({ ...f, activeSafety: [{ source: 'adas', type: 'roadSignRecognized' }] });
    else if (v % 8 === 6 && k % 211 === 11) fixes.push({ ...f, alarms: ['sos', 'gnssFault'] });
    else if (v % 8 === 7 && since > 4 * 3_600_000 && since < 4 * 3_600_000 + 30 * 60_000)
      fixes.push({ ...f, speed: 0, acc: false });
    else fixes.push(f);
  }
  // Waybills change under way: some end, some are issued again with another driver, some get a
  // route along another road, and cards not on file go into some readers.
  const changes: World['changes'] = [];
  for (const v of vehicles) {
    const n = Number(v.vehicleId.slice(4));
    if (n % 6 === 0) changes.push({ at: START + 90 * 60_000, v: { ...v, waybill: null } });
    if (n % 6 === 1 && v.waybill)
      changes.push({
        at: START + 150 * 60_000,
        v: { ...v, waybill: { ...v.waybill, id: `${v.waybill.id}-2`, driverId: 'drv-next', departed: true } },
      });
    // A planned route along another road: the vehicle is off it.
    if (n % 6 === 3 && v.waybill)
      changes.push({
        at: START + 30 * 60_000,
        v: {
          ...v,
          waybill: {
            ...v.waybill,
            departed: true,
            route: { line: roadList[(n + 5) % roadList.length]!.line, corridorWidthM: 100 },
          },
        },
      });
    // The card's person: a qualification that runs out at local midnight; one who left the company,
    // then is cleared; one who turns 61 at local midnight.
    const holder = (
      standing: CardHolder['standing'],
      untilDay: number | null,
      ageLimitDay: number | null = null,
    ): CardHolder =>
      cardHolderFor(
        {
          personId: `drv-${v.vehicleId}`,
          name: '张三',
          enterpriseId: v.enterpriseId,
          standing,
          qualificationUntilDay: untilDay,
          licenceUntilDay: null,
          ageLimitDay,
        },
        v.enterpriseId,
      );
    if (n % 6 === 4)
      changes.push({
        at: START + 60 * 60_000,
        v: {
          ...v,
          cardHolder:
            n % 12 === 4
              ? holder([], Date.parse('2026-10-07'))
              : holder([], Date.parse('2027-06-30'), Date.parse('2026-10-07')),
        },
      });
    if (n % 6 === 5) {
      changes.push({ at: START + 100 * 60_000, v: { ...v, cardHolder: holder(['left'], null) } });
      changes.push({ at: START + 300 * 60_000, v: { ...v, cardHolder: holder([], null) } });
    }
    if (n % 6 === 2)
      changes.push({
        at: START + 200 * 60_000,
        v: { ...v, unknownCard: { name: '王五', number: '210000199001011234', since: START } },
      });
  }
  changes.sort((a, b) => a.at - b.at);
  return {
    fenceIndex,
    ctx: () => {
      const c = new StaticRuleContext(fenceIndex, banList);
      for (const v of vehicles) c.setVehicle(v);
      return c;
    },
    vehicles,
    fixes,
    changes,
  };
}

/** Feeds the fixes to every engine in receive order, with a tick every 5 s and the context changes. */
function run(w: World, engines: { engine: RuleEngine; ctx: StaticRuleContext; out: RuleEvent[] }[]): void {
  let next = START;
  let c = 0;
  for (const f of w.fixes) {
    while (c < w.changes.length && w.changes[c]!.at <= f.receivedTime) {
      for (const e of engines) e.ctx.setVehicle(w.changes[c]!.v);
      c++;
    }
    const tick = f.receivedTime >= next;
    if (tick) next = f.receivedTime + 5_000;
    for (const e of engines) {
      if (tick) e.engine.tick(f.receivedTime, e.out);
      e.engine.ingest(f, e.out);
    }
  }
  for (const e of engines) e.engine.drain(e.out);
}

const w = world();

describe('detectors at rest', () => {
  it('a step on a state at rest with a quiet input changes nothing and emits nothing', () => {
    const checked = new Map<string, { law: number; busy: number }>();
    // Wrappers without atRest/quiet, so the engine steps every detector; each checks its law.
    const wrapped = detectors.map((d: Detector<unknown>): Detector<unknown> => {
      if (!d.atRest || !d.quiet) return d;
      const count = { law: 0, busy: 0 };
      checked.set(d.name, count);
      return {
        name: d.name,
        init: d.init,
        ...(d.tick ? { tick: d.tick } : {}),
        step(state, input, out) {
          if (!d.atRest!(state) || !d.quiet!(input)) {
            count.busy++;
            d.step(state, input, out);
            return;
          }
          const before = structuredClone(state);
          const n = out.length;
          const verdict = input.verdict;
          d.step(state, input, out);
          count.law++;
          if (!isDeepStrictEqual(state, before) || out.length !== n || input.verdict !== verdict) {
            expect.fail(
              `${d.name} changed at rest on a quiet fix (${input.fix.vehicleId} at ${new Date(input.fix.deviceTime).toISOString()}): ` +
                `${JSON.stringify(before)} → ${JSON.stringify(state)}, events ${JSON.stringify(out.slice(n))}`,
            );
          }
        },
      };
    });
    const ctx = w.ctx();
    const engine = new RuleEngine(ctx, { reorderWindowMs: 60_000, contiguousMs: 35_000, detectors: wrapped });
    const out: RuleEvent[] = [];
    run(w, [{ engine, ctx, out }]);
    // Every skippable detector was both skipped-at-rest and busy many times: the law was tested
    // where it matters, not vacuously.
    expect([...checked.keys()].sort()).toEqual(
      [
        'bans',
        'data_quality',
        'device_alarms',
        'driver_identity',
        'driver_qualification',
        'geofence',
        'no_waybill',
        'offline',
        'overspeed',
        'parking',
        'route_deviation',
        'trip',
      ].sort(),
    );
    for (const [name, c] of checked) {
      expect(c.law, `${name}: quiet steps at rest`).toBeGreaterThan(1000);
      expect(c.busy, `${name}: steps not at rest or not quiet`).toBeGreaterThan(20);
    }
    // The roughening reached every rule that can leave rest.
    const types = new Set(out.filter((e) => e.phase === 'started').map((e) => e.type));
    for (const t of [
      'invalid_data',
      'drift',
      'track_gap',
      'offline',
      'offline_displacement',
      'device_alarm',
      'active_safety',
      'overspeed',
      'restricted_zone',
      'ban_violation',
      'parking_outside',
      'route_deviation',
      'no_waybill',
      'driver_mismatch',
      'driver_unqualified',
      'fatigue_continuous',
    ])
      expect(types, t).toContain(t);
  });

  it('the engine gives the same events, states and metrics with skipping on and off', () => {
    const mk = (skipAtRest: boolean) => {
      const ctx = w.ctx();
      return {
        ctx,
        out: [] as RuleEvent[],
        engine: new RuleEngine(ctx, { reorderWindowMs: 60_000, contiguousMs: 35_000, skipAtRest }),
      };
    };
    const on = mk(true);
    const off = mk(false);
    run(w, [on, off]);
    expect(on.out.length).toBeGreaterThan(500);
    expect(on.out).toStrictEqual(off.out);
    for (const v of w.vehicles)
      expect(on.engine.snapshotJson(v.vehicleId)).toBe(off.engine.snapshotJson(v.vehicleId));
    expect(on.engine.metrics()).toStrictEqual(off.engine.metrics());
  });

  it('a restored state skips exactly as the state it was taken from', () => {
    const half = Math.floor(w.fixes.length / 2);
    const first = { ...w, fixes: w.fixes.slice(0, half), changes: w.changes.filter((c) => c.at < START) };
    const ctxA = w.ctx();
    const a = new RuleEngine(ctxA, { reorderWindowMs: 60_000, contiguousMs: 35_000 });
    const outA: RuleEvent[] = [];
    run(first, [{ engine: a, ctx: ctxA, out: outA }]);
    const ctxB = w.ctx();
    const b = new RuleEngine(ctxB, { reorderWindowMs: 60_000, contiguousMs: 35_000, skipAtRest: false });
    for (const v of w.vehicles) {
      const s = a.snapshot(v.vehicleId);
      if (s) b.restore(s);
    }
    const ctxC = w.ctx();
    const c = new RuleEngine(ctxC, { reorderWindowMs: 60_000, contiguousMs: 35_000 });
    for (const v of w.vehicles) {
      const s = a.snapshot(v.vehicleId);
      if (s) c.restore(s);
    }
    const second = { ...w, fixes: w.fixes.slice(half) };
    const outB: RuleEvent[] = [];
    const outC: RuleEvent[] = [];
    run(second, [
      { engine: b, ctx: ctxB, out: outB },
      { engine: c, ctx: ctxC, out: outC },
    ]);
    expect(outC.length).toBeGreaterThan(100);
    expect(outC).toStrictEqual(outB);
    for (const v of w.vehicles) expect(c.snapshotJson(v.vehicleId)).toBe(b.snapshotJson(v.vehicleId));
  });
});
