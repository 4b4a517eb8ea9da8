/**
 * Which filing buttons a user sees for a record (the server's workflow, modules/archives/filing/
 * workflow.ts, decides; this only hides buttons that would be refused):
 *   enterprise: draft → submitted → county_approved → filed;  others: draft → submitted → filed.
 */
import type { EntityType, FilingStatus, Scope } from '../api/types.js';

export type FilingAction = 'submit' | 'county_approve' | 'approve' | 'reject' | 'reopen';
export type FilingLevel = 'company' | 'county' | 'city';

export function levelOfScope(scope: Scope): FilingLevel {
  return scope.kind === 'city' ? 'city' : scope.kind === 'district' ? 'county' : 'company';
}

export function filingActions(
  _type: EntityType,
  status: FilingStatus,
  level: FilingLevel,
  permissions: readonly string[],
): FilingAction[] {
  const out: FilingAction[] = [];
  if (permissions.includes('archives:write') && (status === 'draft' || status === 'rejected'))
    out.push('submit');
  if (!permissions.includes('archives:review') || level === 'company') return out;
  if (status === 'submitted') out.push('county_approve', 'reject');
  if (status === 'county_approved' && level === 'city') out.push('approve', 'reject');
  if (status === 'filed') out.push('reopen');
  return out;
}

export function needsReason(action: FilingAction): boolean {
  return action === 'reject' || action === 'reopen';
}
