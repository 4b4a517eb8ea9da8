/** Shapes of the API answers the console reads (kept to what it uses). */
export type Role =
  | 'system_admin'
  | 'city_regulator'
  | 'county_regulator'
  | 'enterprise_admin'
  | 'enterprise_monitor'
  | 'filling_operator'
  | 'checkpoint_officer'
  | 'emergency_responder';

export type Scope =
  | { kind: 'city' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'filling_site'; placeId: string }
  | { kind: 'checkpoint'; placeId: string };

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
}

export interface Me {
  user: User;
  permissions: string[];
  session: { csrfToken: string } | null;
}

export interface District {
  code: string;
  name: string;
  nameEn: string;
}

export interface FieldView {
  key: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'uuid' | 'classes' | 'strings' | 'json';
  label: { zh: string; en: string };
  required: boolean;
  readOnly: boolean;
  immutable: boolean;
  enum?: string[];
  filter?: 'eq' | 'contains';
  min?: number;
  max?: number;
  maxLength?: number;
  certificate?: string;
}

export type EntityType = 'enterprise' | 'vehicle' | 'terminal' | 'person' | 'place';

export interface EntityView {
  type: EntityType;
  path: string;
  label: { zh: string; en: string };
  fields: FieldView[];
}

export type ArchiveRecord = Record<string, unknown> & {
  id: string;
  filingStatus: FilingStatus;
  version: number;
};

export type FilingStatus = 'draft' | 'submitted' | 'county_approved' | 'filed' | 'rejected';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface FilingEvent {
  id: number;
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  actorRole: string | null;
  at: string;
}

export interface ReviewItem {
  type: EntityType;
  id: string;
  name: string;
  filingStatus: FilingStatus;
  enterpriseId: string | null;
}

export type ExpiryState = 'expired' | 'expiring' | 'valid';

export interface Certificate {
  id: string;
  holderType: string;
  holderId: string;
  holderName: string;
  enterpriseName: string;
  districtCode: string;
  kind: string;
  number: string | null;
  validUntil: string;
  daysLeft: number;
  state: ExpiryState;
}

export interface FleetRow {
  districtCode: string;
  districtName: string;
  enterprises: number;
  powered: number;
  tractors: number;
  rigid: number;
  trailers: number;
}

export interface ParkingRow {
  districtCode: string;
  districtName: string;
  lots: number;
  areaM2: number;
  area10kM2: number;
  spaces: number;
}

export interface ClassRow {
  transportClass: number;
  enterprises: number;
  vehicles: number;
  sharePercent: number;
}

export interface ImportProblem {
  row: number;
  column: string;
  field: string;
  reason: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  problems: ImportProblem[];
}

/** One vehicle of GET /api/live (the position pipeline). */
export interface LiveVehicle {
  vehicleId: string;
  terminalId: string;
  deviceTime: string;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  alarms: string[];
  status: 'online' | 'offline';
  /** Latest receipt of any fix (the feed sends it; older callers may not). */
  lastSeenAt?: string;
}

export type AlarmSeverity = 'low' | 'medium' | 'high' | 'critical';
export type AlarmStatus = 'pending' | 'processing' | 'returned' | 'escalated' | 'handled' | 'closed';
export type AlarmLevel = 'company' | 'county' | 'city';

/** One alarm of GET /api/alarms and of the push stream (modules/alarms/present.ts). */
export interface Alarm {
  id: string;
  source: string;
  type: string;
  severity: AlarmSeverity;
  status: AlarmStatus;
  level: AlarmLevel;
  episode: 'active' | 'ended';
  vehicleId: string | null;
  plate: string | null;
  enterpriseId: string;
  districtCode: string;
  driverId: string | null;
  waybillId: string | null;
  startedAt: string;
  endedAt: string | null;
  openedAt: string;
  deadlineAt: string;
  overdue: boolean;
  supervised: boolean;
  escalations: number;
  firstResponseAt: string | null;
  handledAt: string | null;
  handledOnTime: boolean | null;
  closedAt: string | null;
  lat: number | null;
  lon: number | null;
  threshold: number | null;
  measured: number | null;
  unit: string | null;
  evidence: Record<string, unknown>;
  version: number;
}

export interface AlarmStep {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  level: AlarmLevel;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  at: string;
  note: string | null;
  attachments: { name: string; url: string }[];
  detail: Record<string, unknown>;
}

export interface SupervisionOrder {
  id: string;
  alarmId: string | null;
  target: 'county' | 'company';
  content: string;
  deadlineAt: string;
  status: 'open' | 'answered' | 'closed';
  overdue: boolean;
  issuedByName: string;
  issuedAt: string;
  answer: string | null;
}

export interface RateRow {
  key: string;
  name: string | null;
  total: number;
  handled: number;
  handledOnTime: number;
  handlingRate: number | null;
  handledRate: number | null;
  onTimeRate: number | null;
  averageResponseSeconds: number | null;
  meetsTarget: boolean | null;
}

export interface HandlingStats {
  from: string;
  to: string;
  target: number;
  rows: RateRow[];
  overall: RateRow;
}

/** GET /api/alarms/stats/counts (over months, or one China-time day with `day`). */
export interface AlarmCounts {
  from: string;
  to: string;
  target: number;
  byType: { key: string; count: number }[];
  bySeverity: { key: string; count: number }[];
  byStatus: { key: string; count: number }[];
  byDistrict: { key: string; count: number; name: string | null }[];
}

/** A message of the alarm push stream (/api/alarms/stream). */
export type AlarmPush =
  | { type: 'hello'; scope: Scope }
  | {
      type: 'alarm';
      event: string;
      hint?: { sound: boolean; desktop: boolean };
      data: Alarm;
    }
  | { type: 'supervision_order' | 'duty_check'; event: string; data: unknown };

/** One fix of GET /api/vehicles/:id/track. */
export interface TrackPoint {
  t: string;
  lat: number;
  lon: number;
  speed: number;
  heading: number;
  altitude: number;
  alarms: string[];
  valid: boolean;
  invalidReasons: string[];
  gapBefore: boolean;
}

export interface TrackGap {
  from: string;
  to: string;
  seconds: number;
}

export interface TrackResponse {
  vehicleId: string;
  from: string;
  to: string;
  gapSeconds: number;
  points: TrackPoint[];
  gaps: TrackGap[];
  omitted: number;
  truncated: boolean;
}
