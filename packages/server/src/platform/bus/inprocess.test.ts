import { afterEach, describe, expect, it, vi } from 'vitest';
import { partitionOf, subjectMatches } from './bus.js';
import { busContract, until } from './contract.js';
import { createInProcessBus } from './inprocess.js';

busContract('in-process', async () => createInProcessBus());

describe('subjectMatches', () => {
  it('follows NATS wildcard rules', () => {
    expect(subjectMatches('positions.*', 'positions.3')).toBe(true);
    expect(subjectMatches('positions.*', 'positions.3.x')).toBe(false);
    expect(subjectMatches('positions.>', 'positions.3.x')).toBe(true);
    expect(subjectMatches('positions.>', 'positions')).toBe(false);
    expect(subjectMatches('positions.3', 'positions.4')).toBe(false);
    expect(subjectMatches('>', 'alarms.new')).toBe(true);
  });
});

describe('partitionOf', () => {
  it('is FNV-1a 32 modulo the partition count (stable across processes)', () => {
    // FNV-1a("a") = 0xe40c292c; the empty key hashes to the offset basis 0x811c9dc5.
    expect(partitionOf('a', 2 ** 31)).toBe(0xe40c292c % 2 ** 31);
    expect(partitionOf('', 1000)).toBe(0x811c9dc5 % 1000);
  });
  it('spreads vehicle ids over the partitions', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[partitionOf(`vehicle-${i}`, 16)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});

describe('in-process bus specifics', () => {
  it('makes publish wait while the stream is full (back-pressure) and resume as it drains', async () => {
    const bus = createInProcessBus();
    await bus.ensureStream({ name: 's', subjects: ['s.>'], maxMessages: 2 });
    const held: { ack(): void }[] = [];
    await bus.subscribe({ stream: 's', durable: 'c', maxAckPending: 10 }, (m) => {
      held.push(m);
    });
    await bus.publish('s.1', new Uint8Array([1]));
    await bus.publish('s.1', new Uint8Array([2]));
    let third = false;
    const p = bus.publish('s.1', new Uint8Array([3])).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(third).toBe(false);
    held[0]!.ack();
    await p;
    expect(third).toBe(true);
    await until(() => held.length === 3);
    await bus.close();
  });

  it('reports a dead letter after maxDeliver', async () => {
    const dead: number[] = [];
    const bus = createInProcessBus({ onDeadLetter: (d) => dead.push(d.deliveries) });
    await bus.ensureStream({ name: 's', subjects: ['s.>'] });
    await bus.publish('s.1', new Uint8Array([9]));
    await bus.subscribe({ stream: 's', durable: 'c', maxDeliver: 2 }, () => {
      throw new Error('bad');
    });
    await until(() => dead.length === 1);
    expect(dead).toEqual([2]);
    await bus.close();
  });

  describe('msgId de-duplication', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });
    /** A bus with one stream and a consumer; `stored()` lists the payloads delivered. */
    async function busWithLog(options: Parameters<typeof createInProcessBus>[0]) {
      const bus = createInProcessBus(options);
      await bus.ensureStream({ name: 's', subjects: ['s.>'] });
      const got: string[] = [];
      await bus.subscribe({ stream: 's', durable: 'c' }, (m) => {
        got.push(new TextDecoder().decode(m.data));
        m.ack();
      });
      const send = (id: string) => bus.publish('s.1', new TextEncoder().encode(id), { msgId: id });
      return { bus, send, got };
    }

    it('ignores an id within its window and takes it again after', async () => {
      let now = Date.parse('2026-12-06T08:00:00Z');
      vi.spyOn(Date, 'now').mockImplementation(() => now);
      const { bus, send, got } = await busWithLog({ dedupWindowMs: 1000 });
      await send('a');
      await send('b');
      now += 500;
      await send('a');
      now += 1000; // a and b's windows have ended
      await send('c');
      await send('a');
      await send('c');
      await until(() => got.length === 4);
      expect(got).toEqual(['a', 'b', 'c', 'a']);
      await bus.close();
    });

    it('past dedupMaxIds forgets the oldest ids first', async () => {
      const { bus, send, got } = await busWithLog({ dedupMaxIds: 2 });
      await send('a');
      await send('b');
      await send('c'); // a is forgotten
      await send('b');
      await send('a');
      await until(() => got.length === 4);
      expect(got).toEqual(['a', 'b', 'c', 'a']);
      await bus.close();
    });
  });

  it('refuses a publish to a subject no stream stores', async () => {
    const bus = createInProcessBus();
    await expect(bus.publish('nowhere.1', new Uint8Array())).rejects.toThrow(/no stream/);
    await bus.close();
  });
});
