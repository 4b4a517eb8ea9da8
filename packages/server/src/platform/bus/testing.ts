/**
 * Test support for the JetStream adapter: a bus that deletes the streams it created when it
 * closes, so test runs against a shared NATS server leave nothing behind.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Bus, DeadLetter } from './bus.js';
import { createJetStreamBus, type PullEnded } from './jetstream.js';

export async function ephemeralJetStreamBus(
  servers: string,
  onDeadLetter?: (dead: DeadLetter) => void,
  onPullEnded?: (ended: PullEnded) => void,
): Promise<Bus> {
  const bus = await createJetStreamBus({
    servers,
    name: 'weiyun-test',
    ...(onDeadLetter ? { onDeadLetter } : {}),
    ...(onPullEnded ? { onPullEnded } : {}),
  });
  const made: string[] = [];
  return {
    ...bus,
    async ensureStream(spec) {
      made.push(spec.name);
      await bus.ensureStream(spec);
    },
    async close() {
      await bus.close();
      const nc = await connect({ servers });
      try {
        const jsm = await jetstreamManager(nc);
        for (const name of made) await jsm.streams.delete(name).catch(() => false);
      } finally {
        await nc.close();
      }
    },
  };
}
