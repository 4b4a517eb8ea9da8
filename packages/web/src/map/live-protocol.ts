/**
 * The messages between the live map's worker (live-worker.ts) and the main thread
 * (live-client.ts). The worker owns the WebSocket, the store, the directory and the filters; the
 * main thread gets, per update, the vehicles as a GPU-ready batch, transferred (or null when
 * nothing it shows changed), the counts and the selected vehicle.
 */
import type { LiveVehicle } from '../api/types.js';
import type { LiveCounts } from './features.js';
import type { LiveFilters, VehicleInfo } from './live-store.js';
import type { VehicleBatch } from './vehicle-batch.js';

export type Availability =
  { kind: 'loading' } | { kind: 'absent' } | { kind: 'error'; message: string } | { kind: 'ok' };

export interface SelectedVehicle {
  vehicle: LiveVehicle;
  info: VehicleInfo | null;
  /** Its feature id on the map. */
  serial: number;
}

export type ToWorker =
  | { type: 'start'; filters: LiveFilters }
  | { type: 'filters'; filters: LiveFilters }
  /** Select by vehicle id, or by the serial a map click names; null deselects. */
  | { type: 'select'; vehicleId: string | null }
  | { type: 'pick'; serial: number }
  /** The map's zoom (clusters are built for its whole level). */
  | { type: 'zoom'; zoom: number }
  /** A cluster clicked in batch `seq`: the zoom at which it splits, answered as an 'expand'. */
  | { type: 'expand'; seq: number; clusterId: number; request: number }
  | { type: 'stop' };

export type FromWorker = WorkerFrame | { type: 'expand'; request: number; zoom: number | null };

export interface WorkerFrame {
  type: 'frame';
  availability: Availability;
  connected: boolean;
  /** The vehicles to draw; null: the map keeps what it has. */
  data: VehicleBatch | null;
  counts: LiveCounts;
  selected: SelectedVehicle | null;
  /** True when a feed message caused this frame. */
  feed: boolean;
  /** The worker's JSON parse of that message and its whole handling of it, ms. */
  parseMs: number | null;
  workMs: number | null;
}
