/**
 * The main thread's side of the live map: starts the live worker (live-worker.ts), hands each
 * frame's GeoJSON to the vehicle layer (one MapLibre setData of a data URL, parsed in MapLibre's
 * own worker) and the counts and the selected vehicle to the panel and the card
 * (useSyncExternalStore; rendered synchronously so the measured update includes React's work).
 *
 * User timings for the performance test (e2e/live-map-perf.test.ts): LIVE_MESSAGE_MARK when a
 * frame arrives, LIVE_UPDATE_MEASURE when the main thread is done with it (setData and the
 * panel's render included); LIVE_PARSE_MEASURE and LIVE_WORKER_MEASURE carry the worker's JSON
 * parse and its whole handling of the message (off the main thread, reported for the record).
 */
import { flushSync } from 'react-dom';
import { noCounts, type LiveCounts } from './features.js';
import type { Availability, SelectedVehicle, ToWorker, WorkerFrame } from './live-protocol.js';
import type { LiveFilters } from './live-store.js';

export const LIVE_MESSAGE_MARK = 'weiyun:live:message';
export const LIVE_UPDATE_MEASURE = 'weiyun:live:update';
export const LIVE_FIRST_RENDER_MARK = 'weiyun:live:first-render';
export const LIVE_PARSE_MEASURE = 'weiyun:live:parse';
export const LIVE_WORKER_MEASURE = 'weiyun:live:worker';
/** The vehicle layer's setData within an update. */
export const LIVE_SETDATA_MEASURE = 'weiyun:live:setdata';

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

/** Receives the vehicles' data URL (and how many are shown). */
export type VehicleSink = (dataUrl: string, shown: number) => void;

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
  private last: { data: string; shown: number } | null = null;
  view: LiveView = {
    availability: { kind: 'loading' },
    connected: false,
    counts: noCounts,
    selected: null,
  };

  constructor(filters: LiveFilters) {
    this.worker = new Worker(new URL('./live-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerFrame>) => this.receive(e.data);
    this.send({ type: 'start', filters });
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private receive(f: WorkerFrame): void {
    performance.mark(LIVE_MESSAGE_MARK);
    if (f.data !== null) {
      this.last = { data: f.data, shown: f.counts.shown };
      if (this.sink) {
        const t0 = performance.now();
        this.sink(f.data, f.counts.shown);
        performance.measure(LIVE_SETDATA_MEASURE, { start: t0, end: performance.now() });
        performance.clearMeasures(LIVE_SETDATA_MEASURE);
      }
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
      performance.measure(LIVE_UPDATE_MEASURE, LIVE_MESSAGE_MARK);
      // Observers have the entry; the buffer must not grow for a console open all day.
      performance.clearMeasures(LIVE_UPDATE_MEASURE);
    }
    performance.clearMarks(LIVE_MESSAGE_MARK);
  }

  /** The vehicle layer's input; it gets the latest data at once. Returns the detach. */
  attach(sink: VehicleSink): () => void {
    this.sink = sink;
    if (this.last) sink(this.last.data, this.last.shown);
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
