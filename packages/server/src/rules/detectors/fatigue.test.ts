import { describe, expect, it } from 'vitest';
import { HOUR, Journey, kinds, MIN, scenario, T0 } from '../testing.js';

const at = (local: string) => Date.parse(`2026-11-23T${local}:00+08:00`);

describe('fatigue: continuous driving', () => {
  it('a 19-minute stop is not a rest: 3 h + 19 min stop + 65 min is over 4 h', () => {
    const { run } = scenario();
    const j = new Journey(T0)
      .drive(3 * 3600, 60, 60)
      .stop(19 * 60, 60)
      .drive(65 * 60, 60, 60)
      .stop(25 * 60, 60);
    const events = run(j.fixes);
    expect(kinds(events, 'fatigue_continuous')).toEqual([
      'started:fatigue_continuous',
      'ended:fatigue_continuous',
    ]);
    const [started, ended] = events.filter((e) => e.type === 'fatigue_continuous');
    expect(started!.threshold).toBe(4 * 3600);
    expect(started!.at).toBe(T0 + 4 * HOUR + 20 * MIN); // continuous 4 h 01 min there
    // Ends when the stop that began at 4 h 24 min reaches 20 min.
    expect(ended!.at).toBe(T0 + 4 * HOUR + 44 * MIN);
    expect(ended!.measured).toBe(4 * 3600 + 5 * 60);
    expect(ended!.detail?.['fatigueSeconds']).toBe(5 * 60);
  });

  it('a 20-minute stop is a rest: continuous driving starts again from zero', () => {
    const { run } = scenario();
    const j = new Journey(T0)
      .drive(3 * 3600, 60, 60)
      .stop(20 * 60, 60)
      .drive(65 * 60, 60, 60);
    expect(kinds(run(j.fixes), 'fatigue_continuous')).toEqual([]);
  });

  it('crossing 22:00 mid-drive: a drive from 19:30 is over the 2 h night limit at 22:00', () => {
    const { run } = scenario();
    const events = run(new Journey(at('19:30')).drive(3 * 3600, 60, 60).fixes);
    const started = events.find((e) => e.type === 'fatigue_continuous')!;
    expect(started.at).toBe(at('22:00'));
    expect(started.threshold).toBe(2 * 3600);
    expect(started.detail?.['night']).toBe(true);
  });

  it('a drive from 20:30 reaches the night limit at 22:31, one from 21:59:00 would not by day', () => {
    const { run } = scenario();
    const events = run(new Journey(at('20:30')).drive(2 * 3600 + 120, 60, 60).fixes);
    expect(events.find((e) => e.type === 'fatigue_continuous')!.at).toBe(at('22:31'));
    // The same 2 h 02 min by day is fine.
    expect(
      kinds(
        scenario().run(new Journey(at('12:30')).drive(2 * 3600 + 120, 60, 60).fixes),
        'fatigue_continuous',
      ),
    ).toEqual([]);
  });

  it('night ends at 06:00: a drive from 05:00 uses the 4 h day limit after 06:00', () => {
    const events = scenario().run(
      new Journey(Date.parse('2026-11-23T05:00:00+08:00')).drive(3 * 3600, 60, 60).fixes,
    );
    expect(kinds(events, 'fatigue_continuous')).toEqual([]);
  });

  it('the night window is a parameter', () => {
    const { run } = scenario({ params: { nightStartMinute: 23 * 60 } });
    const events = run(new Journey(at('19:30')).drive(4 * 3600, 60, 60).fixes);
    expect(events.find((e) => e.type === 'fatigue_continuous')!.at).toBe(at('23:00'));
  });

  it('a rest proven by the tick alone (terminal asleep while parked) ends the episode', () => {
    const { run, engine } = scenario();
    run(new Journey(T0).drive(4 * 3600 + 5 * 60, 60, 60).stop(60, 60).fixes);
    const stopAt = T0 + 4 * HOUR + 5 * MIN;
    expect(kinds(engine.tick(stopAt + 19 * MIN), 'fatigue_continuous')).toEqual([]);
    expect(kinds(engine.tick(stopAt + 20 * MIN), 'fatigue_continuous')).toEqual(['ended:fatigue_continuous']);
  });

  it('accumulates fatigue duration into the day metrics', () => {
    const { run, engine } = scenario();
    run(new Journey(T0).drive(4 * 3600 + 10 * 60, 60, 60).fixes);
    const m = engine.metrics('v1')[0]!;
    expect(m.fatigueMs).toBe(9 * MIN); // fixes up to 4 h 09 min
    expect(m.drivingMs).toBe(4 * HOUR + 9 * MIN);
  });
});

describe('fatigue: driving in 24 h', () => {
  it('more than 8 h of driving in 24 h, even with proper rests, opens a daily episode; it ends when the window drops below 8 h', () => {
    const { run } = scenario();
    const j = new Journey(T0);
    for (let i = 0; i < 3; i++) j.drive(3 * 3600, 60, 60).stop(30 * 60, 60);
    j.silence(16 * 3600).stop(60, 60);
    const events = run(j.fixes);
    expect(kinds(events, 'fatigue_continuous')).toEqual([]);
    expect(kinds(events, 'fatigue_daily')).toEqual(['started:fatigue_daily', 'ended:fatigue_daily']);
    const [started, ended] = events.filter((e) => e.type === 'fatigue_daily');
    expect(started!.threshold).toBe(8 * 3600);
    expect(started!.at).toBe(T0 + 9 * HOUR + 1 * MIN); // 3 h + 3 h + 2 h 01 min of driving
    expect(ended!.measured).toBe(9 * 3600);
  });
});
