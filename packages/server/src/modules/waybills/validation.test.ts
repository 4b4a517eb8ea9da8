import { describe, expect, it } from 'vitest';
import { WaybillInvalidError } from './service.js';
import { validateWaybill, type WaybillInput } from './validation.js';

const now = new Date('2026-11-23T01:00:00Z');

function body(over: Partial<WaybillInput> = {}): WaybillInput {
  return {
    consignorName: '盘锦北方沥青燃料有限公司',
    consignorPhone: '0427-7891234',
    consigneeName: '大洼加油站',
    consigneePhone: '13904270001',
    vehicleId: '00000000-0000-4000-8000-000000000001',
    originName: '盘锦港石化库区',
    destinationName: '大洼区加油站',
    plannedDeparture: '2026-11-23T02:00:00Z',
    plannedArrival: '2026-11-23T06:00:00Z',
    lines: [
      {
        unNumber: '1203',
        name: '汽油',
        hazardClass: '3',
        packingGroup: 'II',
        packaging: 'tank',
        quantity: 20_000,
        unit: 'kg',
      },
    ],
    ...over,
  };
}

const reasons = (b: WaybillInput) => validateWaybill(b, now).map((p) => `${p.field} ${p.reason}`);

describe('waybill body validation', () => {
  it('accepts a sound body', () => {
    expect(reasons(body())).toEqual([]);
  });

  it('knows mobile and landline numbers', () => {
    for (const ok of ['13904270001', '+86 13904270001', '0427-7891234', '04277891234', '024-12345678-123'])
      expect(reasons(body({ consignorPhone: ok })), ok).toEqual([]);
    for (const bad of ['12345', '1390427000', '23904270001', '427-7891234', 'phone'])
      expect(reasons(body({ consignorPhone: bad })), bad).toEqual(['consignorPhone phone.format']);
    expect(reasons(body({ loaderPhone: '110' }))).toEqual(['loaderPhone phone.format']);
    expect(reasons(body({ consigneePhone: ' ' }))).toEqual(['consigneePhone required']);
  });

  it('checks goods lines: UN number, class, packaging, quantity', () => {
    const line = body().lines[0]!;
    expect(
      reasons(
        body({
          lines: [
            { ...line, unNumber: '120' },
            { ...line, hazardClass: '10' },
            { ...line, hazardClass: '2.1', packaging: '' },
            { ...line, quantity: -1 },
            { ...line, quantity: 1_000_000_000 },
          ],
        }),
      ),
    ).toEqual([
      'lines.0.unNumber un.format',
      'lines.1.hazardClass class.format',
      'lines.2.packaging required',
      'lines.3.quantity quantity.range',
      'lines.4.quantity quantity.range',
    ]);
  });

  it('checks times, coordinates, the route and who is who', () => {
    expect(
      reasons(
        body({
          plannedDeparture: '2026-11-21T00:00:00Z',
          plannedArrival: '2026-11-20T00:00:00Z',
          originLon: 122.05,
          destinationLon: 10,
          destinationLat: 41,
          route: { type: 'LineString', coordinates: [[122.05, 41.1]] },
          trailerId: '00000000-0000-4000-8000-000000000001',
          driverId: '00000000-0000-4000-8000-000000000002',
          escortId: '00000000-0000-4000-8000-000000000002',
        }),
      ),
    ).toEqual([
      'trailerId trailer.same_as_vehicle',
      'escortId escort.same_as_driver',
      'originLon coordinates.pair',
      'destinationLon coordinates.pair',
      'route route.invalid',
      'plannedDeparture time.past',
      'plannedArrival time.order',
    ]);
  });

  it('says why in Chinese and English', () => {
    const err = new WaybillInvalidError([
      { field: 'lines.0.unNumber', reason: 'un.format' },
      { field: 'escortId', reason: 'person.not_escort' },
    ]);
    expect(err.localized('zh')[0]).toEqual({
      field: 'lines.0.unNumber',
      reason: 'un.format',
      message: 'UN编号应为4位数字',
    });
    expect(err.localized('en')[1]!.message).toBe('does not have the escort role');
  });
});
