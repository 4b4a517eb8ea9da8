/**
 * Checks on the goods lines: known to the catalogue, class and packing group as catalogued, the
 * quantity within the rated load and the tank, and the public-security permit for special goods.
 */
import { result, type CheckResult } from '../check-codes.js';
import type { CheckContext } from './context.js';
import { isTankLine, lineKg, lineLitres, round, specialsOf } from './util.js';

export function goodsKnown(ctx: CheckContext): CheckResult {
  const unknown = ctx.waybill.lines.filter((l) => !ctx.goods.has(l.unNumber)).map((l) => l.unNumber);
  return result('GOODS_UNKNOWN', unknown.length === 0, { unknownUnNumbers: [...new Set(unknown)] });
}

/** The class/division and packing group written on each line agree with the catalogue. */
export function goodsClass(ctx: CheckContext): CheckResult {
  const mismatches: Record<string, unknown>[] = [];
  for (const l of ctx.waybill.lines) {
    const g = ctx.goods.get(l.unNumber);
    if (!g) continue; // GOODS_UNKNOWN reports it
    const classOk = l.hazardClass.trim() === g.hazardClass;
    const pgOk =
      g.packingGroups.length === 0
        ? l.packingGroup === null
        : l.packingGroup !== null && g.packingGroups.includes(l.packingGroup);
    if (!classOk || !pgOk) {
      mismatches.push({
        lineNo: l.lineNo,
        unNumber: l.unNumber,
        written: { hazardClass: l.hazardClass, packingGroup: l.packingGroup },
        catalogue: { hazardClass: g.hazardClass, packingGroups: g.packingGroups },
      });
    }
  }
  return result('GOODS_CLASS_MISMATCH', mismatches.length === 0, { mismatches });
}

/** Total mass ≤ the rated load (核定载质量) of the trailer when there is one, else the vehicle. */
export function ratedLoad(ctx: CheckContext): CheckResult {
  const carrierVehicle = ctx.waybill.trailerId ? ctx.trailer : ctx.vehicle;
  const rated = carrierVehicle?.ratedLoadKg ?? 0;
  let totalKg = 0;
  const unweighed: number[] = [];
  for (const l of ctx.waybill.lines) {
    const kg = lineKg(l, ctx.goods.get(l.unNumber));
    if (kg === null) unweighed.push(l.lineNo);
    else totalKg += kg;
  }
  return result('OVER_RATED_LOAD', rated > 0 && totalKg <= rated, {
    totalKg: round(totalKg),
    ratedLoadKg: rated,
    // Litre lines of goods with no catalogued density cannot be weighed; they are left out.
    unweighedLines: unweighed,
  });
}

/** The tank goods fit the tank: litres ≤ volume; for kg, kg ≤ volume × density. */
export function tankCapacity(ctx: CheckContext): CheckResult | null {
  if (!ctx.tank) return null;
  const lines = ctx.waybill.lines.filter(isTankLine);
  if (lines.length === 0) return null;
  let litres = 0;
  const unmeasured: number[] = [];
  for (const l of lines) {
    const v = lineLitres(l, ctx.goods.get(l.unNumber));
    if (v === null) unmeasured.push(l.lineNo);
    else litres += v;
  }
  const capacity = ctx.tank.volumeM3 * 1000;
  return result('OVER_TANK_CAPACITY', litres <= capacity, {
    litres: round(litres),
    capacityLitres: capacity,
    unmeasuredLines: unmeasured,
  });
}

/**
 * 剧毒化学品, 爆炸品 and 放射性物品 travel only with the public-security permit (办法 第十五条,
 * 第四十八条). Hazardous waste needs the environmental transfer manifest instead, not checked here.
 */
export function specialPermit(ctx: CheckContext): CheckResult | null {
  const specials = [...specialsOf(ctx)].filter(
    (s) => s === 'highly_toxic' || s === 'explosive' || s === 'radioactive',
  );
  if (specials.length === 0) return null;
  const permit = ctx.waybill.publicSecurityPermitNo?.trim() ?? '';
  return result('SPECIAL_PERMIT_MISSING', permit !== '', { special: specials, permitNo: permit || null });
}
