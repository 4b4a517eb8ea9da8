/**
 * An alarm's evidence as map features: where the episode started, where it is now (or ended),
 * and the line between them, from the rule event's positions (evidence.startPosition,
 * evidence.position) or the alarm's own lat/lon. WGS-84, as stored.
 */
import type { Alarm } from '../api/types.js';
import type { Feature, FeatureCollection } from '../map/features.js';

type Point = { type: 'Point'; coordinates: [number, number] };
type Line = { type: 'LineString'; coordinates: [number, number][] };

export interface EvidenceProps {
  role: 'start' | 'latest' | 'path';
}

function latLon(v: unknown): [number, number] | null {
  const p = v as { lat?: unknown; lon?: unknown } | null;
  if (!p || typeof p !== 'object') return null;
  const lat = Number(p.lat);
  const lon = Number(p.lon);
  if (p.lat == null || p.lon == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat === 0 && lon === 0) return null; // no fix
  return [lon, lat];
}

export function evidenceFeatures(
  a: Pick<Alarm, 'lat' | 'lon' | 'evidence'>,
): FeatureCollection<Point | Line, EvidenceProps> {
  const start = latLon(a.evidence.startPosition);
  const latest = latLon(a.evidence.position) ?? latLon({ lat: a.lat, lon: a.lon });
  const features: Feature<Point | Line, EvidenceProps>[] = [];
  if (start && latest && (start[0] !== latest[0] || start[1] !== latest[1]))
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [start, latest] },
      properties: { role: 'path' },
    });
  if (start)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: start },
      properties: { role: 'start' },
    });
  if (latest)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: latest },
      properties: { role: 'latest' },
    });
  return { type: 'FeatureCollection', features };
}

/** The point to centre the evidence map on, or null when the alarm has no position. */
export function evidenceCentre(a: Pick<Alarm, 'lat' | 'lon' | 'evidence'>): [number, number] | null {
  return (
    latLon(a.evidence.position) ?? latLon({ lat: a.lat, lon: a.lon }) ?? latLon(a.evidence.startPosition)
  );
}

/** "96 / 80 km/h": the measured value against the threshold, in the rule's unit. */
/**
 * When the platform received the report of an alarm the terminal uploaded late (a blind-area
 * 0x0704 supplement the rules took after later fixes: `detail.late`), else null.
 */
export function lateReceivedAt(a: Pick<Alarm, 'evidence'>): string | null {
  const detail = a.evidence['detail'] as { late?: unknown; receivedAt?: unknown } | undefined;
  return detail?.late === true && typeof detail.receivedAt === 'string' ? detail.receivedAt : null;
}

export function measuredText(a: Pick<Alarm, 'measured' | 'threshold' | 'unit'>): string {
  if (a.measured === null && a.threshold === null) return '—';
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));
  return `${n(a.measured)} / ${n(a.threshold)}${a.unit ? ` ${a.unit}` : ''}`;
}

/** The box around the start and the latest position (with some room), or null for a single point. */
export function evidenceBounds(
  a: Pick<Alarm, 'lat' | 'lon' | 'evidence'>,
): [number, number, number, number] | null {
  const pts = evidenceFeatures(a).features.filter((f) => f.geometry.type === 'Point');
  if (pts.length < 2) return null;
  const xs = pts.map((f) => (f.geometry.coordinates as [number, number])[0]);
  const ys = pts.map((f) => (f.geometry.coordinates as [number, number])[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * Why the card holder may not drive (a `driver_unqualified` alarm): the rule's reason codes, in
 * its order, the qualification certificate's last valid day, and — when the holder is over the
 * age limit — the last day within it; null for other alarms.
 */
export function qualificationProblems(
  a: Pick<Alarm, 'type' | 'evidence'>,
): { reasons: string[]; until: string | null; ageUntil: string | null } | null {
  if (a.type !== 'driver_unqualified') return null;
  const detail = (a.evidence.detail ?? {}) as Record<string, unknown>;
  const reasons =
    typeof detail.reasons === 'string' && detail.reasons !== '' ? detail.reasons.split(',') : [];
  const day = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    reasons,
    until: day(detail.qualificationValidUntil),
    ageUntil: reasons.includes('over_age') ? day(detail.ageLimitUntil) : null,
  };
}

/**
 * Who the alarm names, by name (the detail's `people`): the driver (the IC card's person, else the
 * waybill's), and for a driver mismatch the waybill's driver, whether the card is the escort's,
 * and a card not on file by its own name and number. A person not on file shows as null.
 */
export function alarmPeople(
  a: Pick<Alarm, 'driverId' | 'evidence'>,
  people: Readonly<Record<string, string>>,
): {
  driver: string | null;
  waybillDriver: string | null;
  escort: boolean;
  /** A card not on file at the wheel: its own name or number. */
  unknownCard: string | null;
} {
  const detail = (a.evidence.detail ?? {}) as Record<string, unknown>;
  const name = (id: unknown) => (typeof id === 'string' ? (people[id] ?? null) : null);
  return {
    driver: name(a.driverId),
    waybillDriver: name(detail.waybillDriverId),
    escort: detail.escort === true,
    unknownCard:
      detail.cardNotOnFile === true
        ? [detail.cardName, detail.cardNumber].filter((x) => typeof x === 'string' && x !== '').join(' ') ||
          '?'
        : null,
  };
}
