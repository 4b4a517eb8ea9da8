import { describe, expect, it } from 'vitest';
import type { ActiveWaybill } from '../context.js';
import { Journey, kinds, PANJIN, scenario, T0 } from '../testing.js';

/** Planned route running north from PANJIN; the test trips drive east, away from it. */
const waybill: ActiveWaybill = {
  id: 'w1',
  route: { line: [PANJIN.lon, PANJIN.lat, PANJIN.lon, PANJIN.lat + 0.2], corridorWidthM: 100 },
  places: [],
};

describe('route deviation', () => {
  it('more than 500 m outside the corridor for more than 60 s is an episode; back inside ends it', () => {
    const { run } = scenario({ vehicle: { waybill } });
    // 54 km/h = 15 m/s east: 550 m from the line (500 m outside the 100 m corridor) after 36.7 s.
    const j = new Journey(T0).drive(150, 5, 54);
    const events = run(j.fixes).filter((e) => e.type === 'route_deviation');
    expect(kinds(events)).toEqual(['started:route_deviation']);
    const started = events[0]!;
    expect(started.key).toBe('w1');
    expect(started.startedAt).toBe(T0 + 40_000);
    expect(started.at).toBe(T0 + 105_000); // first fix more than 60 s after 40 s
    expect(started.threshold).toBe(500);
    expect(started.measured).toBeGreaterThan(1000);
  });

  it('exactly 60 s outside is not yet a deviation', () => {
    const { run } = scenario({ vehicle: { waybill } });
    expect(kinds(run(new Journey(T0).drive(105, 5, 54).fixes), 'route_deviation')).toEqual([]);
  });

  it('no planned route, no rule; the waybill closing ends an open episode', () => {
    const noRoute = scenario({ vehicle: { waybill: { id: 'w2', places: [] } } }).run(
      new Journey(T0).drive(300, 5, 54).fixes,
    );
    expect(kinds(noRoute, 'route_deviation')).toEqual([]);
    const s = scenario({ vehicle: { waybill } });
    const j = new Journey(T0).drive(150, 5, 54);
    s.run(j.fixes);
    s.ctx.setVehicle({ vehicleId: 'v1', enterpriseId: 'e1', goodsClasses: ['3'], waybill: null });
    const closed = s.run(j.fixes.slice(j.stop(10, 5).fixes.length - 2));
    expect(kinds(closed, 'route_deviation')).toEqual(['ended:route_deviation']);
  });
});
