import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../platform/auth.js';
import type { Db } from '../../platform/db/db.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { accountsModule } from '../accounts/routes.js';
import { bearer, makeSession, makeUser, migratedApp, testConfig } from '../accounts/testing.js';
import { archivesModule } from '../archives/routes.js';
import { goodsModule } from '../goods/index.js';
import { positionsModule } from '../positions/index.js';
import { createWaybillsModule } from './index.js';
import { activeWaybillByPlate, activeWaybillByVehicle, recheckWaybill, waybillByNumber } from './lookup.js';
import { checkParamsFromConfig } from './index.js';
import { listWaybills } from './repository.js';
import { testCarrier, waybillBody, type TestCarrier } from './testing.js';

type Who = Record<string, string>;

for (const target of testDatabases()) {
  describe(`waybill routes on ${target.name}`, { timeout: 120_000 }, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let a: TestCarrier;
    let b: TestCarrier;
    let as: Record<'adminA' | 'monitorB' | 'countyA' | 'countyB' | 'city', Who>;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(
        db,
        [accountsModule, positionsModule(), archivesModule, goodsModule, createWaybillsModule()],
        testConfig(),
      );
      a = await testCarrier(db, '211102', '盘锦甲危运有限公司');
      b = await testCarrier(db, '211103', '盘锦乙危运有限公司');
      const who = async (role: Parameters<typeof makeUser>[1], scope: Scope) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      as = {
        adminA: await who('enterprise_admin', { kind: 'enterprise', enterpriseId: a.enterpriseId }),
        monitorB: await who('enterprise_monitor', { kind: 'enterprise', enterpriseId: b.enterpriseId }),
        countyA: await who('county_regulator', { kind: 'district', districtCode: '211102' }),
        countyB: await who('county_regulator', { kind: 'district', districtCode: '211103' }),
        city: await who('city_regulator', { kind: 'city' }),
      };
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    const send = (method: 'POST' | 'PUT', url: string, who: Who, payload?: unknown, lang = 'zh-CN') =>
      app.inject({
        method,
        url,
        headers: { ...who, 'accept-language': lang },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const get = (url: string, who: Who) => app.inject({ url, headers: who });
    const create = async (c = a, who = as.adminA, over = {}) => {
      const res = await send('POST', '/api/waybills', who, waybillBody(c, over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string; number: string; status: string }>();
    };

    it('creates a numbered draft with its lines and history, audited', async () => {
      const w = await create();
      expect(w.number).toMatch(/^YD\d{8}0001$/);
      expect(w).toMatchObject({
        status: 'draft',
        enterpriseId: a.enterpriseId,
        districtCode: '211102',
        plate: a.tractorPlate,
        trailerPlate: a.trailerPlate,
        tankVolumeM3: 40,
        driverName: '张驾驶',
        driverPhone: '13904271234',
        driverCertNo: expect.stringMatching(/^qualification-/),
        escortName: '李押运',
        roadCertNo: expect.stringMatching(/^road_transport_cert-/),
        trailerRoadCertNo: expect.stringMatching(/^road_transport_cert-/),
        carrierPermitNo: expect.stringMatching(/^operating_permit-/),
        actions: ['submit', 'cancel'],
        lines: [
          { lineNo: 1, unNumber: '1203', hazardClass: '3', packingGroup: 'II', quantity: 20_000, unit: 'kg' },
        ],
      });
      expect((await create()).number).toMatch(/^YD\d{8}0002$/);
      const detail = (await get(`/api/waybills/${w.id}`, as.adminA)).json();
      expect(detail.events).toMatchObject([
        { action: 'create', fromStatus: null, toStatus: 'draft', actorRole: 'enterprise_admin' },
      ]);
      const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1`, [
        w.id,
      ]);
      expect(audit.rows.map((r) => r.action)).toEqual(['waybill.create']);
    });

    // PGlite has one connection and runs a transaction alone: nothing can commit between its statements.
    it.skipIf(target.name === 'pglite')(
      'a page of waybills agrees with its total, though a waybill is created between the two reads',
      async () => {
        await create();
        const counts = await countsAcrossACommit(db, create, (d) =>
          listWaybills(d, TEST_CITY, { page: 1, pageSize: 50 }),
        );
        expect(counts).toEqual({ during: [1, 1], after: [2, 2] });
      },
    );

    it('refuses a bad body field by field, in Chinese or English', async () => {
      const body = waybillBody(a, {
        consigneePhone: '12345',
        vehicleId: a.trailerId,
        trailerId: null,
        escortId: a.driverId,
        plannedArrival: new Date(Date.now() - 3_600_000).toISOString(),
        lines: [
          { unNumber: '12a4', name: '汽油', hazardClass: '3.9', packaging: 'tank', quantity: 0, unit: 'kg' },
        ],
      });
      const zh = await send('POST', '/api/waybills', as.adminA, body);
      expect(zh.statusCode).toBe(400);
      expect(zh.json().code).toBe('VALIDATION_FAILED');
      const fields = zh.json().details.fields as { field: string; reason: string; message: string }[];
      expect(fields.map((f) => [f.field, f.reason])).toEqual([
        ['consigneePhone', 'phone.format'],
        ['escortId', 'escort.same_as_driver'],
        ['plannedArrival', 'time.order'],
        ['lines.0.unNumber', 'un.format'],
        ['lines.0.hazardClass', 'class.format'],
        ['lines.0.quantity', 'quantity.range'],
        ['vehicleId', 'vehicle.is_trailer'],
        ['escortId', 'person.not_escort'],
      ]);
      expect(fields[0]!.message).toBe('电话格式不正确 (手机号或带区号的固定电话)');
      const en = await send('POST', '/api/waybills', as.adminA, body, 'en');
      expect(en.json().details.fields[3].message).toBe('a UN number has four digits');
      // Another company's vehicle is not yours to dispatch.
      const other = await send('POST', '/api/waybills', as.adminA, waybillBody(b));
      expect(other.json().details.fields.map((f: { field: string }) => f.field)).toEqual([
        'vehicleId',
        'trailerId',
        'tankId',
        'driverId',
        'escortId',
      ]);
      // Regulators read waybills; they do not write them.
      expect((await send('POST', '/api/waybills', as.countyA, waybillBody(a))).statusCode).toBe(403);
    });

    it('dry-runs the checks on a body without saving it', async () => {
      const ok = await send('POST', '/api/waybills/check', as.adminA, waybillBody(a));
      expect(ok.statusCode).toBe(200);
      expect(ok.json().passed).toBe(true);
      expect(ok.json().results.length).toBeGreaterThan(30);
      const bad = await send(
        'POST',
        '/api/waybills/check',
        as.adminA,
        waybillBody(a, {
          escortId: null,
          lines: [
            {
              unNumber: '1203',
              name: '汽油',
              hazardClass: '3',
              packingGroup: 'II',
              packaging: 'tank',
              quantity: 29_000,
              unit: 'kg',
            },
          ],
        }),
      );
      const failed = (bad.json().results as { code: string; passed: boolean; messageZh: string }[]).filter(
        (r) => !r.passed,
      );
      // 29,000 kg of gasoline ÷ 0.74 kg/L = 39,189 L: fits the 40 m³ tank and the 30 t trailer.
      expect(failed.map((r) => r.code)).toEqual(['ESCORT_MISSING']);
      expect(failed[0]!.messageZh).toBe('未配备押运员，或押运员已离职');
      expect((await db.query('SELECT count(*)::int AS n FROM waybills')).rows[0]).toEqual({ n: 0 });
    });

    it('submits through the checks to checked, and finds the waybill by vehicle, plate and number', async () => {
      const w = await create();
      const res = await send('POST', `/api/waybills/${w.id}/submit`, as.adminA);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('checked');
      expect(res.json().checkResults.every((r: { passed: boolean }) => r.passed)).toBe(true);
      const events = (await get(`/api/waybills/${w.id}`, as.adminA)).json().events;
      expect(
        events.map((e: { action: string; toStatus: string; actorRole: string }) => [
          e.action,
          e.toStatus,
          e.actorRole,
        ]),
      ).toEqual([
        ['create', 'draft', 'enterprise_admin'],
        ['submit', 'submitted', 'enterprise_admin'],
        ['check_pass', 'checked', 'system'],
      ]);
      const byVehicle = await activeWaybillByVehicle(db, a.tractorId);
      expect(byVehicle).toMatchObject({ id: w.id, status: 'checked', lines: [{ unNumber: '1203' }] });
      expect(byVehicle!.checkResults!.length).toBeGreaterThan(30);
      expect((await activeWaybillByVehicle(db, a.trailerId))?.id).toBe(w.id);
      expect((await activeWaybillByPlate(db, a.trailerPlate))?.id).toBe(w.id);
      expect((await activeWaybillByPlate(db, ` ${a.tractorPlate.toLowerCase()} `))?.id).toBe(w.id);
      expect((await waybillByNumber(db, w.number))?.id).toBe(w.id);
      expect(await activeWaybillByVehicle(db, b.tractorId)).toBeNull();
      expect(await waybillByNumber(db, 'YD000000000000')).toBeNull();
      // A re-check now (as the filling site does) sees the waybill itself as no other active one.
      const params = checkParamsFromConfig(testConfig());
      expect((await recheckWaybill(db, byVehicle!, { params })).filter((r) => !r.passed)).toEqual([]);
      await db.query(
        `UPDATE certificates SET valid_until = '2020-01-01' WHERE holder_id = $1 AND kind = 'qualification'`,
        [a.escortId],
      );
      expect(
        (await recheckWaybill(db, byVehicle!, { params })).filter((r) => !r.passed).map((r) => r.code),
      ).toEqual(['ESCORT_CERT_EXPIRED']);
    });

    it('gives a vehicle one active waybill only', async () => {
      const first = await create();
      await send('POST', `/api/waybills/${first.id}/submit`, as.adminA);
      const second = await create();
      const res = await send('POST', `/api/waybills/${second.id}/submit`, as.adminA);
      expect(res.json().status).toBe('check_failed');
      const failed = res.json().checkResults.filter((r: { passed: boolean }) => !r.passed);
      expect(failed).toMatchObject([
        { code: 'ACTIVE_WAYBILL_EXISTS', detail: { active: [{ number: first.number, status: 'checked' }] } },
      ]);
      // The database refuses it too.
      await expect(
        db.query(`UPDATE waybills SET status = 'checked' WHERE id = $1`, [second.id]),
      ).rejects.toThrow();
      // Once the first is closed, the second may go.
      for (const action of ['start_loading', 'depart', 'arrive', 'close'])
        expect(
          (await send('POST', `/api/waybills/${first.id}/steps`, as.adminA, { action })).statusCode,
        ).toBe(200);
      expect((await send('POST', `/api/waybills/${second.id}/submit`, as.adminA)).json().status).toBe(
        'checked',
      );
    });

    it('edits drafts and failed waybills only, refuses invalid steps and cancels with a reason', async () => {
      const w = await create();
      expect(
        (await send('POST', `/api/waybills/${w.id}/steps`, as.adminA, { action: 'close' })).json(),
      ).toMatchObject({
        code: 'WAYBILL_TRANSITION_NOT_ALLOWED',
        message: '运单当前状态不允许此操作',
        details: { status: 'draft', action: 'close' },
      });
      await db.query(`UPDATE vehicle_live SET last_seen_at = now() - interval '1 hour'`);
      const failed = (await send('POST', `/api/waybills/${w.id}/submit`, as.adminA)).json();
      expect(failed.status).toBe('check_failed');
      expect(
        failed.checkResults
          .filter((r: { passed: boolean }) => !r.passed)
          .map((r: { code: string }) => r.code),
      ).toEqual(['TERMINAL_OFFLINE']);
      const edited = await send(
        'PUT',
        `/api/waybills/${w.id}?version=${failed.version}`,
        as.adminA,
        waybillBody(a, { remarks: '改' }),
      );
      expect(edited.json()).toMatchObject({ status: 'draft', remarks: '改' });
      expect(
        (await send('PUT', `/api/waybills/${w.id}?version=1`, as.adminA, waybillBody(a))).json().code,
      ).toBe('CONFLICT');
      await db.query(`UPDATE vehicle_live SET last_seen_at = now()`);
      expect((await send('POST', `/api/waybills/${w.id}/submit`, as.adminA)).json().status).toBe('checked');
      expect((await send('PUT', `/api/waybills/${w.id}`, as.adminA, waybillBody(a))).json().code).toBe(
        'WAYBILL_NOT_EDITABLE',
      );
      expect((await send('POST', `/api/waybills/${w.id}/cancel`, as.adminA, { reason: '' })).statusCode).toBe(
        400,
      );
      const cancelled = await send('POST', `/api/waybills/${w.id}/cancel`, as.adminA, { reason: '客户取消' });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户取消', actions: [] });
      expect(
        (await send('POST', `/api/waybills/${w.id}/cancel`, as.adminA, { reason: '再次' })).statusCode,
      ).toBe(409);
      expect(await activeWaybillByVehicle(db, a.tractorId)).toBeNull();
    });

    it('keeps each company to its own waybills and each county to its district', async () => {
      const wa = await create();
      const wb = await create(b, as.monitorB);
      expect((await get(`/api/waybills/${wa.id}`, as.monitorB)).statusCode).toBe(404);
      expect((await send('PUT', `/api/waybills/${wa.id}`, as.monitorB, waybillBody(b))).statusCode).toBe(404);
      expect((await send('POST', `/api/waybills/${wa.id}/submit`, as.monitorB)).statusCode).toBe(404);
      expect(
        (await send('POST', `/api/waybills/${wa.id}/cancel`, as.monitorB, { reason: 'x' })).statusCode,
      ).toBe(404);
      const ids = async (who: Who, q = '') =>
        (await get(`/api/waybills${q}`, who)).json().items.map((w: { id: string }) => w.id);
      expect(await ids(as.adminA)).toEqual([wa.id]);
      expect(await ids(as.countyA)).toEqual([wa.id]);
      expect(await ids(as.countyB)).toEqual([wb.id]);
      expect((await ids(as.city)).sort()).toEqual([wa.id, wb.id].sort());
      expect((await get(`/api/waybills/${wb.id}`, as.countyA)).statusCode).toBe(404);
      expect((await get(`/api/waybills/${wb.id}`, as.countyB)).statusCode).toBe(200);
      // Filters.
      expect(await ids(as.city, `?enterpriseId=${b.enterpriseId}`)).toEqual([wb.id]);
      expect(await ids(as.city, `?plate=${encodeURIComponent(a.trailerPlate)}`)).toEqual([wa.id]);
      expect(await ids(as.city, `?number=${wa.number}`)).toEqual([wa.id]);
      expect(await ids(as.city, '?status=checked')).toEqual([]);
      expect(
        await ids(as.city, `?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`),
      ).toEqual([]);
      const page = (await get('/api/waybills?pageSize=1&page=2', as.city)).json();
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
      const codes = (await get('/api/waybills/check-codes', as.countyA)).json().items;
      expect(codes.find((c: { code: string }) => c.code === 'TANK_MEDIUM')).toMatchObject({
        severity: 'warning',
      });
    });
  });
}
