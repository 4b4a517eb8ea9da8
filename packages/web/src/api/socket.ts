/**
 * A WebSocket to the server that comes back: on close it reconnects after a growing, capped
 * delay (1 s, 2 s, 4 s … 30 s), and the caller reloads what it missed in `onOpen`. The session
 * cookie authenticates the upgrade (same origin). Works in a window and in a worker.
 */
export interface SocketHandlers {
  onMessage: (data: unknown) => void;
  /** Called on every (re)connection: the place to reload lists that may have missed pushes. */
  onOpen?: (reconnected: boolean) => void;
  onState?: (state: 'open' | 'closed') => void;
  /** Turns a text frame into a value (default JSON.parse); a throw drops the frame. */
  decode?: (text: string) => unknown;
}

const MAX_BACKOFF_MS = 30_000;

/** The wait before reconnect attempt `n` (0-based), in ms. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt));
}

export function socketUrl(path: string, loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${path}`;
}

/** Opens the socket; returns the function that closes it for good. */
export function openSocket(path: string, h: SocketHandlers): () => void {
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    ws = new WebSocket(socketUrl(path, globalThis.location));
    ws.onopen = () => {
      h.onOpen?.(opened);
      opened = true;
      attempt = 0;
      h.onState?.('open');
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      let data: unknown;
      try {
        data = (h.decode ?? JSON.parse)(e.data);
      } catch {
        return; // not ours
      }
      h.onMessage(data);
    };
    ws.onclose = () => {
      ws = null;
      if (stopped) return;
      h.onState?.('closed');
      timer = setTimeout(connect, backoffMs(attempt++));
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ws?.close();
  };
}
