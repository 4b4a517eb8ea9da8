import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { decodePositions } from './codec.js';
import { createIngest, type Durability } from './ingest.js';
import { PositionStore } from './store.js';
import { streamSpec, type PositionTopic } from './subjects.js';
import { eventually, makePosition } from './testing.js';

const topic: PositionTopic = { stream: 'positions', prefix: 'positions', partitions: 4 };
const recent = (i: number) =>
  makePosition({ vehicleId: `veh-${i % 7}`, deviceTime: new Date(Date.now() - 60_000 + i), serial: i });

for (const target of testDatabases()) {
  describe(`ingest on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let bus: Bus;
    let store: PositionStore;
    let writes: number;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      await bus.ensureStream(streamSpec(topic));
      store = new PositionStore(db, { retentionDays: 190 });
      writes = 0;
      const write = store.write.bind(store);
      store.write = (batch, now) => {
        writes++;
        return write(batch, now);
      };
    });
    afterEach(async () => {
      await bus.close();
      await cleanup();
    });
    const ingestWith = (durability: Durability) =>
      createIngest({
        bus,
        store,
        topic,
        durability,
        batchSize: 1000,
        lingerMs: 5,
        futureSkewMs: 60_000,
        maxInFlight: 1,
      });
    /** One batch per call, four committed side by side. */
    const batchPerCall = () =>
      createIngest({
        bus,
        store,
        topic,
        durability: 'store',
        batchSize: 1,
        lingerMs: 1,
        futureSkewMs: 60_000,
        maxInFlight: 4,
      });
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions')).rows[0]!.n;

    it('in store mode resolves only once the fixes are committed, then publishes them checked', async () => {
      const ingest = ingestWith('store');
      const published: BusMessage[] = [];
      await bus.subscribe({ stream: topic.stream, durable: 'rules' }, (m) => {
        published.push(m);
        m.ack();
      });
      await ingest.ingest([recent(1), makePosition({ deviceTime: new Date(Date.now() - 1000), speed: 400 })]);
      expect(await count()).toBe(2);
      await eventually(() => published.length > 0);
      const fixes = published.flatMap((m) => decodePositions(m.data));
      expect(fixes.map((f) => f.invalidReasons).sort()).toEqual([[], ['speed_out_of_range']]);
    });

    it('gathers concurrent calls into few batches, each caller resolving with its batch', async () => {
      const ingest = ingestWith('store');
      await Promise.all(Array.from({ length: 300 }, (_, i) => ingest.ingest([recent(i)])));
      expect(await count()).toBe(300);
      expect(writes).toBeLessThan(20);
    });

    it('in store mode publishes batches in the order they were formed, even when a later one commits first', async () => {
      const ingest = batchPerCall();
      // The first batch's commit is the slowest: without ordering it would be published last.
      const write = store.write.bind(store);
      let call = 0;
      store.write = async (batch, now) => {
        const delay = [80, 40, 0][call++] ?? 0;
        await new Promise((r) => setTimeout(r, delay));
        return write(batch, now);
      };
      const published: number[] = [];
      await bus.subscribe({ stream: topic.stream, durable: 'rules' }, (m) => {
        for (const f of decodePositions(m.data)) published.push(f.serial);
        m.ack();
      });
      const one = (serial: number) =>
        makePosition({
          vehicleId: 'veh-1',
          deviceTime: new Date(Date.now() - 60_000 + serial * 10_000),
          serial,
        });
      await Promise.all([ingest.ingest([one(1)]), ingest.ingest([one(2)]), ingest.ingest([one(3)])]);
      expect(call).toBe(3); // three batches, written side by side
      await eventually(() => published.length === 3);
      expect(published).toEqual([1, 2, 3]);
    });

    it('a batch whose commit fails does not hold up the batches after it', async () => {
      const ingest = batchPerCall();
      const write = store.write.bind(store);
      let call = 0;
      store.write = async (batch, now) => {
        if (call++ === 0) {
          await new Promise((r) => setTimeout(r, 30));
          throw new Error('connection reset');
        }
        return write(batch, now);
      };
      const first = ingest.ingest([recent(1)]);
      const second = ingest.ingest([recent(2)]);
      await expect(first).rejects.toThrow('connection reset');
      await expect(second).resolves.toBeUndefined();
      expect(await count()).toBe(1);
    });

    it('rejects when the store cannot commit, so the terminal is not acknowledged', async () => {
      const ingest = ingestWith('store');
      store.write = () => Promise.reject(new Error('disk full'));
      await expect(ingest.ingest([recent(1)])).rejects.toThrow('disk full');
    });

    it('in bus mode resolves once the bus has stored the batch, and rejects when it cannot', async () => {
      const ingest = ingestWith('bus');
      const got: BusMessage[] = [];
      await bus.subscribe({ stream: topic.stream, durable: 'store_all' }, (m) => {
        got.push(m);
        m.ack();
      });
      await ingest.ingest(Array.from({ length: 20 }, (_, i) => recent(i)));
      await eventually(() => got.reduce((n, m) => n + decodePositions(m.data).length, 0) === 20);
      expect(new Set(got.map((m) => m.subject)).size).toBeGreaterThan(1); // spread over partitions
      expect(await count()).toBe(0); // the store consumer's job, not ingest's
      await bus.close();
      await expect(ingest.ingest([recent(1)])).rejects.toThrow(/closed/);
    });
  });
}
