import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../types.js';
import { Journey, kinds, MIN, scenario, T0 } from '../testing.js';

/** Only this rule's events (the trip detector reports the same drives). */
const only = (events: RuleEvent[]) => events.filter((e) => e.type === 'no_waybill');

describe('driving without a waybill', () => {
  it('10 min of driving is tolerated, the first fix past it opens an episode', () => {
    const ok = scenario({ vehicle: { waybill: null } }).run(new Journey(T0).drive(10 * 60 + 1, 30, 40).fixes);
    expect(kinds(ok, 'no_waybill')).toEqual([]);
    const events = only(
      scenario({ vehicle: { waybill: null } }).run(new Journey(T0).drive(11 * 60, 30, 40).fixes),
    );
    expect(kinds(events, 'no_waybill')).toEqual(['started:no_waybill']);
    expect(events[0]!.at).toBe(T0 + 10 * MIN + 30_000);
  });

  it('a stop of 10 min closes the episode; a waybill becoming active closes it too', () => {
    const s = scenario({ vehicle: { waybill: null } });
    const events = only(s.run(new Journey(T0).drive(15 * 60, 30, 40).stop(11 * 60, 60).fixes));
    expect(kinds(events, 'no_waybill')).toEqual(['started:no_waybill', 'ended:no_waybill']);
    expect(events[1]!.detail?.['reason']).toBe('stopped');

    const w = scenario({ vehicle: { waybill: null } });
    const j = new Journey(T0).drive(15 * 60, 30, 40);
    w.run(j.fixes);
    w.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w5', places: [] },
    });
    const before = j.fixes.length;
    const closed = only(w.run(j.drive(60, 30, 40).fixes.slice(before)));
    expect(kinds(closed, 'no_waybill')).toEqual(['ended:no_waybill']);
    expect(closed[0]!.detail?.['reason']).toBe('waybill');
  });

  it('short stops do not reset the driving count', () => {
    const events = scenario({ vehicle: { waybill: null } }).run(
      new Journey(T0)
        .drive(6 * 60, 30, 40)
        .stop(5 * 60, 60)
        .drive(6 * 60, 30, 40).fixes,
    );
    expect(kinds(events, 'no_waybill')).toEqual(['started:no_waybill']);
  });
});
