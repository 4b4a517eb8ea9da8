/**
 * The rule worker: a durable consumer (`rules`) of the position stream that runs every fix through
 * the rule engine and publishes the resulting episodes on `events.rules.<type>`, each with a
 * de-duplication id, before acknowledging the positions — so a crash redelivers the positions
 * and the bus drops the events already published. Time-driven rules (offline) run on a tick;
 * engine state is snapshotted to `rule_state` so a restart remembers continuous driving.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import { EVENTS_STREAM } from '../../platform/bus/streams.js';
import type { Db } from '../../platform/db/db.js';
import { RuleEngine } from '../../rules/engine.js';
import { persistDirty, restoreAll } from '../../rules/state-store.js';
import type { RuleEvent } from '../../rules/types.js';
import { decodePositions } from '../positions/codec.js';
import type { PositionTopic } from '../positions/subjects.js';
import { ArchiveRuleContext } from './context.js';
import { toRuleFix } from './fix.js';
import { DbRuleStateStore } from './state-store.js';
import { recordTrip } from './trips.js';

export const RULE_EVENTS_PREFIX = 'events.rules';

const encoder = new TextEncoder();

export interface RuleWorkerOptions {
  db: Db;
  bus: Bus;
  topic: PositionTopic;
  logger: Logger;
  reorderWindowMs: number;
  /** See EngineOptions.contiguousMs. */
  contiguousMs?: number;
  tickMs?: number;
  snapshotEveryMs?: number;
  contextRefreshMs?: number;
  /** How often the waybills changed since the last read are read (0 = only on `waybillsChanged`). */
  waybillRefreshMs?: number;
  waybillPlaceRadiusM?: number;
  defaultCorridorM?: number;
  now?: () => number;
}

export class RuleWorker {
  readonly context: ArchiveRuleContext;
  readonly engine: RuleEngine;
  private readonly store: DbRuleStateStore;
  private sub: Subscription | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  published = 0;

  constructor(private readonly o: RuleWorkerOptions) {
    this.context = new ArchiveRuleContext(o.db, {
      ...(o.waybillPlaceRadiusM === undefined ? {} : { waybillPlaceRadiusM: o.waybillPlaceRadiusM }),
      ...(o.defaultCorridorM === undefined ? {} : { defaultCorridorM: o.defaultCorridorM }),
    });
    this.engine = new RuleEngine(this.context, {
      reorderWindowMs: o.reorderWindowMs,
      contiguousMs: o.contiguousMs,
    });
    this.store = new DbRuleStateStore(o.db);
    this.now = o.now ?? Date.now;
  }

  /** The bus the events go to (for consumers wired alongside, and tests). */
  get bus(): Bus {
    return this.o.bus;
  }

  async start(): Promise<void> {
    await this.o.bus.ensureStream(EVENTS_STREAM);
    const loaded = await this.context.refresh();
    const restored = await restoreAll(this.engine, this.store);
    this.o.logger.info({ cat: 'rules', ...loaded, restored }, 'rule worker started');
    this.sub = await this.o.bus.subscribe(
      { stream: this.o.topic.stream, durable: 'rules', maxAckPending: 200, ackWaitMs: 60_000 },
      (msg) => this.handle(msg),
    );
    const every = (ms: number, fn: () => Promise<unknown>): void => {
      const t = setInterval(() => {
        fn().catch((err: unknown) => this.o.logger.error({ cat: 'rules', err }, 'rule worker job failed'));
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.o.tickMs ?? 10_000, () => this.publish(this.engine.tick(this.now())));
    every(this.o.snapshotEveryMs ?? 30_000, () => persistDirty(this.engine, this.store));
    every(this.o.contextRefreshMs ?? 300_000, () => this.context.refresh());
    const waybillEvery = this.o.waybillRefreshMs ?? 15_000;
    if (waybillEvery > 0) every(waybillEvery, () => this.waybillsChanged());
  }

  /**
   * Hook for modules that change waybills (create, check, advance, close): reads the waybills
   * changed since the last read now, instead of at the next periodic read. A burst of calls
   * shares one read, as long as that read has not started yet (a started read may have missed
   * the caller's commit).
   */
  waybillsChanged(): Promise<number> {
    this.queuedRead ??= this.context.refreshWaybills(() => {
      this.queuedRead = undefined;
    });
    return this.queuedRead;
  }
  private queuedRead: Promise<number> | undefined;

  private async handle(msg: BusMessage): Promise<void> {
    const positions = decodePositions(msg.data);
    const out: RuleEvent[] = [];
    for (const p of positions) this.engine.ingest(toRuleFix(p), out);
    await this.publish(out);
    msg.ack();
  }

  /**
   * Publishes a delivery's events together: the episodes side by side (one round trip to
   * JetStream for all of them, not one each), each episode's own events in order, so an
   * episode's `ended` never overtakes its `started`. Resolves once every one is stored.
   */
  private async publish(events: readonly RuleEvent[]): Promise<void> {
    if (events.length === 0) return;
    const byEpisode = new Map<string, RuleEvent[]>();
    for (const e of events) {
      const list = byEpisode.get(e.id);
      if (list) list.push(e);
      else byEpisode.set(e.id, [e]);
    }
    const results = await Promise.allSettled(
      [...byEpisode.values()].map(async (list) => {
        for (const e of list) await this.publishOne(e);
      }),
    );
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  }

  private async publishOne(e: RuleEvent): Promise<void> {
    // Ended trips are stored for the e-waybill usage rate (idempotent on the episode id).
    if (e.type === 'trip' && e.phase === 'ended') await recordTrip(this.o.db, e);
    await this.o.bus.publish(`${RULE_EVENTS_PREFIX}.${e.type}`, encoder.encode(JSON.stringify(e)), {
      msgId: `${e.id}/${e.phase}/${e.at}`,
    });
    this.published++;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.sub?.stop();
    await persistDirty(this.engine, this.store).catch(() => undefined);
  }
}
