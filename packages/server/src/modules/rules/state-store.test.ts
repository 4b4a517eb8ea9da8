import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { persistDirty, restoreAll } from '../../rules/state-store.js';
import { HOUR, Journey, MIN, scenario, T0 } from '../../rules/testing.js';
import { DbRuleStateStore } from './state-store.js';

for (const target of testDatabases()) {
  describe(`rule state store on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('a restart in the middle of a long drive restores the continuous driving time from the database', async () => {
      const store = new DbRuleStateStore(db);
      const j = new Journey(T0).drive(3 * 3600, 60, 60);
      const before = scenario({ engine: { reorderWindowMs: 60_000 } });
      before.run(j.fixes);
      expect(await persistDirty(before.engine, store)).toBe(1);
      expect(await persistDirty(before.engine, store)).toBe(0); // nothing changed since

      const after = scenario({ engine: { reorderWindowMs: 60_000 } });
      expect(await restoreAll(after.engine, store)).toBe(1);
      const n = j.fixes.length;
      const events = [...after.run(j.drive(65 * 60, 60, 60).fixes.slice(n)), ...after.engine.drain()];
      const started = events.find((e) => e.type === 'fatigue_continuous');
      expect(started?.at).toBe(T0 + 4 * HOUR + 1 * MIN);
      expect(after.engine.metrics('v1')[0]!.records).toBe(180 + 65);
    });

    it('upserts: the newest snapshot of a vehicle wins; unknown vehicles load as undefined', async () => {
      const store = new DbRuleStateStore(db);
      const s = scenario();
      s.run(new Journey(T0).drive(60, 10, 40).fixes);
      await persistDirty(s.engine, store);
      s.run(new Journey(T0 + 10 * MIN).stop(60, 10).fixes);
      await persistDirty(s.engine, store);
      const saved = await store.load('v1');
      expect(saved?.lastDeviceTime).toBe(T0 + 10 * MIN + 50_000);
      expect(await store.load('nobody')).toBeUndefined();
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rule_state');
      expect(rows[0]!.n).toBe(1);
    });

    it('saves many vehicles in batches', async () => {
      const store = new DbRuleStateStore(db);
      const s = scenario();
      for (let v = 0; v < 1200; v++)
        s.engine.ingest({ ...new Journey(T0).drive(10, 10, 40).fixes[0]!, vehicleId: `v${v}` });
      expect(await persistDirty(s.engine, store)).toBe(1200);
      expect((await store.loadAll()).length).toBe(1200);
    });

    it('the outbox: a vehicle’s events replaced with its snapshot, in order, kept exactly; stored ones let go', async () => {
      const store = new DbRuleStateStore(db);
      const s = scenario();
      const events = s.run(new Journey(T0).drive(30, 10, 40, { alarms: ['sos'] }).fixes);
      const e = events.find((x) => x.type === 'device_alarm')!;
      // Text the JSON must keep: quotes, a backslash, Chinese, a null field.
      const odd = { ...e, id: `${e.id}:b`, detail: { name: '兴隆台 "禁行" \\ 区', n: 1.5 }, driverId: null };
      const other = { ...e, vehicleId: 'v2', id: `v2:${e.type}:${e.key}:${e.startedAt}` };
      const box = (...xs: typeof events) =>
        xs.map((x) => ({ msgId: `${x.id}/${x.phase}/${x.at}`, event: x }));
      const snap = (v: string) => ({
        vehicleId: v,
        json: JSON.stringify({ ...s.engine.snapshot('v1')!, vehicleId: v }),
      });
      await store.save([snap('v1'), snap('v2')], box(odd, e, other));
      expect(await store.loadOutbox()).toEqual(box(odd, e, other));
      expect((await store.loadAll()).length).toBe(2); // the snapshots went in the same statement
      // v1 saved again: its rows are replaced, v2's stay.
      await store.save([snap('v1')], box(e));
      expect(await store.loadOutbox()).toEqual(box(e, other));
      // A save without an outbox leaves it.
      await store.save([snap('v1')]);
      expect(await store.loadOutbox()).toEqual(box(e, other));
      // Events stored since are let go.
      await store.keepOutbox([`${other.id}/${other.phase}/${other.at}`]);
      expect(await store.loadOutbox()).toEqual(box(other));
      await store.keepOutbox([]);
      expect(await store.loadOutbox()).toEqual([]);

      // A round of more snapshots than one statement takes: each vehicle's events with its slice.
      for (let v = 0; v < 700; v++)
        s.engine.ingest({ ...new Journey(T0).drive(10, 10, 40).fixes[0]!, vehicleId: `v${v}` });
      const pending = box(e, odd, other);
      const asked: string[][] = [];
      const unstored = {
        of: (ids: readonly string[]) => {
          asked.push([...ids]);
          return pending.filter((o) => ids.includes(o.event.vehicleId));
        },
        ids: () => pending.map((o) => o.msgId),
      };
      expect(await persistDirty(s.engine, store, unstored)).toBe(700);
      expect(asked.map((a) => a.length)).toEqual([250, 250, 200]);
      expect(await store.loadOutbox()).toEqual(pending);
      expect((await store.loadAll()).length).toBe(700);
      // Nothing changed, and everything was stored meanwhile: the round still lets the outbox go.
      pending.length = 0;
      expect(await persistDirty(s.engine, store, unstored)).toBe(0);
      expect(await store.loadOutbox()).toEqual([]);
    });

    it('keeps a vehicle that has only buffered fixes (no processed one yet) restorable', async () => {
      const store = new DbRuleStateStore(db);
      const s = scenario({ engine: { reorderWindowMs: 60_000 } });
      s.run(new Journey(T0).drive(30, 10, 40).fixes);
      await persistDirty(s.engine, store);
      const r = scenario({ engine: { reorderWindowMs: 60_000 } });
      await restoreAll(r.engine, store);
      expect(r.engine.drain().filter((e) => e.type === 'offline')).toEqual([]);
      expect(r.engine.metrics('v1')[0]!.records).toBe(3);
      expect(r.engine.metrics('v1')[0]!.onlineMs).toBe(20_000);
    });
  });
}
