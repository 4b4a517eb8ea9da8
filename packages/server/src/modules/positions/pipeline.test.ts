/**
 * The pipeline as main.ts wires it, on each test database and each bus adapter: ingest resolves,
 * the fixes reach the table (directly, or through the store consumer on JetStream) and the live
 * state, and a stop leaves nothing unwritten.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../config.js';
import type { Bus } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import { ephemeralJetStreamBus } from '../../platform/bus/testing.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { createPositionPipeline } from './pipeline.js';
import { eventually, makePosition } from './testing.js';

const natsUrl = loadConfig().NATS_URL;
const buses: { name: string; open(): Promise<Bus> }[] = [
  { name: 'in-process bus', open: async () => createInProcessBus() },
  ...(natsUrl ? [{ name: 'jetstream', open: () => ephemeralJetStreamBus(natsUrl) }] : []),
];

for (const target of testDatabases()) {
  for (const busKind of buses) {
    describe(`position pipeline on ${target.name} with ${busKind.name}`, () => {
      let db: Db;
      let cleanup: () => Promise<void>;
      let bus: Bus;
      beforeEach(async () => {
        ({ db, cleanup } = await target.open());
        await migrate(db, await loadMigrations());
        bus = await busKind.open();
      });
      afterEach(async () => {
        await bus.close();
        await cleanup();
      });

      it('carries ingested fixes to the store and the live state', async () => {
        const id = randomBytes(4).toString('hex');
        const pipeline = createPositionPipeline(
          {
            config: parseConfig({ LIVE_FLUSH_INTERVAL_MS: '200' }),
            db,
            bus,
            logger: pino({ level: 'silent' }),
          },
          { topic: { stream: `pipe_${id}`, prefix: `pipe${id}`, partitions: 3 } },
        );
        expect(pipeline.durability).toBe(bus.kind === 'jetstream' ? 'bus' : 'store');
        await pipeline.start();
        const t = Date.now() - 120_000;
        await pipeline.ingest(
          Array.from({ length: 90 }, (_, i) =>
            makePosition({ vehicleId: `veh-${i % 9}`, deviceTime: new Date(t + i * 1000), serial: i }),
          ),
        );
        const stored = async () =>
          (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions')).rows[0]!.n;
        await eventually(async () => (await stored()) === 90, 10_000);
        await eventually(() => pipeline.live.list().length === 9, 10_000);
        expect(pipeline.live.get('veh-8')!.deviceTime).toEqual(new Date(t + 89 * 1000));
        await pipeline.stop();
        const live = await db.query('SELECT vehicle_id FROM vehicle_live');
        expect(live.rowCount).toBe(9);
      });
    });
  }
}
