import { describe, expect, it } from 'vitest';
import type { Geofence } from '../geofences.js';
import { Journey, kinds, MIN, PANJIN, scenario, T0 } from '../testing.js';

const lot: Geofence = {
  id: 'lot1',
  kind: 'parking_lot',
  name: '危货停车场',
  shape: { type: 'circle', lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 150 },
};

describe('offline', () => {
  it('the tick opens an episode after 20 min without a fix; the next fix closes it', () => {
    const { run, engine } = scenario();
    const j = new Journey(T0).drive(60, 10, 40);
    run(j.fixes);
    const lastReceived = T0 + 50_000 + 1000;
    expect(kinds(engine.tick(lastReceived + 20 * MIN), 'offline')).toEqual([]);
    const opened = engine.tick(lastReceived + 20 * MIN + 1);
    expect(kinds(opened, 'offline')).toEqual(['started:offline']);
    expect(opened[0]!.startedAt).toBe(T0 + 50_000);
    expect(kinds(engine.tick(lastReceived + 30 * MIN), 'offline')).toEqual([]); // no second start
    const before = j.fixes.length;
    const back = run(
      j
        .silence(25 * 60, 300)
        .drive(10, 10, 40)
        .fixes.slice(before),
    );
    expect(kinds(back, 'offline')).toEqual(['ended:offline']);
    expect(kinds(back, 'offline_displacement')).toEqual([]); // 300 m: below 1 km
  });

  it('a terminal asleep in a parking lot is not offline', () => {
    const { run, engine } = scenario({ fences: [lot] });
    run(new Journey(T0).stop(120, 60).fixes);
    expect(kinds(engine.tick(T0 + 3 * 60 * MIN))).toEqual([]);
  });

  it('offline displacement: the first fix after the gap is more than 1 km away — even from a parking lot', () => {
    const { run } = scenario({ fences: [lot] });
    const events = run(
      new Journey(T0)
        .stop(120, 60)
        .silence(40 * 60, 3000)
        .stop(60, 60).fixes,
    );
    expect(kinds(events, 'offline_displacement')).toEqual([
      'started:offline_displacement',
      'ended:offline_displacement',
    ]);
    expect(events.find((e) => e.type === 'offline_displacement')!.measured).toBe(3000);
    expect(kinds(events, 'offline')).toEqual([]); // parked in the lot: not an offline episode
  });

  it('replayed without ticks, a 21-minute gap gives the offline episode after the fact; 20 min does not', () => {
    const gap = (minutes: number) =>
      scenario().run(
        new Journey(T0)
          .drive(20, 10, 40)
          .silence(minutes * 60 - 10)
          .drive(20, 10, 40).fixes,
      );
    expect(kinds(gap(20), 'offline')).toEqual([]);
    const events = gap(21);
    expect(kinds(events, 'offline')).toEqual(['started:offline', 'ended:offline']);
    expect(events.find((e) => e.type === 'offline')!.detail?.['late']).toBe(true);
  });
});
