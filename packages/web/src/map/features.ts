/**
 * GeoJSON for the map layers, built from API records. Pure, so the layers stay thin.
 * Coordinates are WGS-84 as stored; a GCJ-02 basemap would convert at the map boundary only.
 */
import { rowState, type FeedRow, type VehicleState } from './live-store.js';
import type { ShownVehicles } from './vehicle-batch.js';

export type PlaceKind = 'parking_lot' | 'chemical_park' | 'filling_site' | 'checkpoint';
export const placeKinds: readonly PlaceKind[] = [
  'parking_lot',
  'chemical_park',
  'filling_site',
  'checkpoint',
];

export interface PlaceRecord {
  id: string;
  kind?: unknown;
  name?: unknown;
  polygon?: unknown;
  centreLon?: unknown;
  centreLat?: unknown;
  spaces?: unknown;
  areaM2?: unknown;
}

type Position = [number, number];
type PolygonGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Feature<G, P> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}
export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

export interface PlaceProps {
  id: string;
  kind: PlaceKind;
  name: string;
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

function isRing(r: unknown): r is Position[] {
  return Array.isArray(r) && r.length >= 4 && r.every(isPosition);
}

/** Accepts a GeoJSON Polygon / MultiPolygon (or a Feature wrapping one); anything else is null. */
export function polygonOf(value: unknown): PolygonGeometry | null {
  const v = (value as { type?: string; geometry?: unknown } | null) ?? null;
  if (!v || typeof v !== 'object') return null;
  if (v.type === 'Feature') return polygonOf(v.geometry);
  const coords = (v as { coordinates?: unknown }).coordinates;
  if (v.type === 'Polygon' && Array.isArray(coords) && coords.length > 0 && coords.every(isRing))
    return { type: 'Polygon', coordinates: coords as Position[][] };
  if (
    v.type === 'MultiPolygon' &&
    Array.isArray(coords) &&
    coords.length > 0 &&
    coords.every((poly) => Array.isArray(poly) && poly.length > 0 && poly.every(isRing))
  )
    return { type: 'MultiPolygon', coordinates: coords as Position[][][] };
  return null;
}

function kindOf(r: PlaceRecord): PlaceKind | null {
  return placeKinds.includes(r.kind as PlaceKind) ? (r.kind as PlaceKind) : null;
}

/** Polygons of the places of one kind (places without a usable polygon are left out). */
export function toPlaceFeatures(
  records: readonly PlaceRecord[],
  kind: PlaceKind,
): FeatureCollection<PolygonGeometry, PlaceProps> {
  const features: Feature<PolygonGeometry, PlaceProps>[] = [];
  for (const r of records) {
    if (kindOf(r) !== kind) continue;
    const geometry = polygonOf(r.polygon);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      id: r.id,
      geometry,
      properties: { id: r.id, kind, name: String(r.name ?? '') },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** A point per place of the kind at its centre (visible when zoomed out, where polygons vanish). */
export function toPlacePoints(
  records: readonly PlaceRecord[],
  kind: PlaceKind,
): FeatureCollection<{ type: 'Point'; coordinates: Position }, PlaceProps> {
  const features: Feature<{ type: 'Point'; coordinates: Position }, PlaceProps>[] = [];
  for (const r of records) {
    if (kindOf(r) !== kind) continue;
    const lon = Number(r.centreLon);
    const lat = Number(r.centreLat);
    if (r.centreLon == null || r.centreLat == null || !Number.isFinite(lon) || !Number.isFinite(lat))
      continue;
    features.push({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { id: r.id, kind, name: String(r.name ?? '') },
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface LiveCounts {
  /** Vehicles in the store (the user's scope). */
  total: number;
  online: number;
  /** Vehicles the filters let through. */
  shown: number;
  /** The shown vehicles by state. */
  states: Record<VehicleState, number>;
}

export const noCounts: LiveCounts = {
  total: 0,
  online: 0,
  shown: 0,
  states: { moving: 0, stopped: 0, offline: 0, alarm: 0 },
};

/** Numbers for vehicle ids, stable for the session: the map features' ids (a click names one). */
export class VehicleSerials {
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];

  of(vehicleId: string): number {
    let n = this.byId.get(vehicleId);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(vehicleId);
      this.byId.set(vehicleId, n);
    }
    return n;
  }

  idOf(serial: number): string | undefined {
    return this.ids[serial];
  }
}

/**
 * The shown vehicles (those the filters let through, with a position) as parallel arrays for the
 * batch builders (vehicle-batch.ts), and the counts, in one pass over the store.
 */
export function vehicleFrame(
  rows: Iterable<FeedRow>,
  pass: (r: FeedRow) => boolean,
  serials: VehicleSerials,
  /** False: only the counts (the map keeps its data). */
  draw = true,
): { shown: ShownVehicles; counts: LiveCounts } {
  const states: Record<VehicleState, number> = { moving: 0, stopped: 0, offline: 0, alarm: 0 };
  const lon: number[] = [];
  const lat: number[] = [];
  const state: VehicleState[] = [];
  const serial: number[] = [];
  let total = 0;
  let online = 0;
  for (const r of rows) {
    total++;
    if (r[5] === 1) online++;
    if (!pass(r)) continue;
    const s = rowState(r);
    states[s]++;
    if (!draw || !Number.isFinite(r[1]) || !Number.isFinite(r[2])) continue;
    lon.push(r[1]);
    lat.push(r[2]);
    state.push(s);
    serial.push(serials.of(r[0]));
  }
  const shown = states.moving + states.stopped + states.offline + states.alarm;
  return {
    shown: {
      n: lon.length,
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      state,
      serial: Uint32Array.from(serial),
    },
    counts: { total, online, shown, states },
  };
}

/** The bounding box [west, south, east, north] of polygon collections, or null when empty. */
export function boundsOf(
  collections: readonly FeatureCollection<PolygonGeometry, unknown>[],
): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (p: Position) => {
    w = Math.min(w, p[0]);
    e = Math.max(e, p[0]);
    s = Math.min(s, p[1]);
    n = Math.max(n, p[1]);
  };
  for (const c of collections)
    for (const f of c.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) ring.forEach(visit);
    }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
