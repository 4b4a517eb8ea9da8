import { describe, expect, it } from 'vitest';
import type { ActiveWaybill } from '../context.js';
import { distanceToSegmentM } from '../geo.js';
import { rng } from '../simulate.js';
import { Journey, kinds, PANJIN, scenario, T0 } from '../testing.js';
import { routeDeviation, withinNear } from './route-deviation.js';

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

  it('the near search answers for the 8 segments either side of its hint, whatever it tries first', () => {
    const random = rng(5);
    // A winding route of 60 segments, about 300 m each.
    const line: number[] = [];
    for (let k = 0, lat = PANJIN.lat, lon = PANJIN.lon; k <= 60; k++) {
      line.push(lon, lat);
      lat += (random() - 0.3) * 0.004;
      lon += (random() - 0.3) * 0.005;
    }
    const s = routeDeviation.init();
    let tries = 0;
    let found = 0;
    for (let k = 0; k < 5000; k++) {
      // Points near a segment up to 12 from the hint (in the window or just beyond it): on the
      // road, beside it, or far off.
      const seg = 2 * Math.min(59, Math.max(0, s.hint / 2 + Math.round((random() - 0.5) * 24)));
      const f = random();
      const off = (random() - 0.5) * (random() < 0.5 ? 0.002 : 0.03);
      const lat = line[seg + 1]! + f * (line[seg + 3]! - line[seg + 1]!) + off;
      const lon = line[seg]! + f * (line[seg + 2]! - line[seg]!) - off;
      const limit = 300;
      const hint = s.hint;
      let expected = false;
      for (let i = Math.max(0, hint - 16); i <= Math.min(line.length - 4, hint + 16); i += 2)
        if (distanceToSegmentM(lat, lon, line[i + 1]!, line[i]!, line[i + 3]!, line[i + 2]!) <= limit)
          expected = true;
      const near = withinNear(s, lat, lon, line, limit);
      expect(near, `point ${k}`).toBe(expected);
      tries++;
      if (near) {
        found++;
        // The new hint is a segment within the limit, within the window.
        expect(Math.abs(s.hint - hint)).toBeLessThanOrEqual(16);
        expect(
          distanceToSegmentM(
            lat,
            lon,
            line[s.hint + 1]!,
            line[s.hint]!,
            line[s.hint + 3]!,
            line[s.hint + 2]!,
          ),
        ).toBeLessThanOrEqual(limit);
      } else expect(s.hint).toBe(hint);
      // Now and then the rule moves the hint to the nearest segment, as after a full scan.
      if (random() < 0.2) s.hint = seg;
    }
    expect(found).toBeGreaterThan(1000);
    expect(tries - found).toBeGreaterThan(1000);
  });
});
