/**
 * The rule engine wired to the position pipeline: positions ingested through the real pipeline
 * reach the rule worker, and the overspeed episode they make is published on the bus.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth.js';
import { until } from '../../platform/bus/contract.js';
import type { Db } from '../../platform/db/db.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { App, ModulePlugin } from '../../platform/http/app.js';
import type { RuleEvent } from '../../rules/types.js';
import { modules } from '../../modules.js';
import { migratedApp, testConfig } from '../accounts/testing.js';
import { enterpriseSpec } from '../archives/entities/enterprise.js';
import { vehicleSpec } from '../archives/entities/vehicle.js';
import { createRecord } from '../archives/resource/repository.js';
import { validateInput } from '../archives/resource/validate.js';
import { makeUscc } from '../archives/validation/uscc.js';
import { withVinCheck } from '../archives/validation/vin.js';
import type { PositionPipeline } from '../positions/pipeline.js';
import { makePosition } from '../positions/testing.js';
import { insertWaybill, makeEnterprise, makeTractor } from './testing.js';
import type { RuleWorker } from './worker.js';

const admin: Actor = {
  id: 'a',
  name: 'admin',
  role: 'system_admin',
  scope: { kind: 'city' },
  via: 'session',
};

for (const target of testDatabases()) {
  describe(`rule worker on the position stream (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let app: App;
    let worker: RuleWorker;
    let pipeline: PositionPipeline;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      // Module decorations live in the modules' scope: a last module hands them to the test.
      const capture: ModulePlugin = (scoped) => {
        worker = scoped.rules;
        pipeline = scoped.positions;
      };
      app = await migratedApp(db, [...modules, capture], testConfig({ RULES_REORDER_WINDOW_S: '0' }));
    });
    afterEach(async () => {
      await app.close();
      await cleanup();
    });

    it('publishes an overspeed episode for a vehicle driving 90 km/h on an ordinary road for 45 s', async () => {
      const make = (spec: typeof enterpriseSpec, input: Record<string, unknown>) =>
        db.transaction((tx) =>
          createRecord(tx, spec, admin, validateInput(spec, input, 'create').values, {
            filingStatus: 'filed',
          }),
        );
      const enterpriseId = await make(enterpriseSpec, {
        name: '盘锦规则测试运输有限公司',
        uscc: makeUscc('91', '211103', 'MA000R01'),
        districtCode: '211103',
        address: '兴隆台区',
        permitNo: 'P-R',
        permitValidUntil: '2028-01-01',
        scopeClasses: [3],
        legalRepresentative: '甲乙',
        safetyManager: '丙丁',
        phone: '0427-1111111',
      });
      const vehicleId = await make(vehicleSpec, {
        enterpriseId,
        vehicleType: 'tractor',
        plate: '辽L95001',
        plateColour: 2,
        vin: withVinCheck('LFWADRJF0B1950001'),
        scopeClasses: [3],
        technicalGrade: 1,
        ratedLoadKg: 0,
        roadCertNo: 'R',
        roadCertValidUntil: '2028-01-01',
        annualReviewValidUntil: '2028-01-01',
      });
      await worker.context.refresh();

      const events: RuleEvent[] = [];
      await worker.bus.subscribe({ stream: 'events', durable: 'test', filter: 'events.rules.>' }, (m) => {
        events.push(JSON.parse(new TextDecoder().decode(m.data)) as RuleEvent);
        m.ack();
      });
      const start = Date.now() - 10 * 60_000;
      const fixes = Array.from({ length: 10 }, (_, i) =>
        makePosition({
          vehicleId,
          deviceTime: new Date(start + i * 5000),
          lon: 122.07 + i * 0.0012,
          speed: 90,
          serial: i + 1,
        }),
      );
      await pipeline.ingest(fixes);
      await until(() => events.some((e) => e.type === 'overspeed'), 15_000);
      const e = events.find((x) => x.type === 'overspeed')!;
      expect(e).toMatchObject({ type: 'overspeed', phase: 'started', vehicleId, enterpriseId });
      expect(e.startedAt).toBe(start);
    });

    it('records a trip with its waybill when the stop that ends it is 30 min long', async () => {
      const enterpriseId = await makeEnterprise(db, 21);
      const vehicleId = await makeTractor(db, enterpriseId, 21);
      await worker.context.refresh();
      // The waybill appears after the start: the change hook makes the engine see it now.
      const waybillId = await insertWaybill(db, {
        vehicleId,
        enterpriseId,
        lines: [{ unNumber: '1203', hazardClass: '3' }],
      });
      expect(await worker.waybillsChanged()).toBe(1);
      expect(worker.context.vehicle(vehicleId)?.waybill?.id).toBe(waybillId);

      const start = Date.now() - 50 * 60_000;
      const fixes = [
        ...Array.from({ length: 20 }, (_, i) =>
          makePosition({
            vehicleId,
            deviceTime: new Date(start + i * 30_000),
            lon: 122.07 + i * 0.004,
            speed: 40,
          }),
        ),
        ...Array.from({ length: 32 }, (_, i) =>
          makePosition({
            vehicleId,
            deviceTime: new Date(start + 600_000 + i * 60_000),
            lon: 122.15,
            speed: 0,
          }),
        ),
      ].map((p, i) => ({ ...p, serial: i + 1 }));
      await pipeline.ingest(fixes);
      const trip = async () =>
        (
          await db.query<{ waybill_id: string; started_at: Date; ended_at: Date; enterprise_id: string }>(
            'SELECT waybill_id, started_at, ended_at, enterprise_id FROM trips WHERE vehicle_id = $1',
            [vehicleId],
          )
        ).rows;
      let rows = await trip();
      for (let waited = 0; rows.length === 0 && waited < 15_000; waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
        rows = await trip();
      }
      const [row] = rows;
      expect(row).toMatchObject({ waybill_id: waybillId, enterprise_id: enterpriseId });
      expect(new Date(row!.started_at).getTime()).toBe(start);
      expect(new Date(row!.ended_at).getTime()).toBe(start + 600_000);
    });

    it('an emergency in a blind-area supplement that comes after later fixes still opens an alarm, marked late', async () => {
      const enterpriseId = await makeEnterprise(db, 22);
      const vehicleId = await makeTractor(db, enterpriseId, 22);
      await worker.context.refresh();
      const start = Date.now() - 30 * 60_000;
      const at = (s: number, o: Partial<Parameters<typeof makePosition>[0]> = {}) =>
        makePosition({ vehicleId, deviceTime: new Date(start + s * 1000), speed: 40, serial: s + 1, ...o });
      // Live reports every 30 s for 10 minutes, taken by the rules as they come.
      await pipeline.ingest(Array.from({ length: 21 }, (_, k) => at(k * 30)));
      await until(async () => (worker.engine.metrics(vehicleId)[0]?.records ?? 0) === 21, 15_000);
      // Then the blind area's supplement: the emergency button pressed 5 minutes in (0x0704 with
      // the JT/T 808 emergency bit), received after the later fixes.
      await pipeline.ingest([at(305, { alarmBits: 1, receivedAt: new Date() })]);
      const alarm = async () =>
        (
          await db.query<{
            type: string;
            episode: string;
            status: string;
            started_at: Date;
            evidence: object;
          }>(`SELECT type, episode, status, started_at, evidence FROM alarms WHERE vehicle_id = $1`, [
            vehicleId,
          ])
        ).rows;
      await until(async () => (await alarm()).length > 0, 15_000);
      const [row] = await alarm();
      expect(row).toMatchObject({
        type: 'device_alarm',
        episode: 'ended',
        evidence: { key: 'sos', detail: { late: true } },
      });
      // The alarm waits for its handling like any other: the episode ended, the case did not.
      expect(row!.status).toBe('pending');
      expect(new Date(row!.started_at).getTime()).toBe(start + 305_000);
      expect(worker.engine.metrics(vehicleId)[0]!.lateRecords).toBe(1);
    });
  });
}
