/** Expiry badges for certificates: expired (red), expiring within the warning window (orange), valid. */
import type { ExpiryState } from '../api/types.js';

/** The bureau warns 30 days ahead (archives' expiry job: 30/15/7/0 days). */
export const WARN_DAYS = 30;

export function expiryStateOf(daysLeft: number, warnDays = WARN_DAYS): ExpiryState {
  return daysLeft < 0 ? 'expired' : daysLeft <= warnDays ? 'expiring' : 'valid';
}

export function expiryBadge(state: ExpiryState): { status: 'error' | 'warning' | 'success'; color: string } {
  switch (state) {
    case 'expired':
      return { status: 'error', color: 'red' };
    case 'expiring':
      return { status: 'warning', color: 'orange' };
    case 'valid':
      return { status: 'success', color: 'green' };
  }
}

/** The date `days` from `today` (YYYY-MM-DD), for `certificateExpiresBy` filters. */
export function dayPlus(today: string, days: number): string {
  const t = Date.parse(`${today}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today's date in China (UTC+8, no daylight saving), as the server counts days. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
