/**
 * The producer API: `ingest(positions)` resolves only when the positions are durable, so the
 * gateway may send a terminal its 0x8001 reply after awaiting it (a terminal resends what was
 * not acknowledged, and the store is idempotent, so this one rule makes the path lossless).
 *
 * Two modes, chosen by the pipeline from the bus:
 *   - 'store' (in-process bus): durable = committed to the database. Ingest writes the batch to
 *     the store, then publishes it for the live state and the rule engine.
 *   - 'bus' (JetStream): durable = acknowledged by JetStream (PubAck). The store consumer
 *     (consumer.ts) writes it to the database.
 * Either way, concurrent calls are gathered into batches (batcher.ts) and every fix is checked
 * for validity once, here, at the edge.
 */
import type { Bus } from '../../platform/bus/bus.js';
import { Batcher } from './batcher.js';
import { carryPositions, encodeAndKeep } from './codec.js';
import { checkPosition, type CheckedPosition, type Position } from './position.js';
import type { PositionStore } from './store.js';
import { subjectOf, type PositionTopic } from './subjects.js';

export type Durability = 'store' | 'bus';

export interface IngestOptions {
  bus: Bus;
  store: PositionStore;
  topic: PositionTopic;
  durability: Durability;
  batchSize: number;
  lingerMs: number;
  futureSkewMs: number;
  /** Concurrent batch writes (database connections or PubAcks awaited at once). */
  maxInFlight: number;
  now?: () => Date;
}

/** Fixes in one bus message: keeps a message well under NATS's default 1 MiB payload limit. */
export const MESSAGE_MAX_POSITIONS = 1000;

export interface PositionIngest {
  ingest(positions: readonly Position[]): Promise<void>;
  /** Waits until every accepted call has settled. */
  drain(): Promise<void>;
}

/** Publishes a batch, one message per partition (and per MESSAGE_MAX_POSITIONS fixes). */
export async function publishPositions(
  bus: Bus,
  topic: PositionTopic,
  batch: readonly CheckedPosition[],
): Promise<void> {
  const bySubject = new Map<string, CheckedPosition[]>();
  for (const p of batch) {
    const subject = subjectOf(topic, p.vehicleId);
    let list = bySubject.get(subject);
    if (!list) bySubject.set(subject, (list = []));
    list.push(p);
  }
  const sends: Promise<void>[] = [];
  // In process the consumers read the fixes themselves; JSON only for a bus between processes,
  // whose consumers in this process still read the fixes from memory while they are kept.
  const encode =
    bus.kind === 'inprocess' ? carryPositions : (b: readonly CheckedPosition[]) => encodeAndKeep(b);
  for (const [subject, list] of bySubject) {
    for (let i = 0; i < list.length; i += MESSAGE_MAX_POSITIONS) {
      sends.push(bus.publish(subject, encode(list.slice(i, i + MESSAGE_MAX_POSITIONS))));
    }
  }
  await Promise.all(sends);
}

export function createIngest(options: IngestOptions): PositionIngest {
  const now = options.now ?? (() => new Date());
  // Store mode: batches commit side by side (maxInFlight), but are published in the order they
  // were formed. A later batch that committed first waits for the earlier one's publish: the rule
  // engine processes a vehicle's fixes in arrival order and sets aside a fix older than one it has
  // already run (as a late 0x0704 supplement), so a swapped pair of batches lost the earlier fix's
  // rules — an emergency bit in it, say. A batch whose commit failed is skipped (its callers were
  // refused and their terminals resend).
  let publishTurn: Promise<void> = Promise.resolve();
  const write =
    options.durability === 'store'
      ? (batch: CheckedPosition[]) => {
          const committed = options.store.write(batch);
          const previous = publishTurn;
          const published = (async () => {
            await committed;
            await previous;
            await publishPositions(options.bus, options.topic, batch);
          })();
          publishTurn = published.catch(() => undefined);
          return published;
        }
      : (batch: CheckedPosition[]) => publishPositions(options.bus, options.topic, batch);
  const batcher = new Batcher<CheckedPosition>(write, {
    maxItems: options.batchSize,
    lingerMs: options.lingerMs,
    maxInFlight: options.maxInFlight,
  });
  return {
    ingest(positions) {
      const at = now();
      return batcher.add(positions.map((p) => checkPosition(p, at, options.futureSkewMs)));
    },
    drain: () => batcher.drain(),
  };
}
