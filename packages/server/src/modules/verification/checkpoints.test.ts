import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { countsAcrossACommit, TEST_CITY, testDatabases } from '../../platform/db/testing.js';
import { buildApp, type App } from '../../platform/http/app.js';
import { accountsModule } from '../accounts/routes.js';
import { apiKey, bearer, makeApiKey, makeSession, makeUser, testConfig } from '../accounts/testing.js';
import { createAlarmsModule } from '../alarms/index.js';
import { archivesModule } from '../archives/routes.js';
import { goodsModule } from '../goods/index.js';
import { listPasses } from './checkpoints.js';
import { createVerificationModule, type VerificationModule } from './index.js';
import { insertFleet, insertPlace, insertWaybill, until } from './testing.js';

const NOW = new Date('2026-11-02T01:00:00Z'); // 09:00 on 2 November in Panjin
const AT = '2026-11-02T00:55:00Z';

interface Alarm {
  type: string;
  severity: string;
  level: string;
  status: string;
  enterpriseId: string | null;
  districtCode: string;
  plate: string;
  waybillId: string | null;
  evidence: Record<string, unknown>;
}

for (const target of testDatabases()) {
  describe(`checkpoint verification on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let bus: Bus;
    let verification: VerificationModule;
    let cpA: string;
    let cpB: string;
    let camA: Record<string, string>;
    let as: Record<'officerA' | 'countyA' | 'countyB' | 'city', Record<string, string>>;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      const plugin = createVerificationModule({ now: () => NOW });
      app = await buildApp(
        {
          config: testConfig({ ALARM_TICK_INTERVAL_MS: '0', CHECKPOINT_BATCH_MAX: '8' }),
          db,
          bus,
          logger: pino({ level: 'silent' }),
        },
        [accountsModule, archivesModule, goodsModule, createAlarmsModule(), plugin],
      );
      await app.ready();
      verification = plugin.instance!;
      cpA = await insertPlace(db, 'checkpoint', '211102', '双台子登记点');
      cpB = await insertPlace(db, 'checkpoint', '211103', '兴隆台登记点');
      const admin = await makeUser(db, 'system_admin', { kind: 'city' });
      camA = apiKey(
        await makeApiKey(db, { kind: 'checkpoint', placeId: cpA }, ['ingest:checkpoint_passes'], admin.id),
      );
      const who = async (role: Parameters<typeof makeUser>[1], scope: Parameters<typeof makeUser>[2]) =>
        bearer((await makeSession(db, (await makeUser(db, role, scope)).id)).token);
      as = {
        officerA: await who('checkpoint_officer', { kind: 'checkpoint', placeId: cpA }),
        countyA: await who('county_regulator', { kind: 'district', districtCode: '211102' }),
        countyB: await who('county_regulator', { kind: 'district', districtCode: '211103' }),
        city: await who('city_regulator', { kind: 'city' }),
      };
    });
    afterEach(async () => {
      await app.close();
      await bus.close();
      await cleanup();
    });

    const post = (cp: string, headers: Record<string, string>, passes: Record<string, unknown>[]) =>
      app.inject({ method: 'POST', url: `/api/checkpoints/${cp}/passes`, headers, payload: { passes } });
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);
    const alarms = async (n: number): Promise<Alarm[]> => {
      await verification.flush();
      return until(async () => {
        const r = (await app.inject({ url: '/api/alarms?pageSize=100', headers: as.city })).json();
        return r.total >= n ? (r.items as Alarm[]) : null;
      });
    };

    it('matches camera passes to the archive and the waybill: passed, or flagged with an alarm per flag', async () => {
      const ok = await insertFleet(db);
      const okWaybill = await insertWaybill(db, ok, { status: 'in_transit' });
      const unfiledInArchive = await insertFleet(db, { vehicleFiling: 'submitted' });
      const noWaybill = await insertFleet(db);
      const expired = await insertFleet(db, { driverQualificationUntil: '2026-11-01' });
      await insertWaybill(db, expired, { status: 'loading' });
      // A class-2 vehicle and a tank built for propane carrying gasoline (class 3).
      const mismatch = await insertFleet(db, { scopeClasses: [2], designMedium: '液化石油气' });
      await insertWaybill(db, mismatch, { status: 'in_transit' });
      const res = await post(cpA, camA, [
        {
          plate: ok.plate,
          plateColour: 2,
          passedAt: AT,
          photoUrl: 'https://cam.example/1.jpg',
          lane: '1',
          direction: 'in',
        },
        { plate: '辽M99999', plateColour: 2, passedAt: AT },
        { plate: unfiledInArchive.plate, passedAt: AT },
        { plate: noWaybill.plate, passedAt: AT },
        { plate: expired.plate, passedAt: AT },
        { plate: mismatch.plate, passedAt: AT },
        { plate: 'ABC', passedAt: AT },
        { plate: ok.plate, passedAt: '2026-11-03T00:00:00Z' }, // a day ahead of the clock
      ]);
      expect(res.statusCode).toBe(200);
      const results = res.json().results as {
        index: number;
        ok: boolean;
        result?: string;
        flags?: string[];
        code?: string;
        duplicate?: boolean;
      }[];
      expect(results.map((r) => (r.ok ? [r.result, r.flags] : r.code))).toEqual([
        ['passed', []],
        ['flagged', ['unfiled_vehicle']],
        ['flagged', ['unfiled_vehicle', 'no_waybill']],
        ['flagged', ['no_waybill']],
        ['flagged', ['expired_certificate']],
        ['flagged', ['goods_mismatch', 'goods_mismatch']],
        'VERIFICATION_PLATE_INVALID',
        'CHECKPOINT_PASS_TIME_INVALID',
      ]);
      expect(await count('checkpoint_passes')).toBe(6);

      const stored = await app.inject({ url: `/api/checkpoints/${cpA}/passes`, headers: as.officerA });
      const passed = stored.json().items.find((p: { plate: string }) => p.plate === ok.plate);
      expect(passed).toMatchObject({
        source: 'camera',
        result: 'passed',
        waybillId: okWaybill.id,
        waybillNumber: okWaybill.number,
        photoUrl: 'https://cam.example/1.jpg',
        lane: '1',
        direction: 'in',
        passedAt: '2026-11-02T00:55:00.000Z',
        enterpriseId: ok.enterpriseId,
      });

      // Alarms: unfiled ×2, no_waybill ×2, expired_certificate, goods_mismatch (one alarm for both findings).
      const all = await alarms(6);
      expect(all).toHaveLength(6);
      const of = (type: string, plate: string) => all.find((a) => a.type === type && a.plate === plate)!;
      // A plate not in the archive has no company: the checkpoint's county holds the alarm.
      expect(of('unfiled_vehicle', '辽M99999')).toMatchObject({
        severity: 'high',
        enterpriseId: null,
        districtCode: '211102',
        level: 'county',
        status: 'escalated',
      });
      expect(of('unfiled_vehicle', unfiledInArchive.plate)).toMatchObject({
        enterpriseId: unfiledInArchive.enterpriseId,
        level: 'company',
        severity: 'high',
      });
      expect(of('no_waybill', noWaybill.plate)).toMatchObject({
        severity: 'high',
        enterpriseId: noWaybill.enterpriseId,
      });
      const exp = of('expired_certificate', expired.plate);
      expect(exp).toMatchObject({ severity: 'medium', enterpriseId: expired.enterpriseId });
      expect(exp.evidence.findings).toEqual([
        expect.objectContaining({ holder: 'driver', kind: 'qualification', validUntil: '2026-11-01' }),
      ]);
      const mis = of('goods_mismatch', mismatch.plate);
      expect(mis.severity).toBe('medium');
      expect((mis.evidence.findings as { holder: string }[]).map((f) => f.holder)).toEqual([
        'vehicle',
        'tank',
      ]);
      expect(mis.evidence.place).toMatchObject({ id: cpA, kind: 'checkpoint', name: '双台子登记点' });
      // The county of the checkpoint sees the unknown plate's alarm; the other county nothing.
      const countyB = (await app.inject({ url: '/api/alarms', headers: as.countyB })).json();
      expect(countyB.total).toBe(0);

      // The county resolves it itself: there is no company to return it to.
      const unknown = of('unfiled_vehicle', '辽M99999') as Alarm & { id: string };
      const review = (action: string, note: string) =>
        app.inject({
          method: 'POST',
          url: `/api/alarms/${unknown.id}/review`,
          headers: as.countyA,
          payload: { action, note },
        });
      expect((await review('return', '退回企业处理')).statusCode).toBe(409);
      const resolved = await review('resolve', '已通知交警拦截核查');
      expect(resolved.statusCode).toBe(200);
      const stats = (
        await app.inject({ url: '/api/alarms/stats/handling?groupBy=enterprise', headers: as.city })
      ).json();
      expect(stats.overall.total).toBe(6);
      expect(stats.rows.find((r: { key: string }) => r.key === 'none')).toMatchObject({
        total: 1,
        handled: 1,
      });
    });

    it('is idempotent on checkpoint, plate and time: a re-post changes nothing and raises no second alarm', async () => {
      const f = await insertFleet(db);
      const first = await post(cpA, camA, [{ plate: f.plate, passedAt: AT }]);
      expect(first.json().results[0]).toMatchObject({ ok: true, result: 'flagged', duplicate: false });
      await alarms(1);
      const audits = await count('audit_log');
      const again = await post(cpA, camA, [
        { plate: f.plate.toLowerCase().replace('辽m', '辽m '), passedAt: AT },
      ]);
      expect(again.json().results[0]).toMatchObject({
        ok: true,
        id: first.json().results[0].id,
        result: 'flagged',
        flags: ['no_waybill'],
        duplicate: true,
      });
      await verification.flush();
      expect(await count('checkpoint_passes')).toBe(1);
      expect(await count('verification_outbox')).toBe(1);
      expect(await count('audit_log')).toBe(audits);
      expect((await app.inject({ url: '/api/alarms', headers: as.city })).json().total).toBe(1);
    });

    it('a key of checkpoint A cannot post for checkpoint B; batches above the limit are refused whole', async () => {
      const f = await insertFleet(db);
      const res = await post(cpB, camA, [{ plate: f.plate, passedAt: AT }]);
      expect(res.statusCode).toBe(404);
      expect(await count('checkpoint_passes')).toBe(0);
      // An officer holds no ingest permission; a key cannot use the officer's screen.
      expect((await post(cpA, as.officerA, [{ plate: f.plate, passedAt: AT }])).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/checkpoints/${cpA}/passes`, headers: camA })).statusCode).toBe(
        403,
      );
      const tooMany = await post(
        cpA,
        camA,
        Array.from({ length: 9 }, (_, i) => ({ plate: f.plate, passedAt: `2026-11-02T00:5${i}:00Z` })),
      );
      expect(tooMany.statusCode).toBe(400);
      expect(await count('checkpoint_passes')).toBe(0);
    });

    // PGlite has one connection and runs a transaction alone: nothing can commit between its statements.
    it.skipIf(target.name === 'pglite')(
      'a page of passes agrees with its total, though a pass is recorded between the two reads',
      async () => {
        // Two vehicles: passes are one per checkpoint, plate and time, and the clock stands still here.
        const [f1, f2] = [await insertFleet(db), await insertFleet(db)];
        const manual = async (f: { plate: string }) => {
          const res = await app.inject({
            method: 'POST',
            url: `/api/checkpoints/${cpA}/manual-passes`,
            headers: as.officerA,
            payload: { plate: f.plate, result: 'passed', note: '人工核查通过' },
          });
          expect(res.statusCode, res.body).toBe(201);
        };
        await manual(f1);
        const counts = await countsAcrossACommit(
          db,
          () => manual(f2),
          (d) => listPasses(d, TEST_CITY, {}, { limit: 50, offset: 0 }),
        );
        expect(counts).toEqual({ during: [1, 1], after: [2, 2] });
      },
    );

    it('gives the officer the verification screen and records manual passes and flags', async () => {
      const f = await insertFleet(db, { validUntil: '2026-10-31' });
      const w = await insertWaybill(db, f, { status: 'in_transit' });
      const look = await app.inject({
        url: `/api/checkpoints/${cpA}/lookup?waybillNumber=${w.number}`,
        headers: as.officerA,
      });
      expect(look.statusCode).toBe(200);
      expect(look.json()).toMatchObject({
        checkpoint: { id: cpA },
        plate: f.plate,
        waybill: { number: w.number, status: 'in_transit' },
        driver: { photoUrl: `https://photos.example/${f.driverId}.jpg` },
        verdict: { result: 'flagged' },
      });
      expect(look.json().verdict.flags.map((x: { holder: string }) => x.holder)).toEqual([
        'vehicle',
        'vehicle',
        'tank',
        'driver',
        'escort',
      ]);
      expect(look.json().vehicle.certificates[0]).toMatchObject({ valid: false, validUntil: '2026-10-31' });
      const flagged = await app.inject({
        method: 'POST',
        url: `/api/checkpoints/${cpA}/manual-passes`,
        headers: as.officerA,
        payload: {
          plate: f.plate,
          result: 'flagged',
          flags: ['expired_certificate'],
          note: '证件过期，已劝返',
        },
      });
      expect(flagged.statusCode).toBe(201);
      expect(flagged.json()).toMatchObject({ source: 'manual', result: 'flagged', note: '证件过期，已劝返' });
      expect(flagged.json().flags).toHaveLength(5);
      const [alarm] = await alarms(1);
      expect(alarm).toMatchObject({
        type: 'expired_certificate',
        enterpriseId: f.enterpriseId,
        waybillId: w.id,
      });

      const bad = await app.inject({
        method: 'POST',
        url: `/api/checkpoints/${cpA}/manual-passes`,
        headers: as.officerA,
        payload: { plate: '辽L1234', result: 'passed', note: '人工放行' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VERIFICATION_PLATE_INVALID');
      const noFlags = await app.inject({
        method: 'POST',
        url: `/api/checkpoints/${cpA}/manual-passes`,
        headers: as.officerA,
        payload: { plate: f.plate, result: 'flagged', note: '人工标记' },
      });
      expect(noFlags.statusCode).toBe(400);
      expect(await count('checkpoint_passes')).toBe(1);
      const other = await app.inject({
        url: `/api/checkpoints/${cpB}/lookup?plate=${encodeURIComponent(f.plate)}`,
        headers: as.officerA,
      });
      expect(other.statusCode).toBe(404);

      const list = async (who: Record<string, string>) =>
        (await app.inject({ url: '/api/checkpoint-passes', headers: who })).json().total;
      expect(await list(as.countyA)).toBe(1);
      expect(await list(as.countyB)).toBe(0);
      expect(await list(as.city)).toBe(1);
    });
  });
}
