import { describe, expect, it } from 'vitest';
import { toFormErrors } from './field-errors.js';

describe('toFormErrors', () => {
  it('puts server messages on the form fields they name, with or without the body. prefix', () => {
    const details = {
      fields: [
        { field: 'plate', reason: 'plate.format', message: '车牌号格式不正确' },
        { field: 'body.vin', reason: 'vin.check', message: 'VIN 校验位错误' },
        { field: 'plate', reason: 'plate.duplicate', message: '车牌号已存在' },
      ],
    };
    expect(toFormErrors(details, ['plate', 'vin'])).toEqual({
      fields: [
        { name: 'plate', errors: ['车牌号格式不正确', '车牌号已存在'] },
        { name: 'vin', errors: ['VIN 校验位错误'] },
      ],
      other: [],
    });
  });

  it('keeps errors of fields the form does not show, and ignores malformed details', () => {
    expect(
      toFormErrors({ fields: [{ field: 'body.extra', reason: 'is not an allowed field' }] }, ['plate']),
    ).toEqual({
      fields: [],
      other: ['extra: is not an allowed field'],
    });
    expect(toFormErrors(undefined, ['plate'])).toEqual({ fields: [], other: [] });
    expect(toFormErrors({ fields: 'nope' }, ['plate'])).toEqual({ fields: [], other: [] });
  });

  it('puts an error on a list item (periods[1], body.shape.radiusM) on the list’s field', () => {
    const details = {
      fields: [
        { field: 'periods[1]', reason: 'must end after it starts' },
        { field: 'body.shape.radiusM', reason: 'must be > 0' },
      ],
    };
    expect(toFormErrors(details, ['periods', 'shape'])).toEqual({
      fields: [
        { name: 'periods', errors: ['must end after it starts'] },
        { name: 'shape', errors: ['must be > 0'] },
      ],
      other: [],
    });
  });
});
