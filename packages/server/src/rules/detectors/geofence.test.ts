import { describe, expect, it } from 'vitest';
import type { BanWindow } from '../context.js';
import type { Geofence } from '../geofences.js';
import { fixAt, Journey, kinds, MIN, PANJIN, scenario, T0 } from '../testing.js';

/** A square about 850 m wide whose west edge lies ~420 m east of PANJIN. */
const square = (id: string, kind: Geofence['kind'], extra: Partial<Geofence> = {}): Geofence => ({
  id,
  kind,
  name: id,
  shape: { type: 'polygon', ring: [122.075, 41.116, 122.085, 41.116, 122.085, 41.124, 122.075, 41.124] },
  ...extra,
});

describe('geofence enter / exit / dwell', () => {
  it('reports entry and exit of a fence that asks for it, and nothing for one that does not', () => {
    const { run } = scenario({
      fences: [square('park', 'chemical_park', { notify: true }), square('quiet', 'custom')],
    });
    const events = run(new Journey(T0).drive(180, 10, 40).fixes); // 2 km east: in and out
    expect(kinds(events)).toEqual(['started:geofence', 'ended:geofence']);
    expect(events[0]!.key).toBe('park');
    expect(events[0]!.detail?.['kind']).toBe('chemical_park');
  });

  it('a restricted zone is a violation only for the goods classes it bars', () => {
    const zone = square('rz', 'restricted_zone', { goodsClasses: ['2.1'] });
    const trip = new Journey(T0).drive(180, 10, 40).fixes;
    expect(kinds(scenario({ fences: [zone], vehicle: { goodsClasses: ['3'] } }).run(trip))).toEqual([]);
    const events = scenario({ fences: [zone], vehicle: { goodsClasses: ['2.1'] } }).run(trip);
    expect(kinds(events)).toEqual(['started:restricted_zone', 'ended:restricted_zone']);
    expect(events[1]!.measured).toBeGreaterThan(60);
  });

  it('goods loaded while standing in a restricted zone that bars them start the violation at the next fix', () => {
    // The fences do not change between the fixes; only the vehicle's context does.
    const zone = square('rz', 'restricted_zone', { goodsClasses: ['2.1'] });
    const inside = { lat: 41.12, lon: 122.08 };
    const { run, ctx } = scenario({ fences: [zone], vehicle: { goodsClasses: ['3'] } });
    expect(run([fixAt(T0, inside), fixAt(T0 + 30_000, inside)])).toEqual([]);
    ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['2.1'],
      waybill: { id: 'w2', places: [] },
    });
    const events = run([fixAt(T0 + 60_000, inside)]);
    expect(kinds(events, 'restricted_zone')).toEqual(['started:restricted_zone']);
    expect(events[0]!.startedAt).toBe(T0 + 60_000);
  });

  it('dwell: staying longer than the limit in a fence opens a dwell episode, leaving closes it', () => {
    const bay = {
      ...square('bay', 'custom', { dwellLimitSec: 45 * 60 }),
      shape: { type: 'circle' as const, lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 100 },
    };
    const { run } = scenario({ fences: [bay] });
    const events = run(new Journey(T0).stop(47 * 60, 60).drive(120, 10, 40).fixes);
    expect(kinds(events, 'geofence_dwell')).toEqual(['started:geofence_dwell', 'ended:geofence_dwell']);
    // 45 min exactly is within the limit; the fix at 46 min is past it.
    expect(events.find((e) => e.type === 'geofence_dwell')!.at).toBe(T0 + 46 * MIN);
  });

  it('an enterprise fence is seen only by that enterprise', () => {
    const own = square('depot', 'custom', { notify: true, enterpriseId: 'other' });
    expect(kinds(scenario({ fences: [own] }).run(new Journey(T0).drive(180, 10, 40).fixes))).toEqual([]);
  });
});

describe('time and zone bans', () => {
  const expressway: Geofence = {
    id: 'g1',
    kind: 'speed_zone',
    name: 'G1 京哈高速',
    roadClass: 'expressway',
    shape: { type: 'corridor', line: [122.0, PANJIN.lat, 122.3, PANJIN.lat], widthM: 60 },
  };
  const holiday: BanWindow = {
    id: 'mayday',
    name: '五一高速禁行',
    fenceIds: ['g1'],
    periods: [{ from: Date.parse('2026-05-01T00:00:00+08:00'), to: Date.parse('2026-05-06T06:00:00+08:00') }],
  };
  const nightly: BanWindow = {
    id: 'night',
    name: '夜间禁行',
    fenceIds: ['g1'],
    goodsClasses: ['1'],
    daily: [{ startMinute: 22 * 60, endMinute: 6 * 60 }],
  };

  it('driving on a banned expressway during a holiday ban is a violation; the day after is not', () => {
    const during = Date.parse('2026-05-03T10:00:00+08:00');
    const s = scenario({ fences: [expressway], bans: [holiday] });
    const events = s.run(new Journey(during).drive(60, 10, 70).fixes);
    expect(kinds(events)).toEqual(['started:ban_violation']);
    expect(events[0]!.key).toBe('mayday');
    expect(events[0]!.detail?.['zone']).toBe('g1');
    const after = Date.parse('2026-05-06T06:00:00+08:00');
    expect(
      kinds(
        scenario({ fences: [expressway], bans: [holiday] }).run(new Journey(after).drive(60, 10, 70).fixes),
      ),
    ).toEqual([]);
  });

  it('a nightly ban for class 1 applies at 23:00 across midnight, ends at 06:00, and skips class 3', () => {
    const explosives = scenario({
      fences: [expressway],
      bans: [nightly],
      vehicle: { goodsClasses: ['1.1'] },
    });
    const events = explosives.run([
      fixAt(Date.parse('2026-11-23T21:59:00+08:00'), { speed: 50 }),
      fixAt(Date.parse('2026-11-23T23:00:00+08:00'), { speed: 50 }),
      fixAt(Date.parse('2026-11-24T05:59:00+08:00'), { speed: 50 }),
      fixAt(Date.parse('2026-11-24T06:00:00+08:00'), { speed: 50 }),
    ]);
    expect(kinds(events, 'ban_violation')).toEqual(['started:ban_violation', 'ended:ban_violation']);
    expect(events.find((e) => e.phase === 'ended' && e.type === 'ban_violation')!.at).toBe(
      Date.parse('2026-11-24T06:00:00+08:00'),
    );
    const fuel = scenario({ fences: [expressway], bans: [nightly], vehicle: { goodsClasses: ['3'] } });
    expect(
      kinds(fuel.run([fixAt(Date.parse('2026-11-23T23:00:00+08:00'), { speed: 50 })]), 'ban_violation'),
    ).toEqual([]);
  });

  it('bans that change under way apply to the next fix, though the fence answer is the same', () => {
    // The bans of a fence answer are kept with the answer: a new list must not be read through
    // the old one's (an empty list, then the holiday ban, then none again).
    const during = Date.parse('2026-05-03T10:00:00+08:00');
    const s = scenario({ fences: [expressway], bans: [] });
    expect(kinds(s.run(new Journey(during).drive(60, 10, 70).fixes), 'ban_violation')).toEqual([]);
    s.ctx.setBans([holiday]);
    const started = s.run(new Journey(during + 2 * MIN).drive(60, 10, 70).fixes);
    expect(kinds(started, 'ban_violation')).toEqual(['started:ban_violation']);
    s.ctx.setBans([]);
    const ended = s.run(new Journey(during + 4 * MIN).drive(60, 10, 70).fixes);
    expect(kinds(ended, 'ban_violation')).toEqual(['ended:ban_violation']);
  });
});
