/**
 * A pass-through proxy in front of the test server that answers the live feed's WebSocket
 * (/api/live/stream) itself: every other request and upgrade goes to the real server untouched.
 * The browser then receives the synthetic feed over a real socket, as from the server, so the
 * page's main thread does only the console's own work (no test-harness message injection).
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FeedProxy {
  url: string;
  close: () => Promise<void>;
}

export async function startFeedProxy(upstream: string, onFeed: (ws: WebSocket) => void): Promise<FeedProxy> {
  const target = new URL(upstream);
  const port = Number(target.port);
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((req, res) => {
    const out = request(
      { host: target.hostname, port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url?.startsWith('/api/live/stream')) {
      wss.handleUpgrade(req, socket, head, (ws) => onFeed(ws));
      return;
    }
    // Any other socket (the alarm push): a raw tunnel to the server.
    const up = connect(port, target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
