/**
 * Declarative archive resources. Each archive entity (enterprise, vehicle, terminal, person,
 * place) is described once — its fields with type, column, constraints, domain check and bilingual
 * label — and the same description drives validation, SQL, the OpenAPI schemas, list filters and
 * the import/export columns, so the five entities behave alike and cannot drift apart.
 */
import type { ScopeColumns } from '../../../platform/scope.js';

export type FieldType =
  'string' | 'integer' | 'number' | 'boolean' | 'date' | 'uuid' | 'classes' | 'strings' | 'json';

/** A domain check: returns a reason code (`uscc.check`) or null when the value is fine. */
export type FieldCheck = (value: unknown, record: Record<string, unknown>) => string | null;

export interface FieldSpec {
  /** API name (camelCase). */
  key: string;
  /** SQL expression to read it (may name a joined table); the column written is `column`. */
  column: string;
  /** Read-only expression when it differs from the column (joined or derived values). */
  select?: string;
  type: FieldType;
  label: { zh: string; en: string };
  /** Must be given on create. */
  required?: boolean;
  /** Set by the server; never accepted from a client. */
  readOnly?: boolean;
  /** Cannot change after creation (e.g. the enterprise a vehicle belongs to, an ID number). */
  immutable?: boolean;
  enum?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  check?: FieldCheck;
  /** Normalises input before validation (trim, upper-case plates…). */
  normalize?: (value: unknown) => unknown;
  /** List filter: exact match, or contained text. */
  filter?: 'eq' | 'contains';
  /**
   * Where the value lives: a column of the entity's table (default), a column of its one-to-one
   * child table (a vehicle's tank), or a part of a certificate in the certificates table.
   */
  storage?: 'column' | 'child' | 'certificate';
  /** For storage 'certificate': which certificate, which part, and whose (the record or its child). */
  cert?: { kind: string; part: 'number' | 'valid_until' | 'category'; of: 'self' | 'child' };
}

/** A one-to-one child table (a vehicle's tank), written with the record. */
export interface ChildSpec {
  table: string;
  alias: string;
  foreignKey: string;
  /** Holder type of the child's certificates. */
  holderType: 'tank';
  /** The child exists when this field has a value. */
  presentWhen: string;
}

export interface EntitySpec {
  type: 'enterprise' | 'vehicle' | 'terminal' | 'person' | 'place';
  /** Path segment: /api/archives/<path>. */
  path: string;
  table: string;
  alias: string;
  /** FROM clause with the joins the scope and the read expressions need. */
  from: string;
  scope: ScopeColumns;
  /** Expression giving the owning enterprise id (null for city places). */
  enterpriseIdColumn: string | null;
  label: { zh: string; en: string };
  fields: readonly FieldSpec[];
  /** Text search (`q`) over these expressions. */
  search: readonly string[];
  defaultSort: string;
  child?: ChildSpec;
  /** Server-derived values (read-only fields) computed from the record before it is written. */
  derive?: (record: Record<string, unknown>) => Record<string, unknown>;
  /** Problems that do not block the write but are shown (an escort past 60, …). */
  warnings?: (record: Record<string, unknown>, today: string) => { field: string; reason: string }[];
  /** Cross-field checks after the per-field ones: `{ field, reason }` items. */
  validateRecord?: (record: Record<string, unknown>) => { field: string; reason: string }[];
}

/** Fields every archive record has. */
export function commonFields(alias: string): FieldSpec[] {
  return [
    {
      key: 'id',
      column: 'id',
      select: `${alias}.id`,
      type: 'uuid',
      label: { zh: '编号', en: 'ID' },
      readOnly: true,
    },
    {
      key: 'filingStatus',
      column: 'filing_status',
      select: `${alias}.filing_status`,
      type: 'string',
      enum: ['draft', 'submitted', 'county_approved', 'filed', 'rejected'],
      label: { zh: '备案状态', en: 'Filing status' },
      readOnly: true,
      filter: 'eq',
    },
    {
      key: 'version',
      column: 'version',
      select: `${alias}.version`,
      type: 'integer',
      label: { zh: '版本', en: 'Version' },
      readOnly: true,
    },
    {
      key: 'updatedAt',
      column: 'updated_at',
      select: `${alias}.updated_at`,
      type: 'string',
      label: { zh: '更新时间', en: 'Updated at' },
      readOnly: true,
    },
  ];
}

export function writableFields(spec: EntitySpec): FieldSpec[] {
  return spec.fields.filter((f) => !f.readOnly);
}

/**
 * A field kept in the certificates table: its column and storage follow from the certificate part,
 * and a validity date is a date.
 */
export function certificateField(
  kind: string,
  part: 'number' | 'category' | 'valid_until',
  of: 'self' | 'child',
  field: Omit<FieldSpec, 'column' | 'storage' | 'cert' | 'type'> & { type?: FieldType },
): FieldSpec {
  return {
    type: part === 'valid_until' ? 'date' : 'string',
    ...field,
    column: part,
    storage: 'certificate',
    cert: { kind, part, of },
  };
}

/**
 * The owning enterprise (set once, at creation) and its district (read through the join on `e`),
 * with any fields that belong between them.
 */
export function ownerFields(alias: string, between: FieldSpec[] = []): FieldSpec[] {
  return [
    {
      key: 'enterpriseId',
      column: 'enterprise_id',
      select: `${alias}.enterprise_id`,
      type: 'uuid',
      required: true,
      immutable: true,
      label: { zh: '所属企业', en: 'Enterprise' },
      filter: 'eq',
    },
    ...between,
    {
      key: 'districtCode',
      column: 'district_code',
      select: 'e.district_code',
      type: 'string',
      readOnly: true,
      label: { zh: '所属县区', en: 'District' },
      filter: 'eq',
    },
  ];
}
