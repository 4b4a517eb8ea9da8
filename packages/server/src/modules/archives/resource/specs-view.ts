/**
 * The entity specs as the console needs them: field keys, types, enums, required and read-only
 * flags, filters and bilingual labels, so forms and tables are generated from the same specs the
 * server validates with (checks and SQL stay on the server).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntitySpec } from './spec.js';

const Label = Type.Object({ zh: Type.String(), en: Type.String() });

export const FieldView = Type.Object({
  key: Type.String(),
  type: Type.String(),
  label: Label,
  required: Type.Boolean(),
  readOnly: Type.Boolean(),
  immutable: Type.Boolean(),
  enum: Type.Optional(Type.Array(Type.String())),
  filter: Type.Optional(Type.String({ enum: ['eq', 'contains'] })),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  maxLength: Type.Optional(Type.Integer()),
  /** Kept in a certificate row (number, expiry date or category of a certificate). */
  certificate: Type.Optional(Type.String()),
});

export const EntityView = Type.Object({
  type: Type.String(),
  path: Type.String(),
  label: Label,
  fields: Type.Array(FieldView),
});
export type EntityView = Static<typeof EntityView>;

export function specView(spec: EntitySpec): EntityView {
  return {
    type: spec.type,
    path: spec.path,
    label: { ...spec.label },
    fields: spec.fields.map((f) => ({
      key: f.key,
      type: f.type,
      label: { ...f.label },
      required: f.required === true,
      readOnly: f.readOnly === true,
      immutable: f.immutable === true,
      ...(f.enum ? { enum: [...f.enum] } : {}),
      ...(f.filter ? { filter: f.filter } : {}),
      ...(f.min !== undefined ? { min: f.min } : {}),
      ...(f.max !== undefined ? { max: f.max } : {}),
      ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
      ...(f.cert ? { certificate: f.cert.kind } : {}),
    })),
  };
}
