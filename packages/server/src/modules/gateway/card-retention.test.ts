import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import { dropOldCardReports } from './card-retention.js';

for (const target of testDatabases()) {
  describe(`IC-card log retention on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('deletes the reports received before the retention and keeps the rest', async () => {
      const now = new Date('2026-12-07T03:00:00Z');
      const vehicle = randomUUID();
      for (const [label, receivedAt] of [
        ['old', '2026-05-31T02:59:59Z'], // 190 days and a second before now
        ['edge', '2026-05-31T03:00:00Z'], // exactly 190 days: kept
        ['new', '2026-12-06T12:00:00Z'],
      ]) {
        await db.query(
          `INSERT INTO driver_card_events (vehicle_id, terminal_id, enterprise_id, district_code, status, driver_name, received_at)
           VALUES ($1, $2, $2, '211103', 'inserted', $3, $4)`,
          [vehicle, randomUUID(), label, receivedAt],
        );
      }
      expect(await dropOldCardReports(db, 190, now)).toBe(1);
      const { rows } = await db.query<{ driver_name: string }>(
        'SELECT driver_name FROM driver_card_events ORDER BY received_at',
      );
      expect(rows.map((r) => r.driver_name)).toEqual(['edge', 'new']);
      expect(await dropOldCardReports(db, 190, now)).toBe(0);
    });
  });
}
