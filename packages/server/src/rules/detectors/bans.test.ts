import { describe, expect, it } from 'vitest';
import type { BanWindow } from '../context.js';
import { bansInForce } from './bans.js';

const PANJIN = 480;
const at = (s: string) => Date.parse(`${s}+08:00`);
const ids = (list: readonly BanWindow[]) => list.map((b) => b.id);

describe('bans in force (what the bans rule asks of every fix in a fence)', () => {
  // A holiday ban from 10:00:30 (not on a minute), a nightly one from 22:00, one always in force.
  const holiday: BanWindow = {
    id: 'holiday',
    name: '节假日禁行',
    fenceIds: ['g1'],
    periods: [{ from: at('2026-10-01T10:00:30'), to: at('2026-10-08T00:00:00') }],
  };
  const nightly: BanWindow = {
    id: 'night',
    name: '夜间禁行',
    fenceIds: ['g1'],
    daily: [{ startMinute: 22 * 60, endMinute: 6 * 60 }],
  };
  const always: BanWindow = { id: 'always', name: '常年禁行', fenceIds: ['g2'] };
  const list = [holiday, nightly, always];

  it('the set changes exactly at a period edge inside a minute, and at a daily window’s minute', () => {
    expect(ids(bansInForce(list, at('2026-10-01T10:00:10'), PANJIN))).toEqual(['always']);
    expect(ids(bansInForce(list, at('2026-10-01T10:00:29.999'), PANJIN))).toEqual(['always']);
    expect(ids(bansInForce(list, at('2026-10-01T10:00:30'), PANJIN))).toEqual(['holiday', 'always']);
    expect(ids(bansInForce(list, at('2026-10-01T21:59:59.999'), PANJIN))).toEqual(['holiday', 'always']);
    expect(ids(bansInForce(list, at('2026-10-01T22:00:00'), PANJIN))).toEqual(['holiday', 'night', 'always']);
    // Back in time (a late fix) and forward again: each moment gets its own set.
    expect(ids(bansInForce(list, at('2026-10-01T10:00:20'), PANJIN))).toEqual(['always']);
    expect(ids(bansInForce(list, at('2026-10-08T00:00:00'), PANJIN))).toEqual(['night', 'always']);
    expect(ids(bansInForce(list, at('2026-10-08T06:00:00'), PANJIN))).toEqual(['always']);
  });

  it('another list or another offset is not answered from the last one', () => {
    const t = at('2026-10-01T23:00:00');
    expect(ids(bansInForce(list, t, PANJIN))).toEqual(['holiday', 'night', 'always']);
    expect(ids(bansInForce([nightly], t, PANJIN))).toEqual(['night']);
    // 23:00 in Panjin is 15:00 UTC: the nightly window is not open there.
    expect(ids(bansInForce([nightly], t, 0))).toEqual([]);
    expect(ids(bansInForce([], t, PANJIN))).toEqual([]);
  });
});
