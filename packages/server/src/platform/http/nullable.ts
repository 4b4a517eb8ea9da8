/**
 * Nullable request fields without coercion surprises.
 *
 * The validator coerces types (`coerceTypes: 'array'`, so that query strings become numbers and
 * single values lists), and it coerces inside each branch of a union as it tries it: a body field
 * declared `anyOf: [integer, null]` turned `null` into `0`, `[string, null]` into `""` and
 * `[array, null]` into `[""]` — a required field sent as null silently became zero. One schema
 * with OpenAPI's `nullable: true` is never coerced when the value already has one of its two
 * types, and says the same in the OpenAPI 3.0 document.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** `null` or `t`, as one schema (`nullable: true`); use this rather than `Type.Union([t, Type.Null()])`. */
export const Nullable = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, nullable: true });

const COERCIBLE = new Set(['string', 'integer', 'number', 'boolean', 'array']);

type Json = Record<string | symbol, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNull = (v: unknown) => isObject(v) && v.type === 'null' && Object.keys(v).every((k) => k === 'type');

/** A union of one coercible schema and null, rewritten as that schema with `nullable: true`. */
function collapse(s: Json): Json | null {
  const members = s.anyOf;
  if (!Array.isArray(members) || members.length !== 2) return null;
  const [a, b] = members as unknown[];
  const other = isNull(a) ? b : isNull(b) ? a : undefined;
  if (!isObject(other) || typeof other.type !== 'string' || !COERCIBLE.has(other.type)) return null;
  if ('anyOf' in other || 'oneOf' in other || 'allOf' in other) return null;
  const { anyOf: _drop, ...outer } = s;
  return { ...other, ...outer, nullable: true };
}

/**
 * The schema with every `anyOf: [S, null]` over a coercible type S rewritten as
 * `{ ...S, nullable: true }`, in nested properties, items and unions too. Pure: returns new
 * objects where something changed and leaves shared schema objects as they are.
 */
export function nullableUnions<T>(schema: T): T {
  return rewrite(schema) as T;
}

function rewrite(v: unknown): unknown {
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const y = rewrite(x);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : v;
  }
  if (!isObject(v)) return v;
  const collapsed = collapse(v);
  const base = collapsed ?? v;
  let out: Json | null = collapsed;
  for (const key of ['properties', 'patternProperties'] as const) {
    const props = base[key];
    if (!isObject(props)) continue;
    let next: Json | null = null;
    for (const [k, p] of Object.entries(props)) {
      const q = rewrite(p);
      if (q !== p) (next ??= { ...props })[k] = q;
    }
    if (next) (out ??= { ...base })[key] = next;
  }
  for (const key of ['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not'] as const) {
    const child = base[key];
    if (child === undefined || typeof child === 'boolean') continue;
    const q = rewrite(child);
    if (q !== child) (out ??= { ...base })[key] = q;
  }
  return out ?? v;
}
