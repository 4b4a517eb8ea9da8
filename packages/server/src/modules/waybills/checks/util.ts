/** Small helpers the checks share: certificate validity and the goods' effective facts. */
import { classOf, type GoodsFacts, type SpecialCategory } from '../../goods/facts.js';
import type { CertFacts, CheckContext, CheckLine } from './context.js';

/** A certificate valid through the date, with the facts for the result's detail. */
export function certValid(
  cert: CertFacts | undefined,
  through: string,
): { valid: boolean; detail: Record<string, unknown> } {
  if (!cert) return { valid: false, detail: { missing: true, neededThrough: through } };
  return {
    valid: cert.validUntil >= through,
    detail: { number: cert.number, validUntil: cert.validUntil, neededThrough: through },
  };
}

/** The class a line really has: the catalogue's when known, else what the waybill says. */
export function classOfLine(line: CheckLine, goods: Map<string, GoodsFacts>): string {
  return goods.get(line.unNumber)?.hazardClass ?? line.hazardClass.trim();
}

export function classNumber(hazardClass: string): number {
  return classOf(hazardClass);
}

/** Special categories of the goods on the waybill (剧毒, 爆炸品, …), from the catalogue. */
export function specialsOf(ctx: CheckContext): Set<SpecialCategory> {
  const out = new Set<SpecialCategory>();
  for (const l of ctx.waybill.lines) for (const s of ctx.goods.get(l.unNumber)?.special ?? []) out.add(s);
  return out;
}

export const isTankLine = (l: CheckLine): boolean => l.packaging.trim().toLowerCase() === 'tank';

/** Mass of a line in kg: litres × density; null when the density is unknown. */
export function lineKg(l: CheckLine, g: GoodsFacts | undefined): number | null {
  if (l.unit === 'kg') return l.quantity;
  return g?.densityKgPerL ? l.quantity * g.densityKgPerL : null;
}

/** Volume of a line in litres: kg ÷ density; null when the density is unknown. */
export function lineLitres(l: CheckLine, g: GoodsFacts | undefined): number | null {
  if (l.unit === 'L') return l.quantity;
  return g?.densityKgPerL ? l.quantity / g.densityKgPerL : null;
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
