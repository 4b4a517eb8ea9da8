import { describe, expect, it } from 'vitest';
import { fixAt, Journey, kinds, scenario, T0 } from '../testing.js';
import { invalidReasons } from './data-quality.js';

describe('data quality', () => {
  it('checks the assessment ranges (考核办法 note 4)', () => {
    expect(invalidReasons(fixAt(T0))).toEqual([]);
    expect(invalidReasons(fixAt(T0, { lon: 73.5 }))).toEqual(['longitude']); // 73°30′ < 73°33′
    expect(invalidReasons(fixAt(T0, { lat: 53.6 }))).toEqual(['latitude']);
    expect(invalidReasons(fixAt(T0, { speed: 161 }))).toEqual(['speed']);
    expect(invalidReasons(fixAt(T0, { altitude: -201 }))).toEqual(['altitude']);
    expect(invalidReasons(fixAt(T0, { receivedTime: T0 - 120_000 }))).toEqual(['time']);
    expect(invalidReasons(fixAt(T0, { fixed: false }))).toEqual(['not_fixed']);
    expect(invalidReasons(fixAt(T0, { valid: false, invalidReasons: ['plate'] }))).toEqual(['plate']);
  });

  it('a run of invalid records is one episode, counted; rules do not drive on them', () => {
    const { run, engine } = scenario();
    const events = run([
      fixAt(T0, { speed: 30 }),
      fixAt(T0 + 10_000, { speed: 170, lat: 41.2 }), // invalid speed, and a jump
      fixAt(T0 + 20_000, { fixed: false }),
      fixAt(T0 + 30_000, { speed: 30, lon: 122.0702 }),
    ]);
    expect(kinds(events)).toEqual(['started:invalid_data', 'ended:invalid_data']);
    expect(events[0]!.detail?.['reasons']).toBe('speed');
    expect(events[1]!.measured).toBe(2);
    const m = engine.metrics('v1')[0]!;
    expect(m.records).toBe(4);
    expect(m.validRecords).toBe(2);
    expect(m.drift).toBe(0);
  });

  it('drift: a jump at more than 160 km/h is dropped; three in a row are accepted as the new place', () => {
    const { run, engine } = scenario();
    const events = run([
      fixAt(T0, { speed: 30 }),
      fixAt(T0 + 10_000, { speed: 30, lat: 41.13 }), // 1.1 km in 10 s = 400 km/h
      fixAt(T0 + 20_000, { speed: 30, lon: 122.0701 }), // back near the start: fine
      fixAt(T0 + 30_000, { speed: 30, lat: 41.2 }),
      fixAt(T0 + 40_000, { speed: 30, lat: 41.2001 }),
      fixAt(T0 + 50_000, { speed: 30, lat: 41.2002 }),
    ]);
    expect(kinds(events)).toEqual([
      'started:drift',
      'ended:drift',
      'started:drift',
      'ended:drift',
      'started:drift',
      'ended:drift',
      'started:track_gap',
      'ended:track_gap',
    ]);
    expect(events[0]!.threshold).toBe(160);
    expect(events[0]!.measured).toBeGreaterThan(300);
    const m = engine.metrics('v1')[0]!;
    expect(m.drift).toBe(3);
    expect(m.trackGaps).toBe(1);
    // The accepted 8.9 km jump is mileage, but not complete mileage.
    expect(m.mileageM - m.completeMileageM).toBeGreaterThan(8800);
  });

  it('track gap at 5 km: just under is complete, just over is not', () => {
    const s = scenario({ params: { driftSpeedKmh: 2000 } });
    const j = new Journey(T0)
      .drive(10, 10, 30)
      .silence(4 * 60, 4900)
      .drive(10, 10, 30)
      .silence(4 * 60, 5010)
      .drive(10, 10, 30);
    const events = s.run(j.fixes);
    expect(kinds(events, 'track_gap')).toEqual(['started:track_gap', 'ended:track_gap']);
    expect(events.find((e) => e.type === 'track_gap')!.measured).toBe(5093); // 5010 m + 83 m driven before
  });
});
