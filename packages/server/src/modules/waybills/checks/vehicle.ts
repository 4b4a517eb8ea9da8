/**
 * Checks on the vehicle and the trailer (filed, in service, certificates, technical grade 1,
 * scope: 道路危险货物运输管理规定 第二十二、二十三条) and on the tank (inspection, volume limits
 * for the goods, design medium).
 */
import { result, type CheckCode, type CheckResult } from '../check-codes.js';
import type { CheckContext, VehicleFacts } from './context.js';
import { validThrough } from './context.js';
import { certValid, classNumber, classOfLine, isTankLine, specialsOf } from './util.js';

type Subject = 'VEHICLE' | 'TRAILER';

/** The checks of one vehicle (the powered vehicle or the trailer); none for an absent trailer. */
export function vehicleChecks(ctx: CheckContext, subject: Subject): CheckResult[] {
  const v: VehicleFacts | null = subject === 'VEHICLE' ? ctx.vehicle : ctx.trailer;
  if (subject === 'TRAILER' && !ctx.waybill.trailerId) return [];
  const code = (c: string) => `${subject}_${c}` as CheckCode;
  const through = validThrough(ctx);
  const cert = (kind: 'road_transport_cert' | 'annual_review' | 'liability_insurance', c: string) => {
    const r = certValid(v?.certs[kind], through);
    return result(code(c), r.valid, r.detail);
  };
  const classes = ctx.waybill.lines.map((l) => classNumber(classOfLine(l, ctx.goods)));
  const uncovered = [...new Set(classes.filter((c) => !v?.scopeClasses.includes(c)))];
  return [
    result(code('NOT_FILED'), v?.filingStatus === 'filed', {
      plate: v?.plate ?? null,
      filingStatus: v?.filingStatus ?? null,
    }),
    result(code('NOT_ACTIVE'), v?.operatingStatus === 'active', {
      operatingStatus: v?.operatingStatus ?? null,
    }),
    cert('road_transport_cert', 'ROAD_CERT_EXPIRED'),
    cert('annual_review', 'ANNUAL_REVIEW_EXPIRED'),
    cert('liability_insurance', 'INSURANCE_EXPIRED'),
    result(code('GRADE'), v?.technicalGrade === 1, { technicalGrade: v?.technicalGrade ?? null }),
    result(code('SCOPE'), !!v && uncovered.length === 0, {
      uncoveredClasses: uncovered,
      scopeClasses: v?.scopeClasses ?? [],
    }),
  ];
}

/** Tank goods need a tank on the waybill. Not applicable when no line is carried in a tank. */
export function tankGiven(ctx: CheckContext): CheckResult | null {
  const tankLines = ctx.waybill.lines.filter(isTankLine);
  if (tankLines.length === 0) return null;
  return result('TANK_MISSING', ctx.tank !== null, { tankLines: tankLines.map((l) => l.lineNo) });
}

export function tankInspection(ctx: CheckContext): CheckResult | null {
  if (!ctx.tank) return null;
  const r = certValid(ctx.tank.certs.tank_inspection, validThrough(ctx));
  return result('TANK_INSPECTION_EXPIRED', r.valid, { tankNo: ctx.tank.tankNo, ...r.detail });
}

/**
 * Tank size limits (regulations.md §4.4, article not confirmed, so configurable): highly toxic
 * goods ≤ 10 m³; highly toxic, explosive and strongly corrosive (class 8, packing group I) ≤ 20 m³.
 */
export function tankVolume(ctx: CheckContext): CheckResult | null {
  if (!ctx.tank) return null;
  const specials = specialsOf(ctx);
  const corrosive = ctx.waybill.lines.some(
    (l) => classNumber(classOfLine(l, ctx.goods)) === 8 && l.packingGroup === 'I',
  );
  let limit: number | null = null;
  if (specials.has('highly_toxic')) limit = ctx.params.tankMaxM3HighlyToxic;
  else if (specials.has('explosive') || corrosive) limit = ctx.params.tankMaxM3Restricted;
  return result('TANK_VOLUME', limit === null || ctx.tank.volumeM3 <= limit, {
    volumeM3: ctx.tank.volumeM3,
    limitM3: limit,
  });
}

/**
 * The tank's design medium (设计介质) names the goods: by UN number, the catalogue's Chinese name
 * or the name on the waybill. A tank with no recorded medium passes (nothing to compare): a
 * warning, not a block, because the medium is free text in the archive.
 */
export function tankMedium(ctx: CheckContext): CheckResult | null {
  if (!ctx.tank) return null;
  const medium = ctx.tank.designMedium?.trim() ?? '';
  if (medium === '') return result('TANK_MEDIUM', true, { designMedium: null });
  const mismatched = ctx.waybill.lines.filter(isTankLine).filter((l) => {
    const names = [l.unNumber, l.name.trim(), ctx.goods.get(l.unNumber)?.nameZh ?? ''].filter(
      (s) => s !== '',
    );
    return !names.some((n) => medium.includes(n) || n.includes(medium));
  });
  return result('TANK_MEDIUM', mismatched.length === 0, {
    designMedium: medium,
    mismatchedLines: mismatched.map((l) => l.lineNo),
  });
}
