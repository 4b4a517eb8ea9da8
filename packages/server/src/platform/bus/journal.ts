/**
 * The in-process bus's journal port and its database adapter (tables of migration 0002). The
 * in-process bus writes each message of a journaled stream here before its publish resolves and
 * deletes it once every durable consumer has settled it; a new bus loads what is left, so the
 * messages a crash caught between publish and acknowledgement are delivered again (at least
 * once, as on JetStream: consumers are idempotent). See inprocess.ts `journal`.
 *
 * One process owns a stream's journal, as the in-process bus is one process's: ids are handed out
 * by that process from the largest it loaded, so a second server on the same database with the
 * in-process bus would collide on them (its publishes fail). Several servers need JetStream.
 */
import type { Queryable } from '../db/db.js';

export interface JournalEntry {
  /** Publish order within the stream, from 1. */
  id: number;
  subject: string;
  msgId: string | undefined;
  data: Uint8Array;
  /** Publish time, epoch ms. */
  at: number;
}

export interface JournalConsumer {
  durable: string;
  filter: string;
}

export interface BusJournal {
  /** The stream's entries, in id order, and its known durable consumers. */
  load(stream: string): Promise<{ entries: JournalEntry[]; consumers: JournalConsumer[] }>;
  /** Stores entries atomically (all or none). */
  append(stream: string, entries: readonly JournalEntry[]): Promise<void>;
  /** Deletes the stream's entries with id ≤ `id`. */
  dropThrough(stream: string, id: number): Promise<void>;
  /** Records a durable consumer of the stream (its filter as last subscribed). */
  addConsumer(stream: string, consumer: JournalConsumer): Promise<void>;
}

export class DbBusJournal implements BusJournal {
  constructor(private readonly db: Queryable) {}

  async load(stream: string): Promise<{ entries: JournalEntry[]; consumers: JournalConsumer[] }> {
    const rows = await this.db.query<{
      id: string;
      subject: string;
      msg_id: string | null;
      data: string;
      at: string;
    }>(
      `SELECT id::text, subject, msg_id, encode(data, 'base64') AS data,
              (extract(epoch FROM published_at) * 1000)::bigint::text AS at
         FROM bus_journal WHERE stream = $1 ORDER BY id`,
      [stream],
    );
    // A consumer not subscribed within a week of the stream's latest subscription is gone (renamed
    // or removed in an upgrade): forgotten, or the stream would keep every message for it forever.
    // Measured against the latest subscription, not the clock, so a long stop forgets nobody.
    await this.db.query(
      `DELETE FROM bus_journal_consumers
        WHERE stream = $1
          AND seen_at < (SELECT max(seen_at) FROM bus_journal_consumers WHERE stream = $1) - interval '7 days'`,
      [stream],
    );
    const consumers = await this.db.query<JournalConsumer>(
      'SELECT durable, filter FROM bus_journal_consumers WHERE stream = $1 ORDER BY durable',
      [stream],
    );
    return {
      entries: rows.rows.map((r) => ({
        id: Number(r.id),
        subject: r.subject,
        msgId: r.msg_id ?? undefined,
        data: new Uint8Array(Buffer.from(r.data, 'base64')),
        at: Number(r.at),
      })),
      consumers: consumers.rows,
    };
  }

  async append(stream: string, entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One statement for the whole batch: atomic, one round trip.
    await this.db.query(
      `INSERT INTO bus_journal (stream, id, subject, msg_id, data, published_at)
       SELECT $1, e.id, e.subject, e.msg_id, decode(e.data, 'base64'), to_timestamp(e.at / 1000.0)
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::float8[])
              AS e(id, subject, msg_id, data, at)`,
      [
        stream,
        entries.map((e) => e.id),
        entries.map((e) => e.subject),
        entries.map((e) => e.msgId ?? null),
        entries.map((e) =>
          Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString('base64'),
        ),
        entries.map((e) => e.at),
      ],
    );
  }

  async dropThrough(stream: string, id: number): Promise<void> {
    await this.db.query('DELETE FROM bus_journal WHERE stream = $1 AND id <= $2', [stream, id]);
  }

  async addConsumer(stream: string, consumer: JournalConsumer): Promise<void> {
    await this.db.query(
      `INSERT INTO bus_journal_consumers (stream, durable, filter) VALUES ($1, $2, $3)
       ON CONFLICT (stream, durable) DO UPDATE SET filter = EXCLUDED.filter, seen_at = now()`,
      [stream, consumer.durable, consumer.filter],
    );
  }
}
