/** How archive values read in tables and detail views, and which columns each list shows. */
import type { District, EntityView, FieldView } from '../api/types.js';
import type { Lang } from '../i18n/dict.js';
import { enumLabel } from './enum-labels.js';

/** List columns per entity (the rest is in the detail drawer). */
export const listColumns: Record<string, readonly string[]> = {
  enterprises: [
    'name',
    'uscc',
    'districtCode',
    'permitNo',
    'permitValidUntil',
    'operatingStatus',
    'filingStatus',
  ],
  vehicles: [
    'plate',
    'vehicleType',
    'enterpriseName',
    'districtCode',
    'roadCertValidUntil',
    'operatingStatus',
    'filingStatus',
  ],
  terminals: ['phone', 'terminalCode', 'maker', 'model', 'protocolVersion', 'plate', 'filingStatus'],
  personnel: [
    'name',
    'roles',
    'enterpriseName',
    'qualificationNo',
    'qualificationValidUntil',
    'employmentStatus',
    'filingStatus',
  ],
  places: ['name', 'kind', 'districtCode', 'areaM2', 'spaces', 'operatingStatus', 'filingStatus'],
};

export function columnsFor(spec: EntityView): FieldView[] {
  const wanted = listColumns[spec.path] ?? [];
  const byKey = new Map(spec.fields.map((f) => [f.key, f]));
  const picked = wanted.map((k) => byKey.get(k)).filter((f): f is FieldView => f !== undefined);
  return picked.length > 0 ? picked : spec.fields.filter((f) => !f.readOnly).slice(0, 6);
}

export function formatValue(
  field: FieldView,
  value: unknown,
  lang: Lang,
  districts: readonly District[] = [],
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.key === 'districtCode') {
    const d = districts.find((x) => x.code === value);
    return d ? (lang === 'en' ? d.nameEn : d.name) : String(value);
  }
  switch (field.type) {
    case 'boolean':
      return value ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否';
    case 'classes':
      return Array.isArray(value)
        ? value.map((c) => (lang === 'en' ? `Class ${c}` : `第${c}类`)).join('、')
        : String(value);
    case 'strings':
      return Array.isArray(value)
        ? value.map((v) => enumLabel(field.key, String(v), lang)).join('、')
        : String(value);
    case 'json':
      return typeof value === 'object' ? JSON.stringify(value).slice(0, 80) : String(value);
    case 'number':
    case 'integer':
      return field.enum ? enumLabel(field.key, String(value), lang) : Number(value).toLocaleString(lang);
    default:
      return field.enum ? enumLabel(field.key, String(value), lang) : String(value);
  }
}
