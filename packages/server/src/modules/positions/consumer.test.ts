/**
 * The store consumer end to end: ingest (bus mode) → bus → store consumer → database, on every
 * test database and on both bus adapters (JetStream when NATS_URL is set).
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { Bus } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import { ephemeralJetStreamBus } from '../../platform/bus/testing.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { StoreConsumer } from './consumer.js';
import { createIngest, type PositionIngest } from './ingest.js';
import { eventually as until, makePosition } from './testing.js';
import type { Position } from './position.js';
import { PositionStore } from './store.js';
import { streamSpec, type PositionTopic } from './subjects.js';

const logger = pino({ level: 'silent' });
const natsUrl = loadConfig().NATS_URL;
const buses: { name: string; open(): Promise<Bus> }[] = [
  { name: 'in-process bus', open: async () => createInProcessBus() },
  ...(natsUrl ? [{ name: 'jetstream', open: () => ephemeralJetStreamBus(natsUrl) }] : []),
];

/** count fixes for each of the vehicles, a fix every 10 s, on today's date. */
function fixes(vehicles: number, count: number): Position[] {
  const start = Date.now() - 3_600_000;
  const out: Position[] = [];
  for (let v = 0; v < vehicles; v++) {
    for (let i = 0; i < count; i++) {
      out.push(makePosition({ vehicleId: `veh-${v}`, deviceTime: new Date(start + i * 10_000), serial: i }));
    }
  }
  return out;
}

for (const target of testDatabases()) {
  for (const busKind of buses) {
    describe(`store consumer on ${target.name} with ${busKind.name}`, () => {
      let db: Db;
      let cleanup: () => Promise<void>;
      let bus: Bus;
      let store: PositionStore;
      let topic: PositionTopic;
      let ingest: PositionIngest;
      const consumers: StoreConsumer[] = [];
      beforeEach(async () => {
        ({ db, cleanup } = await target.open());
        await migrate(db, await loadMigrations());
        bus = await busKind.open();
        const id = randomBytes(4).toString('hex');
        topic = { stream: `pos_${id}`, prefix: `pos${id}`, partitions: 4 };
        await bus.ensureStream(streamSpec(topic));
        store = new PositionStore(db, { retentionDays: 190 });
        ingest = createIngest({
          bus,
          store,
          topic,
          durability: 'bus',
          batchSize: 500,
          lingerMs: 2,
          futureSkewMs: 60_000,
          maxInFlight: 4,
        });
      });
      afterEach(async () => {
        for (const c of consumers.splice(0)) await c.abort();
        await bus.close();
        await cleanup();
      });

      const consumer = (s: Pick<PositionStore, 'write'> = store): StoreConsumer => {
        const c = new StoreConsumer({
          bus,
          store: s,
          topic,
          logger,
          batchSize: 300,
          lingerMs: 5,
          ackWaitMs: 1000,
          retryDelayMs: 50,
        });
        consumers.push(c);
        return c;
      };
      const rows = async (): Promise<{ n: number; distinct: number }> =>
        (
          await db.query<{ n: number; distinct: number }>(
            'SELECT count(*)::int AS n, count(DISTINCT (vehicle_id, device_time, serial))::int AS distinct FROM positions',
          )
        ).rows[0]!;

      it('stores every ingested fix once, acknowledging after the commit', async () => {
        const c = consumer();
        await c.start();
        await ingest.ingest(fixes(6, 200));
        await until(async () => (await rows()).n === 1200, 10_000);
        expect(await rows()).toEqual({ n: 1200, distinct: 1200 });
        await c.stop();
        expect(c.stats.inserted).toBe(1200);
        expect(c.stats.duplicates).toBe(0);
      });

      it('after a kill between commit and ack, redelivers and stores no duplicate', async () => {
        let committed = 0;
        let release: (() => void) | undefined;
        // The first batch commits, then the process "dies" before it can acknowledge.
        const dying = consumer({
          async write(batch, now) {
            const result = await store.write(batch, now);
            committed += result.inserted;
            await new Promise<void>((r) => (release = r));
            return result;
          },
        });
        await dying.start();
        await ingest.ingest(fixes(4, 150));
        await until(() => release !== undefined, 10_000);
        await dying.abort();
        release!();
        expect(committed).toBeGreaterThan(0);
        const afterCrash = await rows();
        expect(afterCrash.n).toBe(committed);

        const next = consumer();
        await next.start();
        await until(async () => (await rows()).n === 600, 15_000);
        await until(() => next.stats.duplicates >= committed, 15_000);
        expect(await rows()).toEqual({ n: 600, distinct: 600 });
        expect(next.stats.inserted).toBe(600 - committed);
        await next.stop();
      });

      it('retries a batch whose write failed', async () => {
        let failures = 0;
        const c = consumer({
          async write(batch, now) {
            if (failures < 2) {
              failures++;
              throw new Error('database restarting');
            }
            return store.write(batch, now);
          },
        });
        await c.start();
        await ingest.ingest(fixes(1, 50));
        await until(async () => (await rows()).n === 50, 10_000);
        expect(c.stats.failures).toBe(2);
        await c.stop();
      });
    });
  }
}
