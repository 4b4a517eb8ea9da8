/** SQL pieces generated from an entity spec. Only spec text (never input) is interpolated. */
import type { EntitySpec, FieldSpec } from './spec.js';

const HOLDER: Record<EntitySpec['type'], string> = {
  enterprise: 'enterprise',
  vehicle: 'vehicle',
  terminal: 'terminal',
  person: 'person',
  place: 'place',
};

export function holderType(spec: EntitySpec): string {
  return HOLDER[spec.type];
}

/** The expression that reads a field. */
export function readExpr(spec: EntitySpec, f: FieldSpec): string {
  if (f.storage === 'certificate' && f.cert) {
    const holder = f.cert.of === 'self' ? `${spec.alias}.id` : `${spec.child!.alias}.id`;
    const type = f.cert.of === 'self' ? holderType(spec) : spec.child!.holderType;
    const part = f.cert.part === 'valid_until' ? "to_char(c.valid_until, 'YYYY-MM-DD')" : `c.${f.cert.part}`;
    return `(SELECT ${part} FROM certificates c WHERE c.holder_type = '${type}' AND c.holder_id = ${holder} AND c.kind = '${f.cert.kind}')`;
  }
  const base = f.select ?? `${spec.alias}.${f.column}`;
  if (f.type === 'date' && !f.select) return `to_char(${base}, 'YYYY-MM-DD')`;
  if (f.key === 'updatedAt') return `to_char(${base} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  return base;
}

export function selectList(spec: EntitySpec): string {
  return spec.fields.map((f) => `${readExpr(spec, f)} AS "${f.key}"`).join(', ');
}

/** Value as the database takes it: arrays of classes as int arrays, JSON as text. */
export function toDb(f: FieldSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (f.type === 'json') return JSON.stringify(v);
  return v;
}

export function castFor(f: FieldSpec): string {
  switch (f.type) {
    case 'classes':
      return '::smallint[]';
    case 'strings':
      return '::text[]';
    case 'json':
      return '::jsonb';
    case 'date':
      return '::date';
    case 'uuid':
      return '::uuid';
    default:
      return '';
  }
}
