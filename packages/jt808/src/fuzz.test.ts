import { describe, expect, it } from 'vitest';
import { fuzz, seedPackets } from './fuzz.js';

describe('fuzz', () => {
  it('seeds are valid frames in both editions', () => {
    expect(seedPackets().length).toBeGreaterThanOrEqual(20);
  });

  it('1,000,000 random and mutated inputs: no throw, bounded memory', () => {
    const before = process.memoryUsage().heapUsed;
    const stats = fuzz(1_000_000, 0x808);
    const grown = process.memoryUsage().heapUsed - before;
    expect(stats.inputs).toBe(1_000_000);
    // Both outcomes are exercised: mutated input often still decodes (as raw, trailing or shorter values).
    expect(stats.decodedOk).toBeGreaterThan(100_000);
    expect(stats.decodeErrors).toBeGreaterThan(100_000);
    expect(stats.frames + stats.problems).toBeGreaterThan(10_000);
    expect(grown).toBeLessThan(256 * 1024 * 1024);
  });
});
