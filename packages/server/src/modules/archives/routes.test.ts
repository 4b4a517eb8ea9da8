import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App } from '../../platform/http/app.js';
import { modules } from '../../modules.js';
import { bearer, makeSession, makeUser, migratedApp } from '../accounts/testing.js';
import { writeTable } from './transfer/tabular.js';
import { makeUscc } from './validation/uscc.js';
import { withVinCheck } from './validation/vin.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

for (const target of testDatabases()) {
  describe(`archives API on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let city: Record<string, string>;
    let county: Record<string, string>;
    let otherCounty: Record<string, string>;
    let company: Record<string, string>;
    let enterpriseId: string;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      app = await migratedApp(db, modules);
      const session = async (role: Parameters<typeof makeUser>[1], scope: Parameters<typeof makeUser>[2]) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      city = await session('city_regulator', { kind: 'city' });
      county = await session('county_regulator', { kind: 'district', districtCode: '211103' });
      otherCounty = await session('county_regulator', { kind: 'district', districtCode: '211104' });
      const res = await app.inject({
        method: 'POST',
        url: '/api/archives/enterprises',
        headers: county,
        payload: {
          name: '盘锦兴隆危险品运输有限公司',
          uscc: makeUscc('91', '211103', 'MA0000A1'),
          districtCode: '211103',
          address: '盘锦市兴隆台区石油大街100号',
          permitNo: '辽交运管许可盘字211100777号',
          permitValidUntil: '2028-06-30',
          scopeClasses: [2, 3],
          legalRepresentative: '周法人',
          safetyManager: '吴安全',
          phone: '0427-2222222',
        },
      });
      expect(res.statusCode).toBe(201);
      enterpriseId = res.json().record.id;
      company = await session('enterprise_admin', { kind: 'enterprise', enterpriseId });
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    const vehicle = (n: number) => ({
      vehicleType: 'tractor',
      plate: `辽L6${String(n).padStart(4, '0')}`,
      plateColour: 2,
      vin: withVinCheck(`LFWADRJF0B1${String(600000 + n)}`),
      scopeClasses: [3],
      transportClass: 3,
      technicalGrade: 1,
      ratedLoadKg: 0,
      roadCertNo: `辽交运管盘字${n}号`,
      roadCertValidUntil: '2027-09-30',
      annualReviewValidUntil: '2027-05-31',
    });

    it('files an enterprise company → county → city, and a vehicle company → county', async () => {
      const enterprise = `/api/archives/enterprises/${enterpriseId}`;
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `${enterprise}/submit`,
            headers: company,
            payload: { action: 'submit' },
          })
        ).json(),
      ).toMatchObject({
        filingStatus: 'submitted',
      });
      // The city's approval comes after the county's.
      const early = await app.inject({
        method: 'POST',
        url: `${enterprise}/review`,
        headers: city,
        payload: { action: 'approve' },
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('ARCHIVE_FILING_STATE');
      const c = await app.inject({
        method: 'POST',
        url: `${enterprise}/review`,
        headers: county,
        payload: { action: 'county_approve' },
      });
      expect(c.json().filingStatus).toBe('county_approved');
      const notCounty = await app.inject({
        method: 'POST',
        url: `${enterprise}/review`,
        headers: county,
        payload: { action: 'approve' },
      });
      expect(notCounty.json().code).toBe('ARCHIVE_FILING_LEVEL');
      expect(
        (
          await app.inject({
            method: 'POST',
            url: `${enterprise}/review`,
            headers: city,
            payload: { action: 'approve' },
          })
        ).json().filingStatus,
      ).toBe('filed');

      const created = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles',
        headers: company,
        payload: vehicle(1),
      });
      expect(created.statusCode).toBe(201);
      const v = created.json().record;
      expect(v).toMatchObject({ enterpriseId, districtCode: '211103', filingStatus: 'draft' });
      await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/submit`,
        headers: company,
        payload: { action: 'submit' },
      });
      // Another county does not even see it.
      const foreign = await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/review`,
        headers: otherCounty,
        payload: { action: 'county_approve' },
      });
      expect(foreign.statusCode).toBe(404);
      const queue = await app.inject({ url: '/api/archives/review-queue', headers: county });
      expect(queue.json()).toEqual([
        expect.objectContaining({ type: 'vehicle', id: v.id, name: '辽L60001' }),
      ]);
      const filed = await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/review`,
        headers: county,
        payload: { action: 'county_approve' },
      });
      expect(filed.json().filingStatus).toBe('filed');
      const history = await app.inject({
        url: `/api/archives/vehicles/${v.id}/filing-history`,
        headers: company,
      });
      expect(history.json().map((h: { action: string; toStatus: string }) => [h.action, h.toStatus])).toEqual(
        [
          ['submit', 'submitted'],
          ['county_approve', 'filed'],
        ],
      );
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/archives/vehicles/${v.id}`,
        headers: company,
      });
      expect(del.statusCode).toBe(409);
      expect(del.json().code).toBe('ARCHIVE_DELETE_FILED');
    });

    it('rejects with a reason and lets the company correct and resubmit', async () => {
      const v = (
        await app.inject({
          method: 'POST',
          url: '/api/archives/vehicles',
          headers: company,
          payload: vehicle(2),
        })
      ).json().record;
      await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/submit`,
        headers: company,
        payload: { action: 'submit' },
      });
      const noReason = await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/review`,
        headers: county,
        payload: { action: 'reject' },
      });
      expect(noReason.json().code).toBe('ARCHIVE_FILING_REASON_REQUIRED');
      const rejected = await app.inject({
        method: 'POST',
        url: `/api/archives/vehicles/${v.id}/review`,
        headers: county,
        payload: { action: 'reject', reason: '道路运输证照片不清晰' },
      });
      expect(rejected.json()).toMatchObject({ filingStatus: 'rejected', version: 3 });
      const fixed = await app.inject({
        method: 'PATCH',
        url: `/api/archives/vehicles/${v.id}`,
        headers: company,
        payload: { version: 3, roadCertNo: '辽交运管盘字0002号' },
      });
      expect(fixed.json().record).toMatchObject({
        filingStatus: 'draft',
        roadCertNo: '辽交运管盘字0002号',
        version: 4,
      });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/archives/vehicles/${v.id}`,
        headers: company,
        payload: { version: 3, ratedLoadKg: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('ARCHIVE_STALE_VERSION');
    });

    it('names each bad field with a reason in Chinese, or English when asked', async () => {
      const bad = { ...vehicle(3), vin: 'LFWADRJF1B1600003', plateColour: 1 };
      const zh = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles',
        headers: company,
        payload: bad,
      });
      expect(zh.statusCode).toBe(400);
      expect(zh.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求数据校验失败' });
      expect(zh.json().details.fields).toEqual([
        { field: 'vin', reason: 'vin.check', message: '车辆识别代号校验位错误' },
      ]);
      const en = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles',
        headers: { ...company, 'accept-language': 'en' },
        payload: { ...vehicle(3), plateColour: 1 },
      });
      expect(en.json().details.fields).toEqual([
        {
          field: 'plateColour',
          reason: 'plate.colour_hazmat',
          message: 'hazmat vehicles carry yellow plates (colour 2)',
        },
      ]);
      const count = await app.inject({ url: '/api/archives/vehicles', headers: city });
      expect(count.json().total).toBe(0);
    });

    it('imports a spreadsheet with errors: 422 with the row report, and nothing changes', async () => {
      const headers = [
        '车辆类型',
        '车牌号',
        '车牌颜色',
        '车辆识别代号',
        '经营范围 (类别)',
        '技术等级',
        '核定载质量 (kg)',
        '道路运输证号',
        '道路运输证有效期至',
        '年审有效期至',
      ];
      const good = (n: number) => [
        'tractor',
        `辽L7000${n}`,
        '2',
        withVinCheck(`LFWADRJF0B1${700000 + n}`),
        '3',
        '1',
        '0',
        `R${n}`,
        '2027-01-01',
        '2027-01-01',
      ];
      const file = await writeTable('xlsx', '车辆', headers, [
        good(1),
        [...good(2).slice(0, 1), '辽L7000', ...good(2).slice(2)],
        good(3),
      ]);
      const res = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles/import',
        headers: { ...company, 'content-type': XLSX },
        payload: file,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'ARCHIVE_IMPORT_REJECTED',
        details: {
          rows: 3,
          imported: 0,
          problems: [{ row: 3, column: '车牌号', field: 'plate', reason: 'plate.format' }],
        },
      });
      expect((await app.inject({ url: '/api/archives/vehicles', headers: company })).json().total).toBe(0);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles/import?mode=valid_rows',
        headers: { ...company, 'content-type': XLSX },
        payload: file,
      });
      expect(ok.json()).toMatchObject({ rows: 3, imported: 2 });
      const csv = await app.inject({ url: '/api/archives/vehicles/export?format=csv', headers: company });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['x-row-count']).toBe('2');
      expect(csv.body).toContain('辽L70003');
      const garbage = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles/import',
        headers: { ...company, 'content-type': XLSX },
        payload: Buffer.from('not a spreadsheet'),
      });
      expect(garbage.json().code).toBe('ARCHIVE_SPREADSHEET_UNREADABLE');
    });

    it('null in a body is null: a required number sent as null is refused, an optional one is cleared', async () => {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles',
        headers: company,
        payload: { ...vehicle(5), ratedLoadKg: null },
      });
      expect(refused.statusCode).toBe(400);
      expect(JSON.stringify(refused.json())).toContain('ratedLoadKg');
      const created = await app.inject({
        method: 'POST',
        url: '/api/archives/vehicles',
        headers: company,
        payload: vehicle(5),
      });
      expect(created.statusCode).toBe(201);
      const v = created.json().record;
      expect(v.transportClass).toBe(3);
      const cleared = await app.inject({
        method: 'PATCH',
        url: `/api/archives/vehicles/${v.id}`,
        headers: company,
        payload: { version: 1, transportClass: null },
      });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().record.transportClass).toBeNull();
    });

    it('records create, update and delete in the audit log with before and after', async () => {
      const v = (
        await app.inject({
          method: 'POST',
          url: '/api/archives/vehicles',
          headers: company,
          payload: vehicle(4),
        })
      ).json().record;
      await app.inject({
        method: 'PATCH',
        url: `/api/archives/vehicles/${v.id}`,
        headers: company,
        payload: { version: 1, ratedLoadKg: 500 },
      });
      await app.inject({ method: 'DELETE', url: `/api/archives/vehicles/${v.id}`, headers: company });
      const { rows } = await db.query<{
        action: string;
        before: { ratedLoadKg?: number } | null;
        after: { ratedLoadKg?: number } | null;
      }>('SELECT action, before, after FROM audit_log WHERE target_id = $1 ORDER BY id', [v.id]);
      expect(
        rows.map((r) => [r.action, r.before?.ratedLoadKg ?? null, r.after?.ratedLoadKg ?? null]),
      ).toEqual([
        ['vehicle.create', null, 0],
        ['vehicle.update', 0, 500],
        ['vehicle.delete', 500, null],
      ]);
    });
  });
}
