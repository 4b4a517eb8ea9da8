/**
 * The live vehicles the console holds, in the feed's own compact rows (format v2 of WebSocket
 * /api/live/stream, modules/positions/feed.ts): a snapshot, then deltas of the changed vehicles,
 * merged by vehicle id. Plain TypeScript, no DOM: the live worker (live-worker.ts) owns it, with
 * the filters and the archive's vehicle directory, and the main thread only gets what it shows.
 */
import type { LiveVehicle } from '../api/types.js';

export const FEED_VERSION = 2;

/** [vehicleId, lon, lat, speed km/h, heading °, online 1/0, deviceTime ms, lastSeenAt ms, alarm names] */
export type FeedRow = [
  vehicleId: string,
  lon: number,
  lat: number,
  speed: number,
  heading: number,
  online: 0 | 1,
  deviceTime: number,
  lastSeenAt: number,
  alarms: string[],
];

export type FeedMessage = { v: typeof FEED_VERSION; type: 'snapshot' | 'delta'; rows: FeedRow[] };

function isRow(r: unknown): r is FeedRow {
  return (
    Array.isArray(r) &&
    r.length >= 9 &&
    typeof r[0] === 'string' &&
    typeof r[1] === 'number' &&
    typeof r[2] === 'number' &&
    Array.isArray(r[8])
  );
}

/** A GET /api/live record (format 1, objects) as a feed row: the seed before the stream's snapshot. */
export function rowOfView(v: LiveVehicle): FeedRow {
  return [
    v.vehicleId,
    v.lon,
    v.lat,
    v.speed,
    v.heading,
    v.status === 'online' ? 1 : 0,
    Date.parse(v.deviceTime),
    Date.parse(v.lastSeenAt ?? v.deviceTime),
    v.alarms,
  ];
}

/** A row as the API's LiveVehicle, for the vehicle card. */
export function viewOfRow(r: FeedRow): LiveVehicle {
  return {
    vehicleId: r[0],
    terminalId: '',
    lon: r[1],
    lat: r[2],
    speed: r[3],
    heading: r[4],
    status: r[5] === 1 ? 'online' : 'offline',
    deviceTime: new Date(r[6]).toISOString(),
    lastSeenAt: new Date(r[7]).toISOString(),
    alarms: r[8],
  };
}

export class LiveStore {
  private readonly byId = new Map<string, FeedRow>();

  /**
   * Applies a feed message: a snapshot replaces everything, a delta merges its rows. Returns the
   * rows it wrote, or null when the value is not a feed message of this version (then nothing
   * changes; malformed rows inside a message are skipped).
   */
  apply(msg: unknown): { snapshot: boolean; rows: FeedRow[] } | null {
    const m = msg as Partial<FeedMessage> | null;
    if (!m || m.v !== FEED_VERSION || (m.type !== 'snapshot' && m.type !== 'delta') || !Array.isArray(m.rows))
      return null;
    if (m.type === 'snapshot') this.byId.clear();
    const rows: FeedRow[] = [];
    for (const r of m.rows as unknown[]) {
      if (!isRow(r)) continue;
      this.byId.set(r[0], r);
      rows.push(r);
    }
    return { snapshot: m.type === 'snapshot', rows };
  }

  get(id: string): FeedRow | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  rows(): IterableIterator<FeedRow> {
    return this.byId.values();
  }
}

export type VehicleState = 'moving' | 'stopped' | 'offline' | 'alarm';
export const vehicleStates: readonly VehicleState[] = ['moving', 'stopped', 'offline', 'alarm'];

/** Moving above 5 km/h (GPS drift makes a parked truck report 1–3 km/h). */
const MOVING_KMH = 5;

export function vehicleState(v: Pick<LiveVehicle, 'status' | 'speed' | 'alarms'>): VehicleState {
  if (v.status === 'offline') return 'offline';
  if (v.alarms.length > 0) return 'alarm';
  return v.speed > MOVING_KMH ? 'moving' : 'stopped';
}

export function rowState(r: FeedRow): VehicleState {
  if (r[5] !== 1) return 'offline';
  if (r[8].length > 0) return 'alarm';
  return r[3] > MOVING_KMH ? 'moving' : 'stopped';
}

/** The classes of dangerous goods (GB 6944): the class-of-goods filter's values. */
export const goodsClasses = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type GoodsClass = (typeof goodsClasses)[number];

/** What the archive says of a vehicle (GET /api/archives/vehicles, in the user's scope). */
export interface VehicleInfo {
  plate: string;
  enterpriseId: string | null;
  districtCode: string | null;
  /** 主要运输类别: the class of goods (1–9) the vehicle mainly carries. */
  transportClass: GoodsClass | null;
}

/** An archive vehicle record as VehicleInfo. */
export function infoOfRecord(r: Record<string, unknown>): VehicleInfo {
  const cls = Number(r.transportClass);
  return {
    plate: typeof r.plate === 'string' ? r.plate : String(r.id),
    enterpriseId: typeof r.enterpriseId === 'string' ? r.enterpriseId : null,
    districtCode: typeof r.districtCode === 'string' ? r.districtCode : null,
    transportClass:
      r.transportClass != null && goodsClasses.includes(cls as GoodsClass) ? (cls as GoodsClass) : null,
  };
}

export interface LiveFilters {
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  /** Class of goods 1–9 (the archive's main transport class). */
  goodsClass?: GoodsClass | undefined;
  /** Empty: every state. */
  states: readonly VehicleState[];
  plate?: string | undefined;
}

export const noFilters: LiveFilters = { states: [] };

/** Whether the filters ask the archive (then a newly loaded directory changes what passes). */
export function filtersUseInfo(f: LiveFilters): boolean {
  return Boolean(f.enterpriseId || f.districtCode || f.goodsClass || f.plate?.trim());
}

/** The filters as one test per row (a vehicle unknown to the archive fails every archive filter). */
export function rowFilter(f: LiveFilters, info: ReadonlyMap<string, VehicleInfo>): (r: FeedRow) => boolean {
  const plate = f.plate?.trim().toUpperCase();
  const states = f.states.length > 0 ? new Set(f.states) : null;
  if (!states && !filtersUseInfo(f)) return () => true;
  return (r) => {
    if (states && !states.has(rowState(r))) return false;
    if (!filtersUseInfo(f)) return true;
    const i = info.get(r[0]);
    if (f.enterpriseId && i?.enterpriseId !== f.enterpriseId) return false;
    if (f.districtCode && i?.districtCode !== f.districtCode) return false;
    if (f.goodsClass && i?.transportClass !== f.goodsClass) return false;
    if (plate && !(i?.plate ?? r[0]).toUpperCase().includes(plate)) return false;
    return true;
  };
}

/** Compass point of a heading in degrees (0 = north), for the vehicle card. */
export function compass(heading: number): 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW' {
  const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
  return points[Math.round((((heading % 360) + 360) % 360) / 45) % 8]!;
}
