import { describe, expect, it } from 'vitest';
import type { TrackRow } from './store.js';
import { buildTrack, simplifiedIndices } from './track.js';

const t0 = Date.parse('2026-11-22T08:00:00Z');

function row(offsetS: number, lon: number, extra: Partial<TrackRow> = {}): TrackRow {
  return {
    device_time: new Date(t0 + offsetS * 1000),
    serial: offsetS,
    lat: 41.12,
    lon,
    speed: 50,
    heading: 90,
    altitude: 3,
    alarm_bits: 0,
    valid: true,
    invalid_reasons: null,
    ...extra,
  };
}

const range = {
  from: new Date(t0),
  to: new Date(t0 + 3600_000),
  gapMs: 300_000,
  now: new Date(t0 + 7200_000),
};

describe('buildTrack', () => {
  it('keeps every row in order and marks a gap longer than gapMs', () => {
    const rows = [
      row(0, 122.0),
      row(30, 122.001),
      row(30 + 400, 122.01),
      row(460, 122.011),
      row(3590, 122.05),
    ];
    const track = buildTrack(rows, range);
    expect(track.points.map((p) => p.t)).toEqual(rows.map((r) => r.device_time.toISOString()));
    expect(track.points.map((p) => p.gapBefore)).toEqual([false, false, true, false, true]);
    expect(track.gaps).toEqual([
      { from: '2026-11-22T08:00:30.000Z', to: '2026-11-22T08:07:10.000Z', seconds: 400 },
      { from: '2026-11-22T08:07:40.000Z', to: '2026-11-22T08:59:50.000Z', seconds: 3130 },
    ]);
    expect(track.omitted).toBe(0);
  });

  it('reports the silent start and end of the range as gaps, and an empty range as one gap', () => {
    const track = buildTrack([row(600, 122.0), row(660, 122.001)], range);
    expect(track.gaps).toEqual([
      { from: '2026-11-22T08:00:00.000Z', to: '2026-11-22T08:10:00.000Z', seconds: 600 },
      { from: '2026-11-22T08:11:00.000Z', to: '2026-11-22T09:00:00.000Z', seconds: 2940 },
    ]);
    expect(buildTrack([], range).gaps).toEqual([
      { from: '2026-11-22T08:00:00.000Z', to: '2026-11-22T09:00:00.000Z', seconds: 3600 },
    ]);
    // A range that reaches into the future ends its trailing gap at now.
    const live = buildTrack([row(0, 122)], { ...range, now: new Date(t0 + 60_000) });
    expect(live.gaps).toEqual([]);
  });

  it('keeps invalid fixes (flagged) but does not let them bridge a gap', () => {
    const rows = [
      row(0, 122),
      row(200, 0, { valid: false, invalid_reasons: ['lon_out_of_range'] }),
      row(400, 122.01),
    ];
    const track = buildTrack(rows, range);
    expect(track.points.map((p) => [p.valid, p.gapBefore])).toEqual([
      [true, false],
      [false, false],
      [true, true],
    ]);
    expect(track.points[1]!.invalidReasons).toEqual(['lon_out_of_range']);
  });

  it('names the alarms of a point', () => {
    const track = buildTrack([row(0, 122, { alarm_bits: 0b11 })], range);
    expect(track.points[0]!.alarms).toEqual(['emergency', 'overspeed']);
  });
});

describe('simplification for a zoom level', () => {
  // A straight road east with one 200 m detour north in the middle, a fix every 10 s.
  const rows = Array.from({ length: 101 }, (_, i) =>
    row(i * 10, 122 + i * 0.0005, i === 50 ? { lat: 41.1218 } : {}),
  );

  it('drops collinear fixes but keeps the ends and a visible detour', () => {
    const track = buildTrack(rows, { ...range, zoom: 14 }); // ~7 m a pixel at 41°N
    expect(track.points.map((p) => p.t)).toEqual(
      [0, 49, 50, 51, 100].map((i) => rows[i]!.device_time.toISOString()),
    );
    expect(track.omitted).toBe(96);
  });

  it('at a far zoom the detour is below a pixel and goes too', () => {
    expect(buildTrack(rows, { ...range, zoom: 5 }).points.length).toBe(2);
  });

  it('keeps the ends of every run between gaps, every alarm change, and leaves invalid fixes out', () => {
    const r = [
      row(0, 122),
      row(10, 122.0005),
      row(20, 122.001, { alarm_bits: 2 }),
      row(30, 122.0015, { alarm_bits: 2 }),
      row(40, 122.002),
      row(45, 5, { valid: false }),
      row(1000, 122.1),
      row(1010, 122.1005),
      row(1020, 122.101),
    ];
    const gapBefore = r.map((x, i) => i === 6);
    expect(simplifiedIndices(r, gapBefore, 5)).toEqual([0, 2, 4, 6, 8]);
  });
});
