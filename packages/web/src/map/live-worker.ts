/**
 * The live map's worker: owns the feed's WebSocket (/api/live/stream), parses its messages, keeps
 * the store, loads the archive's vehicle directory (plates, company, district, class of goods),
 * applies the filters, clusters the shown vehicles for the map's zoom (supercluster) and builds
 * the GPU-ready batch of dots and clusters (vehicle-batch.ts), transferred — so the main thread
 * handles, per update, one small message and one buffer upload. A frame goes out only when
 * something changed; its batch only when a vehicle the filters let through changed (or the
 * filters, or the zoom level did).
 */
import { openSocket } from '../api/socket.js';
import type { ArchiveRecord, LiveVehicle, Page } from '../api/types.js';
import { noCounts, VehicleSerials, vehicleFrame, type LiveCounts } from './features.js';
import type { Availability, FromWorker, SelectedVehicle, ToWorker, WorkerFrame } from './live-protocol.js';
import {
  filtersUseInfo,
  infoOfRecord,
  LiveStore,
  noFilters,
  rowFilter,
  rowOfView,
  viewOfRow,
  type FeedRow,
  type LiveFilters,
  type VehicleInfo,
} from './live-store.js';
import {
  CLUSTER_MAX_ZOOM,
  clusterBatch,
  clusterIndex,
  dotBatch,
  type ClusterIndex,
  type ShownVehicles,
  type VehicleBatch,
} from './vehicle-batch.js';

/** The feed's throttle we ask for (ms): one update a second. */
const THROTTLE_MS = 1000;
const PAGE = 500;
/** 30 pages: 15,000 vehicles, above Panjin's 11,426. */
const MAX_PAGES = 30;
/** Cluster indexes kept for clicks on batches the main thread may still show. */
const KEEP_INDEXES = 4;

const store = new LiveStore();
const serials = new VehicleSerials();
let info = new Map<string, VehicleInfo>();
let filters: LiveFilters = noFilters;
let pass: (r: FeedRow) => boolean = () => true;
let selectedId: string | null = null;
let availability: Availability = { kind: 'loading' };
let connected = false;
let counts: LiveCounts = noCounts;
let snapshotSeen = false;
let closeSocket: (() => void) | undefined;
let shown: ShownVehicles = vehicleFrame([], pass, serials).shown;
/** The map's zoom level (MapView's start until the layer says). */
let zoom = 8;
/** The index of `shown`, built when first needed at a clustered zoom. */
let index: ClusterIndex | null = null;
let seq = 0;
const indexes = new Map<number, ClusterIndex>();
const ctrl = new AbortController();

function selected(): SelectedVehicle | null {
  if (!selectedId) return null;
  const row = store.get(selectedId);
  return row
    ? { vehicle: viewOfRow(row), info: info.get(selectedId) ?? null, serial: serials.of(selectedId) }
    : null;
}

function post(frame: Omit<WorkerFrame, 'type' | 'availability' | 'connected' | 'selected' | 'counts'>): void {
  const out: WorkerFrame = { type: 'frame', availability, connected, counts, selected: selected(), ...frame };
  // The batch's buffers move to the main thread (no copy).
  self.postMessage(out, { transfer: frame.data ? [frame.data.items, frame.data.ids.buffer] : [] });
}

const clustered = (z: number) => z <= CLUSTER_MAX_ZOOM;

/** The shown vehicles for the current zoom: clusters, or a dot each. */
function batch(): VehicleBatch {
  seq++;
  if (!clustered(zoom)) return dotBatch(shown, seq);
  index ??= clusterIndex(shown);
  indexes.set(seq, index);
  for (const k of indexes.keys()) if (indexes.size > KEEP_INDEXES) indexes.delete(k);
  return clusterBatch(shown, index, zoom, seq);
}

/** Rebuilds the map's data and posts it. */
function redraw(feed: boolean, parseMs: number | null, started: number): void {
  const frame = vehicleFrame(store.rows(), pass, serials);
  counts = frame.counts;
  shown = frame.shown;
  index = null;
  post({ data: batch(), feed, parseMs, workMs: performance.now() - started });
}

function onFeedText(text: string): void {
  const started = performance.now();
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return; // not ours
  }
  const parseMs = performance.now() - started;
  // Rows shown before this message, for the vehicles it changes.
  const wasShown = new Map<string, boolean>();
  const m = msg as { type?: string; rows?: unknown[] };
  if (m.type === 'delta' && Array.isArray(m.rows)) {
    for (const r of m.rows) {
      const id = Array.isArray(r) ? (r[0] as unknown) : undefined;
      const held = typeof id === 'string' ? store.get(id) : undefined;
      if (held) wasShown.set(held[0], pass(held));
    }
  }
  const applied = store.apply(msg);
  if (!applied) return;
  if (applied.snapshot) snapshotSeen = true;
  // The stream answering is proof enough that the position service is there: the map need not
  // wait for GET /api/live (seen to take over a minute behind a busy server).
  if (availability.kind === 'loading') availability = { kind: 'ok' };
  const visibleChange = applied.snapshot || applied.rows.some((r) => pass(r) || wasShown.get(r[0]) === true);
  if (visibleChange) redraw(true, parseMs, started);
  else {
    // Nothing on the map moved: the counts (online, total) may still have.
    counts = vehicleFrame(store.rows(), pass, serials, false).counts;
    post({ data: null, feed: true, parseMs, workMs: performance.now() - started });
  }
}

/** Whether the position service is there for this user (GET /api/live); seeds the store. */
async function probe(): Promise<void> {
  try {
    const res = await fetch('/api/live', { signal: ctrl.signal, headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as {
      vehicles?: LiveVehicle[];
      code?: string;
      message?: string;
    } | null;
    if (res.ok) {
      availability = { kind: 'ok' };
      // Something to show while the stream connects; its snapshot replaces it.
      if (!snapshotSeen && Array.isArray(body?.vehicles)) {
        const started = performance.now();
        store.apply({ v: 2, type: 'snapshot', rows: body.vehicles.map(rowOfView) });
        redraw(false, null, started);
        return;
      }
    } else if (res.status === 403 || body?.code === 'ROUTE_NOT_FOUND') {
      // The position service not deployed (or not permitted for this role): say so.
      availability = { kind: 'absent' };
      closeSocket?.();
      closeSocket = undefined;
    } else availability = { kind: 'error', message: body?.message ?? `HTTP ${res.status}` };
  } catch (e) {
    if (ctrl.signal.aborted) return;
    availability = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  post({ data: null, feed: false, parseMs: null, workMs: null });
}

/** The archive's vehicles in scope, page by page; the filters that use them are re-run. */
async function loadDirectory(): Promise<void> {
  const all = new Map<string, VehicleInfo>();
  for (let page = 1; page <= MAX_PAGES; page++) {
    let r: Page<ArchiveRecord>;
    try {
      const res = await fetch(`/api/archives/vehicles?page=${page}&pageSize=${PAGE}`, {
        signal: ctrl.signal,
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return;
      r = (await res.json()) as Page<ArchiveRecord>;
    } catch {
      return;
    }
    for (const v of r.items) all.set(v.id, infoOfRecord(v));
    info = new Map(all);
    const done = page * PAGE >= r.total;
    if (filtersUseInfo(filters)) {
      pass = rowFilter(filters, info);
      redraw(false, null, performance.now());
    } else if (selectedId && all.has(selectedId))
      post({ data: null, feed: false, parseMs: null, workMs: null });
    if (done) return;
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'start':
      filters = m.filters;
      pass = rowFilter(filters, info);
      closeSocket = openSocket(`/api/live/stream?throttleMs=${THROTTLE_MS}`, {
        decode: (text) => text,
        onMessage: (text) => onFeedText(text as string),
        onState: (s) => {
          connected = s === 'open';
          post({ data: null, feed: false, parseMs: null, workMs: null });
        },
      });
      void probe();
      void loadDirectory();
      return;
    case 'filters':
      filters = m.filters;
      pass = rowFilter(filters, info);
      redraw(false, null, performance.now());
      return;
    case 'select':
      selectedId = m.vehicleId;
      post({ data: null, feed: false, parseMs: null, workMs: null });
      return;
    case 'pick':
      selectedId = serials.idOf(m.serial) ?? null;
      post({ data: null, feed: false, parseMs: null, workMs: null });
      return;
    case 'zoom': {
      const was = zoom;
      zoom = m.zoom;
      // Dots look the same at every zoom past the cluster zoom.
      if (was !== zoom && (clustered(was) || clustered(zoom)))
        post({ data: batch(), feed: false, parseMs: null, workMs: null });
      return;
    }
    case 'expand': {
      let z: number | null;
      try {
        z = indexes.get(m.seq)?.getClusterExpansionZoom(m.clusterId) ?? null;
      } catch {
        z = null; // an id of an index no longer kept
      }
      self.postMessage({ type: 'expand', request: m.request, zoom: z } satisfies FromWorker);
      return;
    }
    case 'stop':
      ctrl.abort();
      closeSocket?.();
      closeSocket = undefined;
      return;
  }
};
