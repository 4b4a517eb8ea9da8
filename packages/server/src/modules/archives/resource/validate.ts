/**
 * Validates and coerces input against an entity's field specs. The same function serves JSON
 * forms (typed values) and imported spreadsheets (text cells), so a row and a form are judged alike.
 */
import type { Actor } from '../../../platform/auth.js';
import type { EntitySpec, FieldSpec } from './spec.js';

export interface Invalid {
  field: string;
  reason: string;
}

export interface Validated {
  /** API key → coerced value, only the keys that were given. */
  values: Record<string, unknown>;
  errors: Invalid[];
}

// Dates as people type them into spreadsheets too: 2027-06-30, 2027/6/30, 2027.6.30.
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function splitList(v: string): string[] {
  return v
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Returns the coerced value, or a reason string (prefixed with '!') when the type is wrong. */
function coerce(f: FieldSpec, raw: unknown): unknown {
  switch (f.type) {
    case 'string':
      return typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '!type';
    case 'uuid':
      return typeof raw === 'string' && UUID.test(raw.trim()) ? raw.trim().toLowerCase() : '!type';
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isInteger(n) ? n : '!type';
    }
    case 'number': {
      const n = typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
      return typeof n === 'number' && Number.isFinite(n) ? n : '!type';
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (['true', '1', '是', 'yes', 'y'].includes(s)) return true;
      if (['false', '0', '否', 'no', 'n'].includes(s)) return false;
      return '!type';
    }
    case 'date': {
      if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
      const s = typeof raw === 'string' ? raw.trim().replace(/[/.]/g, '-') : '';
      const m = DATE.exec(s);
      if (!m) return '!date';
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1
        ? d.toISOString().slice(0, 10)
        : '!date';
    }
    case 'classes': {
      const list = Array.isArray(raw)
        ? raw
        : typeof raw === 'string'
          ? splitList(raw)
          : typeof raw === 'number'
            ? [raw]
            : null;
      if (!list) return '!type';
      const nums = list.map((x) => Number(x));
      if (nums.some((n) => !Number.isInteger(n) || n < 1 || n > 9)) return '!scope.classes';
      return [...new Set(nums)].sort((a, b) => a - b);
    }
    case 'strings': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? splitList(raw) : null;
      if (!list || list.some((x) => typeof x !== 'string')) return '!type';
      return [...new Set(list as string[])];
    }
    case 'json':
      return raw;
  }
}

function checkField(f: FieldSpec, v: unknown): string | null {
  if (f.enum && !(Array.isArray(v) ? v : [v]).every((x) => f.enum!.includes(String(x)))) return 'enum';
  if (typeof v === 'string') {
    if (f.maxLength !== undefined && [...v].length > f.maxLength) return 'max_length';
    if (f.pattern !== undefined && !new RegExp(f.pattern).test(v)) return 'pattern';
  }
  if (typeof v === 'number') {
    if (f.min !== undefined && v < f.min) return 'min';
    if (f.max !== undefined && v > f.max) return 'max';
  }
  return null;
}

/**
 * What the caller's scope implies: a company account files records of its own enterprise, so it
 * need not (and cannot usefully) name it.
 */
export function withScopeDefaults(
  spec: EntitySpec,
  actor: Actor,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const hasEnterprise = spec.fields.some((f) => f.key === 'enterpriseId' && !f.readOnly);
  if (hasEnterprise && actor.scope.kind === 'enterprise' && input.enterpriseId === undefined) {
    return { ...input, enterpriseId: actor.scope.enterpriseId };
  }
  return input;
}

/**
 * @param input  the client's object (or an import row keyed by field key)
 * @param mode   create: required fields must be present; update: only given fields are checked
 * @param current the stored record (update), for immutable fields and cross-field checks
 */
export function validateInput(
  spec: EntitySpec,
  input: Record<string, unknown>,
  mode: 'create' | 'update',
  current: Record<string, unknown> = {},
): Validated {
  const errors: Invalid[] = [];
  const values: Record<string, unknown> = {};
  const byKey = new Map(spec.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(input)) {
    const f = byKey.get(key);
    if (!f || f.readOnly) errors.push({ field: key, reason: 'unknown_field' });
  }
  for (const f of spec.fields) {
    if (f.readOnly) continue;
    const given = Object.hasOwn(input, f.key);
    let raw = given ? input[f.key] : undefined;
    if (f.normalize && !isEmpty(raw)) raw = f.normalize(raw);
    if (isEmpty(raw)) {
      if (mode === 'create' && f.required) errors.push({ field: f.key, reason: 'required' });
      else if (mode === 'update' && given && f.required) errors.push({ field: f.key, reason: 'required' });
      else if (given) values[f.key] = null;
      continue;
    }
    const v = coerce(f, raw);
    if (typeof v === 'string' && v.startsWith('!')) {
      errors.push({ field: f.key, reason: v.slice(1) });
      continue;
    }
    const bad = checkField(f, v);
    if (bad) {
      errors.push({ field: f.key, reason: bad });
      continue;
    }
    if (mode === 'update' && f.immutable && current[f.key] !== undefined && !sameValue(current[f.key], v)) {
      errors.push({ field: f.key, reason: 'immutable' });
      continue;
    }
    values[f.key] = v;
  }
  const merged = { ...current, ...values };
  for (const f of spec.fields) {
    if (!f.check || errors.some((e) => e.field === f.key)) continue;
    const v = merged[f.key];
    // On update a field is checked when it is given; cross-field rules run on the whole record.
    if (isEmpty(v) || (mode === 'update' && !Object.hasOwn(values, f.key))) continue;
    const reason = f.check(v, merged);
    if (reason) errors.push({ field: f.key, reason });
  }
  if (errors.length === 0 && spec.validateRecord) errors.push(...spec.validateRecord(merged));
  return { values, errors };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
