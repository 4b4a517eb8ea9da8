/**
 * Connects the live store to the server's feed (WebSocket /api/live/stream: a snapshot, then
 * changes at most once a second), reconnecting; a reconnection's snapshot replaces the store.
 * Marks each message for the performance measurement of the map update (see VehicleLayer).
 */
import { openSocket } from '../api/socket.js';
import type { LiveStore } from './live-store.js';

/** User-timing names: the start of a feed message, the end of its map update, the first drawn map. */
export const LIVE_MESSAGE_MARK = 'weiyun:live:message';
export const LIVE_UPDATE_MEASURE = 'weiyun:live:update';
export const LIVE_FIRST_RENDER_MARK = 'weiyun:live:first-render';
/** The JSON parse of a message, part of its update. */
export const LIVE_PARSE_MEASURE = 'weiyun:live:parse';

/** The feed's throttle we ask for (ms): one update a second. */
const THROTTLE_MS = 1000;

export function connectLiveFeed(store: LiveStore, onState: (s: 'open' | 'closed') => void): () => void {
  return openSocket(`/api/live/stream?throttleMs=${THROTTLE_MS}`, {
    onState,
    decode: (text) => {
      performance.mark(LIVE_MESSAGE_MARK);
      const data: unknown = JSON.parse(text);
      performance.measure(LIVE_PARSE_MEASURE, LIVE_MESSAGE_MARK);
      performance.clearMeasures(LIVE_PARSE_MEASURE);
      return data;
    },
    onMessage: (data) => {
      store.apply(data);
    },
  });
}
