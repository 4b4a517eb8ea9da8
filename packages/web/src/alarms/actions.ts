/**
 * Which workflow steps the console offers: the server's state machine (modules/alarms/workflow.ts)
 * seen from the user's level — company handles (企业处置), county reviews (县区监督), city
 * oversees (市级督办). Pure, so the buttons match what the server would accept.
 */
import type { Alarm, AlarmLevel, Scope } from '../api/types.js';

/** The POST path segment under /api/alarms/:id/ (and /api/alarms/bulk/). */
export type StepPath = 'handle' | 'review' | 'supervise';

export type ActionKind =
  'contact_driver' | 'correct' | 'false_alarm' | 'escalate' | 'accept' | 'return' | 'resolve';

export interface StepAction {
  path: StepPath;
  kind: ActionKind;
  /** A note is required: the evidence of a false alarm, the reason of a return. */
  noteRequired: boolean;
  /** The step may carry a text to the vehicle's terminal (JT/T 808 0x8300). */
  allowsText: boolean;
}

/** Shortest evidence or reason the server accepts (workflow.ts MIN_NOTE), in characters. */
export const MIN_NOTE = 4;

export function levelOfScope(scope: Scope): AlarmLevel | null {
  return scope.kind === 'enterprise'
    ? 'company'
    : scope.kind === 'district'
      ? 'county'
      : scope.kind === 'city'
        ? 'city'
        : null;
}

const step = (path: StepPath, kind: ActionKind, noteRequired = false, allowsText = false): StepAction => ({
  path,
  kind,
  noteRequired,
  allowsText,
});

const withCompany = ['pending', 'processing', 'returned'];

/** The steps this user may take on the alarm now (empty when it is someone else's turn). */
export function actionsFor(
  alarm: Pick<Alarm, 'status' | 'level'>,
  level: AlarmLevel | null,
  permissions: readonly string[],
): StepAction[] {
  if (!level || alarm.status === 'closed' || alarm.level !== level) return [];
  if (level === 'company') {
    if (!permissions.includes('alarms:handle') || !withCompany.includes(alarm.status)) return [];
    return [
      step('handle', 'contact_driver', false, true),
      step('handle', 'correct'),
      step('handle', 'false_alarm', true),
      step('handle', 'escalate'),
    ];
  }
  if (level === 'county') {
    if (!permissions.includes('alarms:review')) return [];
    if (alarm.status === 'handled') return [step('review', 'accept'), step('review', 'return', true)];
    if (alarm.status === 'escalated')
      return [step('review', 'resolve'), step('review', 'return', true), step('review', 'escalate')];
    return [];
  }
  if (!permissions.includes('alarms:supervise')) return [];
  if (alarm.status === 'handled' || alarm.status === 'escalated') {
    const out = [step('supervise', 'return', true)];
    if (alarm.status === 'escalated') out.unshift(step('supervise', 'resolve'));
    return out;
  }
  return [];
}

/** Steps every selected alarm allows (bulk actions act on many alarms of one kind at once). */
export function bulkActionsFor(
  alarms: readonly Pick<Alarm, 'status' | 'level'>[],
  level: AlarmLevel | null,
  permissions: readonly string[],
): StepAction[] {
  if (alarms.length === 0) return [];
  const [first, ...rest] = alarms.map((a) => actionsFor(a, level, permissions));
  return first!.filter((s) => rest.every((r) => r.some((o) => o.kind === s.kind && o.path === s.path)));
}

/** The request body of a step, or the reason it cannot be sent yet. */
export function stepBody(
  s: StepAction,
  note: string,
  text: string,
): { ok: true; body: { action: ActionKind; note?: string; text?: string } } | { ok: false; reason: 'note' } {
  const n = note.trim();
  if (s.noteRequired && n.length < MIN_NOTE) return { ok: false, reason: 'note' };
  const body: { action: ActionKind; note?: string; text?: string } = { action: s.kind };
  if (n) body.note = n;
  const tx = text.trim();
  if (s.allowsText && tx) body.text = tx;
  return { ok: true, body };
}
