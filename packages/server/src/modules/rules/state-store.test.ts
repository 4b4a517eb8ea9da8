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
