/**
 * What raises an alarm: rule-engine episode events (`RuleEvent`, subjects `events.rules.>`) and
 * the archives' certificate-expiry warnings (`events.certificates`, the archives' own payload).
 * Both become one `AlarmSignal`; the alarm service keys alarms by `sourceId`, so a redelivered or
 * republished event never raises a second alarm.
 */
import type { CertificateExpiryEvent as ArchiveExpiryEvent } from '../archives/certificates/expiry-job.js';
import type { RuleEvent } from '../../rules/types.js';
import { verificationAlarmTypes, type VerificationEvent } from '../verification/events.js';
import { alarmSeverities, type AlarmSeverity } from './deadlines.js';

/** Bus subjects the alarm module reads (stream `events`, subjects `events.>`). */
export const RULE_EVENTS_SUBJECTS = 'events.rules.>';
export const EVENTS_STREAM = 'events';

/** The subject a rule event is published on: `events.rules.<type>`. */
export function ruleEventSubject(type: string): string {
  return `events.rules.${type}`;
}

export interface AlarmSignal {
  sourceId: string;
  source: 'rule' | 'certificate' | 'verification';
  phase: 'started' | 'updated' | 'ended';
  type: string;
  severity: AlarmSeverity;
  vehicleId: string | null;
  /**
   * The vehicle's company. Null only for verification findings about a plate not in the archive:
   * the alarm then belongs to `districtCode` (the checkpoint's county) and opens with the county.
   */
  enterpriseId: string | null;
  /** Known for certificates and verification; for rule events the service looks it up from the enterprise. */
  districtCode: string | null;
  /** The plate as seen, when the vehicle is not in the archive (verification). */
  plate?: string | null;
  waybillId?: string | null;
  driverId: string | null;
  startedAt: Date;
  at: Date;
  endedAt: Date | null;
  lat: number | null;
  lon: number | null;
  threshold: number | null;
  measured: number | null;
  unit: string | null;
  evidence: Record<string, unknown>;
}

export type Unusable = 'info_severity' | 'no_enterprise' | 'malformed';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isSeverity(s: unknown): s is AlarmSeverity {
  return typeof s === 'string' && (alarmSeverities as readonly string[]).includes(s);
}

/** A rule event as an alarm signal; `info` events (data quality) and vehicles without a company raise none. */
export function fromRuleEvent(e: RuleEvent): AlarmSignal | Unusable {
  if (typeof e.id !== 'string' || typeof e.type !== 'string' || !Number.isFinite(e.startedAt))
    return 'malformed';
  if (!['started', 'updated', 'ended'].includes(e.phase)) return 'malformed';
  if (e.severity === 'info') return 'info_severity';
  if (!isSeverity(e.severity)) return 'malformed';
  if (!e.enterpriseId || !UUID.test(e.enterpriseId)) return 'no_enterprise';
  return {
    sourceId: `rule/${e.id}`,
    source: 'rule',
    phase: e.phase,
    type: e.type,
    severity: e.severity,
    vehicleId: UUID.test(e.vehicleId) ? e.vehicleId : null,
    enterpriseId: e.enterpriseId,
    districtCode: null,
    driverId: e.driverId,
    // Events published before rule events carried the waybill have none.
    waybillId: typeof e.waybillId === 'string' && UUID.test(e.waybillId) ? e.waybillId : null,
    startedAt: new Date(e.startedAt),
    at: new Date(e.at),
    endedAt: e.endedAt !== undefined ? new Date(e.endedAt) : null,
    lat: e.position.lat,
    lon: e.position.lon,
    threshold: e.threshold,
    measured: e.measured,
    unit: e.unit,
    evidence: {
      key: e.key,
      startPosition: e.startPosition,
      position: e.position,
      ...(e.detail ? { detail: e.detail } : {}),
    },
  };
}

/** Expired or expiring today is high, within a week medium, else low. */
export function certificateSeverity(daysLeft: number): AlarmSeverity {
  return daysLeft <= 0 ? 'high' : daysLeft <= 7 ? 'medium' : 'low';
}

/** The archives' warning as a signal: one alarm per (certificate, validity date, threshold). */
export function fromCertificateEvent(e: ArchiveExpiryEvent, receivedAt: Date): AlarmSignal | Unusable {
  if (e.type !== 'certificate_expiry' || typeof e.certificateId !== 'string') return 'malformed';
  if (!UUID.test(e.enterpriseId) || !/^[0-9]{6}$/.test(e.districtCode)) return 'malformed';
  return {
    sourceId: `cert-expiry/${e.certificateId}/${e.validUntil}/${e.thresholdDays}`,
    source: 'certificate',
    phase: 'ended', // a warning, not a running episode: nothing more will update it
    type: 'certificate_expiry',
    severity: certificateSeverity(e.daysLeft),
    vehicleId: e.holderType === 'vehicle' && UUID.test(e.holderId) ? e.holderId : null,
    enterpriseId: e.enterpriseId,
    districtCode: e.districtCode,
    driverId: null,
    startedAt: receivedAt,
    at: receivedAt,
    endedAt: receivedAt,
    lat: null,
    lon: null,
    threshold: e.thresholdDays,
    measured: e.daysLeft,
    unit: 'days',
    evidence: {
      certificateId: e.certificateId,
      holderType: e.holderType,
      holderId: e.holderId,
      kind: e.kind,
      number: e.number,
      validUntil: e.validUntil,
      today: e.today,
    },
  };
}

/** Over-fill and vehicles without a waybill or a filing are high; certificates and goods medium. */
export function verificationSeverity(type: string): AlarmSeverity {
  return ['overfill', 'no_waybill_at_filling', 'no_waybill', 'unfiled_vehicle'].includes(type)
    ? 'high'
    : 'medium';
}

/** A filling-site or checkpoint finding as a signal: one alarm per (record, finding). */
export function fromVerificationEvent(e: VerificationEvent): AlarmSignal | Unusable {
  if (typeof e.id !== 'string' || !(verificationAlarmTypes as readonly string[]).includes(e.type))
    return 'malformed';
  if (!/^[0-9]{6}$/.test(e.districtCode ?? '') || typeof e.plate !== 'string') return 'malformed';
  if (e.enterpriseId !== null && !UUID.test(e.enterpriseId)) return 'malformed';
  const at = new Date(e.at);
  if (Number.isNaN(at.getTime())) return 'malformed';
  return {
    sourceId: `verification/${e.id}`,
    source: 'verification',
    phase: 'ended', // a finding at one place and time, not a running episode
    type: e.type,
    severity: verificationSeverity(e.type),
    vehicleId: e.vehicleId && UUID.test(e.vehicleId) ? e.vehicleId : null,
    enterpriseId: e.enterpriseId,
    districtCode: e.districtCode,
    plate: e.plate,
    waybillId: e.waybillId && UUID.test(e.waybillId) ? e.waybillId : null,
    driverId: e.driverId,
    startedAt: at,
    at,
    endedAt: at,
    lat: e.place.lat,
    lon: e.place.lon,
    threshold: e.threshold,
    measured: e.measured,
    unit: e.unit,
    evidence: { place: e.place, plateColour: e.plateColour, ...e.detail },
  };
}
