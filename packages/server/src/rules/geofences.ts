/**
 * Geofences and their spatial index. A Flatbush (packed Hilbert R-tree) holds the fences'
 * bounding boxes; corridors go in one box per segment so a long road does not make every fix a
 * candidate, and large polygons (a city boundary) keep their edges in latitude bands so a point
 * test reads a few edges.
 *
 * A tree walk costs a couple of microseconds, more than the whole per-fix budget, so point
 * lookups go through a grid of cells (`CELL_DEG`, about 550 m × 420 m at Panjin's latitude)
 * whose candidate lists are filled lazily by one Flatbush search per cell, the first time a
 * fix falls in it. After that a lookup is an array read plus exact tests of a few candidates,
 * and the answer for their outcome is usually built already. Memory grows only with the cells
 * vehicles actually visit.
 */
import Flatbush from 'flatbush';
import { distanceM, distanceToSegmentAtM, lonScale, metresToDegrees } from './geo.js';
import { BandedRing } from './banded-ring.js';
import {
  CELL_PAD_DEG,
  circleCertainty,
  INSIDE,
  OUTSIDE,
  rectInBox,
  segmentCertainty,
  TEST,
  type Certainty,
  type Rect,
} from './fence-cells.js';

/** 禁行区, 化工园区, 停车场, 充装企业, 登记点/卡口, 市界, 限速区. */
export type FenceKind =
  | 'restricted_zone'
  | 'chemical_park'
  | 'parking_lot'
  | 'filling_site'
  | 'checkpoint'
  | 'city_boundary'
  | 'speed_zone'
  | 'custom';

export type RoadClass = 'expressway' | 'other';

export type FenceShape =
  | { type: 'circle'; lat: number; lon: number; radiusM: number }
  /** Ring as flat [lon0, lat0, lon1, lat1, …]. */
  | { type: 'polygon'; ring: readonly number[] }
  /** Polyline as flat [lon0, lat0, …] and the full corridor width in metres. */
  | { type: 'corridor'; line: readonly number[]; widthM: number };

export interface Geofence {
  id: string;
  kind: FenceKind;
  name: string;
  shape: FenceShape;
  /** Only this enterprise's vehicles see the fence; absent = every vehicle. */
  enterpriseId?: string;
  /** Speed zones: road class and the posted limit (km/h) of the road they cover. */
  roadClass?: RoadClass;
  postedLimitKmh?: number;
  /** When several speed zones overlap, the highest priority wins (ties: the lowest limit). */
  priority?: number;
  /** Restricted zones: the goods classes barred (GB 6944 class or division, e.g. "2.1", "6.1"); absent = all. */
  goodsClasses?: readonly string[];
  /** Dwell alarm: staying inside longer than this (s). */
  dwellLimitSec?: number;
  /** Report every entry and exit as a `geofence` episode. */
  notify?: boolean;
}

export const DESIGNATED_KINDS: ReadonlySet<FenceKind> = new Set([
  'parking_lot',
  'chemical_park',
  'filling_site',
]);

export function validateFence(f: Geofence): string[] {
  const errors: string[] = [];
  const s = f.shape;
  const coordOk = (lon: number, lat: number) =>
    Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
  if (s.type === 'circle') {
    if (!coordOk(s.lon, s.lat)) errors.push('circle centre out of range');
    if (!(s.radiusM > 0)) errors.push('circle radius must be > 0');
  } else {
    const pts = s.type === 'polygon' ? s.ring : s.line;
    if (pts.length % 2 !== 0) errors.push('coordinates must be lon,lat pairs');
    const min = s.type === 'polygon' ? 6 : 4;
    if (pts.length < min) errors.push(`${s.type} needs at least ${min / 2} points`);
    for (let i = 0; i + 1 < pts.length; i += 2) {
      if (!coordOk(pts[i]!, pts[i + 1]!)) {
        errors.push(`point ${i / 2} out of range`);
        break;
      }
    }
    if (s.type === 'corridor' && !(s.widthM > 0)) errors.push('corridor width must be > 0');
  }
  if (f.kind === 'speed_zone' && f.postedLimitKmh !== undefined && !(f.postedLimitKmh > 0)) {
    errors.push('posted limit must be > 0');
  }
  return errors;
}

/** The fences that contain one point, with the facts the detectors ask about. */
export interface FenceHits {
  fences: Geofence[];
  /**
   * The subset that asks for enter/exit/dwell tracking: restricted zones, `notify`, `dwellLimitSec`.
   * In the index's own answers (`at`) the list is interned: one array object per list of fences, so
   * the same array means the same fences in the same order, told without reading either (the
   * engine's `sameTracked`). Do not modify it.
   */
  tracked: Geofence[];
  /** Inside a parking lot, chemical park or filling site. */
  designated: boolean;
  /** The speed zone that sets the road class and posted limit here, if any. */
  speedZone: Geofence | undefined;
}

export function emptyHits(): FenceHits {
  return { fences: [], tracked: [], designated: false, speedZone: undefined };
}

/** An index item's numbers in `GeofenceIndex.item` (11 used; 12 = 96 bytes). */
const ITEM = 12;
const BOX = 0;
const TYPE = 4;
const FENCE = 5;
const GEO = 6;
const CIRCLE = 0;
const POLYGON = 1;
const SEGMENT = 2;
const DESIGNATED = 1;
const SPEED_ZONE = 2;
const TRACKED = 4;

/** Grid cell size in degrees (lat and lon). */
const CELL_DEG = 0.005;
/** Above this many cells over the fences' extent, cells are found through a Map instead of an array. */
const MAX_DENSE_CELLS = 1 << 20;
/**
 * Grid cells and their sub-cells are nodes, kept flat in one Int32Array (`NODE` numbers each) so a
 * lookup reads a few cache lines instead of chasing a handful of objects (with a thousand vehicles
 * all over the city, every one of those reads would miss the cache):
 * - `ITEMS`, `COUNT`: the node's candidate items, a run of the item pool in index order, each as
 *   `item * 2 + 1` when the whole node is inside the item (no test needed) or `item * 2` when a
 *   point must be tested; items the node is wholly outside are left out. `ITEMS` is -1 until the
 *   node is classified (the first time a point falls in it).
 * - `CHILD`: a cell with more than `SPLIT_TESTS` items to test (a road's corridor segments, a
 *   place's rim) is split into `SUB × SUB` sub-cells, nodes `CHILD …` (row-major), classified
 *   lazily from the cell's own items, so a fix on a road tests the segments near it. 0: not split.
 * - `ANSWERS` and then pairs (outcome, answer): the answers already built for the node, by the
 *   outcome of its tests (bit k set: the k-th item to test passed). Points with the same outcomes
 *   get the same fences, so a lookup runs the tests and, most of the time, finds its answer built.
 * Node 0 is the empty node (outside every fence's box).
 */
const ITEMS = 0;
const COUNT = 1;
const CHILD = 2;
const ANSWERS = 3;
/** Answers kept per node; a node whose points fall in more combinations builds the rest each time. */
const MAX_ANSWERS = 8;
const NODE = 4 + 2 * MAX_ANSWERS;
/** Outcomes fit a 31-bit integer; a node with more items to test is walked each time. */
const MAX_MASK_TESTS = 31;
/** Sub-cells per side of a split cell (about 140 m × 105 m at Panjin's latitude), and when to split. */
const SUB = 4;
const SUB_DEG = CELL_DEG / SUB;
const SPLIT_TESTS = 2;

export class GeofenceIndex {
  readonly fences: readonly Geofence[];
  private readonly tree: Flatbush | undefined;
  /**
   * Per index item, `ITEM` numbers in a row (a point test reads one or two cache lines, not four
   * arrays): `BOX` minLon, minLat, maxLon, maxLat — a cheap reject before the exact test; `TYPE`
   * CIRCLE, POLYGON or SEGMENT; `FENCE` the fence's number; `GEO` 5 numbers of geometry (circle:
   * lat, lon, r; segment: aLat, aLon, bLat, bLon, half width), copied out of the fences.
   */
  private readonly item: Float64Array;
  private readonly fenceFlags: Uint8Array;
  private readonly rings: (BandedRing | undefined)[];
  private readonly stamp: Uint32Array;
  private query = 0;
  /** `lonScale` of the current lookup's point (NaN: not needed yet in this lookup). */
  private scale = NaN;
  private qHits: FenceHits = emptyHits();
  private readonly originLon: number = 0;
  private readonly originLat: number = 0;
  private readonly cols: number = 0;
  private readonly rows: number = 0;
  /** Node of each grid cell (0: not built yet), or through `sparse` for a very large extent. */
  private readonly dense: Int32Array | undefined;
  private readonly sparse: Map<number, number> | undefined;
  private nodes = new Int32Array(NODE * 1024);
  private nodeCount = 1;
  /** The candidate items of every node, one run per node. */
  private pool = new Int32Array(4096);
  private poolLength = 0;
  /** The answers the nodes point to (shared: callers must not modify them). */
  private readonly answers: FenceHits[] = [];
  /** The interned `tracked` lists, by their fences' numbers joined with commas. */
  private readonly trackedLists = new Map<string, Geofence[]>();
  private readonly noneTracked: Geofence[] = [];
  /** The fence numbers of the tracked fences a walk found, in order. */
  private readonly walkTracked: number[] = [];
  private readonly none: FenceHits = emptyHits();
  private readonly scratch: FenceHits = emptyHits();

  constructor(fences: readonly Geofence[]) {
    this.fences = fences;
    this.none.tracked = this.noneTracked;
    const items: [number, number, number, number, number, number][] = [];
    this.rings = fences.map((f, n) => {
      const s = f.shape;
      if (s.type === 'circle') {
        const { dLat, dLon } = metresToDegrees(s.radiusM, s.lat);
        items.push([n, -1, s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat]);
        return undefined;
      }
      if (s.type === 'polygon') {
        let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
        for (let i = 0; i + 1 < s.ring.length; i += 2) {
          x0 = Math.min(x0, s.ring[i]!);
          x1 = Math.max(x1, s.ring[i]!);
          y0 = Math.min(y0, s.ring[i + 1]!);
          y1 = Math.max(y1, s.ring[i + 1]!);
        }
        items.push([n, -1, x0, y0, x1, y1]);
        return new BandedRing(s.ring);
      }
      for (let i = 0; i + 3 < s.line.length; i += 2) {
        const { dLat, dLon } = metresToDegrees(s.widthM / 2, s.line[i + 1]!);
        const [ax, ay, bx, by] = [s.line[i]!, s.line[i + 1]!, s.line[i + 2]!, s.line[i + 3]!];
        items.push([
          n,
          i,
          Math.min(ax, bx) - dLon,
          Math.min(ay, by) - dLat,
          Math.max(ax, bx) + dLon,
          Math.max(ay, by) + dLat,
        ]);
      }
      return undefined;
    });
    this.item = new Float64Array(items.length * ITEM);
    items.forEach(([n, seg, x0, y0, x1, y1], k) => {
      const sh = fences[n]!.shape;
      const o = k * ITEM;
      this.item.set([x0, y0, x1, y1], o + BOX);
      this.item[o + FENCE] = n;
      if (sh.type === 'circle') {
        this.item[o + TYPE] = CIRCLE;
        this.item.set([sh.lat, sh.lon, sh.radiusM], o + GEO);
      } else if (sh.type === 'polygon') this.item[o + TYPE] = POLYGON;
      else {
        this.item[o + TYPE] = SEGMENT;
        const l = sh.line;
        this.item.set([l[seg + 1]!, l[seg]!, l[seg + 3]!, l[seg + 2]!, sh.widthM / 2], o + GEO);
      }
    });
    this.fenceFlags = Uint8Array.from(
      fences,
      (f) =>
        (DESIGNATED_KINDS.has(f.kind) ? DESIGNATED : 0) |
        (f.kind === 'speed_zone' ? SPEED_ZONE : 0) |
        (f.kind === 'restricted_zone' || f.notify === true || (f.dwellLimitSec ?? 0) > 0 ? TRACKED : 0),
    );
    this.stamp = new Uint32Array(fences.length);
    if (items.length > 0) {
      const tree = new Flatbush(items.length);
      for (const it of items) tree.add(it[2], it[3], it[4], it[5]);
      tree.finish();
      this.tree = tree;
      this.originLon = tree.minX;
      this.originLat = tree.minY;
      this.cols = Math.floor((tree.maxX - tree.minX) / CELL_DEG) + 1;
      this.rows = Math.floor((tree.maxY - tree.minY) / CELL_DEG) + 1;
      if (this.cols * this.rows <= MAX_DENSE_CELLS) this.dense = new Int32Array(this.cols * this.rows);
      else this.sparse = new Map();
    }
  }

  /** A new node, not classified yet (or `n` consecutive ones, for the sub-cells of a cell). */
  private newNodes(n: number): number {
    const id = this.nodeCount;
    this.nodeCount += n;
    if (this.nodeCount * NODE > this.nodes.length) {
      const grown = new Int32Array(Math.max(this.nodes.length * 2, this.nodeCount * NODE));
      grown.set(this.nodes);
      this.nodes = grown;
    }
    for (let k = id; k < id + n; k++) {
      const o = k * NODE;
      this.nodes[o + ITEMS] = -1;
      this.nodes[o + COUNT] = 0;
      this.nodes[o + CHILD] = 0;
      this.nodes[o + ANSWERS] = 0;
    }
    return id;
  }

  /** Builds the node of grid cell (c, r) the first time a point falls in it: one Flatbush search. */
  private fill(c: number, r: number): number {
    const x0 = this.originLon + c * CELL_DEG;
    const y0 = this.originLat + r * CELL_DEG;
    const found = this.tree!.search(x0, y0, x0 + CELL_DEG, y0 + CELL_DEG);
    const id = this.newNodes(1);
    const tests = this.classify(id, found, 0, found.length, false, x0, y0, CELL_DEG);
    if (tests > SPLIT_TESTS) {
      const child = this.newNodes(SUB * SUB);
      this.nodes[id * NODE + CHILD] = child;
    }
    return id;
  }

  /**
   * Classifies candidate items against the square at (x0, y0) of side `size` into node `id`: the
   * items as found by the tree (`coded` false) or a parent's coded run (`coded` true: an item the
   * parent lies inside holds the square too). Returns the number of items left to test.
   */
  private classify(
    id: number,
    candidates: ArrayLike<number>,
    from: number,
    to: number,
    coded: boolean,
    x0: number,
    y0: number,
    size: number,
  ): number {
    const rect: Rect = {
      x0: x0 - CELL_PAD_DEG,
      y0: y0 - CELL_PAD_DEG,
      x1: x0 + size + CELL_PAD_DEG,
      y1: y0 + size + CELL_PAD_DEG,
    };
    const items: number[] = [];
    let tests = 0;
    for (let k = from; k < to; k++) {
      const e = candidates[k]!;
      if (coded && e & 1) {
        items.push(e);
        continue;
      }
      const it = coded ? e >> 1 : e;
      const c = this.certainty(it, rect);
      if (c === OUTSIDE) continue;
      items.push(it * 2 + (c === INSIDE ? 1 : 0));
      if (c === TEST) tests++;
    }
    if (this.poolLength + items.length > this.pool.length) {
      const grown = new Int32Array(Math.max(this.pool.length * 2, this.poolLength + items.length));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool.set(items, this.poolLength);
    this.nodes[id * NODE + ITEMS] = this.poolLength;
    this.nodes[id * NODE + COUNT] = items.length;
    this.poolLength += items.length;
    return tests;
  }

  private certainty(item: number, rect: Rect): Certainty {
    const g = this.item;
    const b = item * ITEM;
    const o = b + GEO;
    const type = g[b + TYPE];
    let c: Certainty;
    if (type === CIRCLE) c = circleCertainty(rect, g[o]!, g[o + 1]!, g[o + 2]!);
    else if (type === SEGMENT) c = segmentCertainty(rect, g[o]!, g[o + 1]!, g[o + 2]!, g[o + 3]!, g[o + 4]!);
    else {
      const ring = this.rings[g[b + FENCE]!]!;
      if (ring.crosses(rect)) c = TEST;
      else c = ring.contains((rect.y0 + rect.y1) / 2, (rect.x0 + rect.x1) / 2) ? INSIDE : OUTSIDE;
    }
    // The lookup tests only points in the item's box: "inside" must hold for the box too.
    return c === INSIDE && !rectInBox(rect, g, b + BOX) ? TEST : c;
  }

  /** Fills `hits` (reused, to spare the garbage collector) with the fences containing the point. */
  lookup(lat: number, lon: number, hits: FenceHits = emptyHits()): FenceHits {
    const found = this.at(lat, lon);
    hits.fences.length = 0;
    hits.tracked.length = 0;
    hits.fences.push(...found.fences);
    hits.tracked.push(...found.tracked);
    hits.designated = found.designated;
    hits.speedZone = found.speedZone;
    return hits;
  }

  /**
   * The fences containing the point, as `lookup`, but the answer is shared: a node's answer for
   * the outcome of its tests, or the index's own scratch (valid only until the next call). Read
   * it, do not keep it or change it.
   */
  at(lat: number, lon: number): FenceHits {
    if (!this.tree) return this.none;
    const c = Math.floor((lon - this.originLon) / CELL_DEG);
    const r = Math.floor((lat - this.originLat) / CELL_DEG);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return this.none;
    const key = r * this.cols + c;
    let id = this.dense ? this.dense[key]! : (this.sparse!.get(key) ?? 0);
    if (id === 0) {
      id = this.fill(c, r);
      if (this.dense) this.dense[key] = id;
      else this.sparse!.set(key, id);
    }
    const child = this.nodes[id * NODE + CHILD]!;
    if (child !== 0) {
      // The point lies in the cell (up to rounding): clamp onto its edge sub-cells.
      const x0 = this.originLon + c * CELL_DEG;
      const y0 = this.originLat + r * CELL_DEG;
      let sc = Math.floor((lon - x0) / SUB_DEG);
      let sr = Math.floor((lat - y0) / SUB_DEG);
      sc = sc < 0 ? 0 : sc >= SUB ? SUB - 1 : sc;
      sr = sr < 0 ? 0 : sr >= SUB ? SUB - 1 : sr;
      const sub = child + sr * SUB + sc;
      if (this.nodes[sub * NODE + ITEMS]! < 0) {
        const o = id * NODE;
        const from = this.nodes[o + ITEMS]!;
        const to = from + this.nodes[o + COUNT]!;
        this.classify(sub, this.pool, from, to, true, x0 + sc * SUB_DEG, y0 + sr * SUB_DEG, SUB_DEG);
      }
      id = sub;
    }
    return this.answer(id, lat, lon);
  }

  /** Runs the node's tests for the point and returns the answer for their outcome, built once. */
  private answer(id: number, lat: number, lon: number): FenceHits {
    const nodes = this.nodes;
    const o = id * NODE;
    const items = this.pool;
    const from = nodes[o + ITEMS]!;
    const to = from + nodes[o + COUNT]!;
    this.query = (this.query + 1) >>> 0 || 1;
    this.scale = NaN;
    let mask = 0;
    let bit = 1;
    let tests = 0;
    for (let i = from; i < to; i++) {
      const e = items[i]!;
      if (e & 1) continue;
      if (++tests > MAX_MASK_TESTS) return this.walk(items, from, to, lat, lon, this.scratch);
      const it = e >> 1;
      const fence = this.item[it * ITEM + FENCE]!;
      // As in `walk`: a fence already found by an earlier item (a corridor's other segment) is not tested again.
      if (this.stamp[fence] !== this.query && this.holds(it, lat, lon)) {
        mask |= bit;
        this.stamp[fence] = this.query;
      }
      bit <<= 1;
    }
    const n = nodes[o + ANSWERS]!;
    for (let k = 0; k < n; k++)
      if (nodes[o + 4 + 2 * k] === mask) return this.answers[nodes[o + 5 + 2 * k]!]!;
    if (n >= MAX_ANSWERS) return this.walk(items, from, to, lat, lon, this.scratch);
    const hits = this.walk(items, from, to, lat, lon, emptyHits());
    nodes[o + 4 + 2 * n] = mask;
    nodes[o + 5 + 2 * n] = this.answers.length;
    nodes[o + ANSWERS] = n + 1;
    this.answers.push(hits);
    return hits;
  }

  private walk(
    items: Int32Array,
    from: number,
    to: number,
    lat: number,
    lon: number,
    hits: FenceHits,
  ): FenceHits {
    hits.fences.length = 0;
    hits.designated = false;
    hits.speedZone = undefined;
    this.walkTracked.length = 0;
    this.query = (this.query + 1) >>> 0 || 1;
    this.scale = NaN;
    this.qHits = hits;
    for (let i = from; i < to; i++) {
      const e = items[i]!;
      const it = e >> 1;
      if (e & 1 || (this.stamp[this.item[it * ITEM + FENCE]!] !== this.query && this.holds(it, lat, lon)))
        this.hit(it);
    }
    hits.tracked = this.interned(this.walkTracked);
    return hits;
  }

  /** The one array of these fences (by number, in this order), made the first time it is asked for. */
  private interned(numbers: readonly number[]): Geofence[] {
    if (numbers.length === 0) return this.noneTracked;
    const key = numbers.join(',');
    let list = this.trackedLists.get(key);
    if (!list) {
      list = numbers.map((n) => this.fences[n]!);
      this.trackedLists.set(key, list);
    }
    return list;
  }

  /** Whether the point lies in the item's box (a cheap reject) and its exact shape. */
  private holds(item: number, lat: number, lon: number): boolean {
    const g = this.item;
    const b = item * ITEM;
    if (!(lon >= g[b + BOX]! && lat >= g[b + BOX + 1]! && lon <= g[b + BOX + 2]! && lat <= g[b + BOX + 3]!))
      return false;
    const o = b + GEO;
    const type = g[b + TYPE];
    if (type === CIRCLE) return distanceM(lat, lon, g[o]!, g[o + 1]!) <= g[o + 2]!;
    if (type === POLYGON) return this.rings[g[b + FENCE]!]!.contains(lat, lon);
    // The point's scale, once per lookup (NaN until a segment is tested; a query's point is one).
    if (this.scale !== this.scale) this.scale = lonScale(lat);
    return distanceToSegmentAtM(lat, lon, this.scale, g[o]!, g[o + 1]!, g[o + 2]!, g[o + 3]!) <= g[o + 4]!;
  }

  private hit(item: number): void {
    const n = this.item[item * ITEM + FENCE]!;
    if (this.stamp[n] === this.query) return;
    this.stamp[n] = this.query;
    const hits = this.qHits;
    const f = this.fences[n]!;
    hits.fences.push(f);
    const flags = this.fenceFlags[n]!;
    if (flags & DESIGNATED) hits.designated = true;
    if (flags & TRACKED) this.walkTracked.push(n);
    if (flags & SPEED_ZONE) {
      const cur = hits.speedZone;
      if (!cur || (f.priority ?? 0) > (cur.priority ?? 0)) hits.speedZone = f;
      else if ((f.priority ?? 0) === (cur.priority ?? 0) && zoneLimit(f) < zoneLimit(cur)) hits.speedZone = f;
    }
  }
}

function zoneLimit(f: Geofence): number {
  return f.postedLimitKmh ?? Infinity;
}
