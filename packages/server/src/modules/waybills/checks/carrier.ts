/** Checks on the carrier (承运人): filed, operating, permit, business scope, sanctions. */
import { result, type CheckResult } from '../check-codes.js';
import type { CheckContext } from './context.js';
import { validThrough } from './context.js';
import { certValid, classNumber, classOfLine, specialsOf } from './util.js';

export function enterpriseFiled(ctx: CheckContext): CheckResult {
  const e = ctx.enterprise;
  return result('ENTERPRISE_NOT_FILED', e?.filingStatus === 'filed', {
    filingStatus: e?.filingStatus ?? null,
  });
}

export function enterpriseOperating(ctx: CheckContext): CheckResult {
  const e = ctx.enterprise;
  return result('ENTERPRISE_SUSPENDED', e?.operatingStatus === 'active', {
    operatingStatus: e?.operatingStatus ?? null,
  });
}

export function enterprisePermit(ctx: CheckContext): CheckResult {
  const c = certValid(ctx.enterprise?.certs.operating_permit, validThrough(ctx));
  return result('ENTERPRISE_PERMIT_EXPIRED', c.valid, c.detail);
}

/**
 * The business scope covers each line's class or division (经营范围: classes 1–9 and divisions
 * such as 2.1, 6.1), and the special categories that need their own approval.
 */
export function enterpriseScope(ctx: CheckContext): CheckResult {
  const e = ctx.enterprise;
  const uncovered: string[] = [];
  for (const l of ctx.waybill.lines) {
    const cls = classOfLine(l, ctx.goods);
    const ok = !!e && (e.scopeDivisions.includes(cls) || e.scopeClasses.includes(classNumber(cls)));
    if (!ok) uncovered.push(cls);
  }
  const specials = specialsOf(ctx);
  const missing: string[] = [];
  if (specials.has('highly_toxic') && !e?.highlyToxic) missing.push('highly_toxic');
  if (specials.has('explosive') && !e?.explosives) missing.push('explosive');
  if (specials.has('radioactive') && !e?.radioactive) missing.push('radioactive');
  if (specials.has('hazardous_waste') && !e?.hazardousWaste) missing.push('hazardous_waste');
  return result('ENTERPRISE_SCOPE', uncovered.length === 0 && missing.length === 0, {
    uncoveredClasses: [...new Set(uncovered)],
    missingSpecial: missing,
  });
}

export function enterpriseNotSanctioned(ctx: CheckContext): CheckResult {
  return result('ENTERPRISE_SANCTIONED', ctx.sanctions.length === 0, { sanctions: ctx.sanctions });
}
