/**
 * A crash on the in-process bus: the rule worker's positions since its last state save were only in
 * memory. The next worker reads them again from the position store (replay.ts) and makes the same
 * events, with the same ids; a graceful restart reads them too and drives none twice.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import type { Bus } from '../../platform/bus/bus.js';
import { until } from '../../platform/bus/contract.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import { EVENTS_STREAM } from '../../platform/bus/streams.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { RuleEvent } from '../../rules/types.js';
import { createPositionPipeline, type PositionPipeline } from '../positions/pipeline.js';
import { checkPosition } from '../positions/position.js';
import { PositionStore } from '../positions/store.js';
import { makePosition } from '../positions/testing.js';
import { lastRoundStart } from './replay.js';
import { makeEnterprise, makeTractor } from './testing.js';
import { RuleWorker } from './worker.js';

const logger = pino({ level: 'silent' });
const S = 1000;

for (const target of testDatabases()) {
  describe(`rule worker catching up from the position store after a crash (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    const buses: Bus[] = [];
    const pipelines: PositionPipeline[] = [];
    let enterpriseId: string;
    let vehicleId: string;

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      enterpriseId = await makeEnterprise(db, 31);
      vehicleId = await makeTractor(db, enterpriseId, 31);
    });
    afterEach(async () => {
      for (const p of pipelines.splice(0)) await p.stop();
      for (const b of buses.splice(0)) await b.close();
      await cleanup();
    });

    /** A "process": its own in-process bus, the position pipeline and a rule worker; events seen on the bus. */
    async function processOn(replayMarginMs: number) {
      const bus = createInProcessBus();
      buses.push(bus);
      const pipeline = createPositionPipeline({ config: parseConfig({}), db, bus, logger });
      pipelines.push(pipeline);
      await pipeline.start();
      const worker = new RuleWorker({
        db,
        bus,
        topic: pipeline.topic,
        logger,
        reorderWindowMs: 0,
        replayMarginMs,
        // No periodic round or tick during the test: the state is saved when the test says.
        snapshotEveryMs: 3_600_000,
        tickMs: 3_600_000,
      });
      const events: RuleEvent[] = [];
      await bus.ensureStream(EVENTS_STREAM);
      await bus.subscribe({ stream: 'events', durable: 'test', filter: 'events.rules.>' }, (m) => {
        events.push(JSON.parse(new TextDecoder().decode(m.data)) as RuleEvent);
        m.ack();
      });
      await worker.start();
      return { worker, pipeline, events };
    }

    /** `n` fixes every 5 s from `from` (device time) at `speed`, received now (or then), moving east. */
    const drive = (from: number, n: number, speed: number, serial0: number, received = new Date()) => {
      return Array.from({ length: n }, (_, i) =>
        makePosition({
          vehicleId,
          deviceTime: new Date(from + i * 5 * S),
          receivedAt: received,
          lon: 122.07 + (serial0 + i) * 0.0012,
          speed,
          serial: serial0 + i,
        }),
      );
    };
    const records = (w: RuleWorker) => w.engine.metrics(vehicleId).reduce((sum, m) => sum + m.records, 0);

    it('a crash after the state was saved: the next start drives the later positions again and makes their overspeed', async () => {
      const t0 = Date.now() - 10 * 60 * S;
      const first = await processOn(120_000);
      // 60 s at 50 km/h, taken and saved.
      await first.pipeline.ingest(drive(t0, 13, 50, 1));
      await until(() => records(first.worker) === 13, 10_000);
      await first.worker.saveState();
      const mark = await lastRoundStart(db);
      expect(mark).not.toBeNull();
      // 45 s at 90 km/h, taken (the overspeed is published) but not saved: then the process dies.
      await new Promise((r) => setTimeout(r, 5)); // received after the round began
      await first.pipeline.ingest(drive(t0 + 65 * S, 10, 90, 14));
      await until(() => first.events.some((e) => e.type === 'overspeed' && e.phase === 'started'), 10_000);
      const original = first.events.find((e) => e.type === 'overspeed')!;

      const second = await processOn(120_000);
      await until(() => second.events.some((e) => e.type === 'overspeed'), 10_000);
      const again = second.events.find((e) => e.type === 'overspeed')!;
      expect(again).toMatchObject({
        id: original.id,
        phase: 'started',
        startedAt: original.startedAt,
        at: original.at,
        vehicleId,
        enterpriseId,
      });
      // The saved 13 and the 10 read again, each once.
      expect(second.worker.replayed).toEqual({ read: 23, driven: 10, events: 1 });
      expect(records(second.worker)).toBe(23);
      expect(second.worker.engine.lastReceivedOf(vehicleId)).toBe(
        first.worker.engine.lastReceivedOf(vehicleId),
      );

      // Without the replay (JetStream's setting) the saved state is all there is: the overspeed is lost.
      const third = await processOn(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(third.worker.replayed).toBeUndefined();
      expect(third.events.filter((e) => e.type === 'overspeed')).toEqual([]);
      expect(records(third.worker)).toBe(13);
    });

    it('a worker lagging behind the store by more than the margin: what it had not taken is driven after a crash', async () => {
      const now = Date.now();
      const t0 = now - 12 * 60 * S;
      const first = await processOn(60_000);
      // The rules run ten minutes behind: the positions they take now were received then.
      await first.pipeline.ingest(drive(t0, 13, 50, 1, new Date(now - 10 * 60 * S)));
      await until(() => records(first.worker) === 13, 10_000);
      await first.worker.saveState();
      // The round's mark is the newest receive time taken, not the round's start.
      expect(await lastRoundStart(db)).toBe(now - 10 * 60 * S);
      // Received a minute later, stored and still queued behind the backlog when the process died:
      // 45 s at 90 km/h that the rules never saw.
      const store = new PositionStore(db, { retentionDays: 190 });
      await store.write(
        drive(t0 + 65 * S, 10, 90, 14, new Date(now - 9 * 60 * S)).map((p) =>
          checkPosition(p, new Date(), 60_000),
        ),
      );
      expect(first.events.filter((e) => e.type === 'overspeed')).toEqual([]);

      const second = await processOn(60_000);
      await until(() => second.events.some((e) => e.type === 'overspeed'), 10_000);
      expect(second.events.find((e) => e.type === 'overspeed')).toMatchObject({
        phase: 'started',
        startedAt: t0 + 65 * S,
        vehicleId,
      });
      expect(second.worker.replayed).toEqual({ read: 23, driven: 10, events: 1 });
      expect(records(second.worker)).toBe(23);
    });

    it('rebuilds the IC card each fix was taken with from the gateway card log', async () => {
      const t0 = Date.now() - 10 * 60 * S;
      const first = await processOn(120_000);
      await first.worker.saveState();
      const driverId = randomUUID();
      await db.query(
        `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, person_id, received_at)
         VALUES ($1, $2, $3, '211103', 'inserted', $4, now())`,
        [vehicleId, randomUUID(), enterpriseId, driverId],
      );
      await new Promise((r) => setTimeout(r, 5));
      await first.pipeline.ingest(drive(t0, 10, 90, 1));
      await until(() => first.events.some((e) => e.type === 'overspeed'), 10_000);

      const second = await processOn(120_000);
      await until(() => second.events.some((e) => e.type === 'overspeed'), 10_000);
      expect(second.events.find((e) => e.type === 'overspeed')!.driverId).toBe(driverId);
    });

    it('a graceful restart reads the recent positions again and drives none of them twice', async () => {
      const t0 = Date.now() - 10 * 60 * S;
      const first = await processOn(120_000);
      await first.pipeline.ingest(drive(t0, 10, 90, 1));
      await until(() => first.events.some((e) => e.type === 'overspeed'), 10_000);
      await first.worker.stop();
      expect(records(first.worker)).toBe(10);

      const second = await processOn(120_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(second.worker.replayed).toEqual({ read: 10, driven: 0, events: 0 });
      expect(records(second.worker)).toBe(10);
      expect(second.events).toEqual([]);
      expect(second.worker.engine.duplicates).toBe(0);
    });
  });
}
