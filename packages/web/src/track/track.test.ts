import { describe, expect, it } from 'vitest';
import type { Alarm, TrackPoint } from '../api/types.js';
import {
  advance,
  alarmMarkers,
  detectStops,
  gapLines,
  positionAt,
  trackBounds,
  trackLines,
  validPoints,
} from './track.js';

const T0 = Date.parse('2026-11-22T08:00:00Z');
/** A fix `s` seconds after 08:00 at (lon, lat) with a speed. */
const fix = (
  s: number,
  lon: number,
  lat: number,
  speed: number,
  over: Partial<TrackPoint> = {},
): TrackPoint => ({
  t: new Date(T0 + s * 1000).toISOString(),
  lat,
  lon,
  speed,
  heading: 90,
  altitude: 5,
  alarms: [],
  valid: true,
  invalidReasons: [],
  gapBefore: false,
  ...over,
});

// Drives east, stops 5 min, drives, loses signal 20 min (a gap), drives again; one invalid fix.
const track: TrackPoint[] = [
  fix(0, 122.0, 41.1, 60),
  fix(30, 122.01, 41.1, 62, { alarms: ['overspeed'] }),
  fix(60, 122.02, 41.1, 2),
  fix(180, 122.02, 41.1, 0),
  fix(360, 122.02, 41.1, 1),
  fix(390, 122.03, 41.1, 50),
  fix(400, 0, 0, 0, { valid: false, invalidReasons: ['no_fix'] }),
  fix(1590, 122.1, 41.15, 55, { gapBefore: true }),
  fix(1620, 122.11, 41.15, 58, { alarms: ['overspeed'] }),
];

describe('track lines and gaps', () => {
  it('splits the line at the gap and leaves invalid fixes out', () => {
    const lines = trackLines(track);
    expect(lines.features.map((f) => f.geometry.coordinates.length)).toEqual([6, 2]);
    expect(lines.features[1]!.geometry.coordinates[0]).toEqual([122.1, 41.15]);
    expect(validPoints(track)).toHaveLength(8);
  });

  it('draws each gap from the last fix before it to the first after', () => {
    const gaps = gapLines(track);
    expect(gaps.features).toHaveLength(1);
    expect(gaps.features[0]!.geometry.coordinates).toEqual([
      [122.03, 41.1],
      [122.1, 41.15],
    ]);
    expect(gaps.features[0]!.properties.seconds).toBe(1200);
  });
});

describe('stops', () => {
  it('finds the 5-minute stop and ignores short slow spells', () => {
    expect(detectStops(track)).toEqual([
      { from: fix(60, 0, 0, 0).t, to: fix(360, 0, 0, 0).t, seconds: 300, lat: 41.1, lon: 122.02 },
    ]);
    expect(detectStops(track, 5, 301)).toEqual([]);
  });

  it('does not join slow fixes across a gap into one stop', () => {
    const parked = [
      fix(0, 122, 41, 0),
      fix(100, 122, 41, 0),
      fix(1000, 122, 41, 0, { gapBefore: true }),
      fix(1100, 122, 41, 0),
    ];
    expect(detectStops(parked, 5, 150)).toEqual([]);
  });
});

describe('alarm markers', () => {
  it('marks where the terminal alarm turns on, and the platform alarms, in time order', () => {
    const platform = {
      id: 'a1',
      type: 'overspeed',
      lat: 41.1,
      lon: 122.015,
      startedAt: fix(45, 0, 0, 0).t,
    } as Alarm;
    const m = alarmMarkers(track, [platform]);
    expect(m.map((x) => `${x.source}:${x.label}`)).toEqual([
      'terminal:overspeed',
      'platform:overspeed',
      'terminal:overspeed',
    ]);
    expect(m[1]!.alarmId).toBe('a1');
  });
});

describe('playback', () => {
  const valid = validPoints(track);
  it('interpolates between fixes of a run', () => {
    const p = positionAt(valid, T0 + 15_000)!;
    expect(p.lon).toBeCloseTo(122.005, 6);
    expect(p.speed).toBeCloseTo(61, 6);
    expect(p.index).toBe(0);
  });
  it('waits at the last fix during a gap, and is absent before the first', () => {
    expect(positionAt(valid, T0 + 1000_000)).toMatchObject({ lon: 122.03, lat: 41.1, index: 5 });
    expect(positionAt(valid, T0 - 1)).toBeNull();
    expect(positionAt(valid, T0 + 99_999_000)).toMatchObject({ lon: 122.11, index: 7 });
  });
  it('advances by wall time times speed and stops at the end', () => {
    expect(advance(T0, 500, 16, T0 + 60_000)).toBe(T0 + 8000);
    expect(advance(T0, 5000, 64, T0 + 60_000)).toBe(T0 + 60_000);
  });
  it('bounds the valid fixes', () => {
    expect(trackBounds(track)).toEqual([122.0, 41.1, 122.11, 41.15]);
    expect(trackBounds([])).toBeNull();
  });
});
