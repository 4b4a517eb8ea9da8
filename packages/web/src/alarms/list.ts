/**
 * The alarm list's state: the filters as an API query, and pushed alarms merged into the page
 * (newest first, a newer version replaces an older one, alarms that no longer match the
 * filters leave). Pure.
 */
import type { Alarm, AlarmSeverity, AlarmStatus } from '../api/types.js';

export interface AlarmFilters {
  type?: string;
  severity?: AlarmSeverity;
  status?: AlarmStatus;
  enterpriseId?: string;
  /** ISO date-times. */
  from?: string;
  to?: string;
  /** Part of a plate, matched in the page (the API filters by vehicle id). */
  plate?: string;
}

export function alarmQuery(
  f: AlarmFilters,
  page: number,
  pageSize: number,
): Record<string, string | number | undefined> {
  return {
    type: f.type || undefined,
    severity: f.severity,
    status: f.status,
    enterpriseId: f.enterpriseId || undefined,
    plate: f.plate || undefined,
    from: f.from,
    to: f.to,
    page,
    pageSize,
  };
}

export function matches(a: Alarm, f: AlarmFilters): boolean {
  if (f.type && a.type !== f.type) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.status && a.status !== f.status) return false;
  if (f.enterpriseId && a.enterpriseId !== f.enterpriseId) return false;
  if (f.from && a.startedAt < f.from) return false;
  if (f.to && a.startedAt > f.to) return false;
  if (f.plate && !(a.plate ?? '').toUpperCase().includes(f.plate.trim().toUpperCase())) return false;
  return true;
}

/** The list after a pushed alarm: replaced in place, added on top, or dropped when filtered out. */
export function mergeAlarm(list: readonly Alarm[], pushed: Alarm, f: AlarmFilters): Alarm[] {
  const i = list.findIndex((a) => a.id === pushed.id);
  if (i >= 0 && list[i]!.version > pushed.version) return [...list];
  if (!matches(pushed, f)) return i >= 0 ? list.filter((a) => a.id !== pushed.id) : [...list];
  if (i >= 0) return list.map((a, k) => (k === i ? pushed : a));
  return [pushed, ...list];
}

/** Time left to the deadline in whole minutes (negative when overdue). */
export function minutesLeft(a: Pick<Alarm, 'deadlineAt'>, now: Date): number {
  return Math.floor((Date.parse(a.deadlineAt) - now.getTime()) / 60_000);
}

/** "a / b" rates as whole-number percents, or null when there is nothing to divide. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
