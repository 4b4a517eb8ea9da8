import { describe, expect, it } from 'vitest';
import type { ArchiveRecord, FieldView } from '../api/types.js';
import { editableFields, JsonFieldError, toBody, toFormValues } from './form-values.js';

const f = (key: string, type: FieldView['type'], over: Partial<FieldView> = {}): FieldView => ({
  key,
  type,
  label: { zh: key, en: key },
  required: false,
  readOnly: false,
  immutable: false,
  ...over,
});
const fields = [
  f('id', 'uuid', { readOnly: true }),
  f('enterpriseId', 'uuid', { immutable: true }),
  f('plate', 'string'),
  f('plateColour', 'integer', { enum: ['1', '2'] }),
  f('ratedLoadKg', 'integer'),
  f('polygon', 'json'),
];

describe('form values', () => {
  it('edits neither read-only fields nor, once created, immutable ones', () => {
    expect(editableFields(fields, false).map((x) => x.key)).toEqual([
      'enterpriseId',
      'plate',
      'plateColour',
      'ratedLoadKg',
      'polygon',
    ]);
    expect(editableFields(fields, true).map((x) => x.key)).toEqual([
      'plate',
      'plateColour',
      'ratedLoadKg',
      'polygon',
    ]);
  });

  it('creates with the given values only, converting numbers and JSON', () => {
    const body = toBody(fields, {
      plate: ' 辽L12345 ',
      plateColour: '2',
      ratedLoadKg: '',
      polygon: '{"type":"Polygon"}',
    });
    expect(body).toEqual({ plate: '辽L12345', plateColour: 2, polygon: { type: 'Polygon' } });
  });

  it('updates only what changed, clears with null and sends the version read', () => {
    const record = {
      id: 'r1',
      filingStatus: 'draft',
      version: 3,
      plate: '辽L12345',
      plateColour: 2,
      ratedLoadKg: 30000,
    } as ArchiveRecord;
    const editable = editableFields(fields, true);
    const form = toFormValues(editable, record);
    expect(form.plateColour).toBe('2');
    expect(toBody(editable, { ...form, ratedLoadKg: null })).toEqual({ plate: '辽L12345', plateColour: 2 });
    expect(toBody(editable, { ...form, ratedLoadKg: null }, record)).toEqual({
      ratedLoadKg: null,
      version: 3,
    });
  });

  it('names the field whose JSON does not parse', () => {
    expect(() => toBody(fields, { polygon: '{oops' })).toThrow(JsonFieldError);
  });
});
