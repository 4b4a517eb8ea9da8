import { describe, expect, it } from 'vitest';
import { chinaToday, dayPlus, expiryBadge, expiryStateOf } from './expiry.js';

describe('expiry', () => {
  it('tells expired, expiring within 30 days and valid apart at the edges', () => {
    expect(expiryStateOf(-1)).toBe('expired');
    expect(expiryStateOf(0)).toBe('expiring');
    expect(expiryStateOf(30)).toBe('expiring');
    expect(expiryStateOf(31)).toBe('valid');
  });

  it('gives red, orange and green badges', () => {
    expect(expiryBadge('expired')).toEqual({ status: 'error', color: 'red' });
    expect(expiryBadge('expiring').color).toBe('orange');
    expect(expiryBadge('valid').status).toBe('success');
  });

  it('adds days across a month and a leap day', () => {
    expect(dayPlus('2026-11-22', 30)).toBe('2026-12-22');
    expect(dayPlus('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts the day in China time (UTC+8)', () => {
    expect(chinaToday(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(chinaToday(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
});
