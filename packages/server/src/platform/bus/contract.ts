/**
 * The bus contract: the same tests run against every adapter (in-process always, JetStream when
 * NATS_URL is set), so code above the port can rely on one behaviour.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from './bus.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Waits until cond() holds (it may ask asynchronously), polling; fails after timeoutMs. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function busContract(name: string, makeBus: () => Promise<Bus>): void {
  describe(`bus contract: ${name}`, () => {
    let bus: Bus;
    let stream: string;
    let prefix: string;
    beforeEach(async () => {
      bus = await makeBus();
      // Unique names so runs against a shared NATS server never see each other.
      const id = randomBytes(4).toString('hex');
      stream = `test_${id}`;
      prefix = `t${id}`;
      await bus.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
    });
    afterEach(async () => {
      await bus.close();
    });

    it('delivers published messages in order, once acknowledged never again', async () => {
      for (let i = 0; i < 5; i++) await bus.publish(`${prefix}.p.0`, enc(`m${i}`));
      const got: BusMessage[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1', ackWaitMs: 300 }, (m) => {
        got.push(m);
        m.ack();
      });
      await until(() => got.length === 5);
      expect(got.map((m) => dec(m.data))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect(got.every((m) => m.deliveryCount === 1)).toBe(true);
      expect(got.map((m) => m.seq)).toEqual([...got.map((m) => m.seq)].sort((a, b) => a - b));
      await new Promise((r) => setTimeout(r, 600));
      expect(got.length).toBe(5);
      await sub.stop();
    });

    it('redelivers a message that was not acknowledged within ackWait', async () => {
      await bus.publish(`${prefix}.p.0`, enc('x'));
      const got: BusMessage[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1', ackWaitMs: 1000 }, (m) => {
        got.push(m);
        if (m.deliveryCount === 2) m.ack();
      });
      await until(() => got.length === 2, 8000);
      expect(got.map((m) => [dec(m.data), m.deliveryCount])).toEqual([
        ['x', 1],
        ['x', 2],
      ]);
      await sub.stop();
    });

    it('redelivers a message whose handler failed (nak)', async () => {
      await bus.publish(`${prefix}.p.0`, enc('y'));
      const counts: number[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1', ackWaitMs: 5000 }, (m) => {
        counts.push(m.deliveryCount);
        if (m.deliveryCount === 1) throw new Error('store unavailable');
        m.ack();
      });
      await until(() => counts.length === 2);
      expect(counts).toEqual([1, 2]);
      await sub.stop();
    });

    it('after a consumer crash, redelivers to the next subscription exactly what was not acknowledged', async () => {
      for (let i = 0; i < 4; i++) await bus.publish(`${prefix}.p.0`, enc(`m${i}`));
      const first: string[] = [];
      const sub1 = await bus.subscribe({ stream, durable: 'store', ackWaitMs: 1000 }, (m) => {
        first.push(dec(m.data));
        if (first.length <= 2) m.ack(); // m0 and m1 committed; m2, m3 in flight when it dies
      });
      await until(() => first.length === 4);
      await sub1.stop(); // the crash: no ack for m2, m3
      const second: string[] = [];
      const sub2 = await bus.subscribe({ stream, durable: 'store', ackWaitMs: 1000 }, (m) => {
        second.push(dec(m.data));
        m.ack();
      });
      await until(() => second.length >= 2, 8000);
      await new Promise((r) => setTimeout(r, 300));
      expect(second).toEqual(['m2', 'm3']);
      await sub2.stop();
    });

    it('a durable consumer resumes with what was published while it was away', async () => {
      const got: string[] = [];
      const h = (m: BusMessage): void => {
        got.push(dec(m.data));
        m.ack();
      };
      const sub1 = await bus.subscribe({ stream, durable: 'c1' }, h);
      await bus.publish(`${prefix}.p.0`, enc('a'));
      await until(() => got.length === 1);
      await sub1.stop();
      await bus.publish(`${prefix}.p.0`, enc('b'));
      const sub2 = await bus.subscribe({ stream, durable: 'c1' }, h);
      await until(() => got.length === 2);
      expect(got).toEqual(['a', 'b']);
      await sub2.stop();
    });

    it('delivers only the subjects of its partition filter', async () => {
      for (let p = 0; p < 3; p++) await bus.publish(`${prefix}.p.${p}`, enc(`to${p}`));
      const got: string[] = [];
      const sub = await bus.subscribe({ stream, durable: 'part1', filter: `${prefix}.p.1` }, (m) => {
        got.push(`${m.subject}:${dec(m.data)}`);
        m.ack();
      });
      await until(() => got.length === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual([`${prefix}.p.1:to1`]);
      await sub.stop();
    });

    it('holds back deliveries beyond maxAckPending until acknowledgements free room', async () => {
      for (let i = 0; i < 6; i++) await bus.publish(`${prefix}.p.0`, enc(`m${i}`));
      const held: BusMessage[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1', maxAckPending: 2, ackWaitMs: 10_000 }, (m) => {
        held.push(m);
      });
      await until(() => held.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(held.length).toBe(2);
      held[0]!.ack();
      held[1]!.ack();
      await until(() => held.length === 4);
      expect(held.map((m) => dec(m.data))).toEqual(['m0', 'm1', 'm2', 'm3']);
      for (const m of held.slice(2)) m.ack();
      await until(() => held.length === 6);
      for (const m of held.slice(4)) m.ack();
      await sub.stop();
    });

    it('ignores a repeated publish with the same msgId', async () => {
      await bus.publish(`${prefix}.p.0`, enc('once'), { msgId: 'vehicle-1/2026-11-22T08:00:00Z/17' });
      await bus.publish(`${prefix}.p.0`, enc('once'), { msgId: 'vehicle-1/2026-11-22T08:00:00Z/17' });
      await bus.publish(`${prefix}.p.0`, enc('other'));
      const got: string[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1' }, (m) => {
        got.push(dec(m.data));
        m.ack();
      });
      await until(() => got.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual(['once', 'other']);
      await sub.stop();
    });

    it('gives every durable consumer its own copy', async () => {
      const a: string[] = [];
      const b: string[] = [];
      const s1 = await bus.subscribe({ stream, durable: 'store' }, (m) => {
        a.push(dec(m.data));
        m.ack();
      });
      const s2 = await bus.subscribe({ stream, durable: 'rules' }, (m) => {
        b.push(dec(m.data));
        m.ack();
      });
      await bus.publish(`${prefix}.p.0`, enc('both'));
      await until(() => a.length === 1 && b.length === 1);
      expect([a, b]).toEqual([['both'], ['both']]);
      await s1.stop();
      await s2.stop();
    });

    it('keeps for an ensured consumer what arrives before it subscribes, though another consumer settles it first', async () => {
      await bus.ensureConsumer({ stream, durable: 'late', filter: `${prefix}.b` });
      await bus.publish(`${prefix}.a`, enc('for early'));
      await bus.publish(`${prefix}.b`, enc('for late'));
      const early: string[] = [];
      const s1 = await bus.subscribe({ stream, durable: 'early', filter: `${prefix}.a` }, (m) => {
        early.push(dec(m.data));
        m.ack();
      });
      await until(() => early.length === 1);
      await new Promise((r) => setTimeout(r, 100));
      const late: string[] = [];
      const s2 = await bus.subscribe({ stream, durable: 'late', filter: `${prefix}.b` }, (m) => {
        late.push(dec(m.data));
        m.ack();
      });
      await until(() => late.length === 1);
      expect([early, late]).toEqual([['for early'], ['for late']]);
      await s1.stop();
      await s2.stop();
    });

    it('stops delivering a poison message after maxDeliver', async () => {
      await bus.publish(`${prefix}.p.0`, enc('poison'));
      await bus.publish(`${prefix}.p.0`, enc('fine'));
      const seen: string[] = [];
      const sub = await bus.subscribe({ stream, durable: 'c1', maxDeliver: 3, ackWaitMs: 5000 }, (m) => {
        const text = dec(m.data);
        seen.push(text);
        if (text === 'poison') throw new Error('cannot parse');
        m.ack();
      });
      await until(() => seen.filter((s) => s === 'poison').length === 3 && seen.includes('fine'), 8000);
      await new Promise((r) => setTimeout(r, 500));
      expect(seen.filter((s) => s === 'poison').length).toBe(3);
      await sub.stop();
    });
  });
}
