/**
 * The account and API-key forms as pure functions: which roles a caller may grant, the scope a
 * role needs, form values → request bodies (only what changed for a PATCH), a key's state and the
 * example request a company platform sends with its key.
 */
import { toFormErrors, type FormFieldError } from '../api/field-errors.js';
import type { Role, Scope } from '../api/types.js';
import { machinePermissions, type ApiKeyRow, type MachineScope, type UserRow } from './types.js';

/** The scope each role needs (server: roleScopeKind in modules/accounts/service.ts). */
export const roleScopeKind: Record<Role, Scope['kind']> = {
  system_admin: 'city',
  city_regulator: 'city',
  emergency_responder: 'city',
  county_regulator: 'district',
  enterprise_admin: 'enterprise',
  enterprise_monitor: 'enterprise',
  filling_operator: 'filling_site',
  checkpoint_officer: 'checkpoint',
};

export const allRoles = Object.keys(roleScopeKind) as Role[];

/** The roles a caller may grant: the system admin any, a company admin its company's two. */
export function grantableRoles(actor: Role): Role[] {
  if (actor === 'system_admin') return allRoles;
  if (actor === 'enterprise_admin') return ['enterprise_admin', 'enterprise_monitor'];
  return [];
}

export interface Caller {
  role: Role;
  scope: Scope;
}

/** A caller confined to one company: its company is the only scope it can give. */
function ownEnterprise(caller: Caller): string | undefined {
  return caller.scope.kind === 'enterprise' ? caller.scope.enterpriseId : undefined;
}

export interface ScopeValues {
  districtCode?: string;
  enterpriseId?: string;
  placeId?: string;
}

export interface UserFormValues extends ScopeValues {
  username?: string;
  displayName?: string;
  password?: string;
  role?: Role;
  disabled?: boolean;
}

/** The scope a role gets from the form's fields (a company admin's own company, whatever the form says). */
export function scopeFor(role: Role, values: ScopeValues, caller: Caller): Scope | null {
  const own = ownEnterprise(caller);
  switch (roleScopeKind[role]) {
    case 'city':
      return { kind: 'city' };
    case 'district':
      return values.districtCode ? { kind: 'district', districtCode: values.districtCode } : null;
    case 'enterprise': {
      const id = own ?? values.enterpriseId;
      return id ? { kind: 'enterprise', enterpriseId: id } : null;
    }
    case 'filling_site':
      return values.placeId ? { kind: 'filling_site', placeId: values.placeId } : null;
    case 'checkpoint':
      return values.placeId ? { kind: 'checkpoint', placeId: values.placeId } : null;
  }
}

/** The form field that carries a scope kind's id (none for the city). */
export function scopeField(kind: Scope['kind']): keyof ScopeValues | null {
  switch (kind) {
    case 'city':
      return null;
    case 'district':
      return 'districtCode';
    case 'enterprise':
      return 'enterpriseId';
    default:
      return 'placeId';
  }
}

export function scopeValues(scope: Scope): ScopeValues {
  switch (scope.kind) {
    case 'city':
      return {};
    case 'district':
      return { districtCode: scope.districtCode };
    case 'enterprise':
      return { enterpriseId: scope.enterpriseId };
    default:
      return { placeId: scope.placeId };
  }
}

export function sameScope(a: Scope, b: Scope): boolean {
  return JSON.stringify(scopeValues(a)) === JSON.stringify(scopeValues(b)) && a.kind === b.kind;
}

export function toUserValues(user: UserRow): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    ...scopeValues(user.scope),
  };
}

/** POST /api/users. Throws when the scope is missing (the form requires the field first). */
export function toUserCreateBody(values: UserFormValues, caller: Caller) {
  const role = values.role!;
  const scope = scopeFor(role, values, caller);
  if (!scope) throw new Error(`no scope for role ${role}`);
  return {
    username: (values.username ?? '').trim(),
    displayName: (values.displayName ?? '').trim(),
    password: values.password ?? '',
    role,
    scope,
  };
}

export interface UserPatch {
  displayName?: string;
  disabled?: boolean;
  role?: Role;
  scope?: Scope;
}

/** PATCH /api/users/:id with only what changed; null when nothing did. */
export function toUserPatchBody(values: UserFormValues, before: UserRow, caller: Caller): UserPatch | null {
  const patch: UserPatch = {};
  const name = values.displayName?.trim();
  if (name && name !== before.displayName) patch.displayName = name;
  if (values.disabled !== undefined && values.disabled !== before.disabled) patch.disabled = values.disabled;
  const role = values.role ?? before.role;
  if (role !== before.role) patch.role = role;
  const scope = scopeFor(role, values, caller);
  if (scope && (role !== before.role || !sameScope(scope, before.scope))) patch.scope = scope;
  return Object.keys(patch).length ? patch : null;
}

// ---- API keys ----

/** The machine permissions a key of this scope kind can use. */
export function permissionsFor(kind: MachineScope['kind']): string[] {
  return machinePermissions.filter((m) => m.scope === kind).map((m) => m.permission);
}

export interface ApiKeyFormValues {
  name?: string;
  scopeKind?: MachineScope['kind'];
  enterpriseId?: string;
  placeId?: string;
  permissions?: string[];
  /** The last day the key works (YYYY-MM-DD, China time): it expires at the end of that day. */
  expiresOn?: string;
}

/** The end of a China-time day as an ISO timestamp: 2027-01-31 → 2027-01-31T15:59:59.999Z. */
export function endOfChinaDay(day: string): string {
  return new Date(`${day}T23:59:59.999+08:00`).toISOString();
}

/** POST /api/api-keys; a company admin's key is always for its own company. */
export function toApiKeyBody(values: ApiKeyFormValues, caller: Caller) {
  const own = ownEnterprise(caller);
  const kind = own ? 'enterprise' : (values.scopeKind ?? 'enterprise');
  const id = kind === 'enterprise' ? (own ?? values.enterpriseId) : values.placeId;
  if (!id) throw new Error(`no ${kind} for the key`);
  const scope: MachineScope =
    kind === 'enterprise' ? { kind: 'enterprise', enterpriseId: id } : { kind: 'checkpoint', placeId: id };
  const allowed = permissionsFor(kind);
  return {
    name: (values.name ?? '').trim(),
    scope,
    permissions: (values.permissions ?? []).filter((p) => allowed.includes(p)),
    expiresAt: endOfChinaDay(values.expiresOn ?? ''),
  };
}

export type KeyState = 'active' | 'revoked' | 'expired';

export function keyState(key: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now: Date): KeyState {
  if (key.revokedAt) return 'revoked';
  return new Date(key.expiresAt) <= now ? 'expired' : 'active';
}

/** A ready-to-run example of a company platform posting one position with the key. */
export function ingestExample(origin: string, credential: string, deviceTime: string): string {
  const body = {
    positions: [
      {
        plateNumber: '辽L12345',
        plateColour: 2,
        deviceTime,
        lat: 41.1197,
        lon: 122.0703,
        speed: 42,
        heading: 90,
        altitude: 5,
      },
    ],
  };
  return [
    `curl -X POST ${origin}/api/ingest/positions \\`,
    `  -H 'Authorization: ApiKey ${credential}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join('\n');
}

/** A timestamp in China time, in the console's language; '—' for none. */
export function formatTime(iso: string | null, lang: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
  });
}

// ---- the audit log ----

export interface AuditFilterValues {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  /** First and last day (YYYY-MM-DD, China time), both included. */
  fromDay?: string;
  toDay?: string;
}

/** GET /api/audit's query: trimmed exact filters, the days as [start of first, start of day after last). */
export function auditQuery(f: AuditFilterValues): Record<string, string | undefined> {
  const text = (v: string | undefined) => v?.trim() || undefined;
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();
  return {
    action: text(f.action),
    targetType: text(f.targetType),
    targetId: text(f.targetId),
    actorId: text(f.actorId),
    from: f.fromDay ? new Date(`${f.fromDay}T00:00:00+08:00`).toISOString() : undefined,
    to: f.toDay ? dayAfter(f.toDay) : undefined,
  };
}

// ---- what the server refused ----

export interface Refusal {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * A refused save on the form: validation errors on their fields (`rename` maps a server field,
 * e.g. `scope`, to the form field that holds it), a weak password on the password, a taken
 * username on the username; anything else above the form.
 */
export function refusalOnForm(
  e: Refusal,
  formFields: readonly string[],
  rename: (field: string) => string = (f) => f,
): { fields: FormFieldError[]; other: string[] } {
  const details = e.details as { problems?: unknown; field?: unknown } | undefined;
  if (e.code === 'VALIDATION_FAILED') {
    const mapped = toFormErrors(e.details, formFields);
    const fields = mapped.fields.map((f) => ({ ...f, name: rename(f.name) }));
    return { fields, other: mapped.other.length || fields.length ? mapped.other : [e.message] };
  }
  if (e.code === 'AUTH_PASSWORD_WEAK' && formFields.includes('password')) {
    const problems = Array.isArray(details?.problems) ? details.problems.map(String) : [];
    const text = problems.length ? `${e.message} (${problems.join('; ')})` : e.message;
    return { fields: [{ name: 'password', errors: [text] }], other: [] };
  }
  if (e.code === 'CONFLICT' && typeof details?.field === 'string' && formFields.includes(details.field))
    return { fields: [{ name: details.field, errors: [e.message] }], other: [] };
  return { fields: [], other: [e.message] };
}
