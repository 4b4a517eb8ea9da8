import { describe, expect, it } from 'vitest';
import type { DriverCardReport } from '../map/driver-card.js';
import { cardSpans, spanAt } from './driver-cards.js';

const T = Date.parse('2026-12-07T08:00:00Z');
const min = 60_000;
const report = (
  at: number,
  status: DriverCardReport['status'],
  person: { id: string | null; name: string | null } = { id: null, name: null },
  driverName: string | null = null,
): DriverCardReport => ({
  status,
  personId: person.id,
  personName: person.name,
  driverName,
  certificateNumber: null,
  deviceTime: new Date(at).toISOString(),
  receivedAt: new Date(at + 2000).toISOString(),
});
const wang = { id: 'p-1', name: '王驾驶' };

describe('cardSpans', () => {
  it('splits the range at each report, starting from the card in force before it', () => {
    // Newest first, as the API lists them; the first one is from before the range.
    const reports = [
      report(T + 90 * min, 'inserted', { id: null, name: null }, '赵某'),
      report(T + 60 * min, 'removed'),
      report(T + 30 * min, 'unreadable'),
      report(T - 20 * min, 'inserted', wang),
    ];
    const spans = cardSpans(reports, T, T + 120 * min);
    expect(spans).toEqual([
      {
        from: T,
        to: T + 30 * min,
        card: { kind: 'card', name: '王驾驶', onFile: true, since: reports[3]!.deviceTime },
      },
      { from: T + 30 * min, to: T + 60 * min, card: { kind: 'unreadable', since: reports[2]!.deviceTime } },
      { from: T + 60 * min, to: T + 90 * min, card: { kind: 'none' } },
      {
        from: T + 90 * min,
        to: T + 120 * min,
        card: { kind: 'card', name: '赵某', onFile: false, since: reports[0]!.deviceTime },
      },
    ]);
    expect(spanAt(spans, T + 45 * min)?.card.kind).toBe('unreadable');
    expect(spanAt(spans, T + 120 * min)?.card).toMatchObject({ name: '赵某' });
    expect(spanAt(spans, T - 1)).toBeUndefined();
  });

  it('says unknown until the first report when none came before the range; merges repeats; ignores reports after it', () => {
    const reports = [
      report(T + 200 * min, 'removed'),
      report(T + 40 * min, 'inserted', wang),
      report(T + 10 * min, 'inserted', wang),
    ];
    expect(cardSpans(reports, T, T + 60 * min).map((s) => [s.from, s.to, s.card.kind])).toEqual([
      [T, T + 10 * min, 'unknown'],
      [T + 10 * min, T + 60 * min, 'card'],
    ]);
    expect(cardSpans([], T, T + 60 * min)).toEqual([
      { from: T, to: T + 60 * min, card: { kind: 'unknown' } },
    ]);
    expect(cardSpans(reports, T, T)).toEqual([]);
  });

  it('places a report without a device time at its receive time', () => {
    const r = { ...report(T + 10 * min, 'removed'), deviceTime: null };
    expect(cardSpans([r], T, T + 60 * min).map((s) => s.from)).toEqual([T, T + 10 * min + 2000]);
  });
});
