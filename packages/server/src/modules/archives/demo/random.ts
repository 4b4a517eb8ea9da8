/** Deterministic randomness for the demo dataset: the same seed gives the same city. */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for synthetic data (not for secrets). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Splits `total` into integers proportional to `weights` that add up exactly (largest remainder),
 * each at least `min`.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`cannot apportion ${total} over nothing`);
    return [];
  }
  const free = total - min * n;
  if (free < 0) throw new Error(`cannot give ${n} parts at least ${min} from ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * free : free / n));
  const out = exact.map((x) => Math.floor(x));
  let left = free - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % n]![1]]!++;
  return out.map((x) => x + min);
}

/** Skewed weights, like real fleets: a few large companies, many small ones. */
export function skewedWeights(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => 1 / (rng() + 0.04));
}

/** A v4-shaped UUID drawn from the generator. */
export function uuid(rng: Rng): string {
  const hex = (n: number): string =>
    Array.from({ length: n }, () =>
      Math.floor(rng() * 16)
        .toString(16)
        .toLowerCase(),
    ).join('');
  const variant = (8 + Math.floor(rng() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** Calendar arithmetic on YYYY-MM-DD strings (UTC, no time zone surprises). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
