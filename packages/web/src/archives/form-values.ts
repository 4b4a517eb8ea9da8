/**
 * Between form values and API bodies: dates stay YYYY-MM-DD strings, JSON fields are edited as
 * text, empty inputs mean "no value" (left out on create, null on update), and an update sends
 * only what changed with the version it was read at.
 */
import type { ArchiveRecord, FieldView } from '../api/types.js';

export function editableFields(fields: readonly FieldView[], editing: boolean): FieldView[] {
  return fields.filter((f) => !f.readOnly && !(editing && f.immutable));
}

export function toFormValues(
  fields: readonly FieldView[],
  record: ArchiveRecord | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!record) return out;
  for (const f of fields) {
    const v = record[f.key];
    if (v === null || v === undefined) continue;
    if (f.type === 'json') out[f.key] = JSON.stringify(v, null, 1);
    else if (f.enum && (f.type === 'integer' || f.type === 'number')) out[f.key] = String(v);
    else out[f.key] = v;
  }
  return out;
}

export class JsonFieldError extends Error {
  constructor(readonly field: string) {
    super(`${field}: not JSON`);
  }
}

function fromInput(f: FieldView, v: unknown): unknown {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  switch (f.type) {
    case 'json':
      try {
        return JSON.parse(String(v)) as unknown;
      } catch {
        throw new JsonFieldError(f.key);
      }
    case 'integer':
    case 'number':
      return Number(v);
    case 'string':
    case 'date':
    case 'uuid':
      return typeof v === 'string' ? v.trim() || null : v;
    default:
      return v;
  }
}

export function toBody(
  fields: readonly FieldView[],
  values: Record<string, unknown>,
  record?: ArchiveRecord,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.key in values)) continue;
    const v = fromInput(f, values[f.key]);
    if (!record) {
      if (v !== null) body[f.key] = v;
      continue;
    }
    const before = record[f.key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(v)) body[f.key] = v;
  }
  if (record) body.version = record.version;
  return body;
}
