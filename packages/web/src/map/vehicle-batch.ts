/**
 * The live map's vehicles as one GPU-ready batch, built in the live worker (pure): per drawn item —
 * a vehicle dot or, zoomed out, a cluster — its position and look, interleaved in an ArrayBuffer
 * that is transferred (not copied) to the main thread, which only uploads it (layers/VehicleLayer
 * draws it with its own small shader, gl-points.ts). Clusters come from supercluster here, so
 * neither MapLibre's worker nor the main thread parses or clusters 10,000 features a second.
 *
 * Positions are Web Mercator (0..1 across the world) relative to an origin: float32 alone would
 * jitter by metres at street zoom; offsets from a nearby origin keep sub-centimetre precision.
 */
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import type { VehicleState } from './live-store.js';

/** Bytes per item: x, y (float32), fill RGBA, stroke RGBA, radius and stroke width (CSS px), 2 spare. */
export const ITEM_BYTES = 20;
/** Above this zoom every vehicle is its own dot (as MapLibre's clusterMaxZoom). */
export const CLUSTER_MAX_ZOOM = 11;
/** Cluster radius, px at a 512 px tile. */
export const CLUSTER_RADIUS = 40;

type Rgba = readonly [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];

/** Dot colours by state (Ant Design palette, as the legend). */
export const stateFill: Readonly<Record<VehicleState, Rgba>> = {
  moving: [0x52, 0xc4, 0x1a, 255],
  stopped: [0x16, 0x77, 0xff, 255],
  offline: [0x8c, 0x8c, 0x8c, 255],
  alarm: [0xf5, 0x22, 0x2d, 255],
};
export const DOT_RADIUS = 5;
export const DOT_STROKE = 1;
/** A cluster that holds an alarm is red; 0.85 opacity. */
const CLUSTER_ALARM: Rgba = [0xff, 0x78, 0x75, 217];
const CLUSTER_PLAIN: Rgba = [0x69, 0xb1, 0xff, 217];
export const CLUSTER_STROKE = 2;

/** A cluster's radius by how many vehicles it holds, px. */
export function clusterRadius(count: number): number {
  return count < 50 ? 10 : count < 500 ? 14 : count < 2000 ? 20 : 26;
}

export const mercatorX = (lon: number): number => (180 + lon) / 360;
export const mercatorY = (lat: number): number =>
  (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;

/** The vehicles the filters let through, with a position: parallel arrays, in store order. */
export interface ShownVehicles {
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  state: VehicleState[];
  serial: Uint32Array;
}

export interface VehicleBatch {
  /** Which build this is (a cluster click names the batch it saw). */
  seq: number;
  count: number;
  /** count × ITEM_BYTES, see ITEM_BYTES. */
  items: ArrayBuffer;
  /** Per item: the vehicle's serial (≥ 0), or −1 − cluster id for a cluster. */
  ids: Int32Array;
  /** Mercator origin the positions are relative to. */
  originX: number;
  originY: number;
  /** Clustered (zoomed out) or one dot per vehicle. */
  clustered: boolean;
}

class BatchWriter {
  readonly items: ArrayBuffer;
  readonly ids: Int32Array;
  private readonly f32: Float32Array;
  private readonly u8: Uint8Array;
  count = 0;

  constructor(
    capacity: number,
    readonly originX: number,
    readonly originY: number,
  ) {
    this.items = new ArrayBuffer(capacity * ITEM_BYTES);
    this.ids = new Int32Array(capacity);
    this.f32 = new Float32Array(this.items);
    this.u8 = new Uint8Array(this.items);
  }

  push(
    id: number,
    lon: number,
    lat: number,
    fill: Rgba,
    radius: number,
    strokeWidth: number,
    stroke: Rgba = WHITE,
  ): void {
    this.pushMercator(id, mercatorX(lon), mercatorY(lat), fill, radius, strokeWidth, stroke);
  }

  pushMercator(
    id: number,
    x: number,
    y: number,
    fill: Rgba,
    radius: number,
    strokeWidth: number,
    stroke: Rgba = WHITE,
  ): void {
    const i = this.count++;
    const f = (i * ITEM_BYTES) / 4;
    this.f32[f] = x - this.originX;
    this.f32[f + 1] = y - this.originY;
    const b = i * ITEM_BYTES + 8;
    this.u8.set(fill, b);
    this.u8.set(stroke, b + 4);
    this.u8[b + 8] = radius;
    this.u8[b + 9] = strokeWidth;
    this.ids[i] = id;
  }

  done(seq: number, clustered: boolean): VehicleBatch {
    return {
      seq,
      count: this.count,
      items: this.items.slice(0, this.count * ITEM_BYTES),
      ids: this.ids.slice(0, this.count),
      originX: this.originX,
      originY: this.originY,
      clustered,
    };
  }
}

/** The mercator centre of the shown vehicles' box (0.5, 0.5 when none). */
function originOf(shown: ShownVehicles): [number, number] {
  if (shown.n === 0) return [0.5, 0.5];
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  for (let i = 0; i < shown.n; i++) {
    w = Math.min(w, shown.lon[i]!);
    e = Math.max(e, shown.lon[i]!);
    s = Math.min(s, shown.lat[i]!);
    n = Math.max(n, shown.lat[i]!);
  }
  return [mercatorX((w + e) / 2), mercatorY((s + n) / 2)];
}

/** One dot per shown vehicle, coloured by state. */
export function dotBatch(shown: ShownVehicles, seq: number): VehicleBatch {
  const [ox, oy] = originOf(shown);
  const w = new BatchWriter(shown.n, ox, oy);
  for (let i = 0; i < shown.n; i++)
    w.push(
      shown.serial[i]!,
      shown.lon[i]!,
      shown.lat[i]!,
      stateFill[shown.state[i]!],
      DOT_RADIUS,
      DOT_STROKE,
    );
  return w.done(seq, false);
}

/** Per point: 1 when in alarm; per cluster: how many of its vehicles are. */
type AlarmProps = {
  alarm: number;
  /** The shown index (points only). */
  i?: number;
};

export type ClusterIndex = Supercluster<AlarmProps, AlarmProps>;

/** The supercluster index of the shown vehicles (clusters count their alarms). */
export function clusterIndex(shown: ShownVehicles): ClusterIndex {
  const points: PointFeature<AlarmProps>[] = [];
  for (let i = 0; i < shown.n; i++)
    points.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [shown.lon[i]!, shown.lat[i]!] },
      properties: { alarm: shown.state[i] === 'alarm' ? 1 : 0, i },
    });
  return new Supercluster<AlarmProps, AlarmProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ alarm: p.alarm }),
    reduce: (acc, p) => {
      acc.alarm += p.alarm;
    },
  }).load(points);
}

/** The clusters (and lone vehicles) of the index at a zoom. */
export function clusterBatch(
  shown: ShownVehicles,
  index: ClusterIndex,
  zoom: number,
  seq: number,
): VehicleBatch {
  const [ox, oy] = originOf(shown);
  const found = index.getClusters([-180, -85, 180, 85], zoom);
  const w = new BatchWriter(found.length, ox, oy);
  for (const f of found) {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties as AlarmProps & Partial<ClusterProperties>;
    if (p.cluster)
      w.push(
        -1 - p.cluster_id!,
        lon,
        lat,
        p.alarm > 0 ? CLUSTER_ALARM : CLUSTER_PLAIN,
        clusterRadius(p.point_count!),
        CLUSTER_STROKE,
      );
    else {
      const i = p.i!;
      w.push(shown.serial[i]!, lon, lat, stateFill[shown.state[i]!], DOT_RADIUS, DOT_STROKE);
    }
  }
  return w.done(seq, true);
}

const SELECTED_RING: Rgba = [0xfa, 0x8c, 0x16, 255];

/** The selected vehicle's ring (orange, hollow) at a mercator position, drawn over the dots. */
export function selectionBatch(serial: number, x: number, y: number): VehicleBatch {
  const w = new BatchWriter(1, x, y);
  w.pushMercator(serial, x, y, [0, 0, 0, 0], 10, 3, SELECTED_RING);
  return w.done(0, false);
}
