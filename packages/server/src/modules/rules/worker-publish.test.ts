/**
 * The rule worker does not wait for one delivery's events to be stored before it runs the next
 * delivery through the engine (on JetStream each publish waits for a PubAck), yet acknowledges a
 * delivery only once its events are stored, retries a publish that failed, and keeps an
 * episode's events in order across deliveries. A snapshot of the engine's state is saved with
 * the events it made that are not stored yet (`rule_outbox`), which the next start publishes.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../platform/bus/bus.js';
import { until } from '../../platform/bus/contract.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import type { RuleEvent } from '../../rules/types.js';
import { publishPositions } from '../positions/ingest.js';
import { checkPosition } from '../positions/position.js';
import { defaultTopic, streamSpec } from '../positions/subjects.js';
import { eventually, makePosition } from '../positions/testing.js';
import { makeEnterprise, makeTractor } from './testing.js';
import { RuleWorker } from './worker.js';

const topic = defaultTopic(4);
const decoder = new TextDecoder();

/**
 * The in-process bus, with the worker's deliveries' acknowledgements recorded, and the events of
 * `slow`'s vehicle failing to publish once, then held until `release()` (`tries` counts them).
 */
function recordingBus(inner: Bus, slow: { vehicleId: string; never?: boolean }) {
  const acked: number[] = [];
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let tries = 0;
  const bus: Bus = {
    kind: inner.kind,
    ensureStream: (spec) => inner.ensureStream(spec),
    ensureConsumer: (spec) => inner.ensureConsumer(spec),
    async publish(subject, data, options) {
      if (subject.startsWith('events.rules.')) {
        const e = JSON.parse(decoder.decode(data)) as RuleEvent;
        if (e.vehicleId === slow.vehicleId) {
          if (tries++ === 0 || slow.never) throw new Error('no PubAck in time');
          await held;
        }
      }
      return inner.publish(subject, data, options);
    },
    subscribe: (spec, handler) =>
      inner.subscribe(spec, (m) => {
        if (spec.durable !== 'rules') return handler(m);
        const spied: BusMessage = {
          ...m,
          ack: () => {
            acked.push(m.seq);
            m.ack();
          },
        };
        return handler(spied);
      }),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { bus, acked, release, tries: () => tries };
}

for (const target of testDatabases()) {
  describe(`rule worker publishing (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let worker: RuleWorker | undefined;
    let inner: Bus;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      inner = createInProcessBus();
    });
    afterEach(async () => {
      await worker?.stop();
      await inner.close();
      await cleanup();
    });
    /** A worker on `bus` (no tick within a test), started. */
    const startWorker = async (
      bus: Bus,
      extra: { snapshotEveryMs?: number; db?: Db } = {},
    ): Promise<RuleWorker> => {
      worker = new RuleWorker({
        db,
        bus,
        topic,
        logger: pino({ level: 'silent' }),
        reorderWindowMs: 0,
        tickMs: 3_600_000,
        ...extra,
      });
      await worker.start();
      return worker;
    };

    it('runs the next delivery while one waits for its events to be stored, acknowledging each once they are', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      const y = await makeTractor(db, enterprise, 2);
      const rec = recordingBus(inner, { vehicleId: x });
      await rec.bus.ensureStream(streamSpec(topic));
      await startWorker(rec.bus);
      const events: RuleEvent[] = [];
      await inner.subscribe({ stream: 'events', durable: 'test', filter: 'events.rules.>' }, (m) => {
        events.push(JSON.parse(decoder.decode(m.data)) as RuleEvent);
        m.ack();
      });
      const t0 = Date.now() - 10 * 60_000;
      const deliver = (vehicleId: string, at: number, alarmBits: number, serial: number) =>
        publishPositions(rec.bus, topic, [
          checkPosition(
            makePosition({ vehicleId, deviceTime: new Date(at), alarmBits, speed: 0, serial }),
            new Date(),
            60_000,
          ),
        ]);
      const alarms = (vehicleId: string) =>
        events.filter((e) => e.vehicleId === vehicleId && e.type === 'device_alarm').map((e) => e.phase);

      // 1: X's emergency alarm starts; its publish fails once, and the retry is held.
      await deliver(x, t0, 1, 1);
      await until(() => rec.tries() === 1, 5000);
      // 2: Y's emergency alarm goes through the engine and is stored meanwhile.
      await deliver(y, t0, 1, 1);
      await until(() => alarms(y).includes('started'), 5000);
      // 3: X's alarm ends (clear for longer than the 60 s merge window): after its start, not before.
      await deliver(x, t0 + 120_000, 0, 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(alarms(x)).toEqual([]);
      expect(rec.acked).toEqual([2]); // only Y's delivery: X's two wait for their events
      expect(rec.tries()).toBe(2); // the failed try and the held retry; the end waits behind them

      rec.release();
      await until(() => alarms(x).length === 2 && rec.acked.length === 3, 5000);
      expect(alarms(x)).toEqual(['started', 'ended']);
      expect(rec.acked.sort()).toEqual([1, 2, 3]);
      expect(rec.tries()).toBe(3);
    });

    const outboxIds = async (): Promise<string[]> =>
      (await db.query<{ msg_id: string }>('SELECT msg_id FROM rule_outbox ORDER BY seq')).rows.map(
        (r) => r.msg_id,
      );

    it('saves the state with the events it could not store when it stops, and the next start publishes them', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      const down = recordingBus(inner, { vehicleId: x, never: true });
      await down.bus.ensureStream(streamSpec(topic));
      const first = await startWorker(down.bus);
      await publishPositions(down.bus, topic, [
        checkPosition(makePosition({ vehicleId: x, alarmBits: 1, serial: 1 }), new Date(), 60_000),
      ]);
      await until(() => down.tries() >= 2, 5000); // tried, and tried again
      await first.stop(); // gives up after its wait: the delivery stays unacknowledged
      worker = undefined;
      expect(down.acked).toEqual([]);
      const saved = await db.query('SELECT 1 FROM rule_state WHERE vehicle_id = $1', [x]);
      expect(saved.rows).toHaveLength(1); // the state that made the unstored event …
      const [pending] = await outboxIds(); // … with the event
      expect(pending!.startsWith(`${x}:device_alarm:`)).toBe(true);
      expect(pending).toMatch(/\/started\/\d+$/);

      // The next worker publishes it from the outbox; the redelivered position is a duplicate by now.
      const events: RuleEvent[] = [];
      await inner.subscribe({ stream: 'events', durable: 'test', filter: 'events.rules.>' }, (m) => {
        events.push(JSON.parse(decoder.decode(m.data)) as RuleEvent);
        m.ack();
      });
      const next = await startWorker(inner);
      await until(() => events.some((e) => e.vehicleId === x && e.type === 'device_alarm'), 10_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(events.filter((e) => e.vehicleId === x).map((e) => `${e.type}/${e.phase}`)).toEqual([
        'device_alarm/started',
      ]);
      expect(next.engine.duplicates).toBe(1);
      await next.stop();
      worker = undefined;
      expect(await outboxIds()).toEqual([]); // stored: the outbox lets it go
    }, 30_000);

    it('a periodic snapshot taken while an event is unstored holds that event (nothing to lose in a crash)', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      const y = await makeTractor(db, enterprise, 2);
      const rec = recordingBus(inner, { vehicleId: x });
      await rec.bus.ensureStream(streamSpec(topic));
      await startWorker(rec.bus, { snapshotEveryMs: 50 });
      const at = Date.now() - 60_000;
      for (const v of [x, y])
        await publishPositions(rec.bus, topic, [
          checkPosition(
            makePosition({ vehicleId: v, alarmBits: 1, serial: 1, deviceTime: new Date(at) }),
            new Date(),
            60_000,
          ),
        ]);
      // X's event is held unstored; Y's is stored. Snapshots keep being taken meanwhile.
      await eventually(async () => (await db.query('SELECT 1 FROM rule_state')).rows.length === 2, 5000);
      await new Promise((r) => setTimeout(r, 150));
      const held = await outboxIds();
      expect(held).toHaveLength(1);
      expect(held[0]!.startsWith(`${x}:device_alarm:`)).toBe(true);
      // Once it is stored, the next snapshot round lets it go.
      rec.release();
      await eventually(async () => (await outboxIds()).length === 0, 5000);
    }, 30_000);

    it('snapshot rounds never overlap, even when one takes longer than the interval', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      await inner.ensureStream(streamSpec(topic));
      // Every rule_state write takes 40 ms; rounds are due every 10 ms.
      let inFlight = 0;
      let most = 0;
      let writes = 0;
      const slow = new Proxy(db, {
        get(target, prop) {
          if (prop === 'query')
            return async (sql: string, params?: readonly unknown[]) => {
              if (!sql.includes('INSERT INTO rule_state')) return target.query(sql, params);
              most = Math.max(most, ++inFlight);
              writes++;
              await new Promise((r) => setTimeout(r, 40));
              try {
                return await target.query(sql, params);
              } finally {
                inFlight--;
              }
            };
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const w = await startWorker(inner, { snapshotEveryMs: 10, db: slow });
      const t0 = Date.now() - 60_000;
      for (let i = 0; i < 40; i++) {
        await publishPositions(inner, topic, [
          checkPosition(
            makePosition({ vehicleId: x, serial: i + 1, deviceTime: new Date(t0 + i * 1000) }),
            new Date(),
            60_000,
          ),
        ]);
        await new Promise((r) => setTimeout(r, 10));
      }
      await w.stop(); // its own round waits for the periodic one in progress
      worker = undefined;
      expect(writes).toBeGreaterThanOrEqual(3);
      expect(most).toBe(1);
      const saved = await db.query<{ t: number }>(
        "SELECT (state->>'lastDeviceTime')::float8 AS t FROM rule_state WHERE vehicle_id = $1",
        [x],
      );
      expect(saved.rows[0]!.t).toBe(t0 + 39_000); // the last state won
    }, 30_000);
  });
}
