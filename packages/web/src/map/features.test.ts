import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  polygonOf,
  toPlaceFeatures,
  toPlacePoints,
  VehicleSerials,
  vehicleFrame,
} from './features.js';
import type { FeedRow } from './live-store.js';
import { buildMapStyle, isTileUrl } from './style.js';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [122.0, 41.1],
      [122.01, 41.1],
      [122.01, 41.11],
      [122.0, 41.11],
      [122.0, 41.1],
    ],
  ],
};

const places = [
  {
    id: 'p1',
    kind: 'parking_lot',
    name: '兴隆台停车场',
    polygon: square,
    centreLon: 122.005,
    centreLat: 41.105,
  },
  { id: 'p2', kind: 'checkpoint', name: 'G305 检查站', polygon: null, centreLon: '122.2', centreLat: '41.2' },
  { id: 'p3', kind: 'parking_lot', name: '坏多边形', polygon: { type: 'Polygon', coordinates: [[[1, 2]]] } },
];

describe('toPlaceFeatures', () => {
  it('keeps the places of the kind with a valid polygon', () => {
    const fc = toPlaceFeatures(places, 'parking_lot');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]).toMatchObject({
      id: 'p1',
      properties: { name: '兴隆台停车场', kind: 'parking_lot' },
    });
    expect(fc.features[0]!.geometry.type).toBe('Polygon');
  });

  it('makes centre points, reading numeric strings', () => {
    const pts = toPlacePoints(places, 'checkpoint');
    expect(pts.features.map((f) => f.geometry.coordinates)).toEqual([[122.2, 41.2]]);
    expect(toPlacePoints(places, 'filling_site').features).toEqual([]);
  });

  it('accepts Features and MultiPolygons, refuses other shapes', () => {
    expect(polygonOf({ type: 'Feature', geometry: square })?.type).toBe('Polygon');
    expect(polygonOf({ type: 'MultiPolygon', coordinates: [square.coordinates] })?.type).toBe('MultiPolygon');
    expect(polygonOf({ type: 'Point', coordinates: [1, 2] })).toBeNull();
    expect(polygonOf('POLYGON((…))')).toBeNull();
  });

  it('bounds the polygons', () => {
    expect(boundsOf([toPlaceFeatures(places, 'parking_lot')])).toEqual([122.0, 41.1, 122.01, 41.11]);
    expect(boundsOf([])).toBeNull();
  });
});

const row = (id: string, speed = 40, online: 0 | 1 = 1, alarms: string[] = [], lon = 122.07): FeedRow => [
  id,
  lon,
  41.12,
  speed,
  90,
  online,
  0,
  0,
  alarms,
];

describe('vehicle frame', () => {
  const rows = [
    row('a'),
    row('b', 0),
    row('c', 40, 0),
    row('d', 40, 1, ['overspeed']),
    row('e', 40, 1, [], NaN),
  ];

  it('lists the shown vehicles with serials and states, and counts in the same pass', () => {
    const serials = new VehicleSerials();
    const { shown, counts } = vehicleFrame(rows, (r) => r[0] !== 'b', serials);
    // b filtered out; e counted but not drawn (no position).
    expect(shown.n).toBe(3);
    expect([...shown.serial].map((n) => serials.idOf(n))).toEqual(['a', 'c', 'd']);
    expect(shown.state).toEqual(['moving', 'offline', 'alarm']);
    expect([shown.lon[0], shown.lat[0]]).toEqual([122.07, 41.12]);
    expect(counts).toEqual({
      total: 5,
      online: 4,
      shown: 4,
      states: { moving: 2, stopped: 0, offline: 1, alarm: 1 },
    });
  });

  it('keeps serials stable across frames, and counts without listing when told', () => {
    const serials = new VehicleSerials();
    vehicleFrame(rows, () => true, serials);
    const again = vehicleFrame([row('d'), row('a')], () => true, serials);
    expect([...again.shown.serial]).toEqual([serials.of('d'), serials.of('a')]);
    expect(serials.of('a')).toBe(0);
    const counted = vehicleFrame(rows, () => true, serials, false);
    expect(counted.shown.n).toBe(0);
    expect(counted.counts.shown).toBe(5);
  });
});

describe('map style', () => {
  it('has no basemap by default and a raster one for a valid tile URL', () => {
    expect(buildMapStyle(null).sources).toEqual({});
    const s = buildMapStyle('https://tiles.example.com/{z}/{x}/{y}.png');
    expect(s.layers.map((l) => l.id)).toEqual(['background', 'basemap']);
    expect(isTileUrl('https://tiles.example.com/tile.png')).toBe(false);
    expect(buildMapStyle('javascript:alert(1)/{z}/{x}/{y}').sources).toEqual({});
  });
});
