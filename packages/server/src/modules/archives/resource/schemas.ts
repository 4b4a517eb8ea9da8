/** TypeBox (OpenAPI) schemas generated from an entity spec. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { EntitySpec, FieldSpec } from './spec.js';

function base(f: FieldSpec): TSchema {
  const description = `${f.label.zh} / ${f.label.en}`;
  switch (f.type) {
    case 'string':
      return f.enum ? Type.String({ description, enum: [...f.enum] }) : Type.String({ description });
    case 'uuid':
      return Type.String({ description, format: 'uuid' });
    case 'date':
      return Type.String({ description, pattern: '^\\d{4}-\\d{1,2}-\\d{1,2}$' });
    case 'integer':
      return Type.Integer({ description });
    case 'number':
      return Type.Number({ description });
    case 'boolean':
      return Type.Boolean({ description });
    case 'classes':
      return Type.Array(Type.Integer({ minimum: 1, maximum: 9 }), { description });
    case 'strings':
      return Type.Array(f.enum ? Type.String({ enum: [...f.enum] }) : Type.String(), { description });
    case 'json':
      return Type.Unknown({ description });
  }
}

const nullable = (s: TSchema): TSchema => Type.Union([s, Type.Null()]);

/** A stored record as the API returns it. */
export function recordSchema(spec: EntitySpec): TSchema {
  const props: Record<string, TSchema> = {};
  for (const f of spec.fields) props[f.key] = Type.Optional(f.type === 'json' ? base(f) : nullable(base(f)));
  return Type.Object(props, { $id: undefined, title: spec.label.en });
}

/** Create: the writable fields (domain checks and required fields are judged by validateInput). */
export function createSchema(spec: EntitySpec): TSchema {
  const props: Record<string, TSchema> = {};
  for (const f of spec.fields)
    if (!f.readOnly) props[f.key] = Type.Optional(f.type === 'json' ? base(f) : nullable(base(f)));
  return Type.Object(props, { additionalProperties: false });
}

/** Update: the fields to change, and the version the change was made against. */
export function updateSchema(spec: EntitySpec): TSchema {
  const props: Record<string, TSchema> = {
    version: Type.Integer({ minimum: 1, description: '读取时的版本 / version read' }),
  };
  for (const f of spec.fields)
    if (!f.readOnly) props[f.key] = Type.Optional(f.type === 'json' ? base(f) : nullable(base(f)));
  return Type.Object(props, { additionalProperties: false });
}

/** List filters: the fields that declare one, plus paging and search. */
export function listQuerySchema(spec: EntitySpec, extra: Record<string, TSchema> = {}): TSchema {
  const props: Record<string, TSchema> = {
    ...extra,
    q: Type.Optional(Type.String({ maxLength: 100, description: '搜索 / search' })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    certificateExpiresBy: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: '证照在此日期前到期 / a certificate expires by',
      }),
    ),
  };
  for (const f of spec.fields)
    if (f.filter)
      props[f.key] = Type.Optional(
        Type.String({
          maxLength: f.filter === 'eq' ? 400 : 100,
          description:
            f.filter === 'eq'
              ? '等于；多个取值以逗号分隔（任一） / equals; several values separated by commas (any of them)'
              : '包含 / contains',
        }),
      );
  return Type.Object(props, { additionalProperties: false });
}
