import { describe, expect, it } from 'vitest';
import { RuleEngine, type VehicleSnapshot } from './engine.js';
import { fixAt, HOUR, Journey, kinds, MIN, scenario, T0 } from './testing.js';
import type { RuleContext, VehicleContext } from './context.js';
import type { RuleEvent } from './types.js';

describe('engine ordering', () => {
  it('reorders fixes that arrive out of order within the window', () => {
    const j = new Journey(T0).drive(40, 1, 70).drive(100, 10, 50);
    const shuffled = [...j.fixes];
    // Swap neighbours all along: every fix arrives a second late or early.
    for (let i = 0; i + 1 < shuffled.length; i += 2)
      [shuffled[i], shuffled[i + 1]] = [shuffled[i + 1]!, shuffled[i]!];
    const inOrder = scenario({ engine: { reorderWindowMs: 60_000 } });
    const a = [...inOrder.run(j.fixes), ...inOrder.engine.drain()];
    const outOfOrder = scenario({ engine: { reorderWindowMs: 60_000 } });
    const b = [...outOfOrder.run(shuffled), ...outOfOrder.engine.drain()];
    expect(kinds(a)).toEqual(['started:overspeed', 'ended:overspeed']);
    expect(b).toEqual(a);
    expect(outOfOrder.engine.metrics()).toEqual(inOrder.engine.metrics());
  });

  it('holds fixes for the window and releases them as newer ones arrive or on tick', () => {
    const { engine } = scenario({ engine: { reorderWindowMs: 60_000 } });
    const j = new Journey(T0).drive(40, 1, 70);
    for (const f of j.fixes) expect(engine.ingest(f)).toEqual([]);
    expect(engine.metrics()).toEqual([]); // nothing processed yet
    // Released by the clock once received a window ago; by then the last over-limit fix is
    // more than 60 s old too, so the same tick closes the episode.
    const released = engine.tick(T0 + 40_000 + 60_000);
    expect(kinds(released, 'overspeed')).toEqual(['started:overspeed', 'ended:overspeed']);
    expect(engine.metrics()[0]!.records).toBe(40);
  });

  it('a blind-area supplement older than the window is counted in the metrics, not driven through the rules', () => {
    const { engine, run } = scenario({ engine: { reorderWindowMs: 60_000 } });
    run(new Journey(T0 + 10 * MIN).drive(300, 10, 40).fixes);
    const late = new Journey(T0).drive(120, 1, 90).fixes; // 2 min at 90 km/h, 10 min ago
    expect(run(late)).toEqual([]);
    engine.drain();
    const m = engine.metrics('v1')[0]!;
    expect(m.lateRecords).toBe(120);
    expect(m.records).toBe(30 + 120);
    expect(m.validRecords).toBe(150);
  });

  it('with contiguousMs, processes an in-order stream at once: events leave with the fix that causes them', () => {
    const { engine } = scenario({ engine: { reorderWindowMs: 60_000, contiguousMs: 35_000 } });
    const j = new Journey(T0).drive(40, 1, 70);
    const out = j.fixes.flatMap((f) => engine.ingest(f));
    // Overspeed (limit 60 km/h) for more than 30 s: started on the fix 31 s into the stretch.
    expect(kinds(out, 'overspeed')).toEqual(['started:overspeed']);
    expect(out.find((e) => e.type === 'overspeed')!.at).toBe(T0 + 31_000);
    expect(engine.metrics()[0]!.records).toBe(40);
    const after = scenario({ engine: { reorderWindowMs: 60_000 } });
    expect(after.run(j.fixes)).toEqual([]); // without it, the same fixes wait out the window
  });

  it('with contiguousMs, a fix after a gap waits; the late fixes that fill the gap release all in order', () => {
    const fast = scenario({ engine: { reorderWindowMs: 60_000, contiguousMs: 35_000 } });
    const j = new Journey(T0).drive(300, 10, 50).drive(120, 10, 90).drive(300, 10, 50);
    const early = j.fixes.slice(0, 30); // 5 min before the signal loss
    const blind = j.fixes.slice(30, 45); // the 90 km/h stretch, resent later as 0x0704
    const live = j.fixes.slice(45);
    expect(fast.run(early)).toEqual([]);
    expect(fast.engine.metrics()[0]!.records).toBe(30); // processed at once
    // The live stream resumes first, 150 s after the last processed fix: it waits for the gap.
    expect(fast.run(live.slice(0, 3))).toEqual([]);
    expect(fast.engine.metrics()[0]!.records).toBe(30);
    // The blind-area batch arrives: the gap is filled, everything goes through the rules in order.
    const released = fast.run(blind);
    expect(kinds(released, 'overspeed')).toEqual(['started:overspeed']);
    const rest = fast.run(live.slice(3));
    const all = [...released, ...rest, ...fast.engine.drain()];
    const m = fast.engine.metrics()[0]!;
    expect(m.lateRecords).toBe(0);
    expect(m.records).toBe(j.fixes.length);
    // The same episodes as fixes delivered in order through the old window.
    const slow = scenario({ engine: { reorderWindowMs: 60_000 } });
    const reference = [...slow.run(j.fixes), ...slow.engine.drain()];
    expect(all).toEqual(reference);
  });

  it('with contiguousMs, a fix after a gap that nothing fills is released by the window', () => {
    const { engine, run } = scenario({ engine: { reorderWindowMs: 60_000, contiguousMs: 35_000 } });
    run(new Journey(T0).drive(60, 10, 40).fixes);
    expect(engine.metrics()[0]!.records).toBe(6);
    run([fixAt(T0 + 5 * MIN, { speed: 40 })]); // 4 min 10 s after the last: waits
    expect(engine.metrics()[0]!.records).toBe(6);
    // A window newer: the held one goes; this one, 60 s after it, waits in its turn (for the clock).
    run([fixAt(T0 + 6 * MIN, { speed: 40 })]);
    expect(engine.metrics()[0]!.records).toBe(6 + 1);
    engine.tick(T0 + 6 * MIN + 1000 + 60_000);
    expect(engine.metrics()[0]!.records).toBe(6 + 2);
  });

  it('ignores duplicates: the same fix twice, and a resend after it was processed', () => {
    const { engine, run } = scenario();
    const fixes = new Journey(T0).drive(60, 10, 40).fixes;
    run([...fixes, fixes[2]!, ...fixes]);
    expect(engine.duplicates).toBe(7);
    expect(engine.metrics('v1')[0]!.records).toBe(6);
    const buffered = scenario({ engine: { reorderWindowMs: 60_000 } });
    buffered.run([fixes[0]!, fixes[0]!]);
    expect(buffered.engine.duplicates).toBe(1);
  });

  it('remembers the last 16 processed fixes for duplicates, and the reporting interval, across a restore', () => {
    const j = new Journey(T0).drive(400, 10, 40);
    const fixes = j.fixes.slice(); // 40 fixes, 10 s apart
    const times = fixes.map((f) => f.deviceTime);
    const a = scenario();
    a.run(fixes);
    expect(a.engine.snapshot('v1')!.recent).toEqual(times.slice(-16));
    const resend = (s: ReturnType<typeof scenario>) => {
      const d0 = s.engine.duplicates;
      const late0 = s.engine.metrics('v1')[0]!.lateRecords;
      s.run(fixes.slice(-16)); // the last 16: duplicates
      s.run([fixes[fixes.length - 17]!]); // one before them: late, counted
      return [s.engine.duplicates - d0, s.engine.metrics('v1')[0]!.lateRecords - late0];
    };
    const b = scenario();
    b.engine.restore(JSON.parse(JSON.stringify(a.engine.snapshot('v1'))) as VehicleSnapshot);
    expect(b.engine.snapshot('v1')!.recent).toEqual(times.slice(-16));
    expect(resend(a)).toEqual([16, 1]);
    expect(resend(b)).toEqual([16, 1]);
    // And a restored engine still knows the reporting interval: a fix 10 s on goes through at
    // once; one 30 s on may have two missing before it, so it waits.
    const restored = () => {
      const e = scenario({ engine: { reorderWindowMs: 60_000, contiguousMs: 35_000 } });
      e.engine.restore(JSON.parse(JSON.stringify(a.engine.snapshot('v1'))) as VehicleSnapshot);
      return e;
    };
    const next = j.drive(10, 10, 40).fixes[40]!;
    const d = restored();
    d.run([next]);
    expect(d.engine.snapshot('v1')!.lastDeviceTime).toBe(next.deviceTime);
    j.t += 10_000;
    const far = j.drive(10, 10, 40).fixes[41]!; // 30 s after the last processed fix
    const e = restored();
    e.run([far]);
    expect(e.engine.snapshot('v1')!.pending).toHaveLength(1);
  });
});

describe('engine events and metrics', () => {
  it('events carry vehicle, enterprise, waybill and driver (IC card first, then the waybill) and a stable episode id', () => {
    const s = scenario({ vehicle: { waybill: { id: 'w1', driverId: 'd-waybill', places: [] } } });
    const fromWaybill = s.run(new Journey(T0).drive(40, 1, 70).fixes);
    expect(fromWaybill[0]!.driverId).toBe('d-waybill');
    expect(fromWaybill[0]!.waybillId).toBe('w1');
    const none = scenario({ vehicle: { waybill: null } }).run(new Journey(T0).drive(40, 1, 70).fixes);
    expect(none.find((e) => e.type === 'overspeed')!.waybillId).toBeNull();
    const card = scenario({ vehicle: { waybill: { id: 'w1', driverId: 'd-waybill', places: [] } } });
    const fromCard = card.run(new Journey(T0).drive(40, 1, 70, { driverId: 'd-card' }).fixes);
    expect(fromCard[0]!.driverId).toBe('d-card');
    expect(fromCard[0]!.id).toBe(`v1:overspeed:overspeed:${T0}`);
    expect(fromCard[0]!.enterpriseId).toBe('e1');
  });

  it('a pulled IC card (driverId null) hands the events back to the waybill driver; a fix that says nothing keeps the card', () => {
    const s = scenario({ vehicle: { waybill: { id: 'w1', driverId: 'd-waybill', places: [] } } });
    const j = new Journey(T0)
      .drive(40, 1, 70, { driverId: 'd-card' })
      .drive(120, 10, 40) // no card report: the card driver stays
      .drive(40, 1, 70, { driverId: null }) // card pulled
      .drive(120, 10, 40);
    const events = s.run(j.fixes).filter((e) => e.type === 'overspeed');
    expect(events.map((e) => `${e.phase}:${e.driverId}`)).toEqual([
      'started:d-card',
      'ended:d-card',
      'started:d-waybill',
      'ended:d-waybill',
    ]);
  });

  it("a late fix's alarm names the driver whose card was in the reader at its moment, across a restore", () => {
    const vehicle = { waybill: { id: 'w1', driverId: 'd-waybill', places: [] } };
    const s = scenario({ vehicle });
    // A's card for the first 5 minutes, B's from then on (swapped at a stop); then a blind-area
    // press from each driver's time comes late. The late fixes carry the session's card now (B),
    // as the gateway stamps them.
    s.run(
      Array.from({ length: 61 }, (_, k) =>
        fixAt(T0 + k * 10_000, { speed: 40, driverId: k < 30 ? 'd-A' : 'd-B' }),
      ),
    );
    const press = (t: number) => fixAt(t, { speed: 40, alarms: ['sos'], driverId: 'd-B' });
    const driverOf = (events: RuleEvent[]) => [...new Set(events.map((e) => e.driverId))];
    expect(driverOf(s.run([press(T0 + 2 * MIN + 5_000)]))).toEqual(['d-A']);
    expect(driverOf(s.run([press(T0 + 7 * MIN + 5_000)]))).toEqual(['d-B']);
    // Restored from its snapshot, the engine still knows whose card it was.
    const snap = JSON.parse(JSON.stringify(s.engine.snapshot('v1'))) as VehicleSnapshot;
    const r = scenario({ vehicle });
    r.engine.restore(snap);
    expect(driverOf(r.run([press(T0 + 4 * MIN + 5_000)]))).toEqual(['d-A']);
    // A snapshot from before the history was kept knows the card at its last fix only: an
    // earlier late alarm names nobody rather than perhaps the wrong person, and no waybill.
    const { crew: _crew, ...older } = snap;
    const o = scenario({ vehicle });
    o.engine.restore(older);
    const unknown = o.run([press(T0 + 4 * MIN + 5_000)]);
    expect(unknown.map((e) => [e.driverId, e.waybillId])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("a late fix's events name the waybill of their moment and its driver; a card not on file then names nobody", () => {
    const s = scenario({ vehicle: { waybill: { id: 'w1', driverId: 'd-1', places: [] } } });
    const drive = (from: number, minutes: number) =>
      s.run(Array.from({ length: minutes * 6 }, (_, k) => fixAt(from + k * 10_000, { speed: 40 })));
    drive(T0, 10);
    // The next trip's waybill, then a card not on file put in.
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w2', driverId: 'd-2', places: [] },
    });
    drive(T0 + 10 * MIN, 10);
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w2', driverId: 'd-2', places: [] },
      unknownCard: { name: '张三', number: null, since: T0 + 20 * MIN },
    });
    drive(T0 + 20 * MIN, 10);
    const late = (t: number) =>
      s.run([fixAt(t, { speed: 40, alarms: ['sos'] })]).map((e) => `${e.phase}:${e.waybillId}:${e.driverId}`);
    expect(late(T0 + 5 * MIN + 5_000)).toEqual(['started:w1:d-1', 'ended:w1:d-1']);
    expect(late(T0 + 15 * MIN + 5_000)).toEqual(['started:w2:d-2', 'ended:w2:d-2']);
    expect(late(T0 + 25 * MIN + 5_000)).toEqual(['started:w2:null', 'ended:w2:null']);
    // Live events name those of now.
    expect(s.run([fixAt(T0 + 31 * MIN, { speed: 40, alarms: ['sos'] })]).map((e) => e.waybillId)).toEqual([
      'w2',
    ]);
  });

  it("a late fix's alarm goes to the enterprise of its moment: a vehicle transferred mid-day; an older snapshot's entries go to today's", () => {
    const s = scenario({ vehicle: { enterpriseId: 'e-old', waybill: null } });
    const drive = (from: number, minutes: number) =>
      s.run(Array.from({ length: minutes * 6 }, (_, k) => fixAt(from + k * 10_000, { speed: 40 })));
    drive(T0, 10);
    // The vehicle is transferred (过户) to another carrier.
    s.ctx.setVehicle({ vehicleId: 'v1', enterpriseId: 'e-new', goodsClasses: ['3'], waybill: null });
    drive(T0 + 10 * MIN, 10);
    const late = (r: typeof s, t: number) =>
      r.run([fixAt(t, { speed: 40, alarms: ['sos'] })]).map((e) => e.enterpriseId);
    expect(late(s, T0 + 5 * MIN + 5_000)).toEqual(['e-old', 'e-old']);
    expect(late(s, T0 + 15 * MIN + 5_000)).toEqual(['e-new', 'e-new']);
    // Entries of a snapshot taken before they held the enterprise: today's enterprise handles it.
    const snap = JSON.parse(JSON.stringify(s.engine.snapshot('v1'))) as VehicleSnapshot;
    const older = { ...snap, crew: snap.crew!.map((c) => c.slice(0, 5)) } as VehicleSnapshot;
    const o = scenario({ vehicle: { enterpriseId: 'e-new' } });
    o.engine.restore(older);
    expect(late(o, T0 + 8 * MIN + 5_000)).toEqual(['e-new', 'e-new']);
  });

  it('a late alarm from before the oldest change kept names nobody; a vehicle without cards names the waybill driver', () => {
    const vehicle = { waybill: { id: 'w1', driverId: 'd-waybill', places: [] } };
    const s = scenario({ vehicle });
    // 40 card changes, one a minute (the history keeps the last 32).
    s.run(Array.from({ length: 40 }, (_, k) => fixAt(T0 + k * MIN, { speed: 40, driverId: `d-${k}` })));
    const press = (t: number) => fixAt(t, { speed: 40, alarms: ['sos'] });
    expect(s.run([press(T0 + 30 * MIN + 5_000)]).map((e) => e.driverId)).toEqual(['d-30', 'd-30']);
    expect(s.run([press(T0 + 8 * MIN + 5_000)]).map((e) => e.driverId)).toEqual(['d-8', 'd-8']);
    expect(s.run([press(T0 + 5 * MIN + 5_000)]).map((e) => e.driverId)).toEqual([null, null]);
    const none = scenario({ vehicle });
    none.run(Array.from({ length: 40 }, (_, k) => fixAt(T0 + k * MIN, { speed: 40 })));
    expect(none.run([press(T0 + 7 * MIN + 5_000)]).map((e) => e.driverId)).toEqual([
      'd-waybill',
      'd-waybill',
    ]);
  });

  it('daily metrics split at local midnight', () => {
    const { engine, run } = scenario();
    run(new Journey(Date.parse('2026-11-23T23:50:00+08:00')).drive(20 * 60, 60, 60).fixes);
    const days = engine
      .metrics('v1')
      .map((m) => [m.day, m.records, Math.round(m.drivingMs / MIN), Math.round(m.mileageM)]);
    expect(days).toEqual([
      ['2026-11-23', 10, 9, 9000],
      ['2026-11-24', 10, 10, 10000],
    ]);
    expect(engine.takeMetricsBefore('2026-11-24').map((m) => m.day)).toEqual(['2026-11-23']);
    expect(engine.metrics('v1').map((m) => m.day)).toEqual(['2026-11-24']);
  });

  it('counts online time between fixes that are less than the offline threshold apart', () => {
    const { engine, run } = scenario();
    run(
      new Journey(T0)
        .drive(600, 60, 40)
        .silence(30 * 60)
        .drive(120, 60, 40).fixes,
    );
    expect(engine.metrics('v1')[0]!.onlineMs).toBe(9 * MIN + 1 * MIN);
  });
});

describe('engine snapshot and restart', () => {
  it('a restart in the middle of a long drive remembers the continuous driving time', () => {
    const j = new Journey(T0).drive(3 * 3600, 60, 60);
    const first = scenario();
    first.run(j.fixes);
    expect(first.engine.takeDirty()).toEqual(['v1']);
    // Through JSON, as the state store keeps it; the text form is the object form serialised.
    const text = first.engine.snapshotJson('v1')!;
    expect(text).toBe(JSON.stringify(first.engine.snapshot('v1')));
    const saved = JSON.parse(text) as VehicleSnapshot;

    const second = scenario();
    second.engine.restore(saved);
    const before = j.fixes.length;
    const events = second.run(j.drive(65 * 60, 60, 60).fixes.slice(before));
    const started = events.find((e) => e.type === 'fatigue_continuous')!;
    expect(started.at).toBe(T0 + 4 * HOUR + 1 * MIN);

    // Without the snapshot the same hour would be 65 minutes of driving and nothing else.
    const amnesiac = scenario();
    expect(kinds(amnesiac.run(j.fixes.slice(before)), 'fatigue_continuous')).toEqual([]);
  });

  it('restores pending fixes, open episodes and metrics; a restored engine continues exactly like the original', () => {
    const j = new Journey(T0).drive(20, 1, 70);
    const a = scenario({ engine: { reorderWindowMs: 5000 } });
    a.run(j.fixes);
    const snap = a.engine.snapshot('v1')!;
    expect(snap.pending.length).toBeGreaterThan(0);
    const b = scenario({ engine: { reorderWindowMs: 5000 } });
    b.engine.restore(JSON.parse(JSON.stringify(snap)) as VehicleSnapshot);
    const before = j.fixes.length;
    const rest = j.drive(60, 1, 70).drive(120, 10, 40).fixes.slice(before);
    const ea: RuleEvent[] = [...a.run(rest), ...a.engine.drain()];
    const eb: RuleEvent[] = [...b.run(rest), ...b.engine.drain()];
    expect(kinds(ea)).toEqual(['started:overspeed', 'ended:overspeed']);
    expect(eb).toEqual(ea);
    expect(b.engine.metrics()).toEqual(a.engine.metrics());
  });

  it('refuses a snapshot of an unknown version', () => {
    const { engine } = scenario();
    expect(() => engine.restore({ version: 2 } as unknown as VehicleSnapshot)).toThrow(/version/);
  });

  it('unknown vehicles get an empty context instead of failing', () => {
    const s = scenario();
    const engine = new RuleEngine(s.ctx, { reorderWindowMs: 0 });
    const events = engine.ingest(fixAt(T0, { vehicleId: 'stranger', speed: 30 }));
    expect(events).toEqual([]);
    expect(engine.metrics('stranger')[0]!.records).toBe(1);
  });
});

describe('engine context cache', () => {
  // The engine keeps each vehicle's context and parameters between fixes while the context's
  // revision stands still; a change through the context's setters must reach the next fix.
  it('a waybill set mid-drive closes driving without a waybill on the next fix', () => {
    const s = scenario({ vehicle: { waybill: null } });
    const j = new Journey(T0).drive(11 * 60, 10, 40);
    expect(kinds(s.run(j.fixes), 'no_waybill')).toEqual(['started:no_waybill']);
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w9', places: [] },
    });
    const before = j.fixes.length;
    const next = s.run(j.drive(10, 10, 40).fixes.slice(before));
    expect(kinds(next, 'no_waybill')).toEqual(['ended:no_waybill']);
    expect(next[0]!.detail).toEqual({ reason: 'waybill' });
  });

  it('parameters changed mid-drive apply to the next fix', () => {
    const s = scenario();
    const j = new Journey(T0).drive(60, 1, 55);
    expect(kinds(s.run(j.fixes), 'overspeed')).toEqual([]);
    s.ctx.setVehicleParams('v1', { otherRoadLimitKmh: 50 });
    const before = j.fixes.length;
    const events = s.run(j.drive(60, 1, 55).fixes.slice(before));
    expect(kinds(events, 'overspeed')).toEqual(['started:overspeed']);
    expect(events[0]!.threshold).toBe(50);
  });

  it('a context without revision() is asked on every fix', () => {
    const s = scenario({ vehicle: { waybill: null } });
    let current: VehicleContext = { vehicleId: 'v1', enterpriseId: 'e1', goodsClasses: [], waybill: null };
    const ctx: RuleContext = {
      vehicle: () => current,
      fences: () => s.ctx.fences(),
      bans: () => [],
      params: (v, e) => s.ctx.params(v, e),
    };
    const engine = new RuleEngine(ctx, { reorderWindowMs: 0 });
    const j = new Journey(T0).drive(11 * 60, 10, 40);
    const out: RuleEvent[] = [];
    for (const f of j.fixes) engine.ingest(f, out);
    expect(kinds(out, 'no_waybill')).toEqual(['started:no_waybill']);
    current = { ...current, waybill: { id: 'w9', places: [] } };
    const before = j.fixes.length;
    const next: RuleEvent[] = [];
    for (const f of j.drive(10, 10, 40).fixes.slice(before)) engine.ingest(f, next);
    expect(kinds(next, 'no_waybill')).toEqual(['ended:no_waybill']);
  });
});
