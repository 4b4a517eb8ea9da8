import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

/** A write that waits to be released, recording the order writes start in and how many run at once. */
function gatedWrites() {
  const started: string[][] = [];
  const gates: { release(): void; fail(err: Error): void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      started.push(items);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      const done = () => running--;
      gates.push({
        release: () => (done(), resolve()),
        fail: (err) => (done(), reject(err)),
      });
    });
  return { write, started, gates, mostAtOnce: () => mostAtOnce };
}

const turn = () => new Promise((r) => setTimeout(r, 0));

describe('batcher', () => {
  it('starts writes in the order the items came, also for a batch that grew past maxItems while writes were in flight', async () => {
    const w = gatedWrites();
    const b = new Batcher(w.write, { maxItems: 2, lingerMs: 60_000, maxInFlight: 2 });
    const settled: string[] = [];
    const add = (...items: string[]) => void b.add(items).then(() => settled.push(items.join('+')));
    add('a1');
    add('a2'); // full: written
    add('b1');
    add('b2'); // full: written; both slots busy now
    add('c1', 'c2', 'c3', 'c4', 'c5'); // one caller (a 0x0704 blind-area batch), more than maxItems
    await turn();
    expect(w.started).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
    ]);
    w.gates[0]!.release(); // a written: c's first piece starts
    await turn();
    add('d1');
    add('d2');
    w.gates[1]!.release(); // b written: the next piece is c's, not d's
    await turn();
    for (let k = 2; k < 6; k++) {
      w.gates[k]!.release();
      await turn();
    }
    await b.drain();
    expect(w.started).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1', 'c2'], ['c3', 'c4'], ['c5'], ['d1', 'd2']]);
    expect(w.mostAtOnce()).toBe(2);
    expect(settled).toEqual(['a1', 'a2', 'b1', 'b2', 'c1+c2+c3+c4+c5', 'd1', 'd2']);
  });

  it('settles a caller whose items span pieces once all of them are written, and refuses it if one fails', async () => {
    const w = gatedWrites();
    const b = new Batcher(w.write, { maxItems: 2, lingerMs: 60_000, maxInFlight: 1 });
    let whole: string | undefined;
    void b.add(['x1', 'x2', 'x3']).then(
      () => (whole = 'written'),
      (err: Error) => (whole = err.message),
    );
    let after: string | undefined;
    void b.add(['y1']).then(
      () => (after = 'written'),
      (err: Error) => (after = err.message),
    );
    await turn();
    expect(w.started).toEqual([['x1', 'x2']]);
    w.gates[0]!.release();
    await turn();
    // The first piece is written, the caller's third item is not: it waits.
    expect(whole).toBeUndefined();
    expect(w.started[1]).toEqual(['x3']);
    w.gates[1]!.fail(new Error('database down'));
    await turn();
    expect(whole).toBe('database down');
    // The next caller's items were in a piece of their own: written.
    expect(w.started[2]).toEqual(['y1']);
    w.gates[2]!.release();
    await turn();
    expect(after).toBe('written');

    // A caller within one piece is settled by that piece alone.
    let single: string | undefined;
    void b.add(['z1', 'z2']).then(() => (single = 'written'));
    await turn();
    w.gates[3]!.release();
    await turn();
    expect(single).toBe('written');
  });

  it('writes a part-filled batch after lingerMs, and drains', async () => {
    const written: string[][] = [];
    const b = new Batcher(
      (items: string[]) => {
        written.push(items);
        return Promise.resolve();
      },
      { maxItems: 100, lingerMs: 5, maxInFlight: 1 },
    );
    const p = b.add(['one', 'two']);
    expect(written).toEqual([]);
    await p;
    expect(written).toEqual([['one', 'two']]);
    void b.add(['three']);
    await b.drain();
    expect(written).toEqual([['one', 'two'], ['three']]);
  });
});
