/**
 * The rule worker does not wait for one delivery's events to be stored before it runs the next
 * delivery through the engine (on JetStream each publish waits for a PubAck), yet acknowledges a
 * delivery only once its events are stored, retries a publish that failed, and keeps an
 * episode's events in order across deliveries.
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
import { makePosition } from '../positions/testing.js';
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

    it('runs the next delivery while one waits for its events to be stored, acknowledging each once they are', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      const y = await makeTractor(db, enterprise, 2);
      const rec = recordingBus(inner, { vehicleId: x });
      await rec.bus.ensureStream(streamSpec(topic));
      worker = new RuleWorker({
        db,
        bus: rec.bus,
        topic,
        logger: pino({ level: 'silent' }),
        reorderWindowMs: 0,
        tickMs: 3_600_000,
      });
      await worker.start();
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

    it('keeps the delivery and the last saved state when it stops with events it could not store', async () => {
      const enterprise = await makeEnterprise(db, 1);
      const x = await makeTractor(db, enterprise, 1);
      const down = recordingBus(inner, { vehicleId: x, never: true });
      await down.bus.ensureStream(streamSpec(topic));
      const options = { db, topic, logger: pino({ level: 'silent' }), reorderWindowMs: 0, tickMs: 3_600_000 };
      worker = new RuleWorker({ ...options, bus: down.bus });
      await worker.start();
      await publishPositions(down.bus, topic, [
        checkPosition(makePosition({ vehicleId: x, alarmBits: 1, serial: 1 }), new Date(), 60_000),
      ]);
      await until(() => down.tries() >= 2, 5000); // tried, and tried again
      await worker.stop(); // gives up after its wait: the delivery stays unacknowledged
      worker = undefined;
      expect(down.acked).toEqual([]);
      const saved = await db.query('SELECT 1 FROM rule_state WHERE vehicle_id = $1', [x]);
      expect(saved.rows).toEqual([]); // not the state that made the unstored event

      // The next worker gets the delivery again and makes the event again.
      const events: RuleEvent[] = [];
      await inner.subscribe({ stream: 'events', durable: 'test', filter: 'events.rules.>' }, (m) => {
        events.push(JSON.parse(decoder.decode(m.data)) as RuleEvent);
        m.ack();
      });
      worker = new RuleWorker({ ...options, bus: inner });
      await worker.start();
      await until(() => events.some((e) => e.vehicleId === x && e.type === 'device_alarm'), 10_000);
    }, 30_000);
  });
}
