/**
 * Device alarms: JT/T 808 alarm bits and 苏标 active-safety events, normalised (alarm-codes.ts)
 * into episodes. A bit that stays set, or an event type that repeats within `alarmMergeSec`
 * (60 s), is one episode; it ends `alarmMergeSec` after it was last seen.
 *
 * A late fix (a blind-area supplement the rules took after later fixes) still raises what it
 * reports: an emergency pressed where there was no signal reaches the regulator when the terminal
 * uploads it. Each such report is an episode of its own moment, started and ended at once and
 * marked `late`, unless it falls within an episode of the same alarm already raised (the open
 * one, or one of the last `SPANS_KEPT` of each alarm that ended within `SPANS_HORIZON_MS`, give
 * or take `alarmMergeSec`), which it was part of.
 */
import { activeSafetySeverity, DEVICE_ALARM_SEVERITY, isActiveSafetyAlarm } from '../alarm-codes.js';
import type { DetectorEvent, LatLon, Severity } from '../types.js';
import { episodeEvent, open, type Detector, type Open } from '../detector.js';
import type { RuleParams } from '../params.js';
import type { RuleFix } from '../types.js';

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
  /**
   * Each alarm's last ended or late-raised episodes as flat [first0, last0, first1, last1, …]
   * report times, at most `SPANS_KEPT` of them (absent in older snapshots, which kept one): a late
   * report within one, give or take `alarmMergeSec`, was part of it.
   */
  spans?: Record<string, number[]>;
}

/**
 * Episodes remembered per alarm for late reports. A terminal uploading its blind-area store again
 * (its 0x8001s were lost) resends reports from before the last episodes too.
 */
export const SPANS_KEPT = 16;
/**
 * Episodes that ended longer ago than this (device time) are forgotten, of every alarm, whenever
 * one is remembered: a vehicle's state does not keep every alarm it ever raised. A blind-area
 * store is uploaded when the signal returns, hours later, not weeks; a report older than this
 * that comes again would be raised again.
 */
export const SPANS_HORIZON_MS = 7 * 86_400_000;

/**
 * Remembers the episode [from, to] of `key`, dropping the one that ended first when full, after
 * forgetting the episodes of every alarm that ended before `now - SPANS_HORIZON_MS`.
 */
function remember(s: DeviceAlarmState, key: string, from: number, to: number, now: number): void {
  const all = (s.spans ??= {});
  const before = now - SPANS_HORIZON_MS;
  for (const k in all) {
    const old = all[k]!;
    const kept: number[] = [];
    for (let i = 0; i < old.length; i += 2) if (old[i + 1]! >= before) kept.push(old[i]!, old[i + 1]!);
    if (kept.length === 0) delete all[k];
    else if (kept.length < old.length) all[k] = kept;
  }
  const spans = (all[key] ??= []);
  if (spans.length >= SPANS_KEPT * 2) {
    let first = 0;
    for (let i = 2; i < spans.length; i += 2) if (spans[i + 1]! < spans[first + 1]!) first = i;
    spans.splice(first, 2);
  }
  spans.push(from, to);
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
      remember(s, key, a.startedAt, a.lastSeen, now);
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

/** A late report of `key` at `t`: raised as an episode of its moment unless an episode already raised covers it. */
function lateReport(
  s: DeviceAlarmState,
  key: string,
  type: OpenAlarm['type'],
  severity: Severity,
  fix: RuleFix,
  mergeMs: number,
  latest: number,
  out: DetectorEvent[],
): void {
  const t = fix.deviceTime;
  const a = s.open[key];
  if (a && t >= a.startedAt - mergeMs && t <= a.lastSeen + mergeMs) return;
  const spans = s.spans?.[key];
  if (spans) {
    for (let i = 0; i < spans.length; i += 2) {
      if (t < spans[i]! - mergeMs || t > spans[i + 1]! + mergeMs) continue;
      if (t < spans[i]!) spans[i] = t;
      if (t > spans[i + 1]!) spans[i + 1] = t;
      return;
    }
  }
  remember(s, key, t, t, latest);
  const ep = open(t, fix);
  const detail = { late: true, receivedAt: new Date(fix.receivedTime).toISOString() };
  out.push(episodeEvent('started', type, key, ep, t, fix, 0, 1, 'reports', severity, detail));
  out.push(episodeEvent('ended', type, key, ep, t, fix, 0, 1, 'reports', severity, detail));
}

/** Calls `report` for each alarm the fix reports that this rule normalises (late fixes: rare). */
function eachAlarm(
  fix: RuleFix,
  report: (key: string, type: OpenAlarm['type'], severity: Severity) => void,
): void {
  for (const name of fix.alarms) {
    const sev = DEVICE_ALARM_SEVERITY[name];
    if (sev) report(name, 'device_alarm', sev);
  }
  if (fix.activeSafety) {
    for (const e of fix.activeSafety) {
      if (!isActiveSafetyAlarm(e.source, e.type)) continue;
      report(`${e.source}:${e.type}`, 'active_safety', activeSafetySeverity(e.source, e.type, e.level));
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
    // Loops here, not `eachAlarm`: no closure per fix on the live path.
    for (const name of fix.alarms) {
      const sev = DEVICE_ALARM_SEVERITY[name];
      if (sev) seen(s, name, 'device_alarm', sev, t, fix, out);
    }
    if (fix.activeSafety) {
      for (const e of fix.activeSafety) {
        if (!isActiveSafetyAlarm(e.source, e.type)) continue;
        const severity = activeSafetySeverity(e.source, e.type, e.level);
        seen(s, `${e.source}:${e.type}`, 'active_safety', severity, t, fix, out);
      }
    }
  },
  late(s, fix, p: RuleParams, out, latest) {
    const mergeMs = p.alarmMergeSec * 1000;
    eachAlarm(fix, (key, type, severity) => lateReport(s, key, type, severity, fix, mergeMs, latest, out));
  },
  tick(s, input, out) {
    expire(s, input.now, input.params.alarmMergeSec * 1000, out);
  },
};
