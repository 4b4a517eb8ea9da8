import { describe, expect, it } from 'vitest';
import { defaultDeadlines as d } from './deadlines.js';
import {
  escalateIfDue,
  openState,
  transition,
  type Action,
  type AlarmState,
  type Level,
} from './workflow.js';

const t0 = new Date('2026-11-02T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function step(s: AlarmState, action: Action, level: Level, minutes: number): AlarmState {
  const out = transition(s, action, level, at(minutes), d);
  if (!out.ok) throw new Error(`refused: ${out.refusal}`);
  return out.state;
}
function refusal(s: AlarmState, action: Action, level: Level, minutes = 1): string {
  const out = transition(s, action, level, at(minutes), d);
  return out.ok ? 'accepted' : out.refusal;
}

describe('alarm workflow', () => {
  it('opens with the company and a deadline by severity (high 10 min, medium 30 min, low 24 h)', () => {
    expect(openState('high', t0, d).deadlineAt).toEqual(at(10));
    expect(openState('critical', t0, d).deadlineAt).toEqual(at(10));
    expect(openState('medium', t0, d).deadlineAt).toEqual(at(30));
    expect(openState('low', t0, d).deadlineAt).toEqual(at(24 * 60));
    expect(openState('high', t0, d)).toMatchObject({ status: 'pending', level: 'company', overdue: false });
    // No company (a plate not in the archive): held by the county from the start, on its deadline.
    expect(openState('high', t0, d, true)).toMatchObject({
      status: 'escalated',
      level: 'county',
      overdue: false,
      escalations: 0,
      deadlineAt: at(60),
    });
  });

  it('company contacts the driver, corrects, county accepts: handled on time and closed', () => {
    let s = openState('high', t0, d);
    s = step(s, { kind: 'contact_driver' }, 'company', 3);
    expect(s).toMatchObject({ status: 'processing', level: 'company', firstResponseAt: at(3) });
    s = step(s, { kind: 'correct', note: '司机已减速' }, 'company', 8);
    expect(s).toMatchObject({ status: 'handled', level: 'county', handledAt: at(8), handledOnTime: true });
    expect(s.firstResponseAt).toEqual(at(3));
    expect(refusal(s, { kind: 'accept' }, 'company')).toBe('ALARM_ACTION_LEVEL');
    expect(refusal(s, { kind: 'accept' }, 'city')).toBe('ALARM_ACTION_LEVEL');
    s = step(s, { kind: 'accept' }, 'county', 20);
    expect(s).toMatchObject({ status: 'closed', closedAt: at(20), handledOnTime: true });
    expect(refusal(s, { kind: 'correct' }, 'company')).toBe('ALARM_ACTION_NOT_ALLOWED');
    expect(refusal(s, { kind: 'resolve' }, 'county')).toBe('ALARM_ACTION_NOT_ALLOWED');
  });

  it('a false alarm needs evidence; handled after the deadline is not on time', () => {
    const s = openState('medium', t0, d);
    expect(refusal(s, { kind: 'false_alarm' }, 'company')).toBe('ALARM_NOTE_REQUIRED');
    expect(refusal(s, { kind: 'false_alarm', note: '  ' }, 'company')).toBe('ALARM_NOTE_REQUIRED');
    const late = step(s, { kind: 'false_alarm', note: '视频显示驾驶员未打电话' }, 'company', 31);
    expect(late).toMatchObject({ status: 'handled', handledOnTime: false, handledAt: at(31) });
  });

  it('county returns to the company with a reason; the company gets a fresh deadline', () => {
    let s = step(openState('high', t0, d), { kind: 'correct' }, 'company', 5);
    expect(refusal(s, { kind: 'return' }, 'county')).toBe('ALARM_NOTE_REQUIRED');
    s = step(s, { kind: 'return', note: '处置说明不充分，请补充' }, 'county', 12);
    expect(s).toMatchObject({
      status: 'returned',
      level: 'company',
      deadlineAt: at(22),
      handledAt: null,
      handledOnTime: null,
      firstResponseAt: at(5),
    });
    s = step(s, { kind: 'correct', note: '已电话确认并纠正' }, 'company', 15);
    expect(s).toMatchObject({ status: 'handled', handledOnTime: true });
    s = step(s, { kind: 'accept' }, 'county', 16);
    expect(s.status).toBe('closed');
  });

  it('company escalates to the county; the county escalates to the city; the city resolves', () => {
    let s = step(openState('critical', t0, d), { kind: 'escalate', note: '无法联系司机' }, 'company', 2);
    expect(s).toMatchObject({ status: 'escalated', level: 'county', deadlineAt: at(62), escalations: 1 });
    expect(refusal(s, { kind: 'correct' }, 'company')).toBe('ALARM_ACTION_LEVEL');
    expect(refusal(s, { kind: 'accept' }, 'county')).toBe('ALARM_ACTION_NOT_ALLOWED');
    expect(refusal(s, { kind: 'contact_driver' }, 'county')).toBe('ALARM_ACTION_LEVEL');
    s = step(s, { kind: 'escalate' }, 'county', 10);
    expect(s).toMatchObject({ status: 'escalated', level: 'city', escalations: 2 });
    expect(refusal(s, { kind: 'escalate' }, 'city')).toBe('ALARM_ACTION_NOT_ALLOWED');
    s = step(s, { kind: 'resolve', note: '已协调交警拦停' }, 'city', 30);
    expect(s).toMatchObject({ status: 'closed', handledOnTime: true, handledAt: at(30) });
  });

  it('the county resolves an escalated alarm itself, or sends it back to the company', () => {
    const escalated = step(openState('low', t0, d), { kind: 'escalate' }, 'company', 1);
    expect(step(escalated, { kind: 'resolve' }, 'county', 20)).toMatchObject({ status: 'closed' });
    expect(step(escalated, { kind: 'return', note: '企业应先自行处置' }, 'county', 20)).toMatchObject({
      status: 'returned',
      level: 'company',
      deadlineAt: at(20 + 24 * 60),
    });
  });

  it('deadlines escalate automatically company → county → city, driven by the clock', () => {
    const s0 = openState('high', t0, d);
    expect(escalateIfDue(s0, at(9.99), d)).toBeNull();
    const s1 = escalateIfDue(s0, at(10), d)!;
    expect(s1).toMatchObject({ status: 'escalated', level: 'county', overdue: true, escalations: 1 });
    expect(s1.deadlineAt).toEqual(at(70));
    expect(escalateIfDue(s1, at(69), d)).toBeNull();
    const s2 = escalateIfDue(s1, at(70), d)!;
    expect(s2).toMatchObject({ level: 'city', overdue: true, escalations: 2 });
    expect(s2.deadlineAt).toEqual(at(70 + 24 * 60));
    // At the city it stays: supervision orders take over.
    expect(escalateIfDue(s2, at(5000), d)).toBeNull();
    // Resolved by the city after an automatic escalation: handled, but never on time.
    expect(step(s2, { kind: 'resolve' }, 'city', 80)).toMatchObject({
      status: 'closed',
      handledOnTime: false,
    });
  });

  it('handled and closed alarms never escalate; a processing one does', () => {
    const handled = step(openState('high', t0, d), { kind: 'correct' }, 'company', 1);
    expect(escalateIfDue(handled, at(100), d)).toBeNull();
    const processing = step(openState('high', t0, d), { kind: 'contact_driver' }, 'company', 1);
    expect(escalateIfDue(processing, at(11), d)).toMatchObject({ level: 'county', status: 'escalated' });
    const returned = step(handled, { kind: 'return', note: '请补充证据' }, 'county', 2);
    expect(escalateIfDue(returned, at(12), d)).toMatchObject({ level: 'county' });
  });
});
