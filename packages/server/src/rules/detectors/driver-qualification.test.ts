import { describe, expect, it } from 'vitest';
import { cardHolderFor, lastDayWithinAge, type CardHolder } from '../context.js';
import type { RuleEvent } from '../types.js';
import { Journey, kinds, MIN, scenario, T0 } from '../testing.js';

const only = (events: RuleEvent[]) => events.filter((e) => e.type === 'driver_unqualified');

/**
 * 赵六, e1's driver, with a qualification certificate valid through `until` (YYYY-MM-DD), born on
 * `born` (none on file when null), at most 60 years old.
 */
function holder(
  o: Partial<CardHolder> & { until?: string | null; licence?: string | null; born?: string | null } = {},
): CardHolder {
  const { until = '2027-06-30', licence = null, born = '1975-05-01', ...rest } = o;
  // For a vehicle of e1, as the scenario's.
  return cardHolderFor(
    {
      personId: 'p-1',
      name: '赵六',
      enterpriseId: 'e1',
      standing: [],
      qualificationUntilDay: until === null ? null : Date.parse(until),
      licenceUntilDay: licence === null ? null : Date.parse(licence),
      ageLimitDay: born === null ? null : lastDayWithinAge(born, 60),
      ...rest,
    },
    'e1',
  );
}

const withHolder = (h: CardHolder) => scenario({ vehicle: { cardHolder: h } });
const card = { driverId: 'p-1' };

describe('driver qualification (the IC card holder may drive a hazardous-goods vehicle)', () => {
  it('60 s of driving with an expired qualification is tolerated, the 61st second opens an episode', () => {
    // T0 is 2026-11-23 09:00 in Panjin: a certificate valid through 2026-11-22 has run out.
    const expired = holder({ until: '2026-11-22' });
    const ok = withHolder(expired).run(new Journey(T0).drive(61, 1, 40, card).fixes);
    expect(kinds(ok, 'driver_unqualified')).toEqual([]);
    const events = only(withHolder(expired).run(new Journey(T0).drive(62, 1, 40, card).fixes));
    expect(kinds(events)).toEqual(['started:driver_unqualified']);
    const e = events[0]!;
    expect(e.startedAt).toBe(T0);
    expect(e.at).toBe(T0 + 61_000);
    expect(e.threshold).toBe(60);
    expect(e.measured).toBe(61);
    expect(e.severity).toBe('high');
    expect(e.driverId).toBe('p-1');
    expect(e.detail).toEqual({
      cardDriverId: 'p-1',
      cardName: '赵六',
      reasons: 'qualification_expired',
      qualificationValidUntil: '2026-11-22',
      ageLimitUntil: '2036-04-30',
    });
  });

  it('a certificate valid through today is valid until local midnight, expired from its first second', () => {
    // Valid through 2026-11-23: driving from 23:50 to 00:04 in Panjin (UTC+8).
    const h = holder({ until: '2026-11-23' });
    const evening = Date.parse('2026-11-23T23:50:00+08:00');
    const events = only(withHolder(h).run(new Journey(evening).drive(14 * 60, 1, 40, card).fixes));
    expect(kinds(events)).toEqual(['started:driver_unqualified']);
    // Counted from the first fix after midnight, started 61 s of driving later.
    const midnight = Date.parse('2026-11-24T00:00:00+08:00');
    expect(events[0]!.startedAt).toBe(midnight);
    expect(events[0]!.at).toBe(midnight + 61_000);
    // In UTC the same certificate would still hold: the day is the city's (utcOffsetMinutes).
    const utc = scenario({ vehicle: { cardHolder: h }, params: { utcOffsetMinutes: 0 } });
    expect(
      kinds(utc.run(new Journey(evening).drive(14 * 60, 1, 40, card).fixes), 'driver_unqualified'),
    ).toEqual([]);
  });

  it('over 60: from the local midnight that starts the 61st birthday, as the waybill check counts full years', () => {
    // The last day within the limit is the day before the 61st birthday; born on 29 February,
    // the birthday of a common year is 1 March (Date.UTC rolls over, as ageOn counts).
    expect(new Date(lastDayWithinAge('1965-11-24', 60)).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(lastDayWithinAge('1964-02-29', 60)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(new Date(lastDayWithinAge('1964-02-29', 59)).toISOString()).toBe('2024-02-28T00:00:00.000Z');
    // Turns 61 on 2026-11-24: driving from 23:50 to 00:04 in Panjin raises it after midnight only.
    const h = holder({ born: '1965-11-24' });
    const evening = Date.parse('2026-11-23T23:50:00+08:00');
    const events = only(withHolder(h).run(new Journey(evening).drive(14 * 60, 1, 40, card).fixes));
    expect(kinds(events)).toEqual(['started:driver_unqualified']);
    const midnight = Date.parse('2026-11-24T00:00:00+08:00');
    expect(events[0]!.startedAt).toBe(midnight);
    expect(events[0]!.detail).toMatchObject({ reasons: 'over_age', ageLimitUntil: '2026-11-23' });
    // A day younger: nothing in the same drive.
    const younger = holder({ born: '1965-11-25' });
    expect(
      kinds(
        withHolder(younger).run(new Journey(evening).drive(14 * 60, 1, 40, card).fixes),
        'driver_unqualified',
      ),
    ).toEqual([]);
    // No birth date on file: the age is not asked.
    const unknown = withHolder(holder({ born: null, until: '2026-11-22' }));
    const e = only(unknown.run(new Journey(T0).drive(5 * 60, 10, 40, card).fixes))[0]!;
    expect(e.detail).toMatchObject({ reasons: 'qualification_expired', ageLimitUntil: '' });
  });

  it('a qualified driver of the vehicle’s company raises nothing; neither does a card whose person is not read yet', () => {
    const drive = new Journey(T0).drive(30 * 60, 10, 50, card).fixes;
    expect(kinds(withHolder(holder()).run(drive), 'driver_unqualified')).toEqual([]);
    // The context knows another card's person (the adapter has not read this one): nothing is counted.
    const other = withHolder(holder({ personId: 'p-2', until: '2020-01-01' }));
    expect(kinds(other.run(drive), 'driver_unqualified')).toEqual([]);
    // No card at all.
    const noCard = new Journey(T0).drive(30 * 60, 10, 50).fixes;
    expect(kinds(withHolder(holder({ until: '2020-01-01' })).run(noCard), 'driver_unqualified')).toEqual([]);
  });

  it('names every reason: not filed, left, not a driver, another company’s, no certificate, wrong category, licence expired, over age', () => {
    const reasons = (h: CardHolder) =>
      only(withHolder(h).run(new Journey(T0).drive(5 * 60, 10, 40, card).fixes))[0]?.detail?.['reasons'];
    expect(reasons(holder({ standing: ['not_filed'] }))).toBe('not_filed');
    expect(reasons(holder({ standing: ['left', 'not_driver'] }))).toBe('left,not_driver');
    expect(reasons(holder({ enterpriseId: 'e2' }))).toBe('other_enterprise');
    expect(reasons(holder({ until: null, standing: ['qualification_missing'] }))).toBe(
      'qualification_missing',
    );
    expect(reasons(holder({ standing: ['qualification_category'] }))).toBe('qualification_category');
    expect(reasons(holder({ licence: '2026-01-31' }))).toBe('licence_expired');
    expect(reasons(holder({ licence: '2026-12-31' }))).toBeUndefined();
    expect(reasons(holder({ born: '1960-01-01' }))).toBe('over_age');
    expect(
      reasons(
        holder({
          standing: ['not_filed', 'qualification_category'],
          until: '2026-11-01',
          enterpriseId: 'e2',
          licence: '2026-01-31',
          born: '1950-06-01',
        }),
      ),
    ).toBe(
      'not_filed,other_enterprise,qualification_expired,qualification_category,licence_expired,over_age',
    );
  });

  it('parked time does not count; updates while driving; the card pulled, replaced or the person cleared ends it', () => {
    const h = holder({ until: '2026-11-22' });
    const j = new Journey(T0)
      .stop(10 * 60, 30, card)
      .drive(2 * 60, 10, 40, card)
      .stop(30 * 60, 30, card)
      .drive(60, 10, 40, card)
      .drive(60, 10, 40, { driverId: null });
    const events = only(withHolder(h).run(j.fixes));
    expect(kinds(events)).toEqual([
      'started:driver_unqualified',
      'updated:driver_unqualified',
      'ended:driver_unqualified',
    ]);
    expect(events[0]!.startedAt).toBe(T0);
    expect(events[0]!.at).toBe(T0 + 10 * MIN + 70_000);
    expect(events[1]!.measured).toBe(130);
    expect(events[2]!.detail?.['reason']).toBe('card_pulled');

    // Another card goes in: the episode ends; the new card is counted on its own.
    const swapped = only(
      withHolder(h).run(
        new Journey(T0).drive(5 * 60, 10, 40, card).drive(5 * 60, 10, 40, { driverId: 'p-2' }).fixes,
      ),
    );
    expect(kinds(swapped)).toEqual(['started:driver_unqualified', 'ended:driver_unqualified']);
    expect(swapped[1]!.detail?.['reason']).toBe('card_changed');

    // The archive clears the person (a renewed certificate): it ends at the next fix.
    const s = withHolder(h);
    const first = only(s.run(new Journey(T0).drive(5 * 60, 10, 40, card).fixes));
    expect(kinds(first)).toEqual(['started:driver_unqualified']);
    s.ctx.setVehicle({
      vehicleId: 'v1',
      enterpriseId: 'e1',
      goodsClasses: ['3'],
      waybill: { id: 'w1', places: [] },
      cardHolder: holder(),
    });
    const after = only(s.run(new Journey(T0 + 6 * MIN).drive(60, 10, 40, card).fixes));
    expect(kinds(after)).toEqual(['ended:driver_unqualified']);
    expect(after[0]!.detail?.['reason']).toBe('qualified');
  });

  it('a restart in the middle keeps counting from the snapshot', () => {
    const h = holder({ until: '2026-11-22' });
    const a = withHolder(h);
    a.run(new Journey(T0).drive(40, 10, 40, card).fixes);
    const snap = a.engine.snapshot('v1')!;
    const b = withHolder(h);
    b.engine.restore(snap);
    const events = only(b.run(new Journey(T0 + 40_000).drive(5 * 60, 10, 40, card).fixes));
    // 30 s of driving before the restart (fixes at T0 … T0 + 30 s), the 61st second after it.
    expect(kinds(events)).toEqual(['started:driver_unqualified']);
    expect(events[0]!.startedAt).toBe(T0);
    expect(events[0]!.at).toBe(T0 + 70_000);
  });
});
