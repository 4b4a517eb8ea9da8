/** The rule-context resources of /api/rules and the usage rate of /api/waybills/usage. */
import type { Shape } from '../geo/shapes.js';

export const geofenceKinds = ['restricted_zone', 'ban_zone', 'speed_zone', 'city_boundary'] as const;
export type GeofenceKind = (typeof geofenceKinds)[number];

export interface Geofence {
  id: string;
  kind: GeofenceKind;
  name: string;
  districtCode: string | null;
  shape: Shape;
  roadClass: 'expressway' | 'other' | null;
  postedLimitKmh: number | null;
  priority: number;
  goodsClasses: string[] | null;
  active: boolean;
  remarks: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BanWindow {
  id: string;
  name: string;
  districtCode: string | null;
  zoneIds: string[];
  goodsClasses: string[] | null;
  periods: { from: string; to: string }[];
  daily: { start: string; end: string }[];
  weekdays: number[] | null;
  enterpriseId: string | null;
  basis: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsageRow {
  enterpriseId: string;
  enterpriseName: string | null;
  trips: number;
  withWaybill: number;
  rate: number;
}

export interface UsageResponse {
  month: string;
  items: UsageRow[];
  total: { trips: number; withWaybill: number; rate: number | null };
}

/** GB 6944 classes and the divisions regulators name, and the special categories the server knows. */
export const goodsClassOptions = [
  '1',
  '2',
  '2.1',
  '2.2',
  '2.3',
  '3',
  '4',
  '5',
  '6',
  '6.1',
  '7',
  '8',
  '9',
  'highly_toxic',
  'explosive_precursor',
  'explosive',
  'radioactive',
  'hazardous_waste',
] as const;
