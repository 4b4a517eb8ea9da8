import { describe, expect, it } from 'vitest';
import { alarmNames } from '../alarm-codes.js';
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
});
