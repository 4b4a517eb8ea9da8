/**
 * Device alarms: JT/T 808 alarm bits and 苏标 active-safety events, normalised (alarm-codes.ts)
 * into episodes. A bit that stays set, or an event type that repeats within `alarmMergeSec`
 * (60 s), is one episode; it ends `alarmMergeSec` after it was last seen.
 */
import { activeSafetySeverity, DEVICE_ALARM_SEVERITY, isActiveSafetyAlarm } from '../alarm-codes.js';
import type { DetectorEvent, LatLon, Severity } from '../types.js';
import { episodeEvent, type Detector, type Open } from '../detector.js';

interface OpenAlarm extends Open {
  type: 'device_alarm' | 'active_safety';
  severity: Severity;
  lastSeen: number;
  lastLat: number;
  lastLon: number;
  count: number;
}

export interface DeviceAlarmState {
  open: Record<string, OpenAlarm>;
}

function seen(
  s: DeviceAlarmState,
  key: string,
  type: OpenAlarm['type'],
  severity: Severity,
  t: number,
  pos: LatLon,
  out: DetectorEvent[],
): void {
  const a = s.open[key];
  if (a) {
    a.lastSeen = t;
    a.lastLat = pos.lat;
    a.lastLon = pos.lon;
    a.count++;
    if (severityRank(severity) > severityRank(a.severity)) {
      a.severity = severity;
      out.push(episodeEvent('updated', type, key, a, t, pos, 0, a.count, 'reports', severity));
    }
    return;
  }
  const o: OpenAlarm = {
    startedAt: t,
    lat: pos.lat,
    lon: pos.lon,
    lastUpdateAt: t,
    type,
    severity,
    lastSeen: t,
    lastLat: pos.lat,
    lastLon: pos.lon,
    count: 1,
  };
  s.open[key] = o;
  out.push(episodeEvent('started', type, key, o, t, pos, 0, 1, 'reports', severity));
}

const ranks: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
function severityRank(s: Severity): number {
  return ranks[s];
}

function expire(s: DeviceAlarmState, now: number, mergeMs: number, out: DetectorEvent[]): void {
  for (const key in s.open) {
    const a = s.open[key]!;
    if (now - a.lastSeen > mergeMs) {
      out.push(
        episodeEvent(
          'ended',
          a.type,
          key,
          a,
          a.lastSeen,
          { lat: a.lastLat, lon: a.lastLon },
          0,
          a.count,
          'reports',
          a.severity,
        ),
      );
      delete s.open[key];
    }
  }
}

export const deviceAlarms: Detector<DeviceAlarmState> = {
  name: 'device_alarms',
  init: () => ({ open: {} }),
  atRest: (s) => {
    for (const _ in s.open) return false;
    return true;
  },
  // Nothing open to expire, and the fix reports nothing this rule normalises.
  quiet: ({ fix }) => {
    for (const name of fix.alarms) if (DEVICE_ALARM_SEVERITY[name]) return false;
    if (fix.activeSafety)
      for (const e of fix.activeSafety) if (isActiveSafetyAlarm(e.source, e.type)) return false;
    return true;
  },
  step(s, input, out) {
    const { fix, params: p } = input;
    const t = fix.deviceTime;
    expire(s, t, p.alarmMergeSec * 1000, out);
    for (const name of fix.alarms) {
      const sev = DEVICE_ALARM_SEVERITY[name];
      if (sev) seen(s, name, 'device_alarm', sev, t, fix, out);
    }
    if (fix.activeSafety) {
      for (const e of fix.activeSafety) {
        if (!isActiveSafetyAlarm(e.source, e.type)) continue;
        seen(
          s,
          `${e.source}:${e.type}`,
          'active_safety',
          activeSafetySeverity(e.source, e.type, e.level),
          t,
          fix,
          out,
        );
      }
    }
  },
  tick(s, input, out) {
    expire(s, input.now, input.params.alarmMergeSec * 1000, out);
  },
};
