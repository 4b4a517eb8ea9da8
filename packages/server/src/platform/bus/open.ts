import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Queryable } from '../db/db.js';
import type { Bus, DeadLetter } from './bus.js';
import { createInProcessBus } from './inprocess.js';
import { createJetStreamBus } from './jetstream.js';
import { DbBusJournal } from './journal.js';
import { EVENTS_STREAM } from './streams.js';

/**
 * Chooses the bus adapter from config: NATS JetStream when NATS_URL is set, in-process otherwise.
 * The in-process bus journals the domain events' stream in the database (`bus_journal`), so
 * events published and not yet handled when the process dies are delivered after the restart;
 * positions need no journal (they are committed to the position store before they are published).
 */
export async function openBus(config: Config, logger: Logger, db: Queryable): Promise<Bus> {
  const onDeadLetter = (d: DeadLetter): void =>
    logger.error({ cat: 'bus', ...d }, 'message dropped after maxDeliver');
  if (config.NATS_URL) {
    const bus = await createJetStreamBus({ servers: config.NATS_URL, onDeadLetter });
    logger.info({ cat: 'bus', bus: 'jetstream' }, 'connected to NATS JetStream');
    return bus;
  }
  return serverInProcessBus(db, logger, onDeadLetter);
}

/** The in-process bus as the server runs it: the events' stream journaled in `db`. */
export function serverInProcessBus(
  db: Queryable,
  logger: Pick<Logger, 'warn'>,
  onDeadLetter?: (d: DeadLetter) => void,
): Bus {
  return createInProcessBus({
    ...(onDeadLetter ? { onDeadLetter } : {}),
    journal: new DbBusJournal(db),
    journaled: [EVENTS_STREAM.name],
    onJournalError: (err) =>
      logger.warn({ cat: 'bus', err }, 'settled events not deleted from the bus journal; trying again later'),
  });
}
