/**
 * The bus port: publish / subscribe with explicit acknowledgement and partitioned subjects.
 * Shaped after NATS JetStream so the two adapters share one contract:
 *   - a stream stores the messages of its subjects; publish resolves once the message is stored;
 *   - a durable consumer (by name) keeps its progress in the bus, so a new subscription with the
 *     same name resumes where the last one stopped, and what was delivered but not acknowledged
 *     is delivered again;
 *   - a message is acknowledged explicitly (ack), returned for redelivery (nak), or given up (term);
 *     one not acknowledged within ackWait is redelivered; after maxDeliver deliveries it is
 *     dropped and reported as dead.
 * Subjects use NATS tokens: `positions.7`; filters may use `*` (one token) and `>` (the rest).
 */

export interface StreamSpec {
  name: string;
  subjects: string[];
  /** Most messages kept; when full, publish waits (back-pressure) rather than dropping. */
  maxMessages?: number;
  /** Drop messages older than this, in ms (0 = keep until consumed). */
  maxAgeMs?: number;
}

export interface PublishOptions {
  /** De-duplication id: a second publish with the same id in the window is ignored. */
  msgId?: string;
}

export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** Stream sequence number, increasing per stream. */
  readonly seq: number;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  ack(): void;
  /** Redeliver, after delayMs. */
  nak(delayMs?: number): void;
  /** Never deliver again. */
  term(): void;
}

export interface ConsumerSpec {
  stream: string;
  /** Durable consumer name; progress survives the subscription. */
  durable: string;
  /** Subject filter within the stream; defaults to all its subjects. */
  filter?: string;
  /** Most delivered-but-unacknowledged messages at once (back-pressure on the consumer). */
  maxAckPending?: number;
  /** Redeliver a message not acknowledged within this time, in ms. */
  ackWaitMs?: number;
  /** After this many deliveries a message is dropped and reported dead. */
  maxDeliver?: number;
}

/**
 * Called for each delivered message, in stream order. The handler may acknowledge later (to
 * batch); a handler that throws has its message returned for redelivery.
 */
export type MessageHandler = (msg: BusMessage) => Promise<void> | void;

export interface Subscription {
  /** Stops delivery; unacknowledged messages go back to the consumer for its next subscription. */
  stop(): Promise<void>;
}

export interface DeadLetter {
  stream: string;
  durable: string;
  subject: string;
  seq: number;
  deliveries: number;
}

export interface Bus {
  readonly kind: 'inprocess' | 'jetstream';
  ensureStream(spec: StreamSpec): Promise<void>;
  publish(subject: string, data: Uint8Array, options?: PublishOptions): Promise<void>;
  subscribe(spec: ConsumerSpec, handler: MessageHandler): Promise<Subscription>;
  /**
   * Creates the durable consumer if it does not exist, without subscribing: from then on the
   * stream keeps what it has not settled for it. A module with several consumers of one stream
   * ensures them all before it subscribes any, so none misses what arrived in between.
   */
  ensureConsumer(spec: ConsumerSpec): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const consumerDefaults = {
  maxAckPending: 1000,
  ackWaitMs: 30_000,
  maxDeliver: 10,
} as const;

/** NATS subject matching: `*` matches one token, `>` one or more trailing tokens. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const tok = f[i];
    if (tok === '>') return s.length > i;
    if (i >= s.length) return false;
    if (tok !== '*' && tok !== s[i]) return false;
  }
  return f.length === s.length;
}

/**
 * The partition of a key (a vehicle id): FNV-1a 32-bit, so every process and language agrees and
 * all messages of one vehicle share one partition, one consumer and one order.
 */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}

/** A consumer spec with the bus defaults filled in (the filter stays absent when not given). */
export function withConsumerDefaults(
  spec: ConsumerSpec,
): Required<Omit<ConsumerSpec, 'filter'>> & { filter?: string } {
  return {
    stream: spec.stream,
    durable: spec.durable,
    maxAckPending: spec.maxAckPending ?? consumerDefaults.maxAckPending,
    ackWaitMs: spec.ackWaitMs ?? consumerDefaults.ackWaitMs,
    maxDeliver: spec.maxDeliver ?? consumerDefaults.maxDeliver,
    ...(spec.filter === undefined ? {} : { filter: spec.filter }),
  };
}
