import { describe, expect, it } from 'vitest';
import { alarmNames } from '../alarm-codes.js';
import { SPANS_HORIZON_MS, SPANS_KEPT } from './device-alarms.js';
import { fixAt, kinds, MIN, scenario, T0 } from '../testing.js';

describe('device alarms', () => {
  it('names JT/T 808 alarm bits', () => {
    expect(alarmNames(0)).toEqual([]);
    expect(alarmNames(1)).toEqual(['sos']);
    expect(alarmNames((1 << 8) | (1 << 29) | (1 << 31))).toEqual([
      'powerOff',
      'collisionWarning',
      'illegalDoorOpen',
    ]);
  });

  it('a bit that stays set is one episode, ending 60 s after it was last seen', () => {
    const { run, engine } = scenario();
    const events = run([
      fixAt(T0, { alarms: ['sos'] }),
      fixAt(T0 + 30_000, { alarms: ['sos'] }),
      fixAt(T0 + 60_000, { alarms: [] }),
      fixAt(T0 + 90_000, { alarms: ['sos'] }), // 60 s after: merged
      fixAt(T0 + 151_000, { alarms: [] }),
    ]);
    expect(kinds(events)).toEqual(['started:device_alarm', 'ended:device_alarm']);
    expect(events[0]!.severity).toBe('critical');
    expect(events[1]!.measured).toBe(3);
    expect(events[1]!.at).toBe(T0 + 90_000);
    expect(engine.tick(T0 + 10 * MIN)).toEqual([]);
  });

  it('terminal-side overspeed and fatigue bits are left to the platform rules', () => {
    expect(kinds(scenario().run([fixAt(T0, { alarms: ['overspeed', 'fatigue', 'areaInOut'] })]))).toEqual([]);
  });

  it('active-safety events: repeats merged by source and type, level 2 raises the severity, captures ignored', () => {
    const { run, engine } = scenario();
    const events = run([
      fixAt(T0, { activeSafety: [{ source: 'dsm', type: 'fatigue', level: 1 }] }),
      fixAt(T0 + 20_000, {
        activeSafety: [
          { source: 'dsm', type: 'fatigue', level: 2 },
          { source: 'adas', type: 'activeCapture' },
        ],
      }),
      fixAt(T0 + 40_000, { activeSafety: [{ source: 'adas', type: 'forwardCollision', level: 1 }] }),
    ]);
    expect(kinds(events)).toEqual([
      'started:active_safety',
      'updated:active_safety',
      'started:active_safety',
    ]);
    expect(events.map((e) => e.key)).toEqual(['dsm:fatigue', 'dsm:fatigue', 'adas:forwardCollision']);
    expect(events[1]!.severity).toBe('high');
    expect(kinds(engine.tick(T0 + 101_000))).toEqual(['ended:active_safety', 'ended:active_safety']);
  });

  it('a late fix (a blind-area supplement after later fixes) still raises its alarm, once, marked late', () => {
    const { run, engine } = scenario();
    // Reported live up to T0 + 10 min, an emergency pressed at T0 + 9 min among them.
    const live = run(
      Array.from({ length: 61 }, (_, k) =>
        fixAt(T0 + k * 10_000, { speed: 40, alarms: k === 54 ? ['sos'] : [] }),
      ),
    );
    expect(kinds(live, 'device_alarm')).toEqual(['started:device_alarm']);
    // Then the blind area's reports come: another press at T0 + 2 min, held for a report, and a
    // camera's phone-call warning at T0 + 3 min.
    const late = run([
      fixAt(T0 + 2 * MIN + 5_000, { speed: 40, alarms: ['sos'] }),
      fixAt(T0 + 2 * MIN + 15_000, { speed: 40, alarms: ['sos'] }), // the same press
      fixAt(T0 + 2 * MIN + 25_000, { speed: 40 }),
      fixAt(T0 + 3 * MIN + 5_000, {
        speed: 40,
        activeSafety: [{ source: 'dsm', type: 'phoneCall', level: 2 }],
      }),
      fixAt(T0 + 9 * MIN + 5_000, { speed: 40, alarms: ['sos'] }), // within the press raised live
    ]);
    expect(late.map((e) => [e.phase, e.type, e.key, e.startedAt, e.at, e.detail?.['late']])).toEqual([
      ['started', 'device_alarm', 'sos', T0 + 2 * MIN + 5_000, T0 + 2 * MIN + 5_000, true],
      ['ended', 'device_alarm', 'sos', T0 + 2 * MIN + 5_000, T0 + 2 * MIN + 5_000, true],
      ['started', 'active_safety', 'dsm:phoneCall', T0 + 3 * MIN + 5_000, T0 + 3 * MIN + 5_000, true],
      ['ended', 'active_safety', 'dsm:phoneCall', T0 + 3 * MIN + 5_000, T0 + 3 * MIN + 5_000, true],
    ]);
    expect(late[0]!).toMatchObject({ vehicleId: 'v1', enterpriseId: 'e1', severity: 'critical' });
    expect(late[0]!.detail?.['receivedAt']).toBe(new Date(T0 + 2 * MIN + 6_000).toISOString());
    // The same supplement sent again (its 0x8001 was lost): nothing new.
    expect(run([fixAt(T0 + 2 * MIN + 5_000, { speed: 40, alarms: ['sos'] })])).toEqual([]);
    expect(engine.metrics('v1')[0]!.lateRecords).toBe(6);
    // The live episode goes on and ends as before.
    expect(kinds(engine.tick(T0 + 20 * MIN), 'device_alarm')).toEqual(['ended:device_alarm']);
    // After it ended, a late report within it is still part of it.
    expect(run([fixAt(T0 + 9 * MIN + 2_000, { speed: 40, alarms: ['sos'] })])).toEqual([]);
  });
  it('a late report within any of the last 16 episodes of its alarm is part of it; an older one is raised again', () => {
    const { run } = scenario();
    // An emergency press every 10 minutes for 20 presses, each its own episode (ended 60 s after).
    const presses = 20;
    const live: ReturnType<typeof fixAt>[] = [];
    for (let k = 0; k < presses * 60; k++)
      live.push(fixAt(T0 + k * 10_000, { speed: 40, alarms: k % 60 === 0 ? ['sos'] : [] }));
    expect(kinds(run(live), 'device_alarm')).toHaveLength(presses * 2); // all ended
    // The terminal uploads its store again: reports 5 s after presses long ended.
    const again = (k: number) => run([fixAt(T0 + k * 10 * MIN + 5_000, { speed: 40, alarms: ['sos'] })]);
    // The episodes kept: the newest SPANS_KEPT.
    for (let k = presses - 1; k >= presses - SPANS_KEPT; k--) expect(again(k)).toEqual([]);
    // Older ones are forgotten: a report from then opens an alarm of its moment again…
    expect(kinds(again(presses - SPANS_KEPT - 1), 'device_alarm')).toEqual([
      'started:device_alarm',
      'ended:device_alarm',
    ]);
    // …and is then remembered in turn.
    expect(again(presses - SPANS_KEPT - 1)).toEqual([]);
  });

  it('episodes that ended more than 7 days ago are forgotten, of every alarm, when another is remembered', () => {
    const { run, engine } = scenario();
    const spans = () => (engine.snapshot('v1')!.states['device_alarms'] as { spans?: object }).spans;
    // Day 0: an emergency and a power cut, each an episode that ends.
    run([fixAt(T0, { speed: 40, alarms: ['sos', 'powerOff'] }), fixAt(T0 + 5 * MIN, { speed: 40 })]);
    expect(Object.keys(spans()!).sort()).toEqual(['powerOff', 'sos']);
    // An episode that ends 7 days to the millisecond after those: they are still kept…
    const week = T0 + SPANS_HORIZON_MS;
    run([fixAt(week - 2 * MIN, { speed: 40, alarms: ['gnssFault'] }), fixAt(week, { speed: 40 })]);
    expect(Object.keys(spans()!).sort()).toEqual(['gnssFault', 'powerOff', 'sos']);
    // …one that ends later forgets both of day 0, and keeps the two of this week.
    run([fixAt(week + MIN, { speed: 40, alarms: ['sos'] }), fixAt(week + 5 * MIN, { speed: 40 })]);
    expect(spans()).toEqual({ gnssFault: [week - 2 * MIN, week - 2 * MIN], sos: [week + MIN, week + MIN] });
    // A report from day 0 uploaded again: raised again, marked late.
    const late = run([fixAt(T0 + 5_000, { speed: 40, alarms: ['sos'] })]);
    expect(kinds(late, 'device_alarm')).toEqual(['started:device_alarm', 'ended:device_alarm']);
    expect(late[0]!.detail?.['late']).toBe(true);
  });
});
