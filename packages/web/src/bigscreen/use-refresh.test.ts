import { describe, expect, it } from 'vitest';
import { chinaDay } from './use-refresh.js';

describe('chinaDay', () => {
  it('is the date in Beijing, also just after midnight there', () => {
    expect(chinaDay(Date.parse('2026-12-02T10:00:00Z'))).toBe('2026-12-02');
    // 00:30 on the 3rd in Beijing.
    expect(chinaDay(Date.parse('2026-12-02T16:30:00Z'))).toBe('2026-12-03');
    expect(chinaDay(Date.parse('2026-12-02T15:59:59Z'))).toBe('2026-12-02');
  });
});
