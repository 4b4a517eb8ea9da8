import { describe, expect, it } from 'vitest';
import type { Geofence } from '../geofences.js';
import { Journey, kinds, MIN, scenario, T0 } from '../testing.js';

const noWaybill = { vehicle: { waybill: null } };

describe('trips (运次) for the e-waybill usage rate', () => {
  it('5 min of driving is no trip; the first fix past 5 min makes one, ended at the start of a 30-min stop', () => {
    const short = scenario(noWaybill).run(new Journey(T0).drive(330, 30, 40).stop(31 * 60, 60).fixes);
    expect(kinds(short, 'trip')).toEqual([]);

    const events = scenario(noWaybill).run(new Journey(T0).drive(360, 30, 40).stop(31 * 60, 60).fixes);
    const trips = events.filter((e) => e.type === 'trip');
    expect(kinds(trips)).toEqual(['started:trip', 'ended:trip']);
    expect(trips[0]).toMatchObject({ startedAt: T0, at: T0 + 330_000, severity: 'info' });
    expect(trips[1]).toMatchObject({ startedAt: T0, at: T0 + 360_000, endedAt: T0 + 360_000, measured: 360 });
    expect(trips[1]!.detail).toEqual({ distanceM: 4000, movingSec: 360, hadWaybill: false, ending: 'stop' });
  });

  it('a 29-min stop does not end the trip, a 30-min stop does', () => {
    const one = scenario(noWaybill).run(
      new Journey(T0)
        .drive(10 * 60, 30, 40)
        .stop(30 * 60, 60)
        .drive(10 * 60, 30, 40)
        .stop(31 * 60, 60).fixes,
    );
    expect(kinds(one, 'trip')).toEqual(['started:trip', 'ended:trip']);
    expect(one.find((e) => e.phase === 'ended')!.at).toBe(T0 + 50 * MIN);

    const two = scenario(noWaybill).run(
      new Journey(T0)
        .drive(10 * 60, 30, 40)
        .stop(31 * 60, 60)
        .drive(10 * 60, 30, 40)
        .stop(31 * 60, 60).fixes,
    );
    expect(kinds(two, 'trip')).toEqual(['started:trip', 'ended:trip', 'started:trip', 'ended:trip']);
    expect(two.filter((e) => e.type === 'trip' && e.phase === 'ended').map((e) => e.at)).toEqual([
      T0 + 10 * MIN,
      T0 + 51 * MIN,
    ]);
  });

  it('at a designated place a 10-min stop ends the trip, a 9-min stop does not', () => {
    const leg = new Journey(T0).drive(10 * 60, 30, 40);
    const lot: Geofence = {
      id: 'lot1',
      kind: 'parking_lot',
      name: '危货停车场',
      shape: { type: 'circle', lat: leg.lat, lon: leg.lon, radiusM: 150 },
    };
    const nine = scenario({ ...noWaybill, fences: [lot] }).run(
      new Journey(T0).drive(10 * 60, 30, 40).stop(10 * 60, 60).fixes,
    );
    expect(kinds(nine, 'trip')).toEqual(['started:trip']);
    const ten = scenario({ ...noWaybill, fences: [lot] }).run(
      new Journey(T0).drive(10 * 60, 30, 40).stop(11 * 60, 60).fixes,
    );
    expect(kinds(ten, 'trip')).toEqual(['started:trip', 'ended:trip']);
    expect(ten.at(-1)!.detail?.['ending']).toBe('designated_stop');

    // The waybill's unloading place counts as designated too.
    const waybill = {
      id: 'w7',
      places: [{ id: 'u1', kind: 'unloading' as const, lat: leg.lat, lon: leg.lon, radiusM: 200 }],
    };
    const unloading = scenario({ vehicle: { waybill } }).run(
      new Journey(T0).drive(10 * 60, 30, 40).stop(11 * 60, 60).fixes,
    );
    expect(unloading.filter((e) => e.type === 'trip').at(-1)!.detail).toMatchObject({
      hadWaybill: true,
      waybillId: 'w7',
      ending: 'designated_stop',
    });
  });

  it('records a waybill that became active during the trip', () => {
    const s = scenario(noWaybill);
    const j = new Journey(T0).drive(10 * 60, 30, 40);
    const first = s.run(j.fixes);
    expect(first.find((e) => e.type === 'trip')!.detail).toBeUndefined();
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w42', places: [] },
    });
    const n = j.fixes.length;
    const rest = s.run(
      j
        .drive(5 * 60, 30, 40)
        .stop(31 * 60, 60)
        .fixes.slice(n),
    );
    const ended = rest.find((e) => e.type === 'trip' && e.phase === 'ended')!;
    expect(ended.detail).toMatchObject({ hadWaybill: true, waybillId: 'w42' });
    expect(ended.startedAt).toBe(T0);
  });

  it('a terminal silent for 30 min ends the trip at its last fix (by tick, or by the next fix)', () => {
    const s = scenario(noWaybill);
    s.run(new Journey(T0).drive(10 * 60, 30, 40).fixes);
    const last = T0 + 10 * MIN - 30_000;
    expect(kinds(s.engine.tick(last + 30 * MIN - 1000), 'trip')).toEqual([]);
    const ticked = s.engine.tick(last + 30 * MIN);
    expect(kinds(ticked, 'trip')).toEqual(['ended:trip']);
    expect(ticked[0]).toMatchObject({ at: last, detail: { ending: 'silence' } });

    const replay = scenario(noWaybill).run(
      new Journey(T0)
        .drive(10 * 60, 30, 40)
        .silence(40 * 60)
        .drive(10 * 60, 30, 40).fixes,
    );
    const trips = replay.filter((e) => e.type === 'trip');
    expect(kinds(trips)).toEqual(['started:trip', 'ended:trip', 'started:trip']);
    expect(trips[1]).toMatchObject({ at: last, detail: { ending: 'silence' } });
  });

  it('survives a restart in the middle of a trip', () => {
    const a = scenario(noWaybill);
    const j = new Journey(T0).drive(10 * 60, 30, 40);
    a.run(j.fixes);
    const snap = a.engine.snapshot('v1')!;
    const b = scenario(noWaybill);
    b.engine.restore(snap);
    const n = j.fixes.length;
    const events = b.run(j.stop(31 * 60, 60).fixes.slice(n));
    expect(kinds(events, 'trip')).toEqual(['ended:trip']);
    expect(events.find((e) => e.type === 'trip')!.startedAt).toBe(T0);
  });
});
