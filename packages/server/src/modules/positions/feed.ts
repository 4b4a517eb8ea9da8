/**
 * The live change feed for console clients (WebSocket /api/live/stream): a snapshot of the
 * vehicles in the client's scope, then the changed ones, at most once per throttle interval per
 * client. Between two sends only the latest state of each vehicle is kept, so a busy fleet costs
 * a slow client one message per interval, not one per fix; a client whose socket is still
 * backed up skips a round (its changes wait and coalesce) rather than queueing without bound.
 */
import type { Scope } from '../../platform/auth.js';
import { scopeAllows, type VehicleDirectory } from './directory.js';
import type { LiveState, LiveVehicle } from './live.js';
import { presentLive, type LiveVehicleView } from './present.js';

export interface FeedClient {
  scope: Scope;
  throttleMs: number;
  send(message: string): void;
  /** False while the client's socket has too much unsent data. */
  ready(): boolean;
}

export type FeedMessage =
  { type: 'snapshot'; vehicles: LiveVehicleView[] } | { type: 'changes'; vehicles: LiveVehicleView[] };

export async function inScope(
  directory: VehicleDirectory,
  scope: Scope,
  vehicles: readonly LiveVehicle[],
): Promise<LiveVehicle[]> {
  if (scope.kind === 'city') return [...vehicles];
  const info = await directory.lookup(vehicles.map((v) => v.vehicleId));
  return vehicles.filter((v) => scopeAllows(scope, info.get(v.vehicleId)));
}

export class LiveFeed {
  constructor(
    private readonly live: LiveState,
    private readonly directory: VehicleDirectory,
  ) {}

  /** Sends the snapshot, then changes; returns the function that disconnects the client. */
  async connect(client: FeedClient): Promise<() => void> {
    const pending = new Map<string, LiveVehicle>();
    let timer: NodeJS.Timeout | undefined;
    let lastSent = 0;
    let closed = false;

    const send = async (): Promise<void> => {
      timer = undefined;
      if (closed || pending.size === 0) return;
      if (!client.ready()) {
        lastSent = Date.now(); // try again one interval later
        schedule();
        return;
      }
      const batch = [...pending.values()];
      pending.clear();
      lastSent = Date.now();
      const visible = await inScope(this.directory, client.scope, batch);
      if (!closed && visible.length > 0) {
        const msg: FeedMessage = { type: 'changes', vehicles: visible.map(presentLive) };
        client.send(JSON.stringify(msg));
      }
      if (pending.size > 0) schedule();
    };
    const schedule = (): void => {
      if (timer || closed) return;
      const wait = Math.max(0, lastSent + client.throttleMs - Date.now());
      timer = setTimeout(() => void send(), wait);
    };

    const unsubscribe = this.live.onChange((changes) => {
      for (const v of changes) pending.set(v.vehicleId, v);
      schedule();
    });
    const snapshot = await inScope(this.directory, client.scope, this.live.list());
    const msg: FeedMessage = { type: 'snapshot', vehicles: snapshot.map(presentLive) };
    client.send(JSON.stringify(msg));
    lastSent = Date.now();
    return () => {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }
}
