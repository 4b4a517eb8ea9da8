/**
 * Group commit: many small concurrent calls (one per terminal message) are gathered into one
 * batch, written once, and every caller's promise settles with its batch. A batch is written when
 * it reaches maxItems or lingerMs after its first item; at most maxInFlight batches are written
 * at once, and while they are, new items wait in the next batch (which is how a slow database
 * slows producers down instead of growing memory without bound: callers await their batch).
 *
 * Writes start in the order the items were added: a batch is sealed (into pieces of at most
 * maxItems) and queued, and queued batches start their writes oldest first. The caller relies on
 * it: the store mode publishes batches in the order their writes started, and the rule engine
 * takes a vehicle's fixes in that order. (A batch that had grown past maxItems while writes were
 * in flight used to be written in slices one after another, and a later batch could start
 * between two slices: a vehicle's later fix overtook an earlier one, which the rules then set
 * aside as late, an emergency bit in it included.)
 */
export interface BatcherOptions {
  maxItems: number;
  lingerMs: number;
  maxInFlight: number;
}

/** One caller: settled when every piece holding its items is written, rejected by the first that fails. */
interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
  /** Pieces holding its items not yet written. */
  left: number;
  settled: boolean;
}

interface Pending<T> {
  items: T[];
  /** Each caller with the index of its first item and the end of its items in `items`. */
  waiters: { waiter: Waiter; from: number; to: number }[];
}

/** A sealed piece of a batch, at most maxItems, waiting for (or in) its write. */
interface Piece<T> {
  items: T[];
  waiters: Waiter[];
}

export class Batcher<T> {
  private pending: Pending<T> = { items: [], waiters: [] };
  private readonly queue: Piece<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: BatcherOptions,
  ) {}

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const p = this.pending;
      const from = p.items.length;
      for (const item of items) p.items.push(item);
      p.waiters.push({ waiter: { resolve, reject, left: 0, settled: false }, from, to: p.items.length });
      if (p.items.length >= this.options.maxItems) {
        this.seal();
        this.kick();
      } else this.timer ??= setTimeout(() => this.kick(), this.options.lingerMs);
    });
  }

  /** Resolves when everything added so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.pending.items.length > 0 || this.queue.length > 0 || this.inFlight > 0) {
      this.kick();
      await new Promise<void>((r) => this.idle.push(r));
    }
  }

  /** Queues the pending batch in pieces of at most maxItems, each naming the callers it holds items of. */
  private seal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { items, waiters } = this.pending;
    if (items.length === 0) return;
    this.pending = { items: [], waiters: [] };
    const max = this.options.maxItems;
    let w = 0;
    for (let at = 0; at < items.length; at += max) {
      const end = Math.min(items.length, at + max);
      const piece: Piece<T> = { items: items.slice(at, end), waiters: [] };
      // The callers whose items overlap [at, end): they are in order, and a caller's items are contiguous.
      while (w < waiters.length && waiters[w]!.to <= at) w++;
      for (let k = w; k < waiters.length && waiters[k]!.from < end; k++) {
        piece.waiters.push(waiters[k]!.waiter);
        waiters[k]!.waiter.left++;
      }
      this.queue.push(piece);
    }
  }

  /**
   * Starts queued writes while there is room, oldest first. The pending batch is sealed only when
   * a write can start (or it is full): while every slot is busy it keeps gathering items.
   */
  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight < this.options.maxInFlight) {
      if (this.queue.length === 0) this.seal();
      const piece = this.queue.shift();
      if (!piece) return;
      this.inFlight++;
      void this.run(piece);
    }
  }

  private async run(piece: Piece<T>): Promise<void> {
    try {
      await this.write(piece.items);
      for (const w of piece.waiters) {
        if (--w.left > 0 || w.settled) continue;
        w.settled = true;
        w.resolve();
      }
    } catch (err) {
      for (const w of piece.waiters) {
        if (w.settled) continue;
        w.settled = true;
        w.reject(err);
      }
    } finally {
      this.inFlight--;
      if (this.queue.length > 0 || this.pending.items.length > 0) this.kick();
      for (const r of this.idle.splice(0)) r();
    }
  }
}
