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

  it('on the way to the route (checked, not departed) nothing counts; once on it, leaving it does', () => {
    // The vehicle starts 5 km west of the route's start and drives east onto it, then on east, off it.
    const west = PANJIN.lon - 5000 / (111_320 * Math.cos((PANJIN.lat * Math.PI) / 180));
    const s = scenario({ vehicle: { waybill } });
    const j = new Journey(T0);
    j.lon = west;
    // 54 km/h = 15 m/s: 5 km in 333 s — about 5 minutes more than 500 m off the corridor, unflagged.
    j.drive(5 * 60, 5, 54);
    expect(kinds(s.run(j.fixes), 'route_deviation')).toEqual([]);
    const before = j.fixes.length;
    // On to the route and past it: 550 m beyond the line after about 70 s more; 60 s later, an episode.
    const after = s
      .run(j.drive(4 * 60, 5, 54).fixes.slice(before))
      .filter((e) => e.type === 'route_deviation');
    expect(kinds(after)).toEqual(['started:route_deviation']);
    expect(after[0]!.startedAt).toBeGreaterThan(T0 + 5 * 60_000);
  });

  it('a departed waybill (in transit) is watched from the first fix, on the route or not', () => {
    const west = PANJIN.lon - 5000 / (111_320 * Math.cos((PANJIN.lat * Math.PI) / 180));
    const j = new Journey(T0);
    j.lon = west;
    j.drive(150, 5, 0.1); // standing (GNSS creep) 5 km off the route
    const departed = scenario({ vehicle: { waybill: { ...waybill, departed: true } } });
    expect(kinds(departed.run(j.fixes), 'route_deviation')).toEqual(['started:route_deviation']);
    const checked = scenario({ vehicle: { waybill } });
    expect(kinds(checked.run(j.fixes), 'route_deviation')).toEqual([]);
  });

  it('a new waybill must be joined again', () => {
    const s = scenario({ vehicle: { waybill } });
    const j = new Journey(T0).drive(30, 5, 20); // on the route's start: watching w1
    s.run(j.fixes);
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      // w3's route starts 20 km north; the vehicle is far from it.
      waybill: {
        id: 'w3',
        route: { line: [PANJIN.lon, PANJIN.lat + 0.2, PANJIN.lon, PANJIN.lat + 0.4], corridorWidthM: 100 },
        places: [],
      },
    });
    const before = j.fixes.length;
    expect(kinds(s.run(j.drive(10 * 60, 5, 54).fixes.slice(before)), 'route_deviation')).toEqual([]);
  });
});
