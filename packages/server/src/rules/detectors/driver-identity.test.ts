import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../engine.js';
import type { RuleEvent } from '../types.js';
import { Journey, kinds, MIN, scenario, T0 } from '../testing.js';

const waybill = { id: 'w1', driverId: 'p-driver', escortId: 'p-escort', places: [] };
const only = (events: RuleEvent[]) => events.filter((e) => e.type === 'driver_mismatch');
const withWaybill = () => scenario({ vehicle: { waybill } });

describe('driver identity (IC card against the waybill driver)', () => {
  it('60 s of driving with another person’s card is tolerated, the 61st second opens an episode', () => {
    // Fixes every second from T0: 61 fixes span 60 s of driving, 62 span 61 s.
    const ok = withWaybill().run(new Journey(T0).drive(61, 1, 40, { driverId: 'p-other' }).fixes);
    expect(kinds(ok, 'driver_mismatch')).toEqual([]);
    const events = only(withWaybill().run(new Journey(T0).drive(62, 1, 40, { driverId: 'p-other' }).fixes));
    expect(kinds(events)).toEqual(['started:driver_mismatch']);
    const e = events[0]!;
    expect(e.at).toBe(T0 + 61_000);
    expect(e.startedAt).toBe(T0);
    expect(e.threshold).toBe(60);
    expect(e.measured).toBe(61);
    expect(e.severity).toBe('high');
    // The event names the person at the wheel; the detail names whom the waybill expected.
    expect(e.driverId).toBe('p-other');
    expect(e.waybillId).toBe('w1');
    expect(e.detail).toEqual({ cardDriverId: 'p-other', waybillDriverId: 'p-driver', escort: false });
  });

  it('the waybill driver’s own card raises nothing, nor does a vehicle with no card or no waybill driver', () => {
    const drive = (extra: object) => new Journey(T0).drive(30 * 60, 10, 50, extra).fixes;
    expect(kinds(withWaybill().run(drive({ driverId: 'p-driver' })), 'driver_mismatch')).toEqual([]);
    expect(kinds(withWaybill().run(drive({})), 'driver_mismatch')).toEqual([]);
    expect(kinds(withWaybill().run(drive({ driverId: null })), 'driver_mismatch')).toEqual([]);
    const noDriver = scenario({ vehicle: { waybill: { id: 'w1', places: [] } } });
    expect(kinds(noDriver.run(drive({ driverId: 'p-other' })), 'driver_mismatch')).toEqual([]);
    const noWaybill = scenario({ vehicle: { waybill: null } });
    expect(kinds(noWaybill.run(drive({ driverId: 'p-other' })), 'driver_mismatch')).toEqual([]);
  });

  it('the escort’s card is a mismatch too, and says so', () => {
    const events = only(
      withWaybill().run(new Journey(T0).drive(5 * 60, 10, 40, { driverId: 'p-escort' }).fixes),
    );
    expect(kinds(events)).toEqual(['started:driver_mismatch']);
    expect(events[0]!.detail?.['escort']).toBe(true);
  });

  it('a wrong card while parked is not driving; a stop does not end an episode; pulling the card does', () => {
    const parked = withWaybill().run(new Journey(T0).stop(30 * 60, 30, { driverId: 'p-other' }).fixes);
    expect(kinds(parked, 'driver_mismatch')).toEqual([]);

    const j = new Journey(T0)
      .stop(10 * 60, 30, { driverId: 'p-other' })
      .drive((2 * MIN) / 1000, 10, 40, { driverId: 'p-other' })
      .stop(30 * 60, 30, { driverId: 'p-other' })
      .drive(60, 10, 40, { driverId: 'p-other' })
      .drive(60, 10, 40, { driverId: null });
    const events = only(withWaybill().run(j.fixes));
    // No update while parked; one when driving resumes (more than 5 min after the start).
    expect(kinds(events)).toEqual([
      'started:driver_mismatch',
      'updated:driver_mismatch',
      'ended:driver_mismatch',
    ]);
    // Counted from the first fix with the card, started after 60 s of driving (the parked time does not count).
    expect(events[0]!.startedAt).toBe(T0);
    expect(events[0]!.at).toBe(T0 + 10 * MIN + 70_000);
    expect(events[1]!.at).toBe(T0 + 42 * MIN + 10_000);
    expect(events[1]!.measured).toBe(130);
    expect(events[2]!.detail?.['reason']).toBe('card_pulled');
    expect(events[2]!.endedAt).toBe(T0 + 10 * MIN + 2 * MIN + 30 * MIN + 60_000);
    // 120 s of the first drive and 50 s of the second (its last interval ends at the pulled card's fix).
    expect(events[2]!.measured).toBe(170);
  });

  it('the right card put in ends the episode; another wrong card ends it and counts on its own', () => {
    const j = new Journey(T0)
      .drive(3 * 60, 10, 40, { driverId: 'p-other' })
      .drive(3 * 60, 10, 40, { driverId: 'p-third' })
      .drive(60, 10, 40, { driverId: 'p-driver' });
    const events = only(withWaybill().run(j.fixes));
    expect(
      events.map((e) => `${e.phase}:${String(e.detail?.['cardDriverId'])}:${String(e.detail?.['reason'])}`),
    ).toEqual([
      'started:p-other:undefined',
      'ended:p-other:card_changed',
      'started:p-third:undefined',
      'ended:p-third:card_matches',
    ]);
    expect(events[2]!.startedAt).toBe(T0 + 3 * MIN);
    expect(events[3]!.driverId).toBe('p-driver');
  });

  it('a waybill that now names the card’s person ends it', () => {
    const s = withWaybill();
    const j = new Journey(T0).drive(5 * 60, 10, 40, { driverId: 'p-other' });
    expect(kinds(s.run(j.fixes), 'driver_mismatch')).toEqual(['started:driver_mismatch']);
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w2', driverId: 'p-other', places: [] },
    });
    const before = j.fixes.length;
    const next = only(s.run(j.drive(60, 10, 40, { driverId: 'p-other' }).fixes.slice(before)));
    expect(kinds(next)).toEqual(['ended:driver_mismatch']);
    expect(next[0]!.detail?.['reason']).toBe('card_matches');
  });

  it('a restart in the middle keeps the count and the open episode (state from the snapshot)', () => {
    const s = withWaybill();
    const j = new Journey(T0).drive(40, 10, 40, { driverId: 'p-other' });
    expect(kinds(s.run(j.fixes), 'driver_mismatch')).toEqual([]);
    const snap = s.engine.snapshot('v1')!;
    const restarted = new RuleEngine(s.ctx, { reorderWindowMs: 0 });
    restarted.restore(snap);
    const before = j.fixes.length;
    j.drive(40, 10, 40, {}); // fixes that say nothing of the card: the card stays in
    const out: RuleEvent[] = [];
    for (const f of j.fixes.slice(before)) restarted.ingest(f, out);
    expect(kinds(out, 'driver_mismatch')).toEqual(['started:driver_mismatch']);
    expect(out.find((e) => e.type === 'driver_mismatch')!.at).toBe(T0 + 70_000);
  });

  it('an open episode reports the driving time so far every 5 min', () => {
    const events = only(
      withWaybill().run(new Journey(T0).drive(12 * 60, 10, 40, { driverId: 'p-other' }).fixes),
    );
    expect(events.map((e) => `${e.phase}@${(e.at - T0) / 1000}:${e.measured}`)).toEqual([
      'started@70:70',
      'updated@370:370',
      'updated@670:670',
    ]);
  });

  it('a card not on file (the context knows it from the card log) is a mismatch, and events name nobody', () => {
    const unknownCard = { name: '无名', number: 'QC-UNKNOWN', since: T0 };
    const s = scenario({ vehicle: { waybill, unknownCard } });
    const events = only(s.run(new Journey(T0).drive(3 * 60, 10, 40, { driverId: null }).fixes));
    expect(kinds(events)).toEqual(['started:driver_mismatch']);
    expect(events[0]!.driverId).toBeNull();
    expect(events[0]!.detail).toEqual({
      cardDriverId: '',
      cardNotOnFile: true,
      cardName: '无名',
      cardNumber: 'QC-UNKNOWN',
      waybillDriverId: 'p-driver',
      escort: false,
    });
    // The card is pulled: the log says so, the context drops it, the episode ends.
    s.ctx.setVehicle({ vehicleId: 'v1', enterpriseId: 'e1', goodsClasses: ['3'], waybill });
    const j = new Journey(T0 + 3 * MIN).drive(60, 10, 40, { driverId: null });
    const ended = only(s.run(j.fixes));
    expect(ended.map((e) => `${e.phase}:${String(e.detail?.['reason'])}`)).toEqual(['ended:card_pulled']);
    // Without an unknown card the events name the waybill's driver again.
    expect(ended[0]!.driverId).toBe('p-driver');
  });
});
