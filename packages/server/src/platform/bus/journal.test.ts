import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { testDatabases } from '../db/testing.js';
import type { Bus, BusMessage } from './bus.js';
import { busContract, until } from './contract.js';
import { createInProcessBus } from './inprocess.js';
import { DbBusJournal, type BusJournal, type JournalEntry } from './journal.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

let n = 0;
/** A stream name of its own per test (the journal tables are shared within a database). */
const fresh = () => `j${process.pid}_${Date.now().toString(36)}_${n++}`;

for (const target of testDatabases()) {
  describe(`in-process bus with a journal on ${target.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      // Only the platform's own tables: the journal needs nothing else.
      await migrate(
        db,
        (await loadMigrations()).filter((m) => m.id < 100),
      );
    });
    afterAll(async () => {
      await cleanup();
    });

    const journaledBus = (dropDelayMs = 0): Bus =>
      createInProcessBus({
        journal: new DbBusJournal(db),
        journaled: () => true,
        journalDropDelayMs: dropDelayMs,
      });
    const rows = async (stream: string) =>
      (
        await db.query<{ id: string; subject: string; msg_id: string | null }>(
          'SELECT id::text, subject, msg_id FROM bus_journal WHERE stream = $1 ORDER BY id',
          [stream],
        )
      ).rows;

    describe('the shared contract holds with every stream journaled', () => {
      busContract(`in-process, journaled on ${target.name}`, async () => journaledBus());
    });

    it('keeps a published message until it is settled: a restart delivers what was not, once', async () => {
      const stream = fresh();
      const spec = { name: stream, subjects: [`${stream}.>`] };
      const before = journaledBus();
      await before.ensureStream(spec);
      await before.publish(`${stream}.a`, enc('m1'), { msgId: 'id-1' });
      await before.publish(`${stream}.a`, enc('m2'), { msgId: 'id-2' });
      await before.publish(`${stream}.a`, enc('m3 中文 "q" \\ \u0000'), { msgId: 'id-3' });
      expect((await rows(stream)).map((r) => r.msg_id)).toEqual(['id-1', 'id-2', 'id-3']);
      const got: BusMessage[] = [];
      await before.subscribe({ stream, durable: 'alarms' }, (m) => {
        got.push(m);
      });
      await until(() => got.length === 3);
      got[0]!.ack();
      await until(async () => (await rows(stream)).length === 2);
      // The process dies here: `before` is abandoned, not closed.

      const after = journaledBus();
      await after.ensureStream(spec);
      const again: BusMessage[] = [];
      await after.subscribe({ stream, durable: 'alarms' }, (m) => {
        again.push(m);
        m.ack();
      });
      await until(() => again.length === 2);
      expect(again.map((m) => dec(m.data))).toEqual(['m2', 'm3 中文 "q" \\ \u0000']);
      expect(again.map((m) => m.subject)).toEqual([`${stream}.a`, `${stream}.a`]);
      // Their ids still de-duplicate: the same event published again (an outbox) is dropped.
      await after.publish(`${stream}.a`, enc('m2 again'), { msgId: 'id-2' });
      await after.publish(`${stream}.a`, enc('m4'), { msgId: 'id-4' });
      await until(() => again.length === 3);
      expect(dec(again[2]!.data)).toBe('m4');
      await after.close();
      expect(await rows(stream)).toEqual([]);
    });

    it('after a restart keeps the messages of a consumer that subscribes late, however soon another settles everything', async () => {
      const stream = fresh();
      const spec = { name: stream, subjects: [`${stream}.>`] };
      const before = journaledBus();
      await before.ensureStream(spec);
      await before.subscribe({ stream, durable: 'rules', filter: `${stream}.rules.>` }, () => undefined);
      await before.subscribe({ stream, durable: 'certificates', filter: `${stream}.cert` }, () => undefined);
      await before.publish(`${stream}.rules.overspeed`, enc('r1'));
      await before.publish(`${stream}.cert`, enc('c1'));

      const after = journaledBus();
      await after.ensureStream(spec);
      const rules: string[] = [];
      await after.subscribe({ stream, durable: 'rules', filter: `${stream}.rules.>` }, (m) => {
        rules.push(dec(m.data));
        m.ack();
      });
      await until(() => rules.length === 1);
      await new Promise((r) => setTimeout(r, 50)); // a drop, had one been due, has run
      // Both kept: the certificates consumer, known from before, has not read past either yet.
      expect((await rows(stream)).map((r) => r.subject)).toEqual([
        `${stream}.rules.overspeed`,
        `${stream}.cert`,
      ]);
      const certs: string[] = [];
      await after.subscribe({ stream, durable: 'certificates', filter: `${stream}.cert` }, (m) => {
        certs.push(dec(m.data));
        m.ack();
      });
      await until(() => certs.length === 1);
      expect(certs).toEqual(['c1']);
      await until(async () => (await rows(stream)).length === 0);
      await after.close();
    });

    it('forgets a consumer not subscribed within a week of the latest subscription, not one stopped with the rest', async () => {
      const stream = fresh();
      await db.query(
        `INSERT INTO bus_journal_consumers (stream, durable, filter, seen_at) VALUES
           ($1, 'renamed', '>', now() - interval '40 days'),
           ($1, 'alarms', '>', now() - interval '30 days'),
           ($1, 'rules', '>', now() - interval '31 days')`,
        [stream],
      );
      const { consumers } = await new DbBusJournal(db).load(stream);
      expect(consumers.map((c) => c.durable)).toEqual(['alarms', 'rules']);
    });

    it('publishes after a restart continue the order (and the journal ids) where they stopped', async () => {
      const stream = fresh();
      const spec = { name: stream, subjects: [`${stream}.>`] };
      const before = journaledBus();
      await before.ensureStream(spec);
      await before.publish(`${stream}.x`, enc('1'));
      await before.publish(`${stream}.x`, enc('2'));
      const after = journaledBus();
      await after.ensureStream(spec);
      await after.publish(`${stream}.x`, enc('3'));
      expect((await rows(stream)).map((r) => Number(r.id))).toEqual([1, 2, 3]);
      const got: string[] = [];
      await after.subscribe({ stream, durable: 'c' }, (m) => {
        got.push(dec(m.data));
        m.ack();
      });
      await until(() => got.length === 3);
      expect(got).toEqual(['1', '2', '3']);
      await after.close();
    });
  });
}

/** A journal in memory whose writes can be held or failed. */
class FakeJournal implements BusJournal {
  entries: JournalEntry[] = [];
  gate: Promise<void> = Promise.resolve();
  failNext = false;
  async load() {
    return { entries: [...this.entries], consumers: [] };
  }
  async append(_stream: string, entries: readonly JournalEntry[]) {
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.entries.push(...entries);
  }
  async dropThrough(_stream: string, id: number) {
    this.entries = this.entries.filter((e) => e.id > id);
  }
  async addConsumer() {}
}

describe('in-process bus journal, in memory', () => {
  it('resolves a publish, and delivers it, only once the journal has it', async () => {
    const journal = new FakeJournal();
    let open!: () => void;
    journal.gate = new Promise((r) => (open = r));
    const bus = createInProcessBus({ journal, journaled: ['s'] });
    await bus.ensureStream({ name: 's', subjects: ['s.>'] });
    const got: string[] = [];
    await bus.subscribe({ stream: 's', durable: 'c' }, (m) => {
      got.push(dec(m.data));
      m.ack();
    });
    let stored = false;
    const p = bus.publish('s.1', enc('a')).then(() => (stored = true));
    const q = bus.publish('s.1', enc('b'));
    await new Promise((r) => setTimeout(r, 30));
    expect([stored, got]).toEqual([false, []]);
    open();
    await Promise.all([p, q]);
    expect(journal.entries.map((e) => e.id)).toEqual([1, 2]); // settled ones leave a second later
    await until(() => got.length === 2);
    expect(got).toEqual(['a', 'b']);
    await until(() => journal.entries.length === 0, 3000);
    await bus.close();
  });

  it('a failed journal write fails the publish and stores nothing; the same msgId can then be published', async () => {
    const journal = new FakeJournal();
    const bus = createInProcessBus({ journal, journaled: ['s'] });
    await bus.ensureStream({ name: 's', subjects: ['s.>'] });
    journal.failNext = true;
    await expect(bus.publish('s.1', enc('a'), { msgId: 'x' })).rejects.toThrow('disk full');
    const got: string[] = [];
    await bus.subscribe({ stream: 's', durable: 'c' }, (m) => {
      got.push(dec(m.data));
      m.ack();
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([]);
    await bus.publish('s.1', enc('a again'), { msgId: 'x' });
    expect(journal.entries.map((e) => [e.id, e.msgId])).toEqual([[2, 'x']]);
    await until(() => got.length === 1);
    expect(got).toEqual(['a again']);
    await bus.close();
  });

  it('streams not named are not journaled; journaled streams need a journal', async () => {
    const journal = new FakeJournal();
    const bus = createInProcessBus({ journal, journaled: ['events'] });
    await bus.ensureStream({ name: 'positions', subjects: ['positions.>'] });
    await bus.publish('positions.1', enc('p'));
    expect(journal.entries).toEqual([]);
    await bus.close();
    expect(() => createInProcessBus({ journaled: ['events'] })).toThrow('journaled streams need a journal');
  });
});
