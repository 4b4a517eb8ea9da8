import { describe, expect, it } from 'vitest';
import { chinaDayStart } from './use-refresh.js';

describe('chinaDayStart', () => {
  it('is 16:00 UTC the day before, also just after midnight in Beijing', () => {
    expect(chinaDayStart(Date.parse('2026-12-02T10:00:00Z'))).toBe('2026-12-01T16:00:00.000Z');
    // 00:30 on the 3rd in Beijing.
    expect(chinaDayStart(Date.parse('2026-12-02T16:30:00Z'))).toBe('2026-12-02T16:00:00.000Z');
  });
});
