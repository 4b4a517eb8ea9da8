/**
 * Who drove when, along a track: the vehicle's IC-card reports for the range (GET
 * /api/gateway/vehicles/:vehicleId/driver-cards?from&to, newest first, with the report in force
 * when the range begins) turned into spans, oldest first, each with the card in the reader then.
 */
import { cardInReader, type CardInReader, type DriverCardReport } from '../map/driver-card.js';

export interface CardSpan {
  /** Epoch ms, clipped to the range. */
  from: number;
  to: number;
  /** `unknown`: no report before this span (the terminal said nothing yet, or not in this range's owner's time). */
  card: CardInReader | { kind: 'unknown' };
}

/** The report's own time (the terminal's clock, as the track's), else when it was received. */
const timeOf = (r: DriverCardReport): number => Date.parse(r.deviceTime ?? r.receivedAt);

export function cardSpans(reports: readonly DriverCardReport[], from: number, to: number): CardSpan[] {
  if (!(to > from)) return [];
  const oldestFirst = [...reports].sort((a, b) => timeOf(a) - timeOf(b));
  const spans: CardSpan[] = [];
  let start = from;
  let card: CardSpan['card'] = { kind: 'unknown' };
  for (const r of oldestFirst) {
    const at = timeOf(r);
    if (at >= to) break;
    if (at > start) {
      spans.push({ from: start, to: at, card });
      start = at;
    }
    card = cardInReader(r);
  }
  spans.push({ from: start, to, card });
  // Neighbours with the same card (a report repeated, a card read twice) are one span.
  const merged: CardSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && sameCard(last.card, s.card)) last.to = s.to;
    else merged.push({ ...s });
  }
  return merged;
}

function sameCard(a: CardSpan['card'], b: CardSpan['card']): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'card' && b.kind === 'card') return a.name === b.name && a.onFile === b.onFile;
  return true;
}

/** The span at time t (the playhead), if any. */
export function spanAt(spans: readonly CardSpan[], t: number): CardSpan | undefined {
  return (
    spans.find((s) => t >= s.from && t < s.to) ??
    (spans.length && t === spans[spans.length - 1]!.to ? spans[spans.length - 1] : undefined)
  );
}
