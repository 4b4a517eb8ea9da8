/**
 * The alarm workflow as a pure state machine: company handles (企业处理) → county supervises
 * (县区监督) → city oversees (市级督办). `transition(state, action, actor level, now, deadlines)`
 * returns the next state or the reason it is refused; no clock, database or I/O inside, so every
 * transition is tested with plain values and the deadline clock is the caller's `now`.
 *
 * Status: pending (with the company) → processing (company contacted the driver) → handled
 * (corrected or false alarm, with the county for review) → closed (county accepted). The county
 * may return a handled alarm to the company (returned, a fresh company deadline). A company may
 * escalate to the county; a deadline that passes unhandled escalates automatically (company →
 * county → city), marking the alarm overdue. County and city resolve escalated alarms themselves.
 */
import type { AlarmSeverity, DeadlineConfig } from './deadlines.js';
import { deadlineFor } from './deadlines.js';

export const alarmStatuses = ['pending', 'processing', 'returned', 'escalated', 'handled', 'closed'] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];
export const levels = ['company', 'county', 'city'] as const;
export type Level = (typeof levels)[number];

export interface AlarmState {
  status: AlarmStatus;
  level: Level;
  severity: AlarmSeverity;
  openedAt: Date;
  deadlineAt: Date;
  overdue: boolean;
  escalations: number;
  firstResponseAt: Date | null;
  handledAt: Date | null;
  handledOnTime: boolean | null;
  closedAt: Date | null;
}

/** Company actions (alarms:handle). */
export const companyActions = ['contact_driver', 'correct', 'false_alarm', 'escalate'] as const;
/** County and city actions (alarms:review, alarms:supervise). */
export const regulatorActions = ['accept', 'return', 'resolve', 'escalate'] as const;
export type ActionKind = (typeof companyActions)[number] | (typeof regulatorActions)[number];

export interface Action {
  kind: ActionKind;
  /** What was done; required for false alarms (the evidence) and returns (the reason). */
  note?: string;
}

export type Refusal =
  /** The action does not apply in the alarm's status. */
  | 'ALARM_ACTION_NOT_ALLOWED'
  /** The alarm is held by another level (company, county, city). */
  | 'ALARM_ACTION_LEVEL'
  /** A false alarm needs its evidence, a return its reason. */
  | 'ALARM_NOTE_REQUIRED';

export type Outcome = { ok: true; state: AlarmState } | { ok: false; refusal: Refusal };

/** Statuses in which the alarm still waits for someone; the deadline runs only in these. */
export const openStatuses: readonly AlarmStatus[] = ['pending', 'processing', 'returned', 'escalated'];
const withCompany: readonly AlarmStatus[] = ['pending', 'processing', 'returned'];

/** Shortest meaningful evidence or reason, in characters. */
export const MIN_NOTE = 4;

/**
 * A new alarm: pending with the company; an alarm with no company (a plate not in the archive)
 * opens escalated with the county, on the county's deadline.
 */
export function openState(
  severity: AlarmSeverity,
  now: Date,
  deadlines: DeadlineConfig,
  withCounty = false,
): AlarmState {
  return {
    status: withCounty ? 'escalated' : 'pending',
    level: withCounty ? 'county' : 'company',
    severity,
    openedAt: now,
    deadlineAt: new Date(
      now.getTime() + (withCounty ? deadlines.countyMs : deadlineFor(severity, deadlines)),
    ),
    overdue: false,
    escalations: 0,
    firstResponseAt: null,
    handledAt: null,
    handledOnTime: null,
    closedAt: null,
  };
}

const refuse = (refusal: Refusal): Outcome => ({ ok: false, refusal });

function handled(s: AlarmState, now: Date): AlarmState {
  return {
    ...s,
    firstResponseAt: s.firstResponseAt ?? now,
    handledAt: now,
    // On time: within the deadline in force, and no deadline was missed before.
    handledOnTime: !s.overdue && now.getTime() <= s.deadlineAt.getTime(),
  };
}

export function transition(
  s: AlarmState,
  action: Action,
  actorLevel: Level,
  now: Date,
  deadlines: DeadlineConfig,
): Outcome {
  const note = action.note?.trim() ?? '';
  const after = (ms: number) => new Date(now.getTime() + ms);
  if (actorLevel === 'company') {
    if (!(companyActions as readonly string[]).includes(action.kind)) return refuse('ALARM_ACTION_LEVEL');
    if (s.level !== 'company')
      return refuse(s.status === 'closed' ? 'ALARM_ACTION_NOT_ALLOWED' : 'ALARM_ACTION_LEVEL');
    if (!withCompany.includes(s.status)) return refuse('ALARM_ACTION_NOT_ALLOWED');
    switch (action.kind) {
      case 'contact_driver':
        return { ok: true, state: { ...s, status: 'processing', firstResponseAt: s.firstResponseAt ?? now } };
      case 'correct':
        return { ok: true, state: { ...handled(s, now), status: 'handled', level: 'county' } };
      case 'false_alarm':
        if (note.length < MIN_NOTE) return refuse('ALARM_NOTE_REQUIRED');
        return { ok: true, state: { ...handled(s, now), status: 'handled', level: 'county' } };
      case 'escalate':
        return {
          ok: true,
          state: {
            ...s,
            status: 'escalated',
            level: 'county',
            firstResponseAt: s.firstResponseAt ?? now,
            deadlineAt: after(deadlines.countyMs),
            escalations: s.escalations + 1,
          },
        };
      default:
        return refuse('ALARM_ACTION_LEVEL');
    }
  }

  // County and city.
  if (!(regulatorActions as readonly string[]).includes(action.kind)) return refuse('ALARM_ACTION_LEVEL');
  if (s.status === 'closed') return refuse('ALARM_ACTION_NOT_ALLOWED');
  if (s.level !== actorLevel) return refuse('ALARM_ACTION_LEVEL');
  switch (action.kind) {
    case 'accept':
      // Only the county reviews what the company handled.
      if (s.status !== 'handled') return refuse('ALARM_ACTION_NOT_ALLOWED');
      return { ok: true, state: { ...s, status: 'closed', closedAt: now } };
    case 'return':
      if (s.status !== 'handled' && s.status !== 'escalated') return refuse('ALARM_ACTION_NOT_ALLOWED');
      if (note.length < MIN_NOTE) return refuse('ALARM_NOTE_REQUIRED');
      return {
        ok: true,
        state: {
          ...s,
          status: 'returned',
          level: 'company',
          deadlineAt: after(deadlineFor(s.severity, deadlines)),
          handledAt: null,
          handledOnTime: null,
        },
      };
    case 'resolve':
      if (s.status !== 'escalated') return refuse('ALARM_ACTION_NOT_ALLOWED');
      return { ok: true, state: { ...handled(s, now), status: 'closed', closedAt: now } };
    case 'escalate':
      if (actorLevel !== 'county' || s.status !== 'escalated') return refuse('ALARM_ACTION_NOT_ALLOWED');
      return {
        ok: true,
        state: { ...s, level: 'city', deadlineAt: after(deadlines.cityMs), escalations: s.escalations + 1 },
      };
    default:
      return refuse('ALARM_ACTION_NOT_ALLOWED');
  }
}

/**
 * The deadline clock: an open alarm whose deadline has passed moves up one level (company →
 * county → city) and is marked overdue. Returns null when nothing is due. At the city the alarm
 * stays overdue with the city; supervision orders track it from there.
 */
export function escalateIfDue(s: AlarmState, now: Date, deadlines: DeadlineConfig): AlarmState | null {
  if (!openStatuses.includes(s.status) || now.getTime() < s.deadlineAt.getTime()) return null;
  if (s.level === 'company') {
    return {
      ...s,
      status: 'escalated',
      level: 'county',
      overdue: true,
      escalations: s.escalations + 1,
      deadlineAt: new Date(now.getTime() + deadlines.countyMs),
    };
  }
  if (s.level === 'county') {
    return {
      ...s,
      status: 'escalated',
      level: 'city',
      overdue: true,
      escalations: s.escalations + 1,
      deadlineAt: new Date(now.getTime() + deadlines.cityMs),
    };
  }
  return null;
}

/** The level an actor works at, from its data scope; null for scopes outside the workflow. */
export function levelOfScope(kind: string): Level | null {
  return kind === 'enterprise' ? 'company' : kind === 'district' ? 'county' : kind === 'city' ? 'city' : null;
}
