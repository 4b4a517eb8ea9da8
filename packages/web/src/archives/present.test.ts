import { describe, expect, it } from 'vitest';
import type { EntityView, FieldView } from '../api/types.js';
import { columnsFor, formatValue } from './present.js';

const f = (over: Partial<FieldView>): FieldView => ({
  key: 'x',
  type: 'string',
  label: { zh: 'x', en: 'x' },
  required: false,
  readOnly: false,
  immutable: false,
  ...over,
});

describe('formatValue', () => {
  const districts = [{ code: '211104', name: '大洼区', nameEn: 'Dawa' }];
  it('names enum values, districts and classes in the chosen language', () => {
    expect(formatValue(f({ key: 'vehicleType', enum: ['tractor'] }), 'tractor', 'zh-CN')).toBe('牵引车');
    expect(formatValue(f({ key: 'vehicleType', enum: ['tractor'] }), 'tractor', 'en')).toBe('Tractor');
    expect(formatValue(f({ key: 'plateColour', type: 'integer', enum: ['2'] }), 2, 'zh-CN')).toBe('黄色');
    expect(formatValue(f({ key: 'districtCode' }), '211104', 'en', districts)).toBe('Dawa');
    expect(formatValue(f({ key: 'scopeClasses', type: 'classes' }), [2, 3], 'zh-CN')).toBe('第2类、第3类');
    expect(formatValue(f({ key: 'roles', type: 'strings' }), ['driver', 'escort'], 'en')).toBe(
      'Driver、Escort',
    );
  });

  it('shows a dash for empty values and yes/no for booleans', () => {
    expect(formatValue(f({}), null, 'zh-CN')).toBe('—');
    expect(formatValue(f({ type: 'boolean' }), false, 'en')).toBe('No');
  });
});

describe('columnsFor', () => {
  it('picks the listed columns in order and skips ones the spec lacks', () => {
    const spec: EntityView = {
      type: 'vehicle',
      path: 'vehicles',
      label: { zh: '车辆', en: 'Vehicle' },
      fields: [f({ key: 'filingStatus', readOnly: true }), f({ key: 'vin' }), f({ key: 'plate' })],
    };
    expect(columnsFor(spec).map((c) => c.key)).toEqual(['plate', 'filingStatus']);
  });
});
