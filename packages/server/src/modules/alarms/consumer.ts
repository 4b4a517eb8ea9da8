/**
 * The alarm module's bus consumers (stream `events`, subjects `events.>`):
 *   - `events.rules.>` — rule-engine `RuleEvent`s, one subject per type (`events.rules.overspeed`),
 *     published by the engine's wiring with msgId `<episode id>/<phase>/<at>`;
 *   - `events.certificates` — the archives' certificate-expiry warnings;
 *   - `events.verification.>` — filling-site and checkpoint findings (modules/verification).
 * Signals are applied in batches (one transaction for what arrived while the previous batch was
 * written); each message is acknowledged after its batch is committed. Redeliveries are harmless: alarms
 * are keyed by the episode id (or the warning key), and a repeated update changes nothing.
 * Unusable messages (malformed JSON, `info` severity, unknown company) are acknowledged and logged.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus, BusMessage, Subscription } from '../../platform/bus/bus.js';
import { CERTIFICATE_EVENTS_SUBJECT } from '../archives/certificates/expiry-job.js';
import type { CertificateExpiryEvent } from '../archives/certificates/expiry-job.js';
import type { RuleEvent } from '../../rules/types.js';
import {
  EVENTS_STREAM,
  fromCertificateEvent,
  fromRuleEvent,
  fromVerificationEvent,
  RULE_EVENTS_SUBJECTS,
  type AlarmSignal,
  type Unusable,
} from './events.js';
import type { AlarmService, IngestOutcome } from './service.js';
import { VERIFICATION_EVENTS_SUBJECTS, type VerificationEvent } from '../verification/events.js';

/** Signals applied in one transaction at most. */
const BATCH_MAX = 500;

/**
 * Gathers the signals delivered while the previous batch was being written (group commit) and
 * applies them with one `ingestMany`; their messages are acknowledged after its commit. A batch
 * that fails is applied again one signal at a time, so one bad event cannot hold back the
 * others: each signal that still fails is returned for redelivery.
 */
class AlarmBatcher {
  private queue: { msg: BusMessage; signal: AlarmSignal }[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly service: AlarmService,
    private readonly logger: FastifyBaseLogger,
  ) {}

  add(msg: BusMessage, signal: AlarmSignal): void {
    this.queue.push({ msg, signal });
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves once what was queued is written (or returned). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // A turn of the event loop first: what the bus delivers meanwhile joins this batch (a
      // backlog of thousands was written one signal a transaction), and requests and the gateway
      // are served between batches.
      await yieldToEventLoop();
      const batch = this.queue.splice(0, BATCH_MAX);
      try {
        this.settle(batch, await this.service.ingestMany(batch.map((b) => b.signal)));
      } catch (err) {
        if (batch.length === 1) {
          this.fail(batch[0]!, err);
          continue;
        }
        for (const one of batch) {
          try {
            this.settle([one], await this.service.ingestMany([one.signal]));
          } catch (e) {
            this.fail(one, e);
          }
        }
      }
    }
  }

  private settle(
    batch: readonly { msg: BusMessage; signal: AlarmSignal }[],
    outcomes: IngestOutcome[],
  ): void {
    batch.forEach((b, i) => {
      if (!outcomes[i])
        this.logger.warn(
          { cat: 'alarms', sourceId: b.signal.sourceId },
          'event for a company not in the archive',
        );
      b.msg.ack();
    });
  }

  private fail(b: { msg: BusMessage; signal: AlarmSignal }, err: unknown): void {
    this.logger.error({ cat: 'alarms', err, sourceId: b.signal.sourceId }, 'alarm not written; will retry');
    b.msg.nak(1000);
  }
}

export async function startAlarmConsumers(
  bus: Bus,
  service: AlarmService,
  logger: FastifyBaseLogger,
  now: () => Date,
): Promise<Subscription[]> {
  await bus.ensureStream({ name: EVENTS_STREAM, subjects: ['events.>'] });
  /** One durable consumer; stopping it waits for the batch being written. */
  const consume = async (
    durable: string,
    filter: string,
    parse: (body: unknown) => AlarmSignal | Unusable,
  ): Promise<Subscription> => {
    const batcher = new AlarmBatcher(service, logger);
    const sub = await bus.subscribe({ stream: EVENTS_STREAM, durable, filter }, (msg: BusMessage): void => {
      let signal: AlarmSignal | Unusable;
      try {
        signal = parse(JSON.parse(new TextDecoder().decode(msg.data)));
      } catch {
        signal = 'malformed';
      }
      if (typeof signal === 'string') {
        if (signal !== 'info_severity') {
          logger.warn(
            { cat: 'alarms', subject: msg.subject, seq: msg.seq, reason: signal },
            'event raises no alarm',
          );
        }
        msg.ack();
        return;
      }
      batcher.add(msg, signal);
    });
    return {
      async stop() {
        await sub.stop();
        await batcher.idle();
      },
    };
  };
  const consumers: [string, string, (body: unknown) => AlarmSignal | Unusable][] = [
    ['alarms-rules', RULE_EVENTS_SUBJECTS, (b) => fromRuleEvent(b as RuleEvent)],
    [
      'alarms-certificates',
      CERTIFICATE_EVENTS_SUBJECT,
      (b) => fromCertificateEvent(b as CertificateExpiryEvent, now()),
    ],
    [
      'alarms-verification',
      VERIFICATION_EVENTS_SUBJECTS,
      (b) => fromVerificationEvent(b as VerificationEvent),
    ],
  ];
  // All three exist before any takes a message: on the in-process bus, one consumer reading past
  // another's subjects would otherwise let the stream drop what that one has not subscribed for yet.
  for (const [durable, filter] of consumers)
    await bus.ensureConsumer({ stream: EVENTS_STREAM, durable, filter });
  const subs: Subscription[] = [];
  for (const [durable, filter, parse] of consumers) subs.push(await consume(durable, filter, parse));
  return subs;
}
