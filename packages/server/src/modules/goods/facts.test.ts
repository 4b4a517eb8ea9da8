import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { lookupGoods } from './facts.js';
import { syncBuiltinGoods } from './sync.js';

describe.each(testDatabases())('goods facts on $name', (tdb) => {
  it('syncs the built-in rows once and looks facts up by UN number', async () => {
    const { db, cleanup } = await tdb.open();
    try {
      await migrate(db, await loadMigrations());
      expect(await syncBuiltinGoods(db)).toBeGreaterThan(0);
      expect(await syncBuiltinGoods(db)).toBe(0);
      const facts = await lookupGoods(db, ['1203', '1830', '9999']);
      expect(facts.get('1203')).toMatchObject({ hazardClass: '3', packingGroups: ['II'], ergGuide: '128' });
      expect(facts.get('1830')).toMatchObject({
        hazardClass: '8',
        packingGroups: ['II'],
        densityKgPerL: 1.84,
      });
      expect(facts.has('9999')).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('leaves an imported row alone', async () => {
    const { db, cleanup } = await tdb.open();
    try {
      await migrate(db, await loadMigrations());
      await db.query(
        `INSERT INTO goods (un_number, name_zh, name_en, hazard_class, physical_state, card_key, source)
         VALUES ('1203', '汽油（本地表）', 'Gasoline', '3', 'liquid', 'flammable_liquid_immiscible', 'import')`,
      );
      await syncBuiltinGoods(db);
      expect((await lookupGoods(db, ['1203'])).get('1203')?.nameZh).toBe('汽油（本地表）');
    } finally {
      await cleanup();
    }
  });
});
