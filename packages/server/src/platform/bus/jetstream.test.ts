/**
 * The bus contract against a real NATS JetStream server, when NATS_URL is set (CI sets it). When
 * it is set but the server is unreachable, every test fails rather than skips. Streams made by
 * a test are deleted when its bus closes.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { busContract, until } from './contract.js';
import { ephemeralJetStreamBus } from './testing.js';

const url = loadConfig().NATS_URL;

if (url) {
  busContract('jetstream', () => ephemeralJetStreamBus(url));

  describe('jetstream bus specifics', () => {
    it('makes publish wait while the stream is full and resume as it drains', async () => {
      const bus = await ephemeralJetStreamBus(url);
      const name = `test_full_${Date.now().toString(36)}`;
      try {
        await bus.ensureStream({ name, subjects: [`${name}.>`], maxMessages: 2 });
        await bus.publish(`${name}.a`, new Uint8Array([1]));
        await bus.publish(`${name}.a`, new Uint8Array([2]));
        let third = false;
        const p = bus.publish(`${name}.a`, new Uint8Array([3])).then(() => (third = true));
        await new Promise((r) => setTimeout(r, 100));
        expect(third).toBe(false);
        // Limits retention keeps messages until max_msgs; making room means purging old ones,
        // which is what max_age does in production.
        const nc = await connect({ servers: url });
        const jsm = await jetstreamManager(nc);
        await jsm.streams.purge(name, { keep: 1 });
        await nc.close();
        await p;
        expect(third).toBe(true);
      } finally {
        await bus.close();
      }
    });

    it('reports a pull request that ends in an error while the subscription runs', async () => {
      const ended: string[] = [];
      const bus = await ephemeralJetStreamBus(url, undefined, (e) => ended.push(`${e.durable}: ${e.reason}`));
      const name = `test_ended_${Date.now().toString(36)}`;
      try {
        await bus.ensureStream({ name, subjects: [`${name}.>`] });
        const got: number[] = [];
        await bus.subscribe({ stream: name, durable: 'c' }, (m) => {
          got.push(m.data[0]!);
          m.ack();
        });
        await bus.publish(`${name}.a`, new Uint8Array([1]));
        await until(() => got.length === 1, 5000);
        expect(ended).toEqual([]);
        // The consumer deleted under the running subscription (an operator, a stream reset): its
        // open pull request ends in an error, which is reported (under load: "heartbeats missed").
        const nc = await connect({ servers: url });
        await (await jetstreamManager(nc)).consumers.delete(name, 'c');
        await nc.close();
        await until(() => ended.length > 0, 8000);
        expect(ended[0]).toMatch(/^c: /);
      } finally {
        await bus.close();
      }
    });

    it('reports a dead letter after maxDeliver', async () => {
      const dead: number[] = [];
      const inner = await ephemeralJetStreamBus(url, (d) => dead.push(d.deliveries));
      const name = `test_dead_${Date.now().toString(36)}`;
      try {
        await inner.ensureStream({ name, subjects: [`${name}.>`] });
        await inner.publish(`${name}.a`, new Uint8Array([9]));
        await inner.subscribe({ stream: name, durable: 'c', maxDeliver: 2 }, () => {
          throw new Error('bad');
        });
        await until(() => dead.length === 1, 8000);
        expect(dead).toEqual([2]);
      } finally {
        await inner.close();
      }
    });
  });
} else {
  describe.skip('bus contract: jetstream (NATS_URL is not set)', () => {
    it('needs a NATS server', () => undefined);
  });
}
