/**
 * Regulator-drawn geofences and ban windows as stored (migration 0501) and as the rule engine
 * sees them: row → `Geofence` / `BanWindow`, and the checks an input passes before it is stored.
 * Pure: no I/O (the repository is zones-repository.ts).
 */
import type { BanWindow } from '../../rules/context.js';
import { validateFence, type FenceKind, type FenceShape, type Geofence } from '../../rules/geofences.js';

export const geofenceKinds = ['restricted_zone', 'ban_zone', 'speed_zone', 'city_boundary'] as const;
export type GeofenceKind = (typeof geofenceKinds)[number];

/** Shapes as the API and the table spell them: GeoJSON-like [lon, lat] pairs. */
export type ShapeInput =
  | { type: 'circle'; center: [number, number]; radiusM: number }
  | { type: 'polygon'; coordinates: [number, number][] }
  | { type: 'corridor'; coordinates: [number, number][]; widthM: number };

export interface GeofenceRow {
  id: string;
  kind: GeofenceKind;
  name: string;
  district_code: string | null;
  shape: ShapeInput;
  road_class: 'expressway' | 'other' | null;
  posted_limit_kmh: number | null;
  priority: number;
  goods_classes: string[] | null;
  active: boolean;
  remarks: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface BanRow {
  id: string;
  name: string;
  district_code: string | null;
  zone_ids: string[];
  goods_classes: string[] | null;
  periods: { from: string; to: string }[];
  daily: { start: string; end: string }[];
  weekdays: number[] | null;
  enterprise_id: string | null;
  basis: string | null;
  active: boolean;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

/** GB 6944 classes 1–9 and divisions (e.g. "2.1", "6.1"), or a special category (goods/facts.ts). */
const CLASS = /^[1-9](\.[1-6])?$/;
export const specialGoodsCategories = [
  'highly_toxic',
  'explosive_precursor',
  'explosive',
  'radioactive',
  'hazardous_waste',
] as const;

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

export function minuteOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`not HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function toFenceShape(s: ShapeInput): FenceShape {
  switch (s.type) {
    case 'circle':
      return { type: 'circle', lon: s.center[0], lat: s.center[1], radiusM: s.radiusM };
    case 'polygon': {
      const ring = s.coordinates.flat();
      // Closed rings (GeoJSON) repeat the first point; the engine's rings need not.
      const n = ring.length;
      if (n >= 8 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring.length = n - 2;
      return { type: 'polygon', ring };
    }
    case 'corridor':
      return { type: 'corridor', line: s.coordinates.flat(), widthM: s.widthM };
  }
}

/** The engine's kind: a ban zone is a plain fence (`custom`) that only its ban windows act on. */
function engineKind(kind: GeofenceKind): FenceKind {
  return kind === 'ban_zone' ? 'custom' : kind;
}

export function toGeofence(r: GeofenceRow): Geofence {
  const f: Geofence = { id: r.id, kind: engineKind(r.kind), name: r.name, shape: toFenceShape(r.shape) };
  if (r.kind === 'speed_zone') {
    f.roadClass = r.road_class ?? 'other';
    if (r.posted_limit_kmh !== null) f.postedLimitKmh = r.posted_limit_kmh;
    f.priority = r.priority;
  }
  if (r.kind === 'restricted_zone' && r.goods_classes) f.goodsClasses = r.goods_classes;
  return f;
}

export function toBanWindow(r: BanRow): BanWindow {
  const b: BanWindow = { id: r.id, name: r.name, fenceIds: r.zone_ids };
  if (r.goods_classes) b.goodsClasses = r.goods_classes;
  if (r.periods.length > 0)
    b.periods = r.periods.map((p) => ({ from: Date.parse(p.from), to: Date.parse(p.to) }));
  if (r.daily.length > 0)
    b.daily = r.daily.map((w) => ({ startMinute: minuteOf(w.start), endMinute: minuteOf(w.end) }));
  if (r.weekdays && r.weekdays.length > 0) b.weekdays = r.weekdays;
  if (r.enterprise_id) b.enterpriseId = r.enterprise_id;
  return b;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface GeofenceFields {
  kind: GeofenceKind;
  name: string;
  shape: ShapeInput;
  roadClass?: 'expressway' | 'other' | null;
  postedLimitKmh?: number | null;
  goodsClasses?: string[] | null;
}

export function checkGoodsClasses(
  field: string,
  classes: readonly string[] | null | undefined,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const c of classes ?? []) {
    if (!CLASS.test(c) && !(specialGoodsCategories as readonly string[]).includes(c))
      out.push({ field, reason: `unknown goods class or category: ${c}` });
  }
  return out;
}

export function checkGeofence(g: GeofenceFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  const shape = toFenceShape(g.shape);
  for (const e of validateFence({ id: 'new', kind: engineKind(g.kind), name: g.name, shape }))
    out.push({ field: 'shape', reason: e });
  if (g.kind !== 'speed_zone' && (g.roadClass || g.postedLimitKmh))
    out.push({ field: 'postedLimitKmh', reason: 'road class and posted limit belong to speed zones' });
  if (g.kind === 'speed_zone' && !g.postedLimitKmh && !g.roadClass)
    out.push({ field: 'postedLimitKmh', reason: 'a speed zone needs a posted limit or a road class' });
  if (g.kind !== 'restricted_zone' && g.goodsClasses)
    out.push({
      field: 'goodsClasses',
      reason: 'goods classes belong to restricted zones (bans name their own)',
    });
  out.push(...checkGoodsClasses('goodsClasses', g.goodsClasses));
  return out;
}

export interface BanFields {
  name: string;
  zoneIds: string[];
  goodsClasses?: string[] | null;
  periods?: { from: string; to: string }[];
  daily?: { start: string; end: string }[];
  weekdays?: number[] | null;
}

export function checkBan(b: BanFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (new Set(b.zoneIds).size !== b.zoneIds.length)
    out.push({ field: 'zoneIds', reason: 'a zone is listed twice' });
  out.push(...checkGoodsClasses('goodsClasses', b.goodsClasses));
  (b.periods ?? []).forEach((p, i) => {
    const from = Date.parse(p.from);
    const to = Date.parse(p.to);
    if (!Number.isFinite(from) || !Number.isFinite(to))
      out.push({ field: `periods[${i}]`, reason: 'not a date-time' });
    else if (to <= from) out.push({ field: `periods[${i}]`, reason: 'must end after it starts' });
  });
  (b.daily ?? []).forEach((w, i) => {
    if (!HHMM.test(w.start) || !HHMM.test(w.end))
      out.push({ field: `daily[${i}]`, reason: 'start and end must be HH:MM' });
    else if (w.start === w.end) out.push({ field: `daily[${i}]`, reason: 'start and end must differ' });
  });
  if (b.weekdays && (b.daily ?? []).length === 0)
    out.push({ field: 'weekdays', reason: 'weekdays apply to daily windows' });
  if (b.weekdays && new Set(b.weekdays).size !== b.weekdays.length)
    out.push({ field: 'weekdays', reason: 'a weekday is listed twice' });
  return out;
}
