/**
 * NATS JetStream bus adapter (production, `NATS_URL`). Same contract as the in-process adapter
 * (see bus.ts and contract.ts):
 *   - publish awaits the JetStream PubAck, so "published" means "stored by the server";
 *   - a stream with maxMessages discards new messages when full, and publish retries with a
 *     growing pause until there is room (back-pressure on producers, never a silent drop);
 *   - consumers are durable pull consumers with explicit ack, ackWait redelivery, maxDeliver and
 *     maxAckPending (back-pressure on consumers: the server holds further deliveries back);
 *   - what a subscription held but had not acknowledged when it stopped (or its process died)
 *     is redelivered after ackWait to the next subscription of the same durable.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumeCallback,
  type FetchMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription as NatsSubscription } from '@nats-io/transport-node';
import {
  withConsumerDefaults,
  type Bus,
  type BusMessage,
  type ConsumerSpec,
  type DeadLetter,
  type MessageHandler,
  type StreamSpec,
  type Subscription,
} from './bus.js';

export interface JetStreamBusOptions {
  servers: string;
  /** Name shown in the NATS server's connection list. */
  name?: string;
  onDeadLetter?: (dead: DeadLetter) => void;
  /**
   * A pull request ended in an error while its subscription was running: "heartbeats missed" when
   * this process's event loop was busy for about a second (under load), or a lost connection.
   * What was in flight to the request comes back only after the consumer's ackWait.
   */
  onPullEnded?: (ended: PullEnded) => void;
  /** How long connecting may take before openBus fails, in ms. */
  connectTimeoutMs?: number;
}

export interface PullEnded {
  stream: string;
  durable: string;
  reason: string;
}

const NS_PER_MS = 1_000_000;
/** Lifetime of one pull request (the client library's minimum). */
const FETCH_EXPIRES_MS = 1000;
/** JetStream API error: the stream has reached max_msgs with discard=new. */
const STREAM_FULL = /maximum messages exceeded|maximum bytes exceeded/i;

function isNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && (err.code === 404 || /not found/i.test(err.message));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function createJetStreamBus(options: JetStreamBusOptions): Promise<Bus> {
  const nc: NatsConnection = await connect({
    servers: options.servers,
    name: options.name ?? 'weiyun',
    timeout: options.connectTimeoutMs ?? 5000,
    maxReconnectAttempts: -1,
  });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const subs = new Set<{ stop(): Promise<void> }>();
  const advisories: NatsSubscription[] = [];
  let closed = false;

  function watchDeadLetters(stream: string, durable: string): void {
    const report = options.onDeadLetter;
    if (!report) return;
    // The server announces each message it gives up on after max_deliver deliveries.
    const sub = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${durable}`, {
      callback: (err, msg) => {
        if (err) return;
        const a = msg.json<{ stream_seq: number; deliveries: number }>();
        report({ stream, durable, subject: '', seq: a.stream_seq, deliveries: a.deliveries });
      },
    });
    advisories.push(sub);
  }

  async function ensureConsumer(
    spec: Required<Omit<ConsumerSpec, 'filter'>> & { filter?: string },
  ): Promise<void> {
    const mutable = {
      ack_wait: spec.ackWaitMs * NS_PER_MS,
      max_deliver: spec.maxDeliver,
      max_ack_pending: spec.maxAckPending,
    };
    try {
      const info = await jsm.consumers.info(spec.stream, spec.durable);
      const filter = info.config.filter_subject ?? '';
      if ((spec.filter ?? '') !== filter) {
        throw new Error(
          `durable consumer ${spec.durable} on ${spec.stream} filters "${filter}", not "${spec.filter ?? ''}"`,
        );
      }
      const c = info.config;
      if (
        c.ack_wait !== mutable.ack_wait ||
        c.max_deliver !== mutable.max_deliver ||
        c.max_ack_pending !== mutable.max_ack_pending
      ) {
        await jsm.consumers.update(spec.stream, spec.durable, mutable);
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await jsm.consumers.add(spec.stream, {
          durable_name: spec.durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ...(spec.filter ? { filter_subject: spec.filter } : {}),
          ...mutable,
        });
      } catch (addErr) {
        // Another process created it between our lookup and our add: use theirs.
        if (!(addErr instanceof Error) || !/already (exists|in use)/i.test(addErr.message)) throw addErr;
      }
    }
  }

  return {
    kind: 'jetstream',

    async ensureStream(spec: StreamSpec) {
      const config = {
        subjects: spec.subjects,
        max_msgs: spec.maxMessages ?? -1,
        max_age: (spec.maxAgeMs ?? 0) * NS_PER_MS,
        discard: DiscardPolicy.New,
      };
      try {
        await jsm.streams.info(spec.name);
        await jsm.streams.update(spec.name, config);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await jsm.streams.add({
          name: spec.name,
          retention: RetentionPolicy.Limits,
          storage: StorageType.File,
          ...config,
        });
      }
    },

    async publish(subject, data, opts = {}) {
      let pause = 5;
      for (;;) {
        if (closed) throw new Error('bus is closed');
        try {
          await js.publish(subject, data, opts.msgId === undefined ? {} : { msgID: opts.msgId });
          return;
        } catch (err) {
          if (!(err instanceof Error) || !STREAM_FULL.test(err.message)) throw err;
          await sleep(pause); // full: wait for consumers to make room
          pause = Math.min(pause * 2, 500);
        }
      }
    },

    async ensureConsumer(spec: ConsumerSpec): Promise<void> {
      if (closed) throw new Error('bus is closed');
      await ensureConsumer(withConsumerDefaults(spec));
    },

    async subscribe(spec: ConsumerSpec, handler: MessageHandler): Promise<Subscription> {
      if (closed) throw new Error('bus is closed');
      const full = withConsumerDefaults(spec);
      await ensureConsumer(full);
      watchDeadLetters(spec.stream, spec.durable);
      const consumer = await js.consumers.get(spec.stream, spec.durable);
      const batchSize = Math.max(1, Math.min(full.maxAckPending, 1000));
      const unsettled = new Set<JsMsg>();
      let stopped = false;

      const wrap = (m: JsMsg): BusMessage => {
        unsettled.add(m);
        const settle = (f: () => void): void => {
          if (!unsettled.delete(m)) return;
          f();
        };
        return {
          subject: m.subject,
          data: m.data,
          seq: m.seq,
          deliveryCount: m.info.deliveryCount,
          ack: () => settle(() => m.ack()),
          nak: (delayMs) => settle(() => m.nak(delayMs && delayMs > 0 ? delayMs : undefined)),
          term: () => settle(() => m.term()),
        };
      };

      // Bounded pull requests (fetch) rather than an endless consume: when the subscription stops,
      // the request it has open at the server runs out within FETCH_EXPIRES_MS and nothing is
      // left that could swallow a redelivery meant for the next subscription of this durable.
      // Each message is taken as it arrives (`callback`) into this subscription's own queue and
      // handled one after another. The library's iterator instead drops what it has received but
      // not yet yielded when a pull ends in an error — a "heartbeats missed" while this process
      // was busy, seen under load — and those messages came back only after ackWait (a minute
      // for the rules, whose engine then sets their fixes aside as late).
      const loop = (async () => {
        let pause = 50;
        while (!stopped) {
          let handled: Promise<void> = Promise.resolve();
          const take = (m: JsMsg): void => {
            handled = handled.then(async () => {
              if (stopped) {
                m.nak(); // arrived after stop: give it straight back
                return;
              }
              const msg = wrap(m);
              try {
                await handler(msg);
              } catch {
                msg.nak();
              }
            });
          };
          try {
            const options: FetchMessages & ConsumeCallback = {
              max_messages: batchSize,
              expires: FETCH_EXPIRES_MS,
              callback: take,
            };
            const batch = await consumer.fetch(options);
            const ended = await batch.closed();
            await handled;
            if (ended instanceof Error) throw ended;
            pause = 50;
          } catch (err) {
            await handled;
            if (stopped || closed) break;
            const reason = err instanceof Error ? err.message : String(err);
            options.onPullEnded?.({ stream: spec.stream, durable: spec.durable, reason });
            await sleep(pause); // server restarting or connection lost: the client reconnects
            pause = Math.min(pause * 2, 2000);
          }
        }
      })();

      const sub = {
        async stop() {
          if (stopped) return;
          stopped = true;
          subs.delete(sub);
          await loop;
          // What it held unacknowledged comes back after ackWait. Not nak'ed here: a nak of a
          // delivery whose ackWait already ran out would put a second copy in flight.
          unsettled.clear();
          await nc.flush().catch(() => undefined);
        },
      };
      subs.add(sub);
      return sub;
    },

    async ping() {
      if (closed || nc.isClosed()) throw new Error('bus is closed');
      await nc.flush();
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const s of [...subs]) await s.stop();
      for (const a of advisories) a.unsubscribe();
      await nc.drain().catch(() => undefined);
    },
  };
}
