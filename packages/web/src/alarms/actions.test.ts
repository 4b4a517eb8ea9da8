import { describe, expect, it } from 'vitest';
import { actionsFor, bulkActionsFor, levelOfScope, stepBody } from './actions.js';

const company = ['alarms:read', 'alarms:handle'];
const county = ['alarms:read', 'alarms:review'];
const city = ['alarms:read', 'alarms:supervise'];
const kinds = (a: { kind: string }[]) => a.map((s) => s.kind);

describe('actionsFor', () => {
  it('offers the company its four steps while the alarm is with it', () => {
    for (const status of ['pending', 'processing', 'returned'] as const)
      expect(kinds(actionsFor({ status, level: 'company' }, 'company', company))).toEqual([
        'contact_driver',
        'correct',
        'false_alarm',
        'escalate',
      ]);
    expect(actionsFor({ status: 'handled', level: 'county' }, 'company', company)).toEqual([]);
    // A company user without alarms:handle sees no buttons.
    expect(actionsFor({ status: 'pending', level: 'company' }, 'company', ['alarms:read'])).toEqual([]);
  });

  it('lets the county accept or return a handled alarm, and resolve an escalated one', () => {
    expect(kinds(actionsFor({ status: 'handled', level: 'county' }, 'county', county))).toEqual([
      'accept',
      'return',
    ]);
    expect(kinds(actionsFor({ status: 'escalated', level: 'county' }, 'county', county))).toEqual([
      'resolve',
      'return',
      'escalate',
    ]);
    expect(actionsFor({ status: 'pending', level: 'company' }, 'county', county)).toEqual([]);
    expect(actionsFor({ status: 'closed', level: 'county' }, 'county', county)).toEqual([]);
  });

  it('lets the city resolve or return what reached it, over the supervise path', () => {
    const steps = actionsFor({ status: 'escalated', level: 'city' }, 'city', city);
    expect(steps.map((s) => `${s.path}:${s.kind}`)).toEqual(['supervise:resolve', 'supervise:return']);
    expect(actionsFor({ status: 'escalated', level: 'county' }, 'city', city)).toEqual([]);
  });

  it('maps scopes to levels', () => {
    expect(levelOfScope({ kind: 'enterprise', enterpriseId: 'e' })).toBe('company');
    expect(levelOfScope({ kind: 'district', districtCode: '211103' })).toBe('county');
    expect(levelOfScope({ kind: 'city' })).toBe('city');
    expect(levelOfScope({ kind: 'checkpoint', placeId: 'p' })).toBeNull();
  });
});

describe('bulk', () => {
  it('keeps only the steps every selected alarm allows', () => {
    const sel = [
      { status: 'handled', level: 'county' },
      { status: 'escalated', level: 'county' },
    ] as const;
    expect(kinds(bulkActionsFor(sel, 'county', county))).toEqual(['return']);
    expect(bulkActionsFor([], 'county', county)).toEqual([]);
  });
});

describe('stepBody', () => {
  const [contact, , falseAlarm] = actionsFor({ status: 'pending', level: 'company' }, 'company', company);
  it('needs evidence for a false alarm', () => {
    expect(stepBody(falseAlarm!, ' 误报 ', '')).toEqual({ ok: false, reason: 'note' });
    expect(stepBody(falseAlarm!, '视频核实：测速误差', 'ignored')).toEqual({
      ok: true,
      body: { action: 'false_alarm', note: '视频核实：测速误差' },
    });
  });
  it('sends the text to the terminal only with contact_driver', () => {
    expect(stepBody(contact!, '', ' 请减速慢行 ')).toEqual({
      ok: true,
      body: { action: 'contact_driver', text: '请减速慢行' },
    });
  });
});
