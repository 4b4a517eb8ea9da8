import { describe, expect, it } from 'vitest';
import type { Geofence } from '../geofences.js';
import { Journey, kinds, MIN, PANJIN, scenario, T0 } from '../testing.js';

const lot: Geofence = {
  id: 'lot1',
  kind: 'parking_lot',
  name: '危货停车场',
  shape: { type: 'circle', lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 150 },
};

describe('parking outside designated places', () => {
  it('30 min stationary is allowed, 31 min is an episode that ends when the vehicle moves', () => {
    const ok = scenario().run(new Journey(T0).stop(31 * 60, 60).drive(60, 10, 30).fixes);
    expect(kinds(ok, 'parking_outside')).toEqual([]);
    const events = scenario().run(new Journey(T0).stop(32 * 60, 60).drive(60, 10, 30).fixes);
    expect(kinds(events, 'parking_outside')).toEqual(['started:parking_outside', 'ended:parking_outside']);
    expect(events[0]!.startedAt).toBe(T0);
    expect(events[0]!.at).toBe(T0 + 31 * MIN);
    expect(events[0]!.threshold).toBe(30 * 60);
  });

  it('no episode in a parking lot, nor at the waybill loading place', () => {
    expect(
      kinds(scenario({ fences: [lot] }).run(new Journey(T0).stop(60 * 60, 60).fixes), 'parking_outside'),
    ).toEqual([]);
    const waybill = {
      id: 'w9',
      places: [{ id: 'p1', kind: 'loading' as const, lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 200 }],
    };
    expect(
      kinds(
        scenario({ vehicle: { waybill } }).run(new Journey(T0).stop(60 * 60, 60).fixes),
        'parking_outside',
      ),
    ).toEqual([]);
  });

  it('the tick opens the episode when a parked terminal stops reporting', () => {
    const { run, engine } = scenario();
    run(new Journey(T0).stop(5 * 60, 60).fixes);
    expect(kinds(engine.tick(T0 + 30 * MIN), 'parking_outside')).toEqual([]);
    expect(kinds(engine.tick(T0 + 30 * MIN + 1000), 'parking_outside')).toEqual(['started:parking_outside']);
  });
});
