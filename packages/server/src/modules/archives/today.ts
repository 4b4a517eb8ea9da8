/** Calendar day in China (UTC+8, no daylight saving): certificates expire on local days. */
export function chinaDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
