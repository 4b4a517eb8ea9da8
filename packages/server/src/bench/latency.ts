/**
 * A latency histogram that processes can merge: logarithmic buckets 1 % wide from 10 µs to
 * 100 s, so a benchmark's child processes send a few kilobytes instead of every sample.
 * Percentiles are read back to within 1 %.
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
export const LATENCY_BUCKETS = Math.ceil(Math.log(100_000 / MIN_MS) / LOG_GROWTH) + 1;

export class LatencyHistogram {
  readonly counts: number[];
  total = 0;

  constructor(counts?: readonly number[]) {
    this.counts = counts ? [...counts] : new Array<number>(LATENCY_BUCKETS).fill(0);
    for (const c of this.counts) this.total += c;
  }

  record(ms: number): void {
    const i = ms <= MIN_MS ? 0 : Math.min(LATENCY_BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH));
    this.counts[i]!++;
    this.total++;
  }

  merge(other: { counts: readonly number[] }): void {
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      const c = other.counts[i] ?? 0;
      this.counts[i]! += c;
      this.total += c;
    }
  }

  /** The q-quantile (0–1), as the upper edge of its bucket; NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.min(this.total - 1, Math.floor(q * this.total));
    let seen = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen > rank) return MIN_MS * GROWTH ** i;
    }
    return MIN_MS * GROWTH ** (LATENCY_BUCKETS - 1);
  }
}
