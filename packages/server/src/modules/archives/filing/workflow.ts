/**
 * Filing review (备案审核), seeds 001 §四(一) and 002 §二(一): a company submits its records, the
 * county regulator reviews them, and the city regulator approves new companies. A rejection
 * carries a reason and returns the record to the company; editing a rejected record makes it a
 * draft again (repository), and it can be resubmitted.
 *
 *   enterprise:  draft → submitted → county_approved → filed     (rejected from submitted or county_approved)
 *   vehicle, terminal, person, place:  draft → submitted → filed  (rejected from submitted)
 */

export type FilingStatus = 'draft' | 'submitted' | 'county_approved' | 'filed' | 'rejected';
export type FilingAction = 'submit' | 'county_approve' | 'approve' | 'reject' | 'reopen';
export type ArchiveType = 'enterprise' | 'vehicle' | 'terminal' | 'person' | 'place';

/** Which level acts: the company itself, the county sub-centre or the city bureau. */
export type FilingLevel = 'company' | 'county' | 'city';

interface Transition {
  from: readonly FilingStatus[];
  to: (type: ArchiveType) => FilingStatus;
  levels: readonly FilingLevel[];
  needsReason: boolean;
}

export const transitions: Record<FilingAction, Transition> = {
  submit: {
    from: ['draft', 'rejected'],
    to: () => 'submitted',
    levels: ['company', 'county', 'city'],
    needsReason: false,
  },
  // The county's approval files everything but a new enterprise, which the city approves.
  county_approve: {
    from: ['submitted'],
    to: (type) => (type === 'enterprise' ? 'county_approved' : 'filed'),
    levels: ['county', 'city'],
    needsReason: false,
  },
  approve: { from: ['county_approved'], to: () => 'filed', levels: ['city'], needsReason: false },
  reject: {
    from: ['submitted', 'county_approved'],
    to: () => 'rejected',
    levels: ['county', 'city'],
    needsReason: true,
  },
  // A filed record found wrong is sent back for correction (it stops operating until refiled).
  reopen: { from: ['filed'], to: () => 'draft', levels: ['county', 'city'], needsReason: true },
};

export type TransitionResult =
  { ok: true; to: FilingStatus } | { ok: false; reason: 'wrong_state' | 'wrong_level' | 'reason_required' };

export function nextFilingStatus(
  type: ArchiveType,
  from: FilingStatus,
  action: FilingAction,
  level: FilingLevel,
  reason: string | undefined,
): TransitionResult {
  const t = transitions[action];
  if (!t.levels.includes(level)) return { ok: false, reason: 'wrong_level' };
  if (!t.from.includes(from)) return { ok: false, reason: 'wrong_state' };
  // A county rejects only what it reviews; rejecting at county_approved is the city's call.
  if (action === 'reject' && from === 'county_approved' && level !== 'city')
    return { ok: false, reason: 'wrong_level' };
  if (t.needsReason && !(reason && reason.trim().length >= 2))
    return { ok: false, reason: 'reason_required' };
  return { ok: true, to: t.to(type) };
}
