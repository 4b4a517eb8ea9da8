/**
 * Driver identity (驾驶员身份识别异常; JT/T 809 warning 0xA009, and among the provincial
 * platforms' indicators): the IC card in the terminal's reader (0x0702) names someone other than
 * the driver of the vehicle's active waybill — the person at the wheel is not the one the carrier
 * assigned and the archives checked for this trip (人、车、单不符; 办法 第二十四条 ties the
 * waybill to its driver). The escort's card counts too: an escort may not stand in for the driver.
 *
 * An episode starts after `driverMismatchSec` of driving with such a card (a card put in while
 * parked, or swapped at a stop, is not yet driving). It ends when the card in the reader is the
 * waybill's driver's, when the card is pulled, when the vehicle has no waybill naming a driver
 * any more, or when another wrong card replaces it (which then counts on its own). Stops do not
 * end it: the wrong person is still the one driving. While it lasts and the vehicle drives, an
 * `updated` event at most every `updateEverySec` carries the driving time so far.
 * A card whose person is not on file (the fixes name nobody, the context's `unknownCard` says
 * which card it was) is a mismatch too, with `cardNotOnFile` and the card's own name and number.
 * Nothing is raised without a card (many terminals have no reader) or without a waybill driver
 * to compare with (driving without a waybill is its own rule).
 */
import type { RuleParams } from '../params.js';
import type { DetectorEvent, RuleFix } from '../types.js';
import { drivingPhase, episodeEvent, open, type Detector, type Open, type StepInput } from '../detector.js';

export interface DriverIdentityState {
  /** The card and the waybill driver being compared, while they differ (null: they do not). */
  card: string | null;
  expected: string | null;
  /** Driving time (ms) with this card, and where it began. */
  drivingMs: number;
  since: Open | null;
  alarm: boolean;
  escort: boolean;
  /** The card's own name and number when its person is not on file (absent in older snapshots). */
  unknown?: { name: string | null; number: string | null } | null;
}

/** Stands for a card not on file in `card`, which otherwise holds an archive person's id. */
const NOT_ON_FILE = 'not-on-file:';

/** The episode's event: threshold and measured driving time in seconds. */
function event(
  phase: 'started' | 'updated' | 'ended',
  s: DriverIdentityState,
  t: number,
  fix: RuleFix,
  p: RuleParams,
  detail: Record<string, string | boolean>,
): DetectorEvent {
  const measured = Math.round(s.drivingMs / 1000);
  const card: Record<string, string | boolean> = s.unknown
    ? {
        cardDriverId: '',
        cardNotOnFile: true,
        cardName: s.unknown.name ?? '',
        cardNumber: s.unknown.number ?? '',
      }
    : { cardDriverId: s.card! };
  return episodeEvent(
    phase,
    'driver_mismatch',
    'card',
    s.since!,
    t,
    fix,
    p.driverMismatchSec,
    measured,
    's',
    'high',
    {
      ...card,
      waybillDriverId: s.expected!,
      escort: s.escort,
      ...detail,
    },
  );
}

function close(
  s: DriverIdentityState,
  t: number,
  fix: RuleFix,
  p: RuleParams,
  reason: string,
  out: DetectorEvent[],
): void {
  if (s.alarm) out.push(event('ended', s, t, fix, p, { reason }));
  Object.assign(s, fresh());
}

function fresh(): DriverIdentityState {
  return {
    card: null,
    expected: null,
    drivingMs: 0,
    since: null,
    alarm: false,
    escort: false,
    unknown: null,
  };
}

/** The card in the reader as the state keeps it: an archive person's id, a card not on file, or null. */
function cardOf(input: StepInput): string | null {
  const unknown = input.cardDriverId === null ? input.ctx.unknownCard : undefined;
  return unknown ? `${NOT_ON_FILE}${unknown.number ?? ''}/${unknown.name ?? ''}` : input.cardDriverId;
}

/** Whether a card is in that is not the waybill driver's. */
function cardDiffers(input: StepInput): boolean {
  const card = cardOf(input);
  const expected = input.ctx.waybill?.driverId ?? null;
  return card !== null && expected !== null && card !== expected;
}

export const driverIdentity: Detector<DriverIdentityState> = {
  name: 'driver_identity',
  init: fresh,
  atRest: (s) => s.card === null,
  quiet: (input) => !cardDiffers(input),
  step(s, input, out) {
    const unknown = input.cardDriverId === null ? input.ctx.unknownCard : undefined;
    const card = cardOf(input);
    const waybill = input.ctx.waybill;
    const expected = waybill?.driverId ?? null;
    const differs = card !== null && expected !== null && card !== expected;
    if (s.card === null && !differs) return;
    const { fix, params: p } = input;
    const t = fix.deviceTime;
    if (!differs) {
      close(
        s,
        t,
        fix,
        p,
        card === null ? 'card_pulled' : expected === null ? 'no_waybill_driver' : 'card_matches',
        out,
      );
      return;
    }
    if (s.card !== null && (s.card !== card || s.expected !== expected))
      close(s, t, fix, p, s.card !== card ? 'card_changed' : 'waybill_changed', out);
    const first = s.card === null;
    if (first) {
      // The episode counts from the first fix that shows this card against this waybill.
      s.card = card;
      s.expected = expected;
      s.escort = waybill?.escortId === card;
      s.unknown = unknown ? { name: unknown.name, number: unknown.number } : null;
      s.since = open(t, fix);
    }
    // Driving time with the card; the driving time so far in an update while it lasts.
    const phase = drivingPhase(s, input, p.driverMismatchSec, first);
    if (phase) out.push(event(phase, s, t, fix, p, {}));
  },
};
