/**
 * The rules module's routes: ban windows and zones managed by a county (validated, audited,
 * scoped, reloaded into the engine at once), and the e-waybill usage rate from recorded trips,
 * per company in the caller's scope.
 */
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../platform/auth.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import { RuleEngine } from '../../rules/engine.js';
import { Journey, T0 } from '../../rules/testing.js';
import type { RuleEvent } from '../../rules/types.js';
import type { UserRole } from '../accounts/repository.js';
import { useRulesApp } from './app-testing.js';
import { insertWaybill, makeEnterprise, makeTractor } from './testing.js';
import { listTrips, recordTrip } from './trips.js';

const circle = { type: 'circle', center: [122.07, 41.12], radiusM: 1500 };

for (const target of testDatabases()) {
  describe(`rules routes (${target.name})`, () => {
    const env = useRulesApp(target);
    const as = (role: UserRole, scope: Scope) => env.as(role, scope);

    it('a county draws a ban zone and a nightly ban in its district; checked, audited, scoped and in the engine at once', async () => {
      const county = await as('county_regulator', { kind: 'district', districtCode: '211103' });
      const other = await as('county_regulator', { kind: 'district', districtCode: '211102' });
      const zone = await county.send('POST', '/api/rules/geofences', {
        kind: 'ban_zone',
        name: '兴隆台城区限行区',
        shape: circle,
      });
      expect(zone.statusCode).toBe(201);
      const zoneId = zone.json<{ id: string; districtCode: string }>().id;
      expect(zone.json()).toMatchObject({ districtCode: '211103', version: 1 });

      const bad = await county.send('POST', '/api/rules/bans', {
        name: '夜间限行',
        zoneIds: [zoneId],
        goodsClasses: ['2', 'X'],
        daily: [{ start: '22:00', end: '22:00' }],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad.json<{ details: { fields: { field: string }[] } }>().details.fields.map((f) => f.field),
      ).toEqual(['goodsClasses', 'daily[0]']);
      expect(
        (
          await county.send('POST', '/api/rules/bans', {
            name: '越权',
            districtCode: '211102',
            zoneIds: [zoneId],
          })
        ).statusCode,
      ).toBe(403);
      // Another county may not use this county's zone.
      const foreign = await other.send('POST', '/api/rules/bans', { name: '他区', zoneIds: [zoneId] });
      expect(foreign.statusCode).toBe(400);

      const created = await county.send('POST', '/api/rules/bans', {
        name: '夜间限行',
        zoneIds: [zoneId],
        goodsClasses: ['2'],
        daily: [{ start: '22:00', end: '06:00' }],
        basis: '兴隆台区公安分局通告（演示）',
      });
      expect(created.statusCode).toBe(201);
      const ban = created.json<{ id: string; version: number }>();
      expect(env.worker.context.bans().map((b) => b.id)).toEqual([ban.id]);
      expect(env.worker.context.bans()[0]).toMatchObject({
        fenceIds: [zoneId],
        goodsClasses: ['2'],
        daily: [{ startMinute: 22 * 60, endMinute: 6 * 60 }],
      });
      const audit = await env.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE target_type IN ('geofence', 'ban') ORDER BY id",
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['geofence.create', 'ban.create']);

      expect((await other.get(`/api/rules/bans/${ban.id}`)).statusCode).toBe(404);
      expect((await other.get('/api/rules/bans')).json()).toEqual({ items: [], total: 0 });
      expect(
        (await other.send('PATCH', `/api/rules/bans/${ban.id}`, { version: 1, name: 'x' })).statusCode,
      ).toBe(404);
      const stale = await county.send('PATCH', `/api/rules/bans/${ban.id}`, { version: 2, active: false });
      expect(stale.statusCode).toBe(409);
      const off = await county.send('PATCH', `/api/rules/bans/${ban.id}`, { version: 1, active: false });
      expect(off.json()).toMatchObject({ active: false, version: 2 });
      expect(env.worker.context.bans()).toEqual([]);

      expect((await county.send('DELETE', `/api/rules/geofences/${zoneId}`)).json()).toMatchObject({
        code: 'RULES_ZONE_IN_USE',
      });
      expect((await county.send('DELETE', `/api/rules/bans/${ban.id}`)).statusCode).toBe(204);
      expect((await county.send('DELETE', `/api/rules/geofences/${zoneId}`)).statusCode).toBe(204);
      expect(env.worker.context.zoneCount()).toBe(0);
      // Refused writes (stale version, zone in use, other county) leave no audit row.
      const trail = await env.db.query<{ action: string; before: unknown; after: unknown }>(
        "SELECT action, before, after FROM audit_log WHERE target_type IN ('geofence', 'ban') ORDER BY id",
      );
      expect(trail.rows.map((r) => r.action)).toEqual([
        'geofence.create',
        'ban.create',
        'ban.update',
        'ban.delete',
        'geofence.delete',
      ]);
      expect(trail.rows[2]).toMatchObject({
        before: { active: true, version: 1 },
        after: { active: false, version: 2 },
      });
      expect(trail.rows[4]).toMatchObject({ before: { id: zoneId }, after: null });

      const company = await as('enterprise_monitor', {
        kind: 'enterprise',
        enterpriseId: '00000000-0000-4000-8000-000000000001',
      });
      expect(
        (await company.send('POST', '/api/rules/geofences', { kind: 'ban_zone', name: 'x', shape: circle }))
          .statusCode,
      ).toBe(403);
    });

    it('null clears a list or a field (goods classes, weekdays, remarks) instead of being coerced to [""]', async () => {
      const county = await as('county_regulator', { kind: 'district', districtCode: '211103' });
      const zone = await county.send('POST', '/api/rules/geofences', {
        kind: 'restricted_zone',
        name: '化工园区外禁行区',
        shape: circle,
        goodsClasses: ['2.1', 'highly_toxic'],
        remarks: '演示',
      });
      expect(zone.statusCode).toBe(201);
      const z = zone.json<{ id: string; goodsClasses: string[] }>();
      expect(z.goodsClasses).toEqual(['2.1', 'highly_toxic']);
      const cleared = await county.send('PATCH', `/api/rules/geofences/${z.id}`, {
        version: 1,
        goodsClasses: null,
        remarks: null,
      });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json()).toMatchObject({ goodsClasses: null, remarks: null, version: 2 });

      const ban = await county.send('POST', '/api/rules/bans', {
        name: '周末夜间限行',
        zoneIds: [z.id],
        goodsClasses: ['3'],
        daily: [{ start: '22:00', end: '06:00' }],
        weekdays: [6, 7],
      });
      expect(ban.statusCode).toBe(201);
      const b = ban.json<{ id: string }>();
      const every = await county.send('PATCH', `/api/rules/bans/${b.id}`, {
        version: 1,
        goodsClasses: null,
        weekdays: null,
      });
      expect(every.statusCode).toBe(200);
      expect(every.json()).toMatchObject({ goodsClasses: null, weekdays: null, version: 2 });
      // A list holding an empty class is still refused: [""] is not "all goods".
      const empty = await county.send('PATCH', `/api/rules/bans/${b.id}`, { version: 2, goodsClasses: [''] });
      expect(empty.statusCode).toBe(400);
    });

    it('the usage rate: trips with a waybill over all trips, per company in scope, for the month', async () => {
      const e1 = await makeEnterprise(env.db, 11, '211103', '盘锦甲运输有限公司');
      const e2 = await makeEnterprise(env.db, 12, '211104', '盘锦乙运输有限公司');
      const a = await makeTractor(env.db, e1, 11);
      const b = await makeTractor(env.db, e1, 12);
      const c = await makeTractor(env.db, e2, 13);
      const wa = await insertWaybill(env.db, {
        vehicleId: a,
        enterpriseId: e1,
        lines: [{ unNumber: '1203', hazardClass: '3' }],
      });
      await insertWaybill(env.db, {
        vehicleId: c,
        enterpriseId: e2,
        lines: [{ unNumber: '1202', hazardClass: '3' }],
      });
      await env.worker.context.refresh();

      const engine = new RuleEngine(env.worker.context, { reorderWindowMs: 0 });
      const events: RuleEvent[] = [];
      const twoTrips = (v: string) =>
        new Journey(T0, v)
          .drive(10 * 60, 30, 40)
          .stop(31 * 60, 60)
          .drive(10 * 60, 30, 40)
          .stop(31 * 60, 60).fixes;
      for (const f of [...twoTrips(a), ...new Journey(T0, b).drive(10 * 60, 30, 40).stop(31 * 60, 60).fixes])
        engine.ingest(f, events);
      for (const f of new Journey(T0, c).drive(10 * 60, 30, 40).stop(31 * 60, 60).fixes)
        engine.ingest(f, events);
      const ended = events.filter((e) => e.type === 'trip' && e.phase === 'ended');
      expect(ended).toHaveLength(4);
      for (const e of ended) expect(await recordTrip(env.db, e)).toBe(true);
      expect(await recordTrip(env.db, ended[0]!)).toBe(false); // redelivered: recorded once
      expect(
        await recordTrip(
          env.db,
          events.find((e) => e.type === 'trip' && e.phase === 'started')!,
        ),
      ).toBe(false);

      const city = await as('city_regulator', { kind: 'city' });
      const usage = await city.get('/api/waybills/usage?month=2026-11');
      expect(usage.statusCode).toBe(200);
      expect(usage.json()).toEqual({
        month: '2026-11',
        items: [
          { enterpriseId: e1, enterpriseName: '盘锦甲运输有限公司', trips: 3, withWaybill: 2, rate: 0.6667 },
          { enterpriseId: e2, enterpriseName: '盘锦乙运输有限公司', trips: 1, withWaybill: 1, rate: 1 },
        ],
        total: { trips: 4, withWaybill: 3, rate: 0.75 },
      });
      const county = await as('county_regulator', { kind: 'district', districtCode: '211104' });
      expect((await county.get('/api/waybills/usage?month=2026-11')).json()).toMatchObject({
        items: [{ enterpriseId: e2, trips: 1 }],
        total: { trips: 1, withWaybill: 1, rate: 1 },
      });
      const company = await as('enterprise_monitor', { kind: 'enterprise', enterpriseId: e1 });
      expect((await company.get('/api/waybills/usage?month=2026-11')).json()).toMatchObject({
        items: [{ enterpriseId: e1, trips: 3, withWaybill: 2 }],
        total: { trips: 3 },
      });
      expect((await company.get('/api/waybills/usage?month=2026-12')).json()).toEqual({
        month: '2026-12',
        items: [],
        total: { trips: 0, withWaybill: 0, rate: null },
      });
      expect((await company.get('/api/waybills/usage?month=2026-13')).statusCode).toBe(400);

      const trips = await company.get('/api/trips?month=2026-11&withWaybill=true');
      expect(trips.json<{ total: number }>().total).toBe(2);
      expect(trips.json<{ items: { waybillId: string; vehicleId: string }[] }>().items).toMatchObject([
        { vehicleId: a, waybillId: wa },
        { vehicleId: a, waybillId: wa },
      ]);
      expect((await company.get(`/api/trips?vehicleId=${c}`)).json()).toEqual({ items: [], total: 0 });

      // PostgreSQL (PGlite runs a transaction alone): the list's total and page agree though the
      // rules record a trip between the two reads.
      if (target.name === 'postgres') {
        const fifth = { ...ended[0]!, id: `${ended[0]!.id}:again`, startedAt: ended[0]!.startedAt + 1 };
        const counts = await countsAcrossACommit(
          env.db,
          () => recordTrip(env.db, fifth),
          (d) => listTrips(d, TEST_CITY, { limit: 50, offset: 0 }),
        );
        expect(counts).toEqual({ during: [4, 4], after: [5, 5] });
      }
    });
  });
}
