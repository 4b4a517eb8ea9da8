import { describe, expect, it } from 'vitest';
import type { VehicleState } from './live-store.js';
import {
  clusterBatch,
  clusterIndex,
  clusterRadius,
  dotBatch,
  ITEM_BYTES,
  mercatorX,
  mercatorY,
  selectionBatch,
  stateFill,
  type ShownVehicles,
  type VehicleBatch,
} from './vehicle-batch.js';

function shownOf(list: [lon: number, lat: number, state: VehicleState][]): ShownVehicles {
  return {
    n: list.length,
    lon: Float64Array.from(list.map((v) => v[0])),
    lat: Float64Array.from(list.map((v) => v[1])),
    state: list.map((v) => v[2]),
    serial: Uint32Array.from(list.map((_, i) => 100 + i)),
  };
}

/** Item i of a batch, decoded. */
function item(b: VehicleBatch, i: number) {
  const f32 = new Float32Array(b.items);
  const u8 = new Uint8Array(b.items);
  const o = i * ITEM_BYTES;
  return {
    id: b.ids[i],
    x: b.originX + f32[o / 4]!,
    y: b.originY + f32[o / 4 + 1]!,
    fill: [...u8.slice(o + 8, o + 12)],
    stroke: [...u8.slice(o + 12, o + 16)],
    radius: u8[o + 16],
    strokeWidth: u8[o + 17],
  };
}

describe('mercator', () => {
  it('maps lon/lat to the 0..1 world square (Greenwich and the equator at the middle)', () => {
    expect(mercatorX(0)).toBe(0.5);
    expect(mercatorX(-180)).toBe(0);
    expect(mercatorY(0)).toBeCloseTo(0.5, 12);
    // Panjin (41.08° N), against the other form of the projection: y = ½ − asinh(tan φ) / 2π.
    const phi = (41.08 * Math.PI) / 180;
    expect(mercatorY(41.08)).toBeCloseTo(0.5 - Math.asinh(Math.tan(phi)) / (2 * Math.PI), 12);
  });
});

describe('dot batch', () => {
  const shown = shownOf([
    [122.07, 41.12, 'moving'],
    [122.08, 41.1, 'alarm'],
    [121.9, 41.0, 'offline'],
  ]);

  it('has one item per vehicle: its serial, position, colour by state, 5 px with a white 1 px stroke', () => {
    const b = dotBatch(shown, 7);
    expect(b.seq).toBe(7);
    expect(b.clustered).toBe(false);
    expect(b.count).toBe(3);
    expect(b.items.byteLength).toBe(3 * ITEM_BYTES);
    const alarm = item(b, 1);
    expect(alarm.id).toBe(101);
    expect(alarm.fill).toEqual([...stateFill.alarm]);
    expect(alarm.stroke).toEqual([255, 255, 255, 255]);
    expect([alarm.radius, alarm.strokeWidth]).toEqual([5, 1]);
    expect(alarm.x).toBeCloseTo(mercatorX(122.08), 10);
    expect(alarm.y).toBeCloseTo(mercatorY(41.1), 10);
  });

  it('keeps positions to well under a metre (offsets from an origin, not float32 world coordinates)', () => {
    const b = dotBatch(shown, 1);
    // One metre at 41° N is about 3.3e-8 of the world's width.
    for (let i = 0; i < 3; i++) expect(Math.abs(item(b, i).x - mercatorX(shown.lon[i]!))).toBeLessThan(1e-9);
  });

  it('is empty when nothing is shown', () => {
    expect(dotBatch(shownOf([]), 1).count).toBe(0);
  });
});

describe('cluster batch', () => {
  // 30 vehicles in a ~100 m block (one in alarm) and one far away.
  const near: [number, number, VehicleState][] = Array.from({ length: 30 }, (_, i) => [
    122.07 + (i % 6) * 0.0002,
    41.12 + Math.floor(i / 6) * 0.0002,
    i === 4 ? 'alarm' : 'moving',
  ]);
  const shown = shownOf([...near, [121.6, 40.7, 'stopped']]);
  const index = clusterIndex(shown);

  it('groups close vehicles into a cluster that counts them and turns red for an alarm', () => {
    const b = clusterBatch(shown, index, 8, 3);
    expect(b.clustered).toBe(true);
    expect(b.count).toBe(2);
    const items = [0, 1].map((i) => item(b, i));
    const cluster = items.find((it) => it.id! < 0)!;
    const lone = items.find((it) => it.id! >= 0)!;
    expect(index.getLeaves(-1 - cluster.id!, Infinity)).toHaveLength(30);
    expect(cluster.radius).toBe(clusterRadius(30));
    expect(cluster.fill).toEqual([0xff, 0x78, 0x75, 217]);
    expect(cluster.strokeWidth).toBe(2);
    // The lone vehicle stays a dot with its own serial and state colour.
    expect(lone.id).toBe(130);
    expect(lone.fill).toEqual([...stateFill.stopped]);
  });

  it('is blue for a cluster without alarms, and splits at the zoom supercluster says', () => {
    const calm = shownOf(near.map(([lon, lat]) => [lon, lat, 'moving']));
    const idx = clusterIndex(calm);
    const b = clusterBatch(calm, idx, 8, 1);
    expect(b.count).toBe(1);
    expect(item(b, 0).fill).toEqual([0x69, 0xb1, 0xff, 217]);
    const splits = idx.getClusterExpansionZoom(-1 - b.ids[0]!);
    expect(clusterBatch(calm, idx, splits, 2).count).toBeGreaterThan(1);
  });

  it('sizes clusters by count in steps', () => {
    expect([2, 49, 50, 499, 500, 1999, 2000].map(clusterRadius)).toEqual([10, 10, 14, 14, 20, 20, 26]);
  });
});

describe('selection ring', () => {
  it('is one hollow orange ring, 10 px with a 3 px stroke, at the vehicle', () => {
    const b = selectionBatch(42, 0.8, 0.38);
    const ring = item(b, 0);
    expect(b.count).toBe(1);
    expect(ring).toMatchObject({ id: 42, x: 0.8, y: 0.38, radius: 10, strokeWidth: 3 });
    expect(ring.fill[3]).toBe(0);
    expect(ring.stroke).toEqual([0xfa, 0x8c, 0x16, 255]);
  });
});
