import { describe, expect, it } from 'vitest';
import { carrierActions, isActive, transition, waybillStatuses, type WaybillStatus } from './lifecycle.js';

describe('waybill lifecycle', () => {
  it('walks the closed loop draft → closed', () => {
    const path: [WaybillStatus, Parameters<typeof transition>[1], 'carrier' | 'system', WaybillStatus][] = [
      ['draft', 'submit', 'carrier', 'submitted'],
      ['submitted', 'check_pass', 'system', 'checked'],
      ['checked', 'start_loading', 'carrier', 'loading'],
      ['loading', 'depart', 'system', 'in_transit'],
      ['in_transit', 'arrive', 'system', 'unloaded'],
      ['unloaded', 'close', 'carrier', 'closed'],
    ];
    for (const [from, action, by, to] of path) expect(transition(from, action, by)).toEqual({ ok: true, to });
  });

  it('sends a failed check back through edit or a new submission', () => {
    expect(transition('submitted', 'check_fail', 'system')).toEqual({ ok: true, to: 'check_failed' });
    expect(transition('check_failed', 'edit', 'carrier')).toEqual({ ok: true, to: 'draft' });
    expect(transition('check_failed', 'submit', 'carrier')).toEqual({ ok: true, to: 'submitted' });
  });

  it('lets the tracks or the carrier depart from checked or loading, and arrive', () => {
    expect(transition('checked', 'depart', 'system')).toEqual({ ok: true, to: 'in_transit' });
    expect(transition('checked', 'depart', 'carrier')).toEqual({ ok: true, to: 'in_transit' });
    expect(transition('in_transit', 'arrive', 'carrier')).toEqual({ ok: true, to: 'unloaded' });
  });

  it('refuses invalid transitions with a reason', () => {
    expect(transition('draft', 'start_loading', 'carrier')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(transition('draft', 'close', 'carrier')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(transition('unloaded', 'depart', 'system')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(transition('closed', 'submit', 'carrier')).toEqual({ ok: false, reason: 'wrong_state' });
    // Checks are the system's: the carrier cannot pass its own waybill.
    expect(transition('submitted', 'check_pass', 'carrier')).toEqual({ ok: false, reason: 'not_by_carrier' });
    // And the system does not cancel or close on its own.
    expect(transition('checked', 'cancel', 'system')).toEqual({ ok: false, reason: 'not_by_system' });
  });

  it('the filling site moves a checked waybill to loading, and only the filling site does so', () => {
    expect(transition('checked', 'fill', 'site')).toEqual({ ok: true, to: 'loading' });
    expect(transition('loading', 'fill', 'site')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(transition('in_transit', 'fill', 'site')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(transition('checked', 'fill', 'carrier')).toEqual({ ok: false, reason: 'not_by_carrier' });
    expect(transition('checked', 'fill', 'system')).toEqual({ ok: false, reason: 'not_by_system' });
    // The site takes no other step, not even one the carrier and the system share.
    expect(transition('checked', 'depart', 'site')).toEqual({ ok: false, reason: 'not_by_site' });
    expect(transition('checked', 'start_loading', 'site')).toEqual({ ok: false, reason: 'not_by_site' });
    expect(carrierActions('checked')).not.toContain('fill');
  });

  it('cancels from every state but the final ones', () => {
    for (const s of waybillStatuses) {
      const out = transition(s, 'cancel', 'carrier');
      expect(out.ok, s).toBe(s !== 'closed' && s !== 'cancelled');
    }
  });

  it('lists the carrier’s actions per state and the active states', () => {
    expect(carrierActions('draft')).toEqual(['submit', 'cancel']);
    expect(carrierActions('check_failed')).toEqual(['edit', 'submit', 'cancel']);
    expect(carrierActions('checked')).toEqual(['start_loading', 'depart', 'cancel']);
    expect(carrierActions('closed')).toEqual([]);
    expect(waybillStatuses.filter(isActive)).toEqual(['checked', 'loading', 'in_transit']);
  });
});
