/**
 * The main thread's side of the live map: starts the live worker (live-worker.ts), hands each
 * frame's vehicle batch (transferred, GPU-ready: vehicle-batch.ts) to the vehicle layer, which
 * uploads and draws it in the map's next render, and the counts and the selected vehicle to the
 * panel and the card (useSyncExternalStore; rendered synchronously so the measured update
 * includes React's work).
 *
 * User timings for the performance test (e2e/live-map-perf.test.ts): LIVE_MESSAGE_MARK when a
 * frame arrives; LIVE_UPDATE_MEASURE, starting there, lasts the main thread's whole work for the
 * update: its handling of the message (the panel's render included) plus the map's render that
 * first draws the batch (the buffer upload and every layer's draw: LIVE_DRAW_MEASURE), the idle
 * time between the two left out. LIVE_PARSE_MEASURE and LIVE_WORKER_MEASURE carry the worker's
 * JSON parse and its whole handling of the message (off the main thread, for the record).
 */
import { flushSync } from 'react-dom';
import { noCounts, type LiveCounts } from './features.js';
import type { Availability, FromWorker, SelectedVehicle, ToWorker, WorkerFrame } from './live-protocol.js';
import type { LiveFilters } from './live-store.js';
import type { VehicleBatch } from './vehicle-batch.js';

export const LIVE_MESSAGE_MARK = 'weiyun:live:message';
export const LIVE_UPDATE_MEASURE = 'weiyun:live:update';
export const LIVE_FIRST_RENDER_MARK = 'weiyun:live:first-render';
export const LIVE_PARSE_MEASURE = 'weiyun:live:parse';
export const LIVE_WORKER_MEASURE = 'weiyun:live:worker';
/** The map's render that first draws an update's batch (upload and draw), within the update. */
export const LIVE_DRAW_MEASURE = 'weiyun:live:draw';

const sameCounts = (a: LiveCounts, b: LiveCounts): boolean =>
  a.total === b.total &&
  a.online === b.online &&
  a.shown === b.shown &&
  a.states.moving === b.states.moving &&
  a.states.stopped === b.states.stopped &&
  a.states.offline === b.states.offline &&
  a.states.alarm === b.states.alarm;

export interface LiveView {
  availability: Availability;
  connected: boolean;
  counts: LiveCounts;
  selected: SelectedVehicle | null;
}

/** Receives the vehicles' batch to draw. */
export type VehicleSink = (batch: VehicleBatch) => void;

/** An update whose batch the map has not drawn yet: its measure ends when it is. */
interface PendingUpdate {
  seq: number;
  start: number;
  handlerMs: number;
}

/** A worker-side duration as a main-thread measure ending now. */
function record(name: string, ms: number | null): void {
  if (ms === null) return;
  const end = performance.now();
  performance.measure(name, { start: Math.max(0, end - ms), end });
  performance.clearMeasures(name);
}

export class LiveClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<() => void>();
  private sink: VehicleSink | null = null;
  private last: VehicleBatch | null = null;
  private pending: PendingUpdate | null = null;
  private requests = 0;
  private readonly expansions = new Map<number, (zoom: number | null) => void>();
  view: LiveView = {
    availability: { kind: 'loading' },
    connected: false,
    counts: noCounts,
    selected: null,
  };

  constructor(filters: LiveFilters) {
    this.worker = new Worker(new URL('./live-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'frame') this.receive(e.data);
      else {
        this.expansions.get(e.data.request)?.(e.data.zoom);
        this.expansions.delete(e.data.request);
      }
    };
    this.send({ type: 'start', filters });
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private receive(f: WorkerFrame): void {
    const start = performance.mark(LIVE_MESSAGE_MARK).startTime;
    if (f.data !== null) {
      this.last = f.data;
      this.sink?.(f.data);
    }
    const v = this.view;
    const next: LiveView = {
      availability:
        JSON.stringify(v.availability) === JSON.stringify(f.availability) ? v.availability : f.availability,
      connected: f.connected,
      // Unchanged parts keep their identity: their subscribers do not re-render.
      counts: sameCounts(v.counts, f.counts) ? v.counts : f.counts,
      selected: f.selected,
    };
    this.view = next;
    flushSync(() => {
      for (const l of this.listeners) l();
    });
    if (f.feed) {
      record(LIVE_PARSE_MEASURE, f.parseMs);
      record(LIVE_WORKER_MEASURE, f.workMs);
      const handlerMs = performance.now() - start;
      // A batch the map had not drawn yet is replaced: its update cost only its handling.
      if (this.pending) this.measureUpdate(this.pending, 0);
      this.pending = null;
      if (f.data && this.sink) this.pending = { seq: f.data.seq, start, handlerMs };
      else this.measureUpdate({ seq: -1, start, handlerMs }, 0);
    }
    performance.clearMarks(LIVE_MESSAGE_MARK);
  }

  private measureUpdate(u: PendingUpdate, drawMs: number): void {
    performance.measure(LIVE_UPDATE_MEASURE, { start: u.start, duration: u.handlerMs + drawMs });
    // Observers have the entry; the buffer must not grow for a console open all day.
    performance.clearMeasures(LIVE_UPDATE_MEASURE);
  }

  /** The vehicle layer: the map's render that first drew batch `seq` took `ms` (main thread). */
  drawn(seq: number, ms: number): void {
    performance.measure(LIVE_DRAW_MEASURE, { start: performance.now() - ms, duration: ms });
    performance.clearMeasures(LIVE_DRAW_MEASURE);
    if (this.pending?.seq !== seq) return;
    this.measureUpdate(this.pending, ms);
    this.pending = null;
  }

  /** The vehicle layer's input; it gets the latest data at once. Returns the detach. */
  attach(sink: VehicleSink): () => void {
    this.sink = sink;
    if (this.last) sink(this.last);
    return () => {
      if (this.sink === sink) this.sink = null;
    };
  }

  setFilters(filters: LiveFilters): void {
    this.send({ type: 'filters', filters });
  }

  select(vehicleId: string | null): void {
    this.send({ type: 'select', vehicleId });
  }

  /** A click on the map: the feature's serial. */
  pick(serial: number): void {
    this.send({ type: 'pick', serial });
  }

  /** The map's zoom level: the worker clusters for it. */
  setZoom(zoom: number): void {
    this.send({ type: 'zoom', zoom });
  }

  /** The zoom at which a cluster of batch `seq` splits (null: that batch is gone). */
  expansionZoom(seq: number, clusterId: number): Promise<number | null> {
    const request = ++this.requests;
    return new Promise((resolve) => {
      this.expansions.set(request, resolve);
      this.send({ type: 'expand', seq, clusterId, request });
    });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  getView = (): LiveView => this.view;

  close(): void {
    this.send({ type: 'stop' });
    this.worker.terminate();
    this.listeners.clear();
    this.sink = null;
  }
}
