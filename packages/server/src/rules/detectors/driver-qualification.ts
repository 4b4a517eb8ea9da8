/**
 * The card holder's qualification (驾驶人员从业资格): the IC card in the terminal's reader
 * (0x0702) names a person who may not drive a hazardous-goods vehicle as of the fix — 道路运输
 * 从业人员管理规定 第十一条 and 办法 第四十四条 want a driver with a qualification certificate of
 * the driver's category, filed with the carrier. The waybill check makes sure of this for the
 * waybill's driver when the waybill is made; this rule asks it of whoever's card is in while
 * the vehicle drives, with or without a waybill, and on the day itself (a certificate that runs
 * out during a trip counts from the next day on).
 *
 * Reasons (several at once, in this order): `not_filed`, `left` (no longer employed),
 * `not_driver` (the archive does not give the person the driver's role), `other_enterprise`
 * (another carrier's person), `qualification_missing`, `qualification_expired`,
 * `qualification_category`, `licence_expired` (机动车驾驶证, when the archive holds its date),
 * `over_age` (第十一条: not over 60 — the waybill check's limit — counted from the archive's
 * birth date; from the birthday that passes the limit on).
 *
 * An episode starts after `unqualifiedDrivingSec` of driving with such a card (put in while
 * parked, it is not yet driving); `updated` at most every `updateEverySec` of driving while it
 * lasts; it ends when the card is pulled or replaced, or when the archive clears the person (a
 * renewed certificate, a filing). A card not on file is the driver-identity rule's (no archive
 * to ask), and so is a card that differs from the waybill's driver: both may be raised for the
 * same card, since they are two faults — the wrong person, and a person who may not drive.
 * Until the adapter has read the card's person (`ctx.cardHolder`, a few seconds after the card
 * went in), nothing is counted.
 */
import type { CardHolder } from '../context.js';
import type { RuleParams } from '../params.js';
import type { DetectorEvent, RuleFix } from '../types.js';
import { drivingPhase, episodeEvent, open, type Detector, type Open, type StepInput } from '../detector.js';

export interface DriverQualificationState {
  /** The card's person being counted (null: at rest). */
  person: string | null;
  name: string;
  /** The reasons as last seen, comma-separated. */
  reasons: string;
  /** The qualification certificate's last valid day (`YYYY-MM-DD`), '' when none is on file. */
  qualificationUntil: string;
  /** The last day within the age limit (`YYYY-MM-DD`), '' when the archive has no birth date. */
  ageLimitUntil: string;
  drivingMs: number;
  since: Open | null;
  alarm: boolean;
}

const DAY_MS = 86_400_000;

/** Whether the day of UTC midnight `day` has ended in local time at `t`. */
function ended(day: number, t: number, p: RuleParams): boolean {
  return t >= day + DAY_MS - p.utcOffsetMinutes * 60_000;
}

/** Whether the card's person may not drive at `t` (runs on every fix: reads the input alone). */
function unqualified(input: StepInput, t: number): boolean {
  return ended(input.cardClearThroughDay, t, input.params);
}

function reasonsOf(h: CardHolder, t: number, ctx: StepInput['ctx'], p: RuleParams): string {
  const out: string[] = [];
  const has = (r: string) => h.standing.includes(r as CardHolder['standing'][number]);
  for (const r of ['not_filed', 'left', 'not_driver'] as const) if (has(r)) out.push(r);
  if (ctx.enterpriseId !== null && h.enterpriseId !== ctx.enterpriseId) out.push('other_enterprise');
  if (has('qualification_missing')) out.push('qualification_missing');
  if (h.qualificationUntilDay !== null && ended(h.qualificationUntilDay, t, p))
    out.push('qualification_expired');
  if (has('qualification_category')) out.push('qualification_category');
  if (h.licenceUntilDay !== null && ended(h.licenceUntilDay, t, p)) out.push('licence_expired');
  if (h.ageLimitDay !== null && ended(h.ageLimitDay, t, p)) out.push('over_age');
  return out.join(',');
}

/** A day as UTC midnight (ms) as `YYYY-MM-DD`; '' for none. */
function dayText(day: number | null): string {
  return day === null ? '' : new Date(day).toISOString().slice(0, 10);
}

function event(
  phase: 'started' | 'updated' | 'ended',
  s: DriverQualificationState,
  t: number,
  fix: RuleFix,
  p: RuleParams,
  extra: Record<string, string>,
): DetectorEvent {
  return episodeEvent(
    phase,
    'driver_unqualified',
    'card',
    s.since!,
    t,
    fix,
    p.unqualifiedDrivingSec,
    Math.round(s.drivingMs / 1000),
    's',
    'high',
    {
      cardDriverId: s.person!,
      cardName: s.name,
      reasons: s.reasons,
      qualificationValidUntil: s.qualificationUntil,
      ageLimitUntil: s.ageLimitUntil,
      ...extra,
    },
  );
}

function fresh(): DriverQualificationState {
  return {
    person: null,
    name: '',
    reasons: '',
    qualificationUntil: '',
    ageLimitUntil: '',
    drivingMs: 0,
    since: null,
    alarm: false,
  };
}

function close(
  s: DriverQualificationState,
  t: number,
  fix: RuleFix,
  p: RuleParams,
  reason: string,
  out: DetectorEvent[],
): void {
  if (s.person === null) return;
  if (s.alarm) out.push(event('ended', s, t, fix, p, { reason }));
  Object.assign(s, fresh());
}

export const driverQualification: Detector<DriverQualificationState> = {
  name: 'driver_qualification',
  init: fresh,
  atRest: (s) => s.person === null,
  quiet: (input) => !unqualified(input, input.fix.deviceTime),
  step(s, input, out) {
    const { fix, params: p, ctx } = input;
    const t = fix.deviceTime;
    const card = input.cardDriverId;
    if (card === null) return close(s, t, fix, p, 'card_pulled', out);
    if (s.person !== null && s.person !== card) close(s, t, fix, p, 'card_changed', out);
    const h = input.cardHolder;
    // Not read yet: nothing is counted, nothing is ended, until the archive answers.
    if (h === undefined) return;
    if (!unqualified(input, t)) return close(s, t, fix, p, 'qualified', out);
    s.reasons = reasonsOf(h, t, ctx, p);
    const first = s.person === null;
    if (first) {
      s.person = card;
      s.name = h.name;
      s.since = open(t, fix);
    }
    s.qualificationUntil = dayText(h.qualificationUntilDay);
    s.ageLimitUntil = dayText(h.ageLimitDay);
    const phase = drivingPhase(s, input, p.unqualifiedDrivingSec, first);
    if (phase) out.push(event(phase, s, t, fix, p, {}));
  },
};
