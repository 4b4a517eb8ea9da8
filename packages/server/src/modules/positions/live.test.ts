import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import type { Bus } from '../../platform/bus/bus.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { publishPositions } from './ingest.js';
import { LiveState, type LiveVehicle } from './live.js';
import { streamSpec, type PositionTopic } from './subjects.js';
import { eventually, makeChecked } from './testing.js';

const logger = pino({ level: 'silent' });
const t0 = Date.parse('2026-11-22T08:00:00Z');
const at = (s: number): Date => new Date(t0 + s * 1000);

for (const target of testDatabases()) {
  describe(`live state on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let bus: Bus;
    let clock: Date;
    const topic: PositionTopic = { stream: 'positions', prefix: 'positions', partitions: 2 };
    const make = (): LiveState =>
      new LiveState({
        db,
        bus,
        topic,
        logger,
        offlineAfterMs: 600_000,
        flushIntervalMs: 60_000,
        now: () => clock,
      });
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      await bus.ensureStream(streamSpec(topic));
      clock = at(60);
    });
    afterEach(async () => {
      await bus.close();
      await cleanup();
    });

    it('holds the newest valid fix: late supplements and invalid fixes do not move a vehicle', () => {
      const live = make();
      live.apply([makeChecked({ deviceTime: at(30), lon: 122.1 })]);
      live.apply([makeChecked({ deviceTime: at(10), lon: 122.0 })]); // 0x0704 blind-area supplement
      live.apply([makeChecked({ deviceTime: at(40), lon: 200, receivedAt: at(50) })]); // invalid
      const v = live.get('veh-1')!;
      expect([v.lon, v.deviceTime]).toEqual([122.1, at(30)]);
      expect(v.lastSeenAt).toEqual(at(50)); // but it was heard from
      expect(live.get('veh-2')).toBeUndefined();
    });

    it('goes offline after the timeout, announcing each transition once', () => {
      const live = make();
      const seen: [string, string][] = [];
      live.onChange((changes) => seen.push(...changes.map((c): [string, string] => [c.vehicleId, c.status])));
      live.apply([makeChecked({ deviceTime: at(0), receivedAt: at(1) })]);
      clock = at(1 + 600);
      live.sweep();
      expect(live.get('veh-1')!.status).toBe('online');
      clock = at(1 + 601);
      live.sweep();
      live.sweep();
      expect(live.get('veh-1')!.status).toBe('offline');
      live.apply([makeChecked({ deviceTime: at(700), receivedAt: at(701) })]);
      expect(seen).toEqual([
        ['veh-1', 'online'],
        ['veh-1', 'offline'],
        ['veh-1', 'online'],
      ]);
    });

    it('follows the bus, writes vehicle_live in batches, and a restart loads it back', async () => {
      const live = make();
      await live.start();
      await publishPositions(bus, topic, [
        makeChecked({ vehicleId: 'veh-a', deviceTime: at(5), lat: 41.2, receivedAt: at(6) }),
        makeChecked({ vehicleId: 'veh-b', deviceTime: at(7), alarmBits: 1 }),
      ]);
      await eventually(() => live.list().length === 2);
      const rows = async () => (await db.query('SELECT vehicle_id FROM vehicle_live ORDER BY 1')).rows;
      expect(await rows()).toEqual([]); // not flushed yet
      await live.flush();
      expect(await rows()).toEqual([{ vehicle_id: 'veh-a' }, { vehicle_id: 'veh-b' }]);
      await live.stop();

      const restarted = make();
      await restarted.load();
      const a = restarted.get('veh-a')!;
      expect([a.lat, a.deviceTime, a.lastSeenAt, a.status]).toEqual([41.2, at(5), at(6), 'online']);
      expect(restarted.get('veh-b')!.alarmBits).toBe(1);
    });

    it('never lets an older write overwrite a newer row in vehicle_live', async () => {
      const first = make();
      first.apply([makeChecked({ deviceTime: at(50), lon: 122.5 })]);
      await first.flush();
      const stale = make();
      // An older fix, but heard from later: the fix stays, the last-seen time moves on.
      stale.apply([makeChecked({ deviceTime: at(20), lon: 122.2, receivedAt: at(90) })]);
      await stale.flush();
      const { rows } = await db.query<{ lon: number; last_seen_at: Date }>(
        'SELECT lon, last_seen_at FROM vehicle_live',
      );
      expect(rows).toEqual([{ lon: 122.5, last_seen_at: at(90) }]);
    });

    it('acknowledges a message only after the table write that covers it', async () => {
      const live = make();
      await live.start();
      await publishPositions(bus, topic, [makeChecked({ vehicleId: 'veh-z', deviceTime: at(5) })]);
      await eventually(() => live.get('veh-z') !== undefined);
      // "Crash" before the flush: the subscription stops without acknowledging.
      const fresh: LiveVehicle[] = [];
      await live.abort();
      const next = make();
      next.onChange((c) => fresh.push(...c));
      await next.start();
      await eventually(() => fresh.length === 1);
      expect(fresh[0]!.vehicleId).toBe('veh-z');
      await next.stop();
    });
  });
}
