/**
 * The waybill lifecycle (运单状态) as a pure transition table:
 *
 *   draft → submitted → (automatic checks) checked | check_failed
 *   check_failed → (edit) draft, or → (submit again) submitted
 *   checked → loading → in_transit → unloaded → closed (loading: the carrier says so, or the filling
 *   site records a weighing that passes)
 *   checked → in_transit as well (the tracks show it left without a loading record)
 *   any state but closed and cancelled → cancelled, with a reason
 *
 * `checked`, `loading` and `in_transit` are active: a vehicle (and a trailer) has at most one
 * active waybill (partial unique indexes in 0710_waybills.sql).
 */

export const waybillStatuses = [
  'draft',
  'submitted',
  'check_failed',
  'checked',
  'loading',
  'in_transit',
  'unloaded',
  'closed',
  'cancelled',
] as const;
export type WaybillStatus = (typeof waybillStatuses)[number];

export const activeStatuses: readonly WaybillStatus[] = ['checked', 'loading', 'in_transit'];
export const finalStatuses: readonly WaybillStatus[] = ['closed', 'cancelled'];
/** Where the carrier may still change the waybill's content. */
export const editableStatuses: readonly WaybillStatus[] = ['draft', 'check_failed'];

export const waybillActions = [
  'edit',
  'submit',
  'check_pass',
  'check_fail',
  'start_loading',
  'fill',
  'depart',
  'arrive',
  'close',
  'cancel',
] as const;
export type WaybillAction = (typeof waybillActions)[number];

/**
 * Who may take an action: the carrier (a person), the system (checks, tracks), both of those, or
 * the filling site (a weighing that passes).
 */
export type ActionBy = 'carrier' | 'system' | 'both' | 'site';
export type Actor = Exclude<ActionBy, 'both'>;

interface Transition {
  from: readonly WaybillStatus[];
  to: WaybillStatus;
  by: ActionBy;
}

const nonFinal = waybillStatuses.filter((s) => !finalStatuses.includes(s));

export const transitions: Readonly<Record<WaybillAction, Transition>> = {
  edit: { from: ['check_failed'], to: 'draft', by: 'carrier' },
  submit: { from: ['draft', 'check_failed'], to: 'submitted', by: 'carrier' },
  check_pass: { from: ['submitted'], to: 'checked', by: 'system' },
  check_fail: { from: ['submitted'], to: 'check_failed', by: 'system' },
  start_loading: { from: ['checked'], to: 'loading', by: 'carrier' },
  fill: { from: ['checked'], to: 'loading', by: 'site' },
  depart: { from: ['checked', 'loading'], to: 'in_transit', by: 'both' },
  arrive: { from: ['in_transit'], to: 'unloaded', by: 'both' },
  close: { from: ['unloaded'], to: 'closed', by: 'carrier' },
  cancel: { from: nonFinal, to: 'cancelled', by: 'carrier' },
};

export type TransitionOutcome =
  | { ok: true; to: WaybillStatus }
  | { ok: false; reason: 'wrong_state' | 'not_by_carrier' | 'not_by_system' | 'not_by_site' };

/** The state after `action` from `from`, or why it is refused. */
export function transition(from: WaybillStatus, action: WaybillAction, by: Actor): TransitionOutcome {
  const t = transitions[action];
  const allowed = t.by === by || (t.by === 'both' && by !== 'site');
  if (!allowed) return { ok: false, reason: `not_by_${by}` };
  if (!t.from.includes(from)) return { ok: false, reason: 'wrong_state' };
  return { ok: true, to: t.to };
}

/** The actions the carrier may take from a state (for the console's buttons). */
export function carrierActions(from: WaybillStatus): WaybillAction[] {
  return waybillActions.filter((a) => transition(from, a, 'carrier').ok);
}

export const isActive = (s: WaybillStatus): boolean => activeStatuses.includes(s);
