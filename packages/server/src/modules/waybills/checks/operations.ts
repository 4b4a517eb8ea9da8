/** Checks on the trip as a whole: the terminal reports, and one vehicle has one active waybill. */
import { result, type CheckResult } from '../check-codes.js';
import type { CheckContext } from './context.js';

/**
 * A vehicle whose positioning terminal cannot stay online may not be dispatched (动态监督管理办法,
 * regulations.md §4.4): a bound terminal whose last report is recent.
 */
export function terminalOnline(ctx: CheckContext): CheckResult {
  const t = ctx.terminal;
  const limitMs = ctx.params.terminalOnlineMinutes * 60_000;
  if (!t) return result('TERMINAL_OFFLINE', false, { terminal: false });
  const last = t.lastSeenAt;
  const online = last !== null && ctx.now.getTime() - last.getTime() <= limitMs;
  return result('TERMINAL_OFFLINE', online, {
    terminalId: t.terminalId,
    lastSeenAt: last?.toISOString() ?? null,
    withinMinutes: ctx.params.terminalOnlineMinutes,
  });
}

export function noOtherActive(ctx: CheckContext): CheckResult {
  return result('ACTIVE_WAYBILL_EXISTS', ctx.otherActive.length === 0, {
    active: ctx.otherActive.map((w) => ({ number: w.number, status: w.status })),
  });
}
