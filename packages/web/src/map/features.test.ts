import { describe, expect, it } from 'vitest';
import type { LiveVehicle } from '../api/types.js';
import {
  boundsOf,
  polygonOf,
  toPlaceFeatures,
  toPlacePoints,
  toVehicleFeatures,
  vehicleState,
} from './features.js';
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

const live = (over: Partial<LiveVehicle>): LiveVehicle => ({
  vehicleId: 'v1',
  terminalId: 't1',
  deviceTime: '2026-11-22T08:00:00Z',
  lat: 41.12,
  lon: 122.07,
  speed: 40,
  heading: 90,
  alarms: [],
  status: 'online',
  ...over,
});

describe('vehicles', () => {
  it('colours by state: offline beats alarm beats moving/stopped', () => {
    expect(vehicleState(live({ status: 'offline', alarms: ['overspeed'] }))).toBe('offline');
    expect(vehicleState(live({ alarms: ['overspeed'] }))).toBe('alarm');
    expect(vehicleState(live({ speed: 60 }))).toBe('moving');
    expect(vehicleState(live({ speed: 3 }))).toBe('stopped');
  });

  it('builds points with the plate when known', () => {
    const fc = toVehicleFeatures(
      [live({}), live({ vehicleId: 'v2', lon: Number.NaN })],
      new Map([['v1', '辽L12345']]),
    );
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]).toMatchObject({
      geometry: { coordinates: [122.07, 41.12] },
      properties: { plate: '辽L12345', state: 'moving' },
    });
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
