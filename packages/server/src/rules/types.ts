/**
 * The rule engine's own vocabulary. Nothing here imports the position pipeline or the archives:
 * the lead's wiring maps the pipeline's normalised Position onto `RuleFix` and the archives and
 * waybills onto the context ports in `context.ts`.
 */

/** Active-safety event sources (苏标 T/JSATL 12-2017 0x64–0x67). */
export type ActiveSafetySource = 'adas' | 'dsm' | 'tpms' | 'bsd';

export interface ActiveSafetyEvent {
  source: ActiveSafetySource;
  /** Normalised type name as the codec spells it, e.g. `forwardCollision`, `fatigue`, `phoneCall` (alarm-codes.ts). */
  type: string;
  /** 报警级别 0x01 一级 / 0x02 二级 (ADAS/DSM only). */
  level?: number;
}

/** One position as the rule engine sees it. Units are converted once, at the pipeline edge. */
export interface RuleFix {
  vehicleId: string;
  /** Device (GNSS) time, epoch ms (JT/T 808 sends GMT+8 BCD; converted at the edge). */
  deviceTime: number;
  /** When the platform received it, epoch ms. */
  receivedTime: number;
  /** WGS-84 degrees. */
  lat: number;
  lon: number;
  /** km/h (JT/T 808 sends 1/10 km/h). */
  speed: number;
  /** Degrees 0–359, 0 = north. */
  heading: number;
  /** Metres. */
  altitude: number;
  /** Names of the JT/T 808 alarm bits that are set (see alarm-codes.ts). */
  alarms: readonly string[];
  /** Status bits the rules use: ACC on, GNSS fixed. */
  acc: boolean;
  fixed: boolean;
  /** Odometer reading in km (0x01 extra), when the terminal sends it. */
  mileage?: number;
  /** JT/T 808 message serial number, for tracing duplicates. */
  serial?: number;
  activeSafety?: readonly ActiveSafetyEvent[];
  /** The pipeline's validity verdict (assessment ranges); the engine re-checks the ranges itself. */
  valid: boolean;
  invalidReasons?: readonly string[];
  /**
   * Driver from the IC card (0x0702): the archive person, null when the card was pulled (or its
   * person is not on file), absent when the source said nothing about a card — the engine then
   * keeps the card driver it knew.
   */
  driverId?: string | null | undefined;
}

export interface LatLon {
  lat: number;
  lon: number;
}

export type EventType =
  | 'overspeed'
  | 'fatigue_continuous'
  | 'fatigue_daily'
  | 'ban_violation'
  | 'restricted_zone'
  | 'geofence'
  | 'geofence_dwell'
  | 'parking_outside'
  | 'route_deviation'
  | 'no_waybill'
  | 'driver_mismatch'
  | 'driver_unqualified'
  | 'trip'
  | 'offline'
  | 'offline_displacement'
  | 'invalid_data'
  | 'drift'
  | 'track_gap'
  | 'device_alarm'
  | 'active_safety';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type Phase = 'started' | 'updated' | 'ended';

/** What a detector emits; the engine adds the vehicle, enterprise and driver. */
export interface DetectorEvent {
  phase: Phase;
  type: EventType;
  /** Distinguishes parallel episodes of one type: the fence id, the alarm name, the ban id. */
  key: string;
  startedAt: number;
  /** Time of this event (device time of the fix, or the tick time). */
  at: number;
  endedAt?: number;
  startPosition: LatLon;
  position: LatLon;
  /** The threshold used and the measured value, in `unit`. */
  threshold: number;
  measured: number;
  unit: string;
  severity: Severity;
  detail?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One event of an episode. `id` is stable across the episode's started/updated/ended events
 * (vehicle, type, key, start time), so consumers can deduplicate and group.
 */
export interface RuleEvent extends DetectorEvent {
  id: string;
  vehicleId: string;
  enterpriseId: string | null;
  driverId: string | null;
  /** The vehicle's active waybill when the event was emitted (an alarm opened by it belongs to that trip). */
  waybillId: string | null;
}

/**
 * Certificate-expiry warnings come from the archives' daily job (modules/archives/certificates/
 * expiry-job.ts, bus subject `events.certificates`) into the same event stream as rule events.
 * They concern a document, not a position, and are one-off warnings (one per threshold crossed:
 * 30, 15, 7, 0 days), not episodes. The shape is the archives job's, repeated here because the
 * rule engine imports nothing from modules/; a type test in modules/rules keeps the two equal.
 */
export interface CertificateExpiryEvent {
  type: 'certificate_expiry';
  certificateId: string;
  /** enterprise, vehicle, tank or person. */
  holderType: string;
  holderId: string;
  enterpriseId: string;
  districtCode: string;
  /** Certificate kind, e.g. road transport certificate, qualification certificate. */
  kind: string;
  number: string | null;
  /** YYYY-MM-DD. */
  validUntil: string;
  /** The threshold crossed: 30, 15, 7 or 0 days before expiry. */
  thresholdDays: number;
  /** Days left on `today` (negative: already expired). */
  daysLeft: number;
  today: string;
}

export type StreamEvent = RuleEvent | CertificateExpiryEvent;
