import { describe, expect, it } from 'vitest';
import { banWhen } from './ban-text.js';

const t = (k: string) =>
  ({ 'ban.weekday.1': '周一', 'ban.weekday.5': '周五', 'ban.everyDay': '每天', 'ban.always': '全天候' })[k] ??
  k;

describe('banWhen', () => {
  it('names the weekdays and windows, then the dated periods in China time', () => {
    expect(
      banWhen(
        {
          daily: [{ start: '07:00', end: '09:00' }],
          weekdays: [1, 5],
          periods: [{ from: '2026-12-31T16:00:00.000Z', to: '2027-01-03T16:00:00.000Z' }],
        },
        t as never,
      ),
    ).toBe('周一、周五 07:00–09:00; 2027-01-01 00:00 → 2027-01-04 00:00');
  });

  it('says every day without weekdays, and always without any window', () => {
    expect(
      banWhen({ daily: [{ start: '22:00', end: '06:00' }], weekdays: null, periods: [] }, t as never),
    ).toBe('每天 22:00–06:00');
    expect(banWhen({ daily: [], weekdays: null, periods: [] }, t as never)).toBe('全天候');
  });
});
