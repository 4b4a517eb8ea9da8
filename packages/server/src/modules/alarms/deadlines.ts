/**
 * Handling deadlines by severity (the company's time to handle), and the county's and the city's
 * time once an alarm is escalated to them. Values come from config.ts (ALARM_DEADLINE_*).
 */
import type { Config } from '../../config.js';

/** Severities that raise alarms; `info` rule events feed statistics only and raise none. */
export const alarmSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type AlarmSeverity = (typeof alarmSeverities)[number];

export interface DeadlineConfig {
  highMs: number;
  mediumMs: number;
  lowMs: number;
  countyMs: number;
  cityMs: number;
}

export const defaultDeadlines: DeadlineConfig = {
  highMs: 10 * 60_000,
  mediumMs: 30 * 60_000,
  lowMs: 24 * 3_600_000,
  countyMs: 60 * 60_000,
  cityMs: 24 * 3_600_000,
};

export function deadlinesFromConfig(c: Config): DeadlineConfig {
  return {
    highMs: c.ALARM_DEADLINE_HIGH_MINUTES * 60_000,
    mediumMs: c.ALARM_DEADLINE_MEDIUM_MINUTES * 60_000,
    lowMs: c.ALARM_DEADLINE_LOW_MINUTES * 60_000,
    countyMs: c.ALARM_DEADLINE_COUNTY_MINUTES * 60_000,
    cityMs: c.ALARM_DEADLINE_CITY_MINUTES * 60_000,
  };
}

/** The company's time to handle an alarm of this severity (critical shares the high deadline). */
export function deadlineFor(severity: AlarmSeverity, d: DeadlineConfig): number {
  switch (severity) {
    case 'critical':
    case 'high':
      return d.highMs;
    case 'medium':
      return d.mediumMs;
    case 'low':
      return d.lowMs;
  }
}

const rank: Record<AlarmSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
export function maxSeverity(a: AlarmSeverity, b: AlarmSeverity): AlarmSeverity {
  return rank[b] > rank[a] ? b : a;
}
