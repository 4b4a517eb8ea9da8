import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, Subscription } from '../../platform/bus/bus.js';
import { createInProcessBus } from '../../platform/bus/inprocess.js';
import { DbBusJournal } from '../../platform/bus/journal.js';
import type { Db } from '../../platform/db/db.js';
import { loadMigrations, migrate } from '../../platform/db/migrate.js';
import { testDatabases } from '../../platform/db/testing.js';
import {
  CERTIFICATE_EVENTS_SUBJECT,
  runExpiryWarnings,
  type CertificateExpiryEvent,
} from '../archives/certificates/expiry-job.js';
import { startAlarmConsumers } from './consumer.js';
import { defaultDeadlines } from './deadlines.js';
import { AlarmHub } from './hub.js';
import { noTerminalMessenger } from './messenger.js';
import { AlarmService } from './service.js';
import { company } from './testing.js';

/** More than one consumer batch (500) and more than one publishing batch (1000). */
const N = 1200;
const TODAY = '2026-11-22';

async function until(f: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const target of testDatabases()) {
  describe(`certificate warnings into alarms on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let bus: Bus;
    let subs: Subscription[];
    let enterpriseId: string;
    const logger = pino({ level: 'silent' });
    const newService = () =>
      new AlarmService({
        db,
        deadlines: defaultDeadlines,
        now: () => new Date('2026-11-22T01:00:00Z'),
        messenger: noTerminalMessenger,
        hub: new AlarmHub(),
        logger,
      });

    beforeEach(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db, await loadMigrations());
      bus = createInProcessBus();
      subs = await startAlarmConsumers(bus, newService(), logger, () => new Date('2026-11-22T01:00:00Z'));
      ({ enterpriseId } = await company(db, '211103', '盘锦证照批量运输有限公司'));
      // N qualification certificates of the company's people, expiring over the next 30 days.
      await db.query(
        `INSERT INTO certificates (id, holder_type, holder_id, enterprise_id, kind, number, valid_until)
         SELECT gen_random_uuid(), 'person', gen_random_uuid(), $1, 'qualification', 'Q-' || i,
                $2::date + (i % 31)
           FROM generate_series(1, $3::int) AS i`,
        [enterpriseId, TODAY, N],
      );
    });
    afterEach(async () => {
      for (const s of subs) await s.stop();
      await bus.close();
      await cleanup();
    });

    const count = async (sql: string): Promise<number> => (await db.query<{ n: number }>(sql)).rows[0]!.n;
    const alarms = () => count(`SELECT count(*)::int AS n FROM alarms WHERE source = 'certificate'`);

    /** Each warning's alarm exists once, with one opened step. */
    async function expectOneAlarmPerWarning(n: number): Promise<void> {
      expect(await alarms()).toBe(n);
      expect(
        await count(`SELECT count(*)::int AS n FROM alarms a JOIN certificate_warnings w
                      ON a.source_id = 'cert-expiry/' || w.certificate_id || '/' || w.valid_until || '/' || w.threshold_days`),
      ).toBe(n);
      expect(await count(`SELECT count(*)::int AS n FROM alarm_steps WHERE action = 'opened'`)).toBe(n);
      expect(
        await count(`SELECT count(*)::int AS n FROM (SELECT alarm_id FROM alarm_steps WHERE action = 'opened'
                      GROUP BY alarm_id HAVING count(*) > 1) d`),
      ).toBe(0);
    }

    it('turns every one of many warnings into exactly one alarm, also when all are delivered again', async () => {
      const sent = await runExpiryWarnings(db, bus, TODAY);
      expect(sent).toHaveLength(N);
      expect(
        await count(`SELECT count(*)::int AS n FROM certificate_warnings WHERE published_at IS NULL`),
      ).toBe(0);
      await until(async () => (await alarms()) === N);
      await expectOneAlarmPerWarning(N);

      // The same events delivered again (no de-duplication id, as after a redelivery), and then
      // one new warning: once its alarm exists, every batch before it is committed.
      for (const e of sent) {
        await bus.publish(CERTIFICATE_EVENTS_SUBJECT, new TextEncoder().encode(JSON.stringify(e)));
      }
      const late: CertificateExpiryEvent = {
        ...sent[0]!,
        certificateId: '0c000000-0000-4000-8000-00000000000c',
      };
      await bus.publish(CERTIFICATE_EVENTS_SUBJECT, new TextEncoder().encode(JSON.stringify(late)));
      await until(async () => (await alarms()) === N + 1);
      for (const s of subs) await s.stop();
      expect(await alarms()).toBe(N + 1);
      expect(await count(`SELECT count(*)::int AS n FROM alarm_steps WHERE action = 'opened'`)).toBe(N + 1);
    });

    it('a run that failed half-way through publishing raises no alarm twice when run again', async () => {
      let published = 0;
      const failing: Bus = {
        ...bus,
        publish: (subject, data, opts) =>
          ++published > 700 ? Promise.reject(new Error('bus down')) : bus.publish(subject, data, opts),
      };
      await expect(runExpiryWarnings(db, failing, TODAY)).rejects.toThrow('bus down');
      // The batch was not marked published: all of it is sent again, the first 700 with the ids the
      // bus has seen already.
      expect(
        await count(`SELECT count(*)::int AS n FROM certificate_warnings WHERE published_at IS NULL`),
      ).toBe(N);
      expect(await runExpiryWarnings(db, bus, TODAY)).toHaveLength(N);
      await until(async () => (await alarms()) === N);
      for (const s of subs) await s.stop();
      await expectOneAlarmPerWarning(N);
    });

    it('warnings published just before a crash, not yet handled, become alarms after the restart (the journaled in-process bus)', async () => {
      const journaled = () =>
        createInProcessBus({ journal: new DbBusJournal(db), journaled: ['events'], journalDropDelayMs: 0 });
      // The job publishes and marks the warnings published; the process dies before the alarm
      // consumers have read them (here: before they subscribed at all).
      const before = journaled();
      await before.ensureStream({ name: 'events', subjects: ['events.>'] });
      expect(await runExpiryWarnings(db, before, TODAY)).toHaveLength(N);
      expect(
        await count(`SELECT count(*)::int AS n FROM certificate_warnings WHERE published_at IS NULL`),
      ).toBe(0);
      expect(await alarms()).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM bus_journal')).toBe(N);

      const after = journaled();
      const restarted = await startAlarmConsumers(
        after,
        newService(),
        logger,
        () => new Date('2026-11-22T01:00:00Z'),
      );
      await until(async () => (await alarms()) === N);
      await until(async () => (await count('SELECT count(*)::int AS n FROM bus_journal')) === 0);
      for (const s of restarted) await s.stop();
      await after.close();
      await expectOneAlarmPerWarning(N);
    });
  });
}
