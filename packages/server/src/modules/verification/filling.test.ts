import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { buildApp, type App } from '../../platform/http/app.js';
import { accountsModule } from '../accounts/routes.js';
import { bearer, makeSession, makeUser, testConfig } from '../accounts/testing.js';
import { createAlarmsModule } from '../alarms/index.js';
import { archivesModule } from '../archives/routes.js';
import { goodsModule } from '../goods/index.js';
import { createVerificationModule, type VerificationModule } from './index.js';
import { gasoline, insertFleet, insertPlace, insertWaybill, until, type Fleet } from './testing.js';

const NOW = new Date('2026-11-02T01:00:00Z'); // 09:00 in Panjin

for (const target of testDatabases()) {
  describe(`filling-site check on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let bus: Bus;
    let verification: VerificationModule;
    let siteA: string;
    let siteB: string;
    let fleet: Fleet;
    let as: Record<
      'operatorA' | 'operatorB' | 'countyA' | 'countyB' | 'company' | 'city',
      Record<string, string>
    >;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      const plugin = createVerificationModule({ now: () => NOW });
      app = await buildApp(
        { config: testConfig({ ALARM_TICK_INTERVAL_MS: '0' }), db, bus, logger: pino({ level: 'silent' }) },
        [accountsModule, archivesModule, goodsModule, createAlarmsModule(), plugin],
      );
      await app.ready();
      verification = plugin.instance!;
      siteA = await insertPlace(db, 'filling_site', '211102', '辽河石化充装站');
      siteB = await insertPlace(db, 'filling_site', '211103', '兴隆台充装站');
      fleet = await insertFleet(db, { ratedLoadKg: 20000 });
      const who = async (role: Parameters<typeof makeUser>[1], scope: Parameters<typeof makeUser>[2]) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      as = {
        operatorA: await who('filling_operator', { kind: 'filling_site', placeId: siteA }),
        operatorB: await who('filling_operator', { kind: 'filling_site', placeId: siteB }),
        countyA: await who('county_regulator', { kind: 'district', districtCode: '211102' }),
        countyB: await who('county_regulator', { kind: 'district', districtCode: '211103' }),
        company: await who('enterprise_monitor', { kind: 'enterprise', enterpriseId: fleet.enterpriseId }),
        city: await who('city_regulator', { kind: 'city' }),
      };
    });
    afterEach(async () => {
      await app.close();
      await bus.close();
      await cleanup();
    });

    const weigh = (site: string, who: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/filling-sites/${site}/weighings`, headers: who, payload });
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);
    const alarmsOf = async (type: string) => {
      await verification.flush();
      return until(async () => {
        const r = (await app.inject({ url: `/api/alarms?type=${type}`, headers: as.city })).json();
        return r.total > 0 ? r.items : null;
      });
    };
    const waybillStatus = async (id: string) =>
      (await db.query<{ status: string }>('SELECT status FROM waybills WHERE id = $1', [id])).rows[0]!.status;

    it('shows the operator the waybill, its check, people with photos, certificates and the verdict', async () => {
      const w = await insertWaybill(db, fleet, { lines: [gasoline(20000)] });
      const byPlate = await app.inject({
        url: `/api/filling-sites/${siteA}/lookup?plate=${encodeURIComponent(fleet.plate)}&plateColour=2`,
        headers: as.operatorA,
      });
      expect(byPlate.statusCode).toBe(200);
      const v = byPlate.json();
      expect(v.site.name).toBe('辽河石化充装站');
      expect(v.waybill).toMatchObject({ number: w.number, status: 'checked', plannedKg: 14800 });
      expect(v.waybill.checkResults).toHaveLength(2);
      expect(v.waybill.lines[0]).toMatchObject({
        unNumber: '1203',
        quantity: 20000,
        unit: 'L',
        densityKgPerL: 0.74,
      });
      expect(v.driver).toMatchObject({
        name: '张驾驶',
        photoUrl: `https://photos.example/${fleet.driverId}.jpg`,
      });
      expect(v.driver.certificates).toEqual([
        expect.objectContaining({ kind: 'qualification', validUntil: '2027-12-31', valid: true }),
      ]);
      expect(v.escort.name).toBe('李押运');
      expect(v.vehicle).toMatchObject({ plate: fleet.plate, ratedLoadKg: 20000 });
      expect(v.vehicle.certificates.map((c: { kind: string }) => c.kind).sort()).toEqual([
        'annual_review',
        'road_transport_cert',
      ]);
      expect(v.tank).toMatchObject({ designMedium: '汽油' });
      expect(v.verdict).toEqual({ mayFill: true, reasons: [], plannedKg: 14800, ratedLoadKg: 20000 });

      const byNumber = await app.inject({
        url: `/api/filling-sites/${siteA}/lookup?waybillNumber=${w.number}`,
        headers: as.operatorA,
      });
      expect(byNumber.json().vehicle.id).toBe(fleet.vehicleId);
      const neither = await app.inject({ url: `/api/filling-sites/${siteA}/lookup`, headers: as.operatorA });
      expect(neither.statusCode).toBe(400);
      expect(neither.json().code).toBe('VERIFICATION_LOOKUP_REQUIRED');
    });

    it('fills within the planned quantity: the record is stored and the waybill moves from checked to loading', async () => {
      const w = await insertWaybill(db, fleet, { lines: [gasoline(20000)] }); // 14,800 kg planned
      const res = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 29800, tareKg: 15000 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        verdict: 'filled',
        reasons: [],
        netKg: 14800,
        plannedKg: 14800,
        ratedLoadKg: 20000,
        waybillNumber: w.number,
        enterpriseId: fleet.enterpriseId,
        districtCode: '211102',
      });
      expect(await waybillStatus(w.id)).toBe('loading');
      const events = await db.query(
        'SELECT action, from_status, to_status, actor_id, actor_role, detail FROM waybill_events WHERE waybill_id = $1',
        [w.id],
      );
      expect(events.rows).toEqual([
        expect.objectContaining({
          action: 'fill',
          from_status: 'checked',
          to_status: 'loading',
          actor_role: 'filling_operator',
          detail: expect.objectContaining({ fillingRecordId: res.json().id, netKg: 14800 }),
        }),
      ]);
      expect(events.rows[0]!.actor_id).toBe(res.json().operatorId);
      expect(await count('verification_outbox')).toBe(0);
      const audit = await db.query(`SELECT action FROM audit_log WHERE target_id = $1`, [res.json().id]);
      expect(audit.rows).toEqual([{ action: 'filling.record' }]);
    });

    it('refuses an over-fill on the weighbridge: the record is stored as refused and an overfill alarm reaches the regulator', async () => {
      const w = await insertWaybill(db, fleet, { lines: [gasoline(20000)] });
      const res = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 30900, tareKg: 15000 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ verdict: 'refused', netKg: 15900, plannedKg: 14800 });
      expect(res.json().reasons).toEqual([
        expect.objectContaining({
          code: 'overfill_planned',
          netKg: 15900,
          plannedKg: 14800,
          messageZh: '净重 15900 kg 超过运单计划量 14800 kg',
        }),
      ]);
      expect(await waybillStatus(w.id)).toBe('checked'); // nothing written to the waybill
      expect(await count('waybill_events')).toBe(0);
      const stored = await app.inject({
        url: `/api/filling-sites/${siteA}/weighings`,
        headers: as.operatorA,
      });
      expect(stored.json()).toMatchObject({ total: 1, items: [{ verdict: 'refused', netKg: 15900 }] });

      const [alarm] = await alarmsOf('overfill');
      expect(alarm).toMatchObject({
        source: 'verification',
        type: 'overfill',
        severity: 'high',
        status: 'pending',
        level: 'company',
        enterpriseId: fleet.enterpriseId,
        districtCode: '211102',
        plate: fleet.plate,
        waybillId: w.id,
        measured: 15900,
        threshold: 14800,
        unit: 'kg',
      });
      expect(alarm.evidence.place).toMatchObject({ id: siteA, kind: 'filling_site', name: '辽河石化充装站' });
      // The county of the company's district sees it; the other county does not.
      expect((await app.inject({ url: '/api/alarms?type=overfill', headers: as.countyA })).json().total).toBe(
        1,
      );
      expect((await app.inject({ url: '/api/alarms?type=overfill', headers: as.countyB })).json().total).toBe(
        0,
      );
      // Republishing changes nothing: one alarm per record and finding.
      await db.query('UPDATE verification_outbox SET published_at = NULL');
      await verification.flush();
      expect((await app.inject({ url: '/api/alarms', headers: as.city })).json().total).toBe(1);
    });

    it('refuses filling above the rated load even within the planned quantity', async () => {
      await insertWaybill(db, fleet, { lines: [gasoline(30000)] }); // 22,200 kg planned, rated 20,000
      const res = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 36000, tareKg: 15000 });
      expect(res.json()).toMatchObject({ verdict: 'refused', netKg: 21000, ratedLoadKg: 20000 });
      expect(res.json().reasons.map((r: { code: string }) => r.code)).toEqual(['overfill_rated_load']);
      const [alarm] = await alarmsOf('overfill');
      expect(alarm).toMatchObject({ measured: 21000, threshold: 20000 });
    });

    it('refuses a vehicle with no valid waybill and reports it (no_waybill_at_filling)', async () => {
      const other = await insertFleet(db);
      await insertWaybill(db, other, { status: 'submitted' }); // not checked yet: not valid
      const res = await weigh(siteA, as.operatorA, { plate: other.plate, grossKg: 29000, tareKg: 15000 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ verdict: 'refused', waybillId: null, plannedKg: null });
      expect(res.json().reasons.map((r: { code: string }) => r.code)).toEqual(['no_waybill_at_filling']);
      const [alarm] = await alarmsOf('no_waybill_at_filling');
      expect(alarm).toMatchObject({
        severity: 'high',
        enterpriseId: other.enterpriseId,
        plate: other.plate,
        level: 'company',
      });
      // A waybill whose check failed is not valid either.
      const third = await insertFleet(db);
      await insertWaybill(db, third, { checkPassed: false });
      const look = await app.inject({
        url: `/api/filling-sites/${siteA}/lookup?plate=${encodeURIComponent(third.plate)}`,
        headers: as.operatorA,
      });
      expect(look.json().verdict.mayFill).toBe(false);
      expect(look.json().verdict.reasons[0].code).toBe('no_waybill_at_filling');
    });

    it('an operator of site A cannot look up or record at site B', async () => {
      await insertWaybill(db, fleet);
      const res = await weigh(siteB, as.operatorA, { plate: fleet.plate, grossKg: 29000, tareKg: 15000 });
      expect(res.statusCode).toBe(404);
      const look = await app.inject({
        url: `/api/filling-sites/${siteB}/lookup?plate=${encodeURIComponent(fleet.plate)}`,
        headers: as.operatorA,
      });
      expect(look.statusCode).toBe(404);
      expect(
        (await app.inject({ url: `/api/filling-sites/${siteB}/weighings`, headers: as.operatorA }))
          .statusCode,
      ).toBe(404);
      expect(await count('filling_records')).toBe(0);
      // A county regulator holds no waybills:fill.
      expect(
        (await weigh(siteA, as.countyA, { plate: fleet.plate, grossKg: 29000, tareKg: 15000 })).statusCode,
      ).toBe(403);
    });

    it('answers bad weighbridge figures and malformed plates with a clear 400 and changes nothing', async () => {
      const w = await insertWaybill(db, fleet);
      const audits = await count('audit_log');
      const lower = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 14000, tareKg: 15000 });
      expect(lower.statusCode).toBe(400);
      expect(lower.json()).toMatchObject({
        code: 'FILLING_WEIGHING_INVALID',
        details: { fields: [{ field: 'body.grossKg', reason: 'must be greater than the tare' }] },
      });
      expect(lower.json().message).toContain('毛重大于皮重');
      const huge = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 90000, tareKg: 15000 });
      expect(huge.json().details.fields).toEqual([
        { field: 'body.grossKg', reason: 'must be at most 60000 kg' },
      ]);
      const zero = await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 20000, tareKg: 0 });
      expect(zero.statusCode).toBe(400);
      const plate = await weigh(siteA, as.operatorA, { plate: '辽12345', grossKg: 29000, tareKg: 15000 });
      expect(plate.statusCode).toBe(400);
      expect(plate.json()).toMatchObject({ code: 'VERIFICATION_PLATE_INVALID', details: { field: 'plate' } });
      const en = await app.inject({
        method: 'POST',
        url: `/api/filling-sites/${siteA}/weighings`,
        headers: { ...as.operatorA, 'accept-language': 'en' },
        payload: { plate: 'XX', grossKg: 29000, tareKg: 15000 },
      });
      expect(en.json().message).toBe('The plate number is malformed');
      expect(await count('filling_records')).toBe(0);
      expect(await count('verification_outbox')).toBe(0);
      expect(await count('audit_log')).toBe(audits);
      expect(await waybillStatus(w.id)).toBe('checked');
    });

    it('regulators and the company see the records in their scope; the operator the site’s', async () => {
      await insertWaybill(db, fleet);
      await weigh(siteA, as.operatorA, { plate: fleet.plate, grossKg: 29000, tareKg: 15000 });
      const far = await insertFleet(db, { districtCode: '211103' });
      await weigh(siteB, as.operatorB, { plate: far.plate, grossKg: 29000, tareKg: 15000 }); // refused, no waybill
      const list = async (who: Record<string, string>) =>
        (await app.inject({ url: '/api/filling-records', headers: who })).json();
      expect((await list(as.city)).total).toBe(2);
      expect((await list(as.countyA)).items.map((r: { plate: string }) => r.plate)).toEqual([fleet.plate]);
      expect((await list(as.countyB)).items.map((r: { plate: string }) => r.plate)).toEqual([far.plate]);
      expect((await list(as.company)).items).toHaveLength(1);
      expect((await app.inject({ url: '/api/filling-records', headers: as.operatorA })).statusCode).toBe(403);
      const site = await app.inject({ url: `/api/filling-sites/${siteB}/weighings`, headers: as.operatorB });
      expect(site.json()).toMatchObject({ total: 1, items: [{ plate: far.plate, verdict: 'refused' }] });
    });
  });
}
