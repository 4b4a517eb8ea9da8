/**
 * In-process bus: the embedded default. Same contract as JetStream (see bus.ts) but held in
 * memory, so "stored" means stored in this process — the position pipeline makes a location
 * durable by committing it to the database before it is acknowledged to a terminal. Streams
 * named in `journaled` (the domain events, in the server) are also written to a `BusJournal` (the
 * database) before a publish resolves and deleted from it once every durable consumer has settled
 * them; a new bus loads them again, so a crash loses none of them (they are delivered again: at
 * least once, as on JetStream).
 */
import {
  withConsumerDefaults,
  subjectMatches,
  type Bus,
  type BusMessage,
  type ConsumerSpec,
  type DeadLetter,
  type MessageHandler,
  type PublishOptions,
  type StreamSpec,
  type Subscription,
} from './bus.js';
import type { BusJournal, JournalEntry } from './journal.js';

interface Stored {
  seq: number;
  subject: string;
  data: Uint8Array;
  at: number;
  /** Journal id (journaled streams), else 0. */
  jid: number;
}

interface JournalWrite {
  entry: JournalEntry;
  resolve(): void;
  reject(err: unknown): void;
}

interface Consumer {
  spec: Required<Omit<ConsumerSpec, 'filter'>> & { filter: string };
  /** Next stream sequence not yet delivered. */
  cursor: number;
  /**
   * Delivered and not yet acknowledged: seq → ack deadline (epoch ms). Deadlines are now +
   * ackWaitMs at delivery, so the map's insertion order is deadline order and one timer, armed
   * for the first entry, serves them all (a timer per message cost more than the delivery).
   */
  pending: Map<number, number>;
  ackTimer: NodeJS.Timeout | undefined;
  /** Subject → whether the filter matches it (a stream has few subjects). */
  matches: Map<string, boolean>;
  /** Ready for redelivery, in sequence order. */
  redeliver: number[];
  /** Delayed redeliveries (nak with delay). */
  delayed: Map<number, NodeJS.Timeout>;
  /** Delivery counts of messages not yet settled. */
  deliveries: Map<number, number>;
  handler: MessageHandler | null;
  pumping: boolean;
  loop: Promise<void>;
}

/** What a journaled stream keeps of its journal. */
interface StreamJournal {
  store: BusJournal;
  /** Resolves once the journal's messages and consumers are loaded (publish and subscribe wait for it). */
  ready: Promise<void>;
  nextId: number;
  /** Publishes waiting for the next write; one write is in flight at a time, so ids enter the log in order. */
  queue: JournalWrite[];
  writing: boolean;
  /** Highest journal id trimmed from the log, and the highest deleted from the journal. */
  trimmedThrough: number;
  droppedThrough: number;
  dropTimer: NodeJS.Timeout | undefined;
  dropping: Promise<void>;
}

class Stream {
  readonly log: Stored[] = [];
  head = 0;
  nextSeq = 1;
  readonly consumers = new Map<string, Consumer>();
  /**
   * msgId → end of its de-duplication window, oldest first (an id is deleted before it is set
   * again), so expired ids are dropped from the front: `forget` reads only what it deletes.
   */
  readonly dedup = new Map<string, number>();
  readonly capacityWaiters: (() => void)[] = [];
  /** Consumers to pump after the acknowledgements of this microtask turn, which trims once. */
  readonly settled = new Set<Consumer>();
  journal: StreamJournal | undefined;
  constructor(readonly spec: StreamSpec) {}

  get size(): number {
    return this.log.length - this.head;
  }
  get firstSeq(): number {
    return this.nextSeq - this.size;
  }
  get(seq: number): Stored | undefined {
    return this.log[this.head + (seq - this.firstSeq)];
  }
}

export interface InProcessBusOptions {
  /** Window in which a repeated msgId is ignored, in ms. */
  dedupWindowMs?: number;
  /**
   * At most this many msgIds are remembered per stream (default 1,000,000, about 100 MB); past
   * it the oldest are forgotten before their window ends. JetStream keeps every id of its window.
   */
  dedupMaxIds?: number;
  onDeadLetter?: (dead: DeadLetter) => void;
  /** Where the `journaled` streams are kept (see the top of this file). */
  journal?: BusJournal;
  /** Names of the streams to journal, or a test of the name (needs `journal`). */
  journaled?: readonly string[] | ((stream: string) => boolean);
  /** How long after a trim the journal's settled messages are deleted, in ms (default 1000). */
  journalDropDelayMs?: number;
  /** A failed delete of settled journal messages (they are tried again with the next trim). */
  onJournalError?: (err: unknown) => void;
}

const DEFAULT_MAX_MESSAGES = 1_000_000;

export function createInProcessBus(options: InProcessBusOptions = {}): Bus {
  const streams = new Map<string, Stream>();
  const dedupWindowMs = options.dedupWindowMs ?? 120_000;
  const dedupMaxIds = options.dedupMaxIds ?? 1_000_000;
  const toJournal = options.journaled ?? [];
  const journaled = typeof toJournal === 'function' ? toJournal : (name: string) => toJournal.includes(name);
  if (options.journaled !== undefined && !options.journal)
    throw new Error('journaled streams need a journal');
  const journalDropDelayMs = options.journalDropDelayMs ?? 1000;

  /**
   * Drops the msgIds whose window has ended, and the oldest past `dedupMaxIds`. (It used to scan
   * the whole map on every publish once it held 100,000 ids, deleting nothing while they were all
   * inside the window: at 4,000 events/s that is 25 s in, and the process spent itself on it.)
   */
  function forget(dedup: Map<string, number>, now: number): void {
    for (const [id, until] of dedup) {
      if (until > now && dedup.size <= dedupMaxIds) break;
      dedup.delete(id);
    }
  }
  let closed = false;

  function streamFor(subject: string): Stream | undefined {
    for (const s of streams.values()) {
      if (s.spec.subjects.some((f) => subjectMatches(f, subject))) return s;
    }
    return undefined;
  }
  /** Subject → its stream; cleared when a stream's subjects change. */
  const streamOf = new Map<string, Stream | undefined>();
  function cachedStreamFor(subject: string): Stream | undefined {
    if (streamOf.has(subject)) return streamOf.get(subject);
    const s = streamFor(subject);
    if (streamOf.size > 10_000) streamOf.clear();
    streamOf.set(subject, s);
    return s;
  }

  function wants(c: Consumer, subject: string): boolean {
    let m = c.matches.get(subject);
    if (m === undefined) {
      m = subjectMatches(c.spec.filter, subject);
      if (c.matches.size > 10_000) c.matches.clear();
      c.matches.set(subject, m);
    }
    return m;
  }

  /** Arms the consumer's one ack-wait timer for its earliest deadline, if none is armed. */
  function armAckTimer(stream: Stream, c: Consumer): void {
    if (c.ackTimer !== undefined || closed) return;
    let first: number | undefined;
    for (const deadline of c.pending.values()) {
      first = deadline;
      break;
    }
    if (first === undefined) return;
    c.ackTimer = setTimeout(
      () => {
        c.ackTimer = undefined;
        const now = Date.now();
        for (const [seq, deadline] of c.pending) {
          if (deadline > now) break;
          c.pending.delete(seq);
          queueRedelivery(c, seq);
        }
        armAckTimer(stream, c);
        pump(stream, c);
      },
      Math.max(0, first - Date.now()),
    );
  }

  function disarmAckTimer(c: Consumer): void {
    if (c.ackTimer !== undefined) clearTimeout(c.ackTimer);
    c.ackTimer = undefined;
  }

  /** Drops what every consumer has settled, and what is older than maxAge. */
  function trim(stream: Stream): void {
    let low = stream.nextSeq;
    for (const c of stream.consumers.values()) {
      low = Math.min(low, c.cursor);
      for (const seq of c.pending.keys()) low = Math.min(low, seq);
      for (const seq of c.redeliver) low = Math.min(low, seq);
      for (const seq of c.delayed.keys()) low = Math.min(low, seq);
    }
    if (stream.consumers.size === 0) low = stream.firstSeq;
    const maxAge = stream.spec.maxAgeMs ?? 0;
    const cutoff = maxAge > 0 ? Date.now() - maxAge : -Infinity;
    while (stream.size > 0) {
      const first = stream.log[stream.head]!;
      if (first.seq >= low && first.at >= cutoff) break;
      if (stream.journal && first.jid > stream.journal.trimmedThrough)
        stream.journal.trimmedThrough = first.jid;
      stream.log[stream.head] = undefined as unknown as Stored;
      stream.head++;
    }
    if (stream.journal && stream.journal.trimmedThrough > stream.journal.droppedThrough)
      scheduleDrop(stream.journal, stream.spec.name);
    if (stream.head > 4096 && stream.head * 2 > stream.log.length) {
      stream.log.splice(0, stream.head);
      stream.head = 0;
    }
    const max = stream.spec.maxMessages ?? DEFAULT_MAX_MESSAGES;
    while (stream.size < max && stream.capacityWaiters.length > 0) stream.capacityWaiters.shift()!();
  }

  /** Deletes the trimmed messages from the journal a little later, many at once. */
  function scheduleDrop(j: StreamJournal, name: string): void {
    if (j.dropTimer !== undefined || closed) return;
    j.dropTimer = setTimeout(() => {
      j.dropTimer = undefined;
      void dropTrimmed(j, name);
    }, journalDropDelayMs);
    j.dropTimer.unref();
  }

  function dropTrimmed(j: StreamJournal, name: string): Promise<void> {
    j.dropping = j.dropping.then(async () => {
      const through = j.trimmedThrough;
      if (through <= j.droppedThrough) return;
      try {
        await j.store.dropThrough(name, through);
        j.droppedThrough = through;
      } catch (err) {
        options.onJournalError?.(err);
      }
    });
    return j.dropping;
  }

  /** Loads a journaled stream's messages (into the log, in order) and its durable consumers. */
  async function loadJournal(stream: Stream, j: StreamJournal): Promise<void> {
    const { entries, consumers } = await j.store.load(stream.spec.name);
    const now = Date.now();
    for (const e of entries) {
      stream.log.push({ seq: stream.nextSeq++, subject: e.subject, data: e.data, at: e.at, jid: e.id });
      if (e.msgId !== undefined && e.at + dedupWindowMs > now) {
        stream.dedup.delete(e.msgId);
        stream.dedup.set(e.msgId, e.at + dedupWindowMs);
      }
      j.nextId = Math.max(j.nextId, e.id + 1);
    }
    j.trimmedThrough = j.droppedThrough = entries.length > 0 ? entries[0]!.id - 1 : j.nextId - 1;
    // The consumers it had wait for these messages, however late they subscribe again.
    for (const c of consumers)
      if (!stream.consumers.has(c.durable))
        stream.consumers.set(
          c.durable,
          newConsumer(stream, { stream: stream.spec.name, durable: c.durable, filter: c.filter }),
        );
  }

  /** Writes the queued publishes of a journaled stream, then puts them in the log in order. */
  function writeJournal(stream: Stream, j: StreamJournal): void {
    if (j.writing || j.queue.length === 0) return;
    j.writing = true;
    const batch = j.queue.splice(0);
    j.store
      .append(
        stream.spec.name,
        batch.map((w) => w.entry),
      )
      .then(
        () => {
          for (const w of batch) {
            const e = w.entry;
            stream.log.push({ seq: stream.nextSeq++, subject: e.subject, data: e.data, at: e.at, jid: e.id });
          }
          for (const c of stream.consumers.values()) pump(stream, c);
          for (const w of batch) w.resolve();
        },
        (err: unknown) => {
          for (const w of batch) w.reject(err);
        },
      )
      .finally(() => {
        j.writing = false;
        writeJournal(stream, j);
      });
  }

  function newConsumer(stream: Stream, spec: ConsumerSpec): Consumer {
    return {
      spec: { ...withConsumerDefaults(spec), filter: spec.filter ?? '>' },
      cursor: stream.firstSeq,
      pending: new Map(),
      ackTimer: undefined,
      matches: new Map(),
      redeliver: [],
      delayed: new Map(),
      deliveries: new Map(),
      handler: null,
      pumping: false,
      loop: Promise.resolve(),
    };
  }

  /** The stream's durable consumer by that name, made if new (and, on a journaled stream, recorded there first). */
  async function consumerFor(spec: ConsumerSpec): Promise<{ stream: Stream; c: Consumer }> {
    if (closed) throw new Error('bus is closed');
    const stream = streams.get(spec.stream);
    if (!stream) throw new Error(`no stream named ${spec.stream}`);
    const j = stream.journal;
    if (j) {
      await j.ready;
      // Known before it takes anything: after a restart the stream keeps its messages for it.
      await j.store.addConsumer(spec.stream, { durable: spec.durable, filter: spec.filter ?? '>' });
    }
    let c = stream.consumers.get(spec.durable);
    if (!c) {
      c = newConsumer(stream, spec);
      stream.consumers.set(spec.durable, c);
    } else if (!c.handler && j) {
      // A consumer known from the journal (or subscribing again): its settings as given now.
      c.spec = newConsumer(stream, spec).spec;
      c.matches.clear();
    }
    return { stream, c };
  }

  function settle(c: Consumer, seq: number): void {
    c.pending.delete(seq);
    c.deliveries.delete(seq);
  }

  function queueRedelivery(c: Consumer, seq: number): void {
    let i = c.redeliver.length;
    while (i > 0 && c.redeliver[i - 1]! > seq) i--;
    c.redeliver.splice(i, 0, seq);
  }

  function nextSeq(stream: Stream, c: Consumer): number | undefined {
    if (c.redeliver.length > 0) return c.redeliver.shift();
    while (c.cursor < stream.nextSeq) {
      const seq = c.cursor++;
      const m = stream.get(seq);
      if (m && wants(c, m.subject)) return seq;
    }
    return undefined;
  }

  function pump(stream: Stream, c: Consumer): void {
    if (c.pumping || !c.handler || closed) return;
    c.pumping = true;
    const handler = c.handler;
    c.loop = (async () => {
      try {
        while (c.handler === handler && !closed && c.pending.size < c.spec.maxAckPending) {
          const seq = nextSeq(stream, c);
          if (seq === undefined) break;
          const stored = stream.get(seq);
          if (!stored) {
            c.deliveries.delete(seq); // expired by age
            continue;
          }
          const count = (c.deliveries.get(seq) ?? 0) + 1;
          if (count > c.spec.maxDeliver) {
            c.deliveries.delete(seq);
            options.onDeadLetter?.({
              stream: stream.spec.name,
              durable: c.spec.durable,
              subject: stored.subject,
              seq,
              deliveries: count - 1,
            });
            continue;
          }
          c.deliveries.set(seq, count);
          c.pending.set(seq, Date.now() + c.spec.ackWaitMs);
          armAckTimer(stream, c);
          const msg = message(stream, c, stored, count);
          try {
            // A handler that returns no promise (one that batches and acknowledges later) is
            // not awaited: no microtask turn per message.
            const done = handler(msg);
            if (done) await done;
          } catch {
            msg.nak();
          }
        }
      } finally {
        c.pumping = false;
        trim(stream);
      }
    })();
  }

  function message(stream: Stream, c: Consumer, stored: Stored, deliveryCount: number): BusMessage {
    const { seq } = stored;
    // Trims and pumps once per microtask turn, however many messages were settled in it.
    const later = (): void => {
      if (stream.settled.size === 0) {
        queueMicrotask(() => {
          const consumers = [...stream.settled];
          stream.settled.clear();
          trim(stream);
          for (const one of consumers) pump(stream, one);
        });
      }
      stream.settled.add(c);
    };
    return {
      subject: stored.subject,
      data: stored.data,
      seq,
      deliveryCount,
      ack() {
        if (!c.pending.has(seq)) return;
        settle(c, seq);
        later();
      },
      term() {
        if (!c.pending.has(seq)) return;
        settle(c, seq);
        later();
      },
      nak(delayMs = 0) {
        if (!c.pending.has(seq)) return;
        c.pending.delete(seq);
        if (delayMs <= 0) {
          queueRedelivery(c, seq);
          later();
          return;
        }
        c.delayed.set(
          seq,
          setTimeout(() => {
            c.delayed.delete(seq);
            queueRedelivery(c, seq);
            pump(stream, c);
          }, delayMs),
        );
        later();
      },
    };
  }

  return {
    kind: 'inprocess',

    async ensureStream(spec) {
      if (closed) throw new Error('bus is closed');
      const existing = streams.get(spec.name);
      if (existing) {
        existing.spec.subjects = spec.subjects;
        streamOf.clear();
        await existing.journal?.ready;
        return;
      }
      const stream = new Stream({ ...spec, subjects: [...spec.subjects] });
      streams.set(spec.name, stream);
      streamOf.clear();
      if (journaled(spec.name)) {
        const j: StreamJournal = {
          store: options.journal!,
          ready: Promise.resolve(),
          nextId: 1,
          queue: [],
          writing: false,
          trimmedThrough: 0,
          droppedThrough: 0,
          dropTimer: undefined,
          dropping: Promise.resolve(),
        };
        stream.journal = j;
        j.ready = loadJournal(stream, j);
        // A failed load leaves the stream unusable rather than silently empty: it is tried again by the next ensureStream.
        j.ready.catch(() => {
          if (streams.get(spec.name) === stream) streams.delete(spec.name);
          streamOf.clear();
        });
        await j.ready;
      }
    },

    async publish(subject, data, opts: PublishOptions = {}) {
      if (closed) throw new Error('bus is closed');
      const stream = cachedStreamFor(subject);
      if (!stream) throw new Error(`no stream stores subject ${subject}`);
      const j = stream.journal;
      if (j) await j.ready;
      const now = Date.now();
      if (opts.msgId !== undefined) {
        const until = stream.dedup.get(opts.msgId);
        if (until !== undefined && until > now) return;
        stream.dedup.delete(opts.msgId); // to the back of the line
        stream.dedup.set(opts.msgId, now + dedupWindowMs);
        forget(stream.dedup, now);
      }
      const max = stream.spec.maxMessages ?? DEFAULT_MAX_MESSAGES;
      while (stream.size >= max) {
        trim(stream);
        if (stream.size < max) break;
        await new Promise<void>((resolve) => stream.capacityWaiters.push(resolve));
        if (closed) throw new Error('bus is closed');
      }
      if (j) {
        // Stored once the journal has it: the log takes it then, in publish order. (Publishes
        // waiting in the same write passed the capacity check together, so a full stream can
        // exceed maxMessages by one write's worth.)
        const entry: JournalEntry = { id: j.nextId++, subject, msgId: opts.msgId, data, at: now };
        try {
          await new Promise<void>((resolve, reject) => {
            j.queue.push({ entry, resolve, reject });
            writeJournal(stream, j);
          });
        } catch (err) {
          // Not stored: a publish again with the same id must not be taken for a copy.
          if (opts.msgId !== undefined) stream.dedup.delete(opts.msgId);
          throw err;
        }
        return;
      }
      stream.log.push({ seq: stream.nextSeq++, subject, data, at: now, jid: 0 });
      for (const c of stream.consumers.values()) {
        if (wants(c, subject)) pump(stream, c);
      }
    },

    async ensureConsumer(spec) {
      await consumerFor(spec);
    },

    async subscribe(spec, handler): Promise<Subscription> {
      const { stream, c } = await consumerFor(spec);
      if (c.handler) throw new Error(`consumer ${spec.durable} already has a subscription`);
      const consumer = c;
      consumer.handler = handler;
      pump(stream, consumer);
      return {
        async stop() {
          if (consumer.handler !== handler) return;
          consumer.handler = null;
          await consumer.loop;
          // What was delivered and not acknowledged goes back for the next subscription.
          disarmAckTimer(consumer);
          for (const seq of consumer.pending.keys()) queueRedelivery(consumer, seq);
          consumer.pending.clear();
        },
      };
    },

    async ping() {
      if (closed) throw new Error('bus is closed');
    },

    async close() {
      if (closed) return;
      closed = true;
      const drops: Promise<void>[] = [];
      for (const s of streams.values()) {
        for (const c of s.consumers.values()) {
          c.handler = null;
          disarmAckTimer(c);
          for (const t of c.delayed.values()) clearTimeout(t);
        }
        for (const w of s.capacityWaiters.splice(0)) w();
        const j = s.journal;
        if (j) {
          clearTimeout(j.dropTimer);
          j.dropTimer = undefined;
          // What every consumer settled leaves the journal now, not with the next start.
          drops.push(dropTrimmed(j, s.spec.name));
        }
      }
      await Promise.all(drops);
    },
  };
}
