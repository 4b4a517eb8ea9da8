/**
 * The rule worker: a durable consumer (`rules`) of the position stream that runs every fix through
 * the rule engine and publishes the resulting episodes on `events.rules.<type>`, each with a
 * de-duplication id, before acknowledging the positions — so a crash redelivers the positions
 * and the bus drops the events already published. The next delivery does not wait for those
 * publishes; an episode's events are published in order across deliveries. Time-driven rules
 * (offline) run on a tick; engine state is snapshotted to `rule_state` so a restart remembers
 * continuous driving, and with each snapshot the events not yet stored go to `rule_outbox`, which
 * the next start publishes again: a crash loses neither the state nor the events it made.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import { EVENTS_STREAM } from '../../platform/bus/streams.js';
import type { Db } from '../../platform/db/db.js';
import { RuleEngine } from '../../rules/engine.js';
import { persistDirty, restoreAll, type OutboxEvent, type Unstored } from '../../rules/state-store.js';
import type { RuleEvent } from '../../rules/types.js';
import { decodePositions } from '../positions/codec.js';
import type { PositionTopic } from '../positions/subjects.js';
import { ArchiveRuleContext } from './context.js';
import { toRuleFix } from './fix.js';
import { lastRoundStart, replayFromStore, saveRoundStart, type ReplayResult } from './replay.js';
import { DbRuleStateStore } from './state-store.js';
import { recordTrip } from './trips.js';

export const RULE_EVENTS_PREFIX = 'events.rules';

const encoder = new TextEncoder();

/** How long `stop` waits for the events in flight to be stored. */
const STOP_WAIT_MS = 5000;

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
  /** Text a driver's qualification category must contain (the qualification rule). */
  driverCertCategory?: string;
  /** The oldest a driver may be, in full years (the qualification rule). */
  maxAgeYears?: number;
  /**
   * On a bus that keeps its streams in memory (in-process): at start, the positions received
   * since the last completed snapshot round, less this margin, are read again from the position
   * store (replay.ts). 0 or absent: none (JetStream redelivers what was not acknowledged).
   */
  replayMarginMs?: number;
  now?: () => number;
}

/** Blind-area supplements older than this (device time) before the replay's start are not replayed. */
const REPLAY_DEVICE_LOOKBACK_MS = 2 * 86_400_000;

export class RuleWorker {
  readonly context: ArchiveRuleContext;
  readonly engine: RuleEngine;
  private readonly store: DbRuleStateStore;
  private sub: Subscription | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  published = 0;
  /** What the start-up replay read and drove (undefined when there was none). */
  replayed: ReplayResult | undefined;

  constructor(private readonly o: RuleWorkerOptions) {
    this.context = new ArchiveRuleContext(o.db, {
      ...(o.waybillPlaceRadiusM === undefined ? {} : { waybillPlaceRadiusM: o.waybillPlaceRadiusM }),
      ...(o.defaultCorridorM === undefined ? {} : { defaultCorridorM: o.defaultCorridorM }),
      ...(o.driverCertCategory === undefined ? {} : { driverCertCategory: o.driverCertCategory }),
      ...(o.maxAgeYears === undefined ? {} : { maxAgeYears: o.maxAgeYears }),
    });
    this.engine = new RuleEngine(this.context, {
      reorderWindowMs: o.reorderWindowMs,
      contiguousMs: o.contiguousMs,
    });
    this.store = new DbRuleStateStore(o.db);
    this.now = o.now ?? Date.now;
    this.takenThrough = this.now();
  }

  /** The bus the events go to (for consumers wired alongside, and tests). */
  get bus(): Bus {
    return this.o.bus;
  }

  async start(): Promise<void> {
    await this.o.bus.ensureStream(EVENTS_STREAM);
    const loaded = await this.context.refresh();
    const restored = await restoreAll(this.engine, this.store);
    // Events the last run made and did not get stored: their fixes are behind the restored state,
    // so nothing else would make them again. Published before any new delivery is run (an
    // episode's later events wait behind them); copies already stored are dropped by the bus.
    const outbox = await this.store.loadOutbox();
    void this.publish(outbox.map((o) => o.event)).catch(() => undefined);
    const replayed = await this.replay();
    this.o.logger.info(
      { cat: 'rules', ...loaded, restored, outbox: outbox.length, ...replayed },
      'rule worker started',
    );
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
    every(this.o.snapshotEveryMs ?? 30_000, () => this.persist());
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
    let newest = -Infinity;
    for (const p of positions) {
      const fix = toRuleFix(p);
      this.engine.ingest(fix, out);
      if (fix.receivedTime > newest) newest = fix.receivedTime;
    }
    // Set, not raised: the stream's frontier, wherever it is (a backlog delivered after a start).
    if (newest > -Infinity) this.takenThrough = newest;
    if (out.length === 0) {
      msg.ack();
      return;
    }
    // Not awaited: the next delivery goes through the engine while these events are stored (on
    // JetStream each publish waits for its PubAck, and deliveries waiting in line for them made
    // the fix → event delay grow without bound at 20,000 positions/s). The delivery is
    // acknowledged once its events are stored; the consumer's maxAckPending bounds how many wait
    // so. A delivery whose events could not be stored before the worker stopped stays
    // unacknowledged and comes back: its events are published again, and the bus drops copies.
    this.publish(out).then(
      () => msg.ack(),
      () => undefined,
    );
  }

  /**
   * Drives again the positions a crash took from the in-process stream (replay.ts): those received
   * since the last completed snapshot round, less the margin. Run before the first delivery, with
   * the events published as any others. The first start on a database records its own time, so a
   * crash before the first round is covered too.
   */
  private async replay(): Promise<{ replayedFrom?: string; replayed?: number; replayEvents?: number }> {
    // What is stored now was in the restored state or is driven below; what comes later is delivered.
    this.takenThrough = this.now();
    const margin = this.o.replayMarginMs ?? 0;
    if (margin <= 0) return {};
    const mark = await lastRoundStart(this.o.db);
    if (mark === null) {
      await saveRoundStart(this.o.db, this.now());
      return {};
    }
    const from = mark - margin;
    const r = await replayFromStore(
      this.o.db,
      this.engine,
      { receivedAfter: from, deviceAfter: from - REPLAY_DEVICE_LOOKBACK_MS },
      (events) => void this.publish(events).catch(() => undefined),
    );
    this.replayed = r;
    return { replayedFrom: new Date(from).toISOString(), replayed: r.driven, replayEvents: r.events };
  }

  /**
   * How far the engine has taken the position stream: the newest receive time in the last
   * delivery (at start, the start itself, the store being read up to then by the replay). The
   * rules lag the store by about now minus this. Deliveries come in the stream's order, which is
   * the store's commit order, so a position received well before this and not taken yet is not
   * expected; the replay margin covers the spread between receive order and commit order.
   */
  private takenThrough: number;

  /** The last publish in flight of each episode: the episode's next events wait for it. */
  private readonly episodeTails = new Map<string, Promise<void>>();
  private stopping = false;
  /** Events handed to `publish` and not stored yet, by vehicle, then by de-duplication id, in the order made. */
  private readonly unstored = new Map<string, Map<string, RuleEvent>>();
  private readonly unstoredView: Unstored = {
    of: (vehicleIds) => {
      const out: OutboxEvent[] = [];
      for (const v of vehicleIds)
        for (const [id, event] of this.unstored.get(v) ?? []) out.push({ msgId: id, event });
      return out;
    },
    ids: () => [...this.unstored.values()].flatMap((m) => [...m.keys()]),
  };

  /** Saves the changed vehicles' state now, as the periodic round does (tests; a caller that must not wait for it). */
  saveState(): Promise<number> {
    return this.persist();
  }

  /** The snapshot round in progress, if any: rounds run one after another. */
  private persisting: Promise<unknown> = Promise.resolve();

  /**
   * Saves the changed vehicles' state with the outbox of the events not stored yet. A round
   * waits for the one before it (a periodic round, or the one at stop): two rounds side by side
   * could write a vehicle's older snapshot over its newer one, or let one round's clean-up of
   * the outbox delete the rows the other has just written with its state.
   */
  private persist(): Promise<number> {
    const round = this.persisting.then(async () => {
      // Everything the engine has taken before this moment is in the state once the round is
      // saved. A replay after a crash starts from the round's mark, less the margin: the round's
      // start, or the receive time of the newest position taken if that is older — when the rules
      // lag behind the store (a backlog in the stream), the positions received since were stored
      // and not taken, and would otherwise fall before the replay however long the lag.
      const startedAt = Math.min(this.now(), this.takenThrough);
      const saved = await persistDirty(this.engine, this.store, this.unstoredView);
      if ((this.o.replayMarginMs ?? 0) > 0) await saveRoundStart(this.o.db, startedAt);
      return saved;
    });
    this.persisting = round.catch(() => undefined);
    return round;
  }

  /**
   * Publishes events: the episodes side by side (one round trip to JetStream for all of them, not
   * one each), each episode's own events in order — after its events still in flight from earlier
   * deliveries — so an episode's `ended` never overtakes its `started`. A publish that fails is
   * tried again (the events are only in this process's memory) until it succeeds or the worker
   * stops. Resolves once every one is stored.
   */
  private publish(events: readonly RuleEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const byEpisode = new Map<string, RuleEvent[]>();
    for (const e of events) {
      let mine = this.unstored.get(e.vehicleId);
      if (!mine) this.unstored.set(e.vehicleId, (mine = new Map()));
      mine.set(msgId(e), e);
      const list = byEpisode.get(e.id);
      if (list) list.push(e);
      else byEpisode.set(e.id, [e]);
    }
    return Promise.all([...byEpisode].map(([id, list]) => this.afterEpisode(id, list))).then(() => undefined);
  }

  private afterEpisode(id: string, list: readonly RuleEvent[]): Promise<void> {
    const before = this.episodeTails.get(id);
    const run = async (): Promise<void> => {
      for (const e of list) await this.publishUntilStored(e);
    };
    // A failed earlier publish of the episode (the worker stopped) fails these too: never out of order.
    const mine = before ? before.then(run) : run();
    this.episodeTails.set(id, mine);
    const clear = (): void => {
      if (this.episodeTails.get(id) === mine) this.episodeTails.delete(id);
    };
    mine.then(clear, clear);
    return mine;
  }

  private async publishUntilStored(e: RuleEvent): Promise<void> {
    for (let pause = 100; ; pause = Math.min(pause * 2, 5000)) {
      if (this.stopping) throw new Error('rule worker stopped before the event was stored');
      try {
        await this.publishOne(e);
        return;
      } catch (err) {
        if (this.stopping) throw err;
        this.o.logger.warn(
          { cat: 'rules', err, event: e.id, phase: e.phase },
          'rule event not stored; trying again',
        );
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }

  private async publishOne(e: RuleEvent): Promise<void> {
    // Ended trips are stored for the e-waybill usage rate (idempotent on the episode id).
    if (e.type === 'trip' && e.phase === 'ended') await recordTrip(this.o.db, e);
    const id = msgId(e);
    await this.o.bus.publish(`${RULE_EVENTS_PREFIX}.${e.type}`, encoder.encode(JSON.stringify(e)), {
      msgId: id,
    });
    const mine = this.unstored.get(e.vehicleId);
    if (mine?.delete(id) && mine.size === 0) this.unstored.delete(e.vehicleId);
    this.published++;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    // Events in flight are stored, and their deliveries acknowledged, before the subscription goes
    // (for up to STOP_WAIT_MS); what is still unstored after that comes back to the next subscription.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.episodeTails.values()]),
      new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    this.stopping = true;
    await this.sub?.stop();
    await Promise.allSettled([...this.episodeTails.values()]);
    // Events still unstored go to the outbox with the state that made them; the next start
    // publishes them. Their deliveries, unacknowledged, come back too and are duplicates by then.
    await this.persist().catch((err: unknown) =>
      this.o.logger.error({ cat: 'rules', err }, 'rule state not saved at stop'),
    );
  }
}

/** The de-duplication id an event is published under (one per episode, phase and time). */
function msgId(e: RuleEvent): string {
  return `${e.id}/${e.phase}/${e.at}`;
}
