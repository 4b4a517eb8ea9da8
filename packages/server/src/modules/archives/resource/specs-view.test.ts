import { describe, expect, it } from 'vitest';
import { archiveEntities } from '../entities/index.js';
import { vehicleSpec } from '../entities/vehicle.js';
import { specView } from './specs-view.js';

describe('specView', () => {
  it('gives the console the vehicle fields with labels, enums and flags', () => {
    const view = specView(vehicleSpec);
    expect(view.path).toBe('vehicles');
    expect(view.label).toEqual({ zh: '车辆', en: 'Vehicle' });
    const type = view.fields.find((f) => f.key === 'vehicleType');
    expect(type).toMatchObject({
      type: 'string',
      required: true,
      readOnly: false,
      enum: ['tractor', 'trailer', 'rigid_tank', 'van'],
      filter: 'eq',
      label: { zh: '车辆类型', en: 'Vehicle type' },
    });
    expect(view.fields.find((f) => f.key === 'enterpriseId')).toMatchObject({ immutable: true });
    expect(view.fields.find((f) => f.key === 'filingStatus')).toMatchObject({ readOnly: true });
  });

  it('lists every field of every entity, in spec order', () => {
    for (const { spec } of archiveEntities) {
      expect(specView(spec).fields.map((f) => f.key)).toEqual(spec.fields.map((f) => f.key));
    }
  });

  it('carries no functions (checks and normalisers stay on the server)', () => {
    const json = JSON.stringify(archiveEntities.map(({ spec }) => specView(spec)));
    expect(JSON.parse(json)).toEqual(archiveEntities.map(({ spec }) => specView(spec)));
  });
});
