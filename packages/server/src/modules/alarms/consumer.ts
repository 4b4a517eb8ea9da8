/**
 * The alarm module's bus consumers (stream `events`, subjects `events.>`):
 *   - `events.rules.>` — rule-engine `RuleEvent`s, one subject per type (`events.rules.overspeed`),
 *     published by the engine's wiring with msgId `<episode id>/<phase>/<at>`;
 *   - `events.certificates` — the archives' certificate-expiry warnings;
 *   - `events.verification.>` — filling-site and checkpoint findings (modules/verification).
 * Each message is acknowledged after its alarm is committed. Redeliveries are harmless: alarms
 * are keyed by the episode id (or the warning key), and a repeated update changes nothing.
 * Unusable messages (malformed JSON, `info` severity, unknown company) are acknowledged and logged.
 */
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
import type { AlarmService } from './service.js';
import { VERIFICATION_EVENTS_SUBJECTS, type VerificationEvent } from '../verification/events.js';

export async function startAlarmConsumers(
  bus: Bus,
  service: AlarmService,
  logger: FastifyBaseLogger,
  now: () => Date,
): Promise<Subscription[]> {
  await bus.ensureStream({ name: EVENTS_STREAM, subjects: ['events.>'] });
  const handle =
    (parse: (body: unknown) => AlarmSignal | Unusable) =>
    async (msg: BusMessage): Promise<void> => {
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
      const out = await service.ingest(signal); // throws → redelivered by the bus
      if (!out)
        logger.warn({ cat: 'alarms', sourceId: signal.sourceId }, 'event for a company not in the archive');
      msg.ack();
    };
  return [
    await bus.subscribe(
      { stream: EVENTS_STREAM, durable: 'alarms-rules', filter: RULE_EVENTS_SUBJECTS },
      handle((b) => fromRuleEvent(b as RuleEvent)),
    ),
    await bus.subscribe(
      { stream: EVENTS_STREAM, durable: 'alarms-certificates', filter: CERTIFICATE_EVENTS_SUBJECT },
      handle((b) => fromCertificateEvent(b as CertificateExpiryEvent, now())),
    ),
    await bus.subscribe(
      { stream: EVENTS_STREAM, durable: 'alarms-verification', filter: VERIFICATION_EVENTS_SUBJECTS },
      handle((b) => fromVerificationEvent(b as VerificationEvent)),
    ),
  ];
}
