import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import {
  alarmCounts,
  chinaDayRange,
  chinaMonth,
  handlingRates,
  isCalendarDay,
  monthsRange,
  monthStart,
} from './stats.js';
import { company } from './testing.js';

const actor = (scope: Scope): Actor => ({
  id: 'u',
  name: 'u',
  role: 'city_regulator',
  scope,
  via: 'session',
});

describe('month boundaries (China time)', () => {
  it('a month starts at 16:00 UTC the day before', () => {
    expect(monthStart('2026-11').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(monthStart('2027-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaMonth(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(chinaMonth(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
  });
  it('a day starts at 16:00 UTC the day before; only real dates are days', () => {
    expect(chinaDayRange('2026-11-01').map((d) => d.toISOString())).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
    ]);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
  });
});

for (const target of testDatabases()) {
  describe(`handling rates on a constructed month (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let e1: Awaited<ReturnType<typeof company>>;
    let e2: Awaited<ReturnType<typeof company>>;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      e1 = await company(db, '211102', '盘锦甲危运有限公司');
      e2 = await company(db, '211103', '盘锦乙危运有限公司');
    });
    afterEach(async () => {
      await cleanup();
    });

    /** One alarm opened at `opened`, first answered after `responseS` seconds, handled or not. */
    async function alarm(
      e: { enterpriseId: string },
      district: string,
      opened: string,
      outcome: { responseS?: number; handled?: 'on_time' | 'late'; type?: string; severity?: string },
    ) {
      const t = Date.parse(opened);
      const response = outcome.responseS === undefined ? null : new Date(t + outcome.responseS * 1000);
      await db.query(
        `INSERT INTO alarms (id, source_id, source, type, severity, enterprise_id, district_code, status, level, episode,
           started_at, opened_at, last_event_at, deadline_at, first_response_at, handled_at, handled_on_time)
         VALUES ($1, $2, 'rule', $3, $4, $5, $6, $7, $8, 'ended', $9, $9, $9, $10, $11, $11, $12)`,
        [
          randomUUID(),
          randomUUID(),
          outcome.type ?? 'overspeed',
          outcome.severity ?? 'high',
          e.enterpriseId,
          district,
          outcome.handled ? 'closed' : 'pending',
          outcome.handled ? 'county' : 'company',
          new Date(t),
          new Date(t + 600_000),
          outcome.handled ? response : null,
          outcome.handled ? outcome.handled === 'on_time' : null,
        ],
      );
      if (!outcome.handled && response) {
        await db.query(`UPDATE alarms SET first_response_at = $1 WHERE opened_at = $2`, [
          response,
          new Date(t),
        ]);
      }
    }

    async function constructMonth() {
      // Company 1 (双台子区): 20 alarms in November — 17 handled on time (answered in 60 s),
      // 1 handled late (answered after 20 min), 2 never handled.
      for (let i = 0; i < 17; i++) {
        await alarm(e1, '211102', `2026-11-${String(1 + i).padStart(2, '0')}T02:00:00Z`, {
          responseS: 60,
          handled: 'on_time',
          type: i < 10 ? 'overspeed' : 'fatigue_continuous',
        });
      }
      await alarm(e1, '211102', '2026-11-20T02:00:00Z', {
        responseS: 1200,
        handled: 'late',
        severity: 'medium',
      });
      await alarm(e1, '211102', '2026-11-21T02:00:00Z', {});
      await alarm(e1, '211102', '2026-11-22T02:00:00Z', { type: 'parking_outside', severity: 'low' });
      // 23:59:59 on 31 October, China time: October, not November.
      await alarm(e1, '211102', '2026-10-31T15:59:59Z', {});
      // Company 2 (兴隆台区): 11 alarms, all handled on time in 30 s; the first at 00:00 on 1 November.
      await alarm(e2, '211103', '2026-10-31T16:00:00Z', { responseS: 30, handled: 'on_time' });
      for (let i = 0; i < 10; i++) {
        await alarm(e2, '211103', `2026-11-${String(5 + i).padStart(2, '0')}T08:00:00Z`, {
          responseS: 30,
          handled: 'on_time',
        });
      }
    }

    it('computes handling, handled and on-time rates and the response time by enterprise', async () => {
      await constructMonth();
      const { rows, overall } = await handlingRates(
        db,
        actor({ kind: 'city' }),
        'enterprise',
        '2026-11',
        '2026-11',
      );
      const one = rows.find((r) => r.key === e1.enterpriseId)!;
      const two = rows.find((r) => r.key === e2.enterpriseId)!;
      expect(one).toMatchObject({
        name: '盘锦甲危运有限公司',
        total: 20,
        handled: 18,
        handledOnTime: 17,
        handlingRate: 0.85,
        handledRate: 0.9,
        meetsTarget: false,
        averageResponseSeconds: 123.3, // (17 × 60 + 1200) / 18
      });
      expect(one.onTimeRate).toBeCloseTo(17 / 18, 10);
      expect(two).toMatchObject({
        total: 11,
        handled: 11,
        handlingRate: 1,
        meetsTarget: true,
        averageResponseSeconds: 30,
      });
      expect(overall).toMatchObject({
        key: 'all',
        total: 31,
        handled: 29,
        handledOnTime: 28,
        meetsTarget: true,
      });
      expect(overall.handlingRate).toBeCloseTo(28 / 31, 10);
    });

    it('groups by district and by month, and stays inside the scope', async () => {
      await constructMonth();
      const byDistrict = await handlingRates(db, actor({ kind: 'city' }), 'district', '2026-11', '2026-11');
      expect(byDistrict.rows.map((r) => [r.key, r.name, r.total, r.handledOnTime])).toEqual([
        ['211102', '双台子区', 20, 17],
        ['211103', '兴隆台区', 11, 11],
      ]);
      const byMonth = await handlingRates(db, actor({ kind: 'city' }), 'month', '2026-10', '2026-11');
      expect(byMonth.rows.map((r) => [r.key, r.total, r.handledOnTime])).toEqual([
        ['2026-10', 1, 0],
        ['2026-11', 31, 28],
      ]);
      const county = await handlingRates(
        db,
        actor({ kind: 'district', districtCode: '211102' }),
        'enterprise',
        '2026-11',
        '2026-11',
      );
      expect(county.rows.map((r) => r.key)).toEqual([e1.enterpriseId]);
      expect(county.overall).toMatchObject({ total: 20, handlingRate: 0.85 });
      const mine = await handlingRates(
        db,
        actor({ kind: 'enterprise', enterpriseId: e2.enterpriseId }),
        'month',
        '2026-11',
        '2026-11',
      );
      expect(mine.overall).toMatchObject({ total: 11, handlingRate: 1 });
      const none = await handlingRates(db, actor({ kind: 'city' }), 'month', '2025-01', '2025-01');
      expect(none).toEqual({ rows: [], overall: expect.objectContaining({ total: 0, handlingRate: null }) });
    });

    it('counts alarms by type, severity and district', async () => {
      await constructMonth();
      const c = await alarmCounts(db, actor({ kind: 'city' }), monthsRange('2026-11', '2026-11'));
      expect(c.byType).toEqual([
        { key: 'overspeed', count: 23 },
        { key: 'fatigue_continuous', count: 7 },
        { key: 'parking_outside', count: 1 },
      ]);
      expect(c.bySeverity).toEqual([
        { key: 'high', count: 29 },
        { key: 'low', count: 1 },
        { key: 'medium', count: 1 },
      ]);
      expect(c.byDistrict).toEqual([
        { key: '211102', count: 20, name: '双台子区' },
        { key: '211103', count: 11, name: '兴隆台区' },
      ]);
    });

    it('counts one China-time day: 00:00 on 1 November (16:00 UTC the day before) belongs to it', async () => {
      await constructMonth();
      const day = await alarmCounts(db, actor({ kind: 'city' }), chinaDayRange('2026-11-01'));
      // 兴隆台区's alarm at 2026-10-31T16:00Z and 双台子区's at 2026-11-01T02:00Z; not 23:59:59 on 31 October.
      expect(day.byDistrict).toEqual([
        { key: '211102', count: 1, name: '双台子区' },
        { key: '211103', count: 1, name: '兴隆台区' },
      ]);
      const oct31 = await alarmCounts(db, actor({ kind: 'city' }), chinaDayRange('2026-10-31'));
      expect(oct31.byType).toEqual([{ key: 'overspeed', count: 1 }]);
      const county = await alarmCounts(
        db,
        actor({ kind: 'district', districtCode: '211103' }),
        chinaDayRange('2026-11-01'),
      );
      expect(county.byDistrict).toEqual([{ key: '211103', count: 1, name: '兴隆台区' }]);
    });
  });
}
