/**
 * The store consumer (JetStream mode): one durable consumer per partition subject
 * (`positions.<p>`, durable `store_<p>`), messages gathered into batches across partitions, each
 * batch written in one transaction and its messages acknowledged only after the commit. A failed
 * write naks them for redelivery; a crash between commit and ack redelivers them too, which the
 * store's idempotent write turns into no-ops (see store.ts).
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import { decodePositions } from './codec.js';
import type { CheckedPosition } from './position.js';
import type { PositionStore, WriteResult } from './store.js';
import { partitionSubject, type PositionTopic } from './subjects.js';

export interface StoreConsumerOptions {
  bus: Bus;
  store: Pick<PositionStore, 'write'>;
  topic: PositionTopic;
  logger: Logger;
  batchSize: number;
  lingerMs: number;
  /** Unacknowledged messages per partition (each up to 1000 fixes). */
  maxAckPending?: number;
  ackWaitMs?: number;
  /** Batches written at once (PostgreSQL: 2 lets one be serialized while the other commits). */
  maxInFlight?: number;
  /** Delay before a batch whose write failed is redelivered, in ms. */
  retryDelayMs?: number;
}

interface Held {
  msg: BusMessage;
  positions: CheckedPosition[];
}

export interface StoreConsumerStats {
  batches: number;
  inserted: number;
  duplicates: number;
  outsideRetention: number;
  failures: number;
}

export class StoreConsumer {
  private subs: Subscription[] = [];
  private held: Held[] = [];
  private heldCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];
  private stopping = false;
  private aborted = false;
  readonly stats: StoreConsumerStats = {
    batches: 0,
    inserted: 0,
    duplicates: 0,
    outsideRetention: 0,
    failures: 0,
  };

  constructor(private readonly options: StoreConsumerOptions) {}

  async start(): Promise<void> {
    const { topic } = this.options;
    for (let p = 0; p < topic.partitions; p++) {
      const sub = await this.options.bus.subscribe(
        {
          stream: topic.stream,
          durable: `store_${p}`,
          filter: partitionSubject(topic, p),
          maxAckPending: this.options.maxAckPending ?? 64,
          ackWaitMs: this.options.ackWaitMs ?? 30_000,
        },
        (msg) => this.receive(msg),
      );
      this.subs.push(sub);
    }
  }

  /** Graceful stop: writes and acknowledges what it holds, then stops the subscriptions. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.drained();
    await this.stopSubscriptions();
  }

  /**
   * Stops at once, writing and acknowledging nothing more: what a crash does. What it held comes
   * back to the next consumer of the same durables.
   */
  async abort(): Promise<void> {
    this.stopping = true;
    this.aborted = true;
    if (this.timer) clearTimeout(this.timer);
    this.held = [];
    this.heldCount = 0;
    for (const w of this.idle.splice(0)) w();
    await this.stopSubscriptions();
  }

  private async stopSubscriptions(): Promise<void> {
    const subs = this.subs;
    this.subs = [];
    await Promise.all(subs.map((s) => s.stop()));
  }

  private receive(msg: BusMessage): void {
    // While stopping, leave new deliveries unacknowledged: the next subscription gets them.
    if (this.stopping) return;
    let positions: CheckedPosition[];
    try {
      positions = decodePositions(msg.data);
    } catch (err) {
      this.options.logger.error(
        { cat: 'pipeline', subject: msg.subject, seq: msg.seq, err },
        'undecodable position batch dropped',
      );
      msg.term();
      return;
    }
    this.held.push({ msg, positions });
    this.heldCount += positions.length;
    if (this.heldCount >= this.options.batchSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
  }

  /** Starts writing held messages, up to maxInFlight batches at once. */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const max = this.options.maxInFlight ?? 1;
    while (this.inFlight < max && this.held.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.writeBatch(batch).finally(() => {
        this.inFlight--;
        // What arrived during the write is the next batch (group commit): write it now.
        if (this.held.length > 0) this.flush();
        if (this.inFlight === 0 && this.held.length === 0) for (const w of this.idle.splice(0)) w();
      });
    }
  }

  private async drained(): Promise<void> {
    if (this.held.length > 0) this.flush();
    while (this.inFlight > 0 || this.held.length > 0) await new Promise<void>((r) => this.idle.push(r));
  }

  private takeBatch(): Held[] {
    let n = 0;
    let i = 0;
    while (
      i < this.held.length &&
      (i === 0 || n + this.held[i]!.positions.length <= this.options.batchSize)
    ) {
      n += this.held[i]!.positions.length;
      i++;
    }
    const batch = this.held.splice(0, i);
    this.heldCount -= n;
    return batch;
  }

  private async writeBatch(batch: Held[]): Promise<void> {
    let result: WriteResult;
    try {
      result = await this.options.store.write(batch.flatMap((h) => h.positions));
    } catch (err) {
      if (this.aborted) return;
      this.stats.failures++;
      this.options.logger.error(
        { cat: 'pipeline', err, messages: batch.length },
        'position batch not stored; will retry',
      );
      for (const h of batch) h.msg.nak(this.options.retryDelayMs ?? 1000);
      return;
    }
    if (this.aborted) return; // "crashed" after the commit: the acknowledgement never happens
    for (const h of batch) h.msg.ack();
    this.stats.batches++;
    this.stats.inserted += result.inserted;
    this.stats.duplicates += result.duplicates;
    this.stats.outsideRetention += result.outsideRetention;
    if (result.outsideRetention > 0) {
      this.options.logger.warn(
        { cat: 'pipeline', count: result.outsideRetention },
        'fixes outside the retention window not stored',
      );
    }
  }
}
