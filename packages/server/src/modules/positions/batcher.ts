/**
 * Group commit: many small concurrent calls (one per terminal message) are gathered into one
 * batch, written once, and every caller's promise settles with its batch. A batch is written when
 * it reaches maxItems or lingerMs after its first item; at most maxInFlight batches are written
 * at once, and while they are, new items wait in the next batch (which is how a slow database
 * slows producers down instead of growing memory without bound: callers await their batch).
 */
export interface BatcherOptions {
  maxItems: number;
  lingerMs: number;
  maxInFlight: number;
}

interface Pending<T> {
  items: T[];
  waiters: { resolve(): void; reject(err: unknown): void }[];
}

export class Batcher<T> {
  private pending: Pending<T> = { items: [], waiters: [] };
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
      for (const item of items) this.pending.items.push(item);
      this.pending.waiters.push({ resolve, reject });
      if (this.pending.items.length >= this.options.maxItems) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.lingerMs);
    });
  }

  /** Resolves when everything added so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.pending.items.length > 0 || this.inFlight > 0) {
      this.kick();
      await new Promise<void>((r) => this.idle.push(r));
    }
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight >= this.options.maxInFlight || this.pending.items.length === 0) return;
    const batch = this.pending;
    this.pending = { items: [], waiters: [] };
    this.inFlight++;
    void this.run(batch);
  }

  private async run(batch: Pending<T>): Promise<void> {
    // A batch past maxItems (callers keep adding while writes are in flight) is written in slices.
    try {
      for (let i = 0; i < batch.items.length; i += this.options.maxItems) {
        await this.write(batch.items.slice(i, i + this.options.maxItems));
      }
      for (const w of batch.waiters) w.resolve();
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    } finally {
      this.inFlight--;
      if (this.pending.items.length > 0) this.kick();
      for (const r of this.idle.splice(0)) r();
    }
  }
}
