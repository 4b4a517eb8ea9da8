import { describe, expect, it } from 'vitest';
import { drive, Journey, kinds, MIN, PANJIN, scenario, T0 } from '../testing.js';
import type { Geofence } from '../geofences.js';
import { overspeedSeverity } from './overspeed.js';

const expressway: Geofence = {
  id: 'g15',
  kind: 'speed_zone',
  name: 'G15 沈海高速',
  roadClass: 'expressway',
  shape: { type: 'corridor', line: [122.0, PANJIN.lat, 122.3, PANJIN.lat], widthM: 60 },
};
const posted40: Geofence = {
  id: 'school',
  kind: 'speed_zone',
  name: '学校路段',
  roadClass: 'other',
  postedLimitKmh: 40,
  shape: { type: 'circle', lat: PANJIN.lat, lon: PANJIN.lon, radiusM: 3000 },
};

describe('overspeed', () => {
  it('30 s over the 60 km/h limit is not an event', () => {
    const { run } = scenario();
    const events = run(new Journey(T0).drive(31, 1, 70).drive(120, 10, 50).fixes);
    expect(kinds(events, 'overspeed')).toEqual([]);
  });

  it('31 s over the limit starts an event that ends 60 s after the last over-limit fix', () => {
    const { run } = scenario();
    const events = run(new Journey(T0).drive(32, 1, 70).drive(120, 10, 50).fixes);
    expect(kinds(events, 'overspeed')).toEqual(['started:overspeed', 'ended:overspeed']);
    const [started, ended] = events.filter((e) => e.type === 'overspeed');
    expect(started!.startedAt).toBe(T0);
    expect(started!.at).toBe(T0 + 31_000);
    expect(started!.threshold).toBe(60);
    expect(started!.measured).toBe(70);
    expect(started!.severity).toBe('medium'); // 16.7 % over
    expect(started!.vehicleId).toBe('v1');
    expect(started!.enterpriseId).toBe('e1');
    expect(ended!.endedAt).toBe(T0 + 31_000);
  });

  it('a repeat within 60 s is merged into the same episode; after 60 s it is a new one', () => {
    const { run, engine } = scenario();
    const events = run(
      new Journey(T0)
        .drive(45, 5, 75) // over from 0 to 40 s: started at 35 s
        .drive(55, 5, 55) // under until 95 s
        .drive(15, 5, 95) // over again at 100 s, 60 s after the last: merged
        .drive(75, 5, 55) // 65 s under: ended
        .drive(45, 5, 70).fixes, // a second episode
    );
    expect(kinds(events, 'overspeed')).toEqual([
      'started:overspeed',
      'updated:overspeed',
      'ended:overspeed',
      'started:overspeed',
    ]);
    const updated = events.find((e) => e.type === 'overspeed' && e.phase === 'updated')!;
    expect(updated.measured).toBe(95);
    expect(updated.severity).toBe('critical'); // 95 km/h is 58 % over 60
    expect(engine.metrics('v1')[0]!.overspeedEvents).toBe(2);
  });

  it('uses 80 km/h on an expressway corridor and the posted limit when lower', () => {
    const onExpressway = scenario({ fences: [expressway] }).run(
      drive({ start: T0, seconds: 60, every: 5, speed: 75 }),
    );
    expect(kinds(onExpressway, 'overspeed')).toEqual([]);
    const school = scenario({ fences: [expressway, posted40] }).run(
      drive({ start: T0, seconds: 60, every: 5, speed: 45 }),
    );
    expect(kinds(school, 'overspeed')).toEqual(['started:overspeed']);
    expect(school[0]!.threshold).toBe(40);
  });

  it('the tick closes an episode when the vehicle stops reporting', () => {
    const { run, engine } = scenario();
    run(drive({ start: T0, seconds: 40, every: 5, speed: 70 }));
    expect(kinds(engine.tick(T0 + 60_000))).toEqual([]);
    expect(kinds(engine.tick(T0 + 40_000 + MIN + 1000), 'overspeed')).toEqual(['ended:overspeed']);
  });

  it('grades severity by the penalty-point bands', () => {
    expect(overspeedSeverity(65, 60)).toBe('low');
    expect(overspeedSeverity(66, 60)).toBe('medium');
    expect(overspeedSeverity(72, 60)).toBe('high');
    expect(overspeedSeverity(90, 60)).toBe('critical');
  });
});
