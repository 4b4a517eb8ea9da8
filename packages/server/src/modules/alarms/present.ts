/** Alarm rows as the API and the push stream show them, and their TypeBox schemas. */
import { Type, type Static } from '@sinclair/typebox';
import type { AlarmRow, StepRow } from './repository.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const NumOrNull = Type.Union([Type.Number(), Type.Null()]);

export const AlarmSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  type: Type.String(),
  severity: Type.String(),
  status: Type.String(),
  level: Type.String({ description: 'Who holds the alarm now: company, county or city' }),
  episode: Type.String({ description: 'active while the rule episode lasts, then ended' }),
  vehicleId: Nullable(Type.String()),
  plate: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String()),
  districtCode: Type.String(),
  driverId: Nullable(Type.String()),
  waybillId: Nullable(Type.String()),
  startedAt: Time,
  endedAt: Nullable(Time),
  openedAt: Time,
  deadlineAt: Time,
  overdue: Type.Boolean(),
  supervised: Type.Boolean(),
  escalations: Type.Integer(),
  firstResponseAt: Nullable(Time),
  handledAt: Nullable(Time),
  handledOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  closedAt: Nullable(Time),
  lat: NumOrNull,
  lon: NumOrNull,
  threshold: NumOrNull,
  measured: NumOrNull,
  unit: Nullable(Type.String()),
  evidence: Type.Record(Type.String(), Type.Unknown()),
  version: Type.Integer(),
});
export type AlarmView = Static<typeof AlarmSchema>;

export const StepSchema = Type.Object({
  id: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  level: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  at: Time,
  note: Nullable(Type.String()),
  attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String() })),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export function presentAlarm(r: AlarmRow): AlarmView {
  return {
    id: r.id,
    source: r.source,
    type: r.type,
    severity: r.severity,
    status: r.status,
    level: r.level,
    episode: r.episode,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    enterpriseId: r.enterprise_id,
    districtCode: r.district_code,
    driverId: r.driver_id,
    waybillId: r.waybill_id,
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
    openedAt: iso(r.opened_at)!,
    deadlineAt: iso(r.deadline_at)!,
    overdue: r.overdue,
    supervised: r.supervised,
    escalations: r.escalations,
    firstResponseAt: iso(r.first_response_at),
    handledAt: iso(r.handled_at),
    handledOnTime: r.handled_on_time,
    closedAt: iso(r.closed_at),
    lat: r.lat,
    lon: r.lon,
    threshold: r.threshold,
    measured: r.measured,
    unit: r.unit,
    evidence: r.evidence,
    version: r.version,
  };
}

export function presentStep(s: StepRow) {
  return {
    id: s.id,
    action: s.action,
    fromStatus: s.from_status,
    toStatus: s.to_status,
    level: s.level,
    actorId: s.actor_id,
    actorName: s.actor_name,
    actorRole: s.actor_role,
    at: iso(s.at)!,
    note: s.note,
    attachments: s.attachments,
    detail: s.detail,
  };
}
