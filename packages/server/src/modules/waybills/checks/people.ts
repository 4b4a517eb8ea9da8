/**
 * Checks on the driver and the escort (办法 第四十四条: an escort besides the driver; 道路运输
 * 从业人员管理规定 第十一、十二条: qualification certificate of the category, age ≤ 60).
 */
import { result, type CheckCode, type CheckResult } from '../check-codes.js';
import type { CheckContext, PersonFacts } from './context.js';
import { ageOn, validThrough } from './context.js';
import { certValid } from './util.js';

type Subject = 'DRIVER' | 'ESCORT';

export function personChecks(ctx: CheckContext, subject: Subject): CheckResult[] {
  const p: PersonFacts | null = subject === 'DRIVER' ? ctx.driver : ctx.escort;
  const code = (c: string) => `${subject}_${c}` as CheckCode;
  const present = !!p && p.employmentStatus === 'employed';
  if (!p) return [result(code('MISSING'), false, { assigned: false })];
  const through = validThrough(ctx);
  const qualification = certValid(p.certs.qualification, through);
  // The driving licence is checked when the archive has its date (it is optional there).
  const licence =
    subject === 'DRIVER' && p.certs.driving_licence ? certValid(p.certs.driving_licence, through) : null;
  const wanted = subject === 'DRIVER' ? ctx.params.driverCertCategory : ctx.params.escortCertCategory;
  const category = p.certs.qualification?.category ?? null;
  const age = ageOn(p.birthDate, through);
  return [
    result(code('MISSING'), present, { name: p.name, employmentStatus: p.employmentStatus }),
    result(code('NOT_FILED'), p.filingStatus === 'filed', { filingStatus: p.filingStatus }),
    result(code('CERT_EXPIRED'), qualification.valid && (licence?.valid ?? true), {
      qualification: qualification.detail,
      ...(licence ? { drivingLicence: licence.detail } : {}),
    }),
    result(code('CERT_CATEGORY'), category !== null && category.includes(wanted), { category, wanted }),
    result(code('AGE'), age <= ctx.params.maxAgeYears, { age, maxAge: ctx.params.maxAgeYears, on: through }),
  ];
}
