/** Auto-refresh for the big screen: a tick every `ms`, and GETs that reload on each tick. */
import { useEffect, useState } from 'react';
import type { RequestOptions } from '../api/client.js';
import { useApi, type Loaded } from '../api/use-api.js';

/** One minute: the screen's figures are counts, not a live feed (the map moves on its own poll). */
export const REFRESH_MS = 60_000;

export function useTick(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
  return tick;
}

/** useApi that reloads on every tick (the previous data stays shown while it loads). */
export function useRefreshed<T>(
  path: string | null,
  query: RequestOptions['query'],
  tick: number,
): Loaded<T> {
  const loaded = useApi<T>(path, query);
  const { reload } = loaded;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  return loaded;
}

/** Today's date in China time (UTC+8), 'YYYY-MM-DD'. */
export function chinaDay(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
