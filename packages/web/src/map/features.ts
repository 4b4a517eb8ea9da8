/**
 * GeoJSON for the map layers, built from API records. Pure, so the layers stay thin.
 * Coordinates are WGS-84 as stored; a GCJ-02 basemap would convert at the map boundary only.
 */
import type { LiveVehicle } from '../api/types.js';

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

export type VehicleState = 'moving' | 'stopped' | 'offline' | 'alarm';

export interface VehicleProps {
  vehicleId: string;
  plate: string;
  state: VehicleState;
  speed: number;
  heading: number;
}

/** Moving above 5 km/h (GPS drift makes a parked truck report 1–3 km/h). */
const MOVING_KMH = 5;

export function vehicleState(v: Pick<LiveVehicle, 'status' | 'speed' | 'alarms'>): VehicleState {
  if (v.status === 'offline') return 'offline';
  if (v.alarms.length > 0) return 'alarm';
  return v.speed > MOVING_KMH ? 'moving' : 'stopped';
}

export function toVehicleFeatures(
  vehicles: readonly LiveVehicle[],
  plates: ReadonlyMap<string, string> = new Map(),
): FeatureCollection<{ type: 'Point'; coordinates: Position }, VehicleProps> {
  return {
    type: 'FeatureCollection',
    features: vehicles
      .filter((v) => Number.isFinite(v.lon) && Number.isFinite(v.lat))
      .map((v) => ({
        type: 'Feature' as const,
        id: v.vehicleId,
        geometry: { type: 'Point' as const, coordinates: [v.lon, v.lat] as Position },
        properties: {
          vehicleId: v.vehicleId,
          plate: plates.get(v.vehicleId) ?? v.vehicleId,
          state: vehicleState(v),
          speed: v.speed,
          heading: v.heading,
        },
      })),
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
