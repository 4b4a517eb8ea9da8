/**
 * The live vehicles the console holds: the feed's snapshot, then its changes (WebSocket
 * /api/live/stream, modules/positions/feed.ts), merged by vehicle id. Plain TypeScript, no
 * React: the vehicle layer listens to it directly so an update of 10,000 vehicles goes from the
 * socket to the map in one task, and the page's panel re-renders on its own.
 */
import type { LiveVehicle } from '../api/types.js';
import { vehicleState, type VehicleState } from './features.js';

export type FeedMessage = { type: 'snapshot' | 'changes'; vehicles: LiveVehicle[] };

export class LiveStore {
  private readonly byId = new Map<string, LiveVehicle>();
  private readonly listeners = new Set<() => void>();
  private cached: LiveVehicle[] | null = null;
  /** Incremented on every applied message. */
  version = 0;

  /** Applies a feed message; false when it is not one. */
  apply(msg: unknown): boolean {
    const m = msg as Partial<FeedMessage> | null;
    if (!m || (m.type !== 'snapshot' && m.type !== 'changes') || !Array.isArray(m.vehicles)) return false;
    if (m.type === 'snapshot') this.byId.clear();
    for (const v of m.vehicles) this.byId.set(v.vehicleId, v);
    this.cached = null;
    this.version++;
    for (const l of this.listeners) l();
    return true;
  }

  get(id: string): LiveVehicle | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  list(): LiveVehicle[] {
    this.cached ??= [...this.byId.values()];
    return this.cached;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }
}

export interface VehicleInfo {
  plate: string;
  enterpriseId: string | null;
}

export interface LiveFilters {
  enterpriseId?: string;
  /** Empty: every state. */
  states: readonly VehicleState[];
  plate?: string;
}

export const noFilters: LiveFilters = { states: [] };

/** The vehicles the filters let through (company and plate come from the archive's directory). */
export function filterVehicles(
  vehicles: readonly LiveVehicle[],
  f: LiveFilters,
  info: ReadonlyMap<string, VehicleInfo>,
): readonly LiveVehicle[] {
  const plate = f.plate?.trim().toUpperCase();
  if (!f.enterpriseId && f.states.length === 0 && !plate) return vehicles;
  return vehicles.filter((v) => {
    if (f.states.length > 0 && !f.states.includes(vehicleState(v))) return false;
    const i = info.get(v.vehicleId);
    if (f.enterpriseId && i?.enterpriseId !== f.enterpriseId) return false;
    if (plate && !(i?.plate ?? v.vehicleId).toUpperCase().includes(plate)) return false;
    return true;
  });
}

/** Vehicles by state, for the panel. */
export function countStates(vehicles: readonly LiveVehicle[]): Record<VehicleState, number> {
  const out: Record<VehicleState, number> = { moving: 0, stopped: 0, offline: 0, alarm: 0 };
  for (const v of vehicles) out[vehicleState(v)]++;
  return out;
}

/** Compass point of a heading in degrees (0 = north), for the vehicle card. */
export function compass(heading: number): 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW' {
  const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
  return points[Math.round((((heading % 360) + 360) % 360) / 45) % 8]!;
}
