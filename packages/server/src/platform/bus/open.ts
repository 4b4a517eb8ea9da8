import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Bus, DeadLetter } from './bus.js';
import { createInProcessBus } from './inprocess.js';
import { createJetStreamBus } from './jetstream.js';

/** Chooses the bus adapter from config: NATS JetStream when NATS_URL is set, in-process otherwise. */
export async function openBus(config: Config, logger: Logger): Promise<Bus> {
  const onDeadLetter = (d: DeadLetter): void =>
    logger.error({ cat: 'bus', ...d }, 'message dropped after maxDeliver');
  if (config.NATS_URL) {
    const bus = await createJetStreamBus({ servers: config.NATS_URL, onDeadLetter });
    logger.info({ cat: 'bus', bus: 'jetstream' }, 'connected to NATS JetStream');
    return bus;
  }
  return createInProcessBus({ onDeadLetter });
}
