import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { bootstrapAccounts } from './bootstrap.js';
import { DEMO_PASSWORD, demoAccounts, districts } from './demo.js';
import { findUserByUsername } from './repository.js';
import { verifyPassword } from './passwords.js';
import { testConfig } from './testing.js';

for (const target of testDatabases()) {
  describe(`first start (${target.name})`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
    });
    afterEach(() => cleanup());

    it('production: one system_admin with a random password, printed once, to be changed at first login', async () => {
      const printed: string[] = [];
      const config = testConfig({ WEIYUN_MODE: 'production' });
      const result = await bootstrapAccounts(db, config, (t) => printed.push(t));
      expect(result).toEqual({ created: 'admin', username: 'admin' });
      expect(printed).toHaveLength(1);
      const password = /password: (\S+)/.exec(printed[0]!)?.[1];
      expect(password).toBeDefined();
      expect(password).not.toBe(DEMO_PASSWORD);
      const admin = await findUserByUsername(db, 'admin');
      expect(admin).toMatchObject({
        role: 'system_admin',
        mustChangePassword: true,
        scope: { kind: 'city' },
      });
      expect(await verifyPassword(admin!.passwordHash, password!)).toBe(true);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 1 }]);
      // A second start creates and prints nothing.
      expect(await bootstrapAccounts(db, config, (t) => printed.push(t))).toEqual({ created: 'none' });
      expect(printed).toHaveLength(1);
    });

    it('production: two processes starting at once create one admin', async () => {
      const config = testConfig({ WEIYUN_MODE: 'production' });
      const results = await Promise.all([
        bootstrapAccounts(db, config, () => {}),
        bootstrapAccounts(db, config, () => {}),
      ]);
      expect(results.filter((r) => r.created === 'admin')).toHaveLength(1);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 1 }]);
    });

    it('demo: the documented demo accounts, one per role, in the demo scopes', async () => {
      const result = await bootstrapAccounts(db, testConfig(), () => {});
      expect(result).toEqual({ created: 'demo', usernames: demoAccounts.map((a) => a.username) });
      const { rows } = await db.query<{ role: string }>('SELECT DISTINCT role FROM users ORDER BY role');
      expect(rows.map((r) => r.role)).toEqual([
        'checkpoint_officer',
        'city_regulator',
        'county_regulator',
        'emergency_responder',
        'enterprise_admin',
        'enterprise_monitor',
        'filling_operator',
        'system_admin',
      ]);
      const county = await findUserByUsername(db, 'county.xinglongtai');
      expect(county?.scope).toEqual({ kind: 'district', districtCode: '211103' });
      expect(districts.map((d) => d.code)).toContain('211103');
      expect(await verifyPassword(county!.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(county?.mustChangePassword).toBe(false);
    });
  });
}
