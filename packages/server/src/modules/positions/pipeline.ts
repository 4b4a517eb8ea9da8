/**
 * Wires the position pipeline from config: the store, the ingest API, the store consumer (when
 * JetStream carries durability) and the live state. One instance per process, made by the
 * module plugin (index.ts) and reachable as `app.positions` for the gateway and the HTTP ingest.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../../config.js';
import type { Bus } from '../../platform/bus/bus.js';
import type { Db } from '../../platform/db/db.js';
import { StoreConsumer } from './consumer.js';
import { createIngest, type Durability, type PositionIngest } from './ingest.js';
import { LiveState } from './live.js';
import type { Position } from './position.js';
import { PositionStore } from './store.js';
import { defaultTopic, streamSpec, type PositionTopic } from './subjects.js';

export interface PipelineDeps {
  config: Config;
  db: Db;
  bus: Bus;
  logger: Logger;
}

export interface PipelineOptions {
  topic?: PositionTopic;
  /** Defaults to 'bus' on JetStream, 'store' on the in-process bus. */
  durability?: Durability;
  /** Partition upkeep (create ahead, drop past retention) interval, in ms. */
  maintainEveryMs?: number;
}

export interface PositionPipeline {
  /** Resolves once the positions are durable; the gateway replies 0x8001 after it. */
  ingest(positions: readonly Position[]): Promise<void>;
  readonly durability: Durability;
  readonly topic: PositionTopic;
  readonly store: PositionStore;
  readonly live: LiveState;
  readonly consumer: StoreConsumer | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createPositionPipeline(deps: PipelineDeps, options: PipelineOptions = {}): PositionPipeline {
  const { config, db, bus } = deps;
  const logger = deps.logger.child({ cat: 'pipeline' });
  const topic = options.topic ?? defaultTopic(config.BUS_PARTITIONS);
  const durability = options.durability ?? (bus.kind === 'jetstream' ? 'bus' : 'store');
  const store = new PositionStore(db, { retentionDays: config.POSITION_RETENTION_DAYS });
  const ingest: PositionIngest = createIngest({
    bus,
    store,
    topic,
    durability,
    batchSize: config.POSITION_BATCH_SIZE,
    lingerMs: config.POSITION_LINGER_MS,
    futureSkewMs: config.POSITION_FUTURE_SKEW_S * 1000,
    // PGlite is one connection. On PostgreSQL and JetStream two batches at once: one is sent while
    // the other commits; more only cuts the same positions into smaller batches, i.e. more commits
    // and more socket writes per position (bench:ingest: 4 → 2 cut the gateway's CPU per position
    // by about a quarter and PostgreSQL's by a third).
    maxInFlight: durability === 'store' && db.kind === 'pglite' ? 1 : 2,
  });
  const consumer =
    durability === 'bus'
      ? new StoreConsumer({
          bus,
          store,
          topic,
          logger,
          batchSize: config.POSITION_BATCH_SIZE,
          lingerMs: Math.max(config.POSITION_LINGER_MS, 20),
          maxInFlight: db.kind === 'pglite' ? 1 : 2,
        })
      : undefined;
  const live = new LiveState({
    db,
    bus,
    topic,
    logger,
    offlineAfterMs: config.LIVE_OFFLINE_AFTER_S * 1000,
    flushIntervalMs: config.LIVE_FLUSH_INTERVAL_MS,
  });
  let upkeep: NodeJS.Timeout | undefined;
  const maintain = async (): Promise<void> => {
    try {
      const { dropped } = await store.maintain();
      if (dropped.length > 0) logger.info({ dropped }, 'position partitions past the retention dropped');
    } catch (err) {
      logger.error({ err }, 'position partition upkeep failed');
    }
  };

  return {
    ingest: (positions) => ingest.ingest(positions),
    durability,
    topic,
    store,
    live,
    consumer,
    async start() {
      await bus.ensureStream(streamSpec(topic));
      await store.maintain();
      upkeep = setInterval(() => void maintain(), options.maintainEveryMs ?? 3_600_000);
      upkeep.unref();
      await consumer?.start();
      await live.start();
      logger.info({ durability, partitions: topic.partitions }, 'position pipeline started');
    },
    async stop() {
      if (upkeep) clearInterval(upkeep);
      await ingest.drain();
      await consumer?.stop();
      await live.stop();
    },
  };
}
