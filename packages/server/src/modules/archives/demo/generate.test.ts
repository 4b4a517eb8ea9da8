import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../validation/id-number.js';
import { checkPlate } from '../validation/plate.js';
import { checkUscc } from '../validation/uscc.js';
import { checkVin } from '../validation/vin.js';
import { generatePanjinDemo } from './generate.js';
import {
  enterprisesAndVehicles2020,
  panjinDistricts,
  parkingLots2020,
  personnel2020,
  transportClasses2020,
} from './panjin-2020.js';

const today = '2026-11-22';
const data = generatePanjinDemo({ today });

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

describe('Panjin demo dataset', () => {
  it('has the seed totals: 249 enterprises, 5,124 tractors, 755 rigid, 5,547 trailers', () => {
    expect(data.enterprises.length).toBe(249);
    const byType = countBy(data.vehicles, (v) => (v.type === 'van' ? 'rigid_tank' : v.type));
    expect(byType).toEqual({ tractor: 5124, rigid_tank: 755, trailer: 5547 });
  });

  it('reproduces the enterprises-and-vehicles table district by district', () => {
    const districtOf = new Map(data.enterprises.map((e) => [e.id, e.districtCode]));
    for (const d of panjinDistricts) {
      const seed = enterprisesAndVehicles2020[d.code]!;
      const vs = data.vehicles.filter((v) => districtOf.get(v.enterpriseId) === d.code);
      expect({
        enterprises: data.enterprises.filter((e) => e.districtCode === d.code).length,
        tractors: vs.filter((v) => v.type === 'tractor').length,
        rigid: vs.filter((v) => v.type === 'rigid_tank' || v.type === 'van').length,
        trailers: vs.filter((v) => v.type === 'trailer').length,
      }).toEqual(seed);
    }
  });

  it('reproduces the transport-class table (enterprises and powered vehicles per class)', () => {
    for (const [cls, seed] of Object.entries(transportClasses2020)) {
      const vs = data.vehicles.filter((v) => v.transportClass === Number(cls));
      expect({ cls, vehicles: vs.length, enterprises: new Set(vs.map((v) => v.enterpriseId)).size }).toEqual({
        cls,
        ...seed,
      });
    }
  });

  it('reproduces the parking-lot table: count, area (10,000 m²) and spaces per district', () => {
    for (const d of panjinDistricts) {
      const lots = data.parkingLots.filter((p) => p.districtCode === d.code);
      expect({
        lots: lots.length,
        area10kM2: lots.reduce((s, p) => s + p.areaM2, 0) / 10_000,
        spaces: lots.reduce((s, p) => s + p.spaces, 0),
      }).toEqual(parkingLots2020[d.code]);
    }
    expect(data.parkingLots.length).toBe(241);
  });

  it('registers 18,652 drivers, 25,691 escorts and 1,494 loading supervisors', () => {
    expect(countBy(data.personnel, (p) => p.role)).toEqual({ ...personnel2020 });
  });

  it('gives every identifier a valid check digit and keeps plates, VINs and ID numbers unique', () => {
    expect(data.enterprises.every((e) => checkUscc(e.uscc) === null)).toBe(true);
    expect(data.vehicles.every((v) => checkVin(v.vin) === null && checkPlate(v.plate) === null)).toBe(true);
    expect(data.personnel.every((p) => checkIdNumber(p.idNumber, new Date(today)) === null)).toBe(true);
    expect(new Set(data.vehicles.map((v) => v.plate)).size).toBe(data.vehicles.length);
    expect(new Set(data.vehicles.map((v) => v.vin)).size).toBe(data.vehicles.length);
    expect(new Set(data.personnel.map((p) => p.idNumber)).size).toBe(data.personnel.length);
    expect(data.vehicles.every((v) => v.plate.startsWith('辽L') && v.plateColour === 2)).toBe(true);
  });

  it('spreads certificates so that some have expired and some expire within 30 days', () => {
    const expiries = data.vehicles.map((v) => v.roadCertExpiry);
    const expired = expiries.filter((d) => d < today).length / expiries.length;
    const soon = expiries.filter((d) => d >= today && d <= '2026-12-22').length / expiries.length;
    expect(expired).toBeGreaterThan(0.01);
    expect(expired).toBeLessThan(0.06);
    expect(soon).toBeGreaterThan(0.02);
    expect(soon).toBeLessThan(0.1);
  });

  it('gives tanks to rigid tank trucks and trailers only, and class limits to small tanks', () => {
    for (const v of data.vehicles) {
      expect(v.tank !== null).toBe(v.type === 'rigid_tank' || v.type === 'trailer');
      if (v.transportClass === 6 && v.tank) expect(v.tank.volumeM3).toBeLessThanOrEqual(10);
    }
  });

  it('is deterministic for a seed and keeps fixed enterprise ids for the demo accounts', () => {
    const fixed = { '211103': '00000000-0000-4000-8000-000000000103' };
    const a = generatePanjinDemo({ today, fixedEnterpriseIds: fixed });
    const b = generatePanjinDemo({ today, fixedEnterpriseIds: fixed });
    expect(a.vehicles.slice(0, 50)).toEqual(b.vehicles.slice(0, 50));
    expect(a.enterprises.find((e) => e.districtCode === '211103')!.id).toBe(fixed['211103']);
  });
});
