import { describe, expect, it } from 'vitest';
import { validateFence } from './geofences.js';
import { fences, rng, roads, traffic } from './simulate.js';

describe('simulated Panjin traffic', () => {
  const random = rng(7);
  const roadList = roads(10, random);
  const fenceList = fences(roadList, 600, random);
  const { vehicles, fixes } = traffic(20, 2, Date.parse('2026-11-23T06:00:00+08:00'), roadList, random);

  it('is deterministic for a seed', () => {
    const again = rng(7);
    expect(roads(10, again)).toEqual(roadList);
  });

  it('makes valid fences of every kind, including a city boundary', () => {
    expect(fenceList).toHaveLength(600);
    expect(fenceList.flatMap(validateFence)).toEqual([]);
    expect(new Set(fenceList.map((f) => f.kind))).toEqual(
      new Set([
        'speed_zone',
        'city_boundary',
        'parking_lot',
        'filling_site',
        'chemical_park',
        'restricted_zone',
        'custom',
        'checkpoint',
      ]),
    );
  });

  it('drives inside Panjin at truck speeds, in receive order, with stops', () => {
    expect(vehicles).toHaveLength(20);
    for (const f of fixes) {
      expect(f.lon).toBeGreaterThanOrEqual(121.89);
      expect(f.lon).toBeLessThanOrEqual(122.21);
      expect(f.lat).toBeGreaterThanOrEqual(40.69);
      expect(f.lat).toBeLessThanOrEqual(41.31);
      expect(f.speed).toBeLessThanOrEqual(100);
    }
    for (let i = 1; i < fixes.length; i++)
      expect(fixes[i]!.receivedTime).toBeGreaterThanOrEqual(fixes[i - 1]!.receivedTime);
    const stopped = fixes.filter((f) => f.speed === 0).length / fixes.length;
    expect(stopped).toBeGreaterThan(0.05);
    expect(stopped).toBeLessThan(0.6);
  });
});
