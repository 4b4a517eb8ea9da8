import { describe, expect, it } from 'vitest';
import type { TrackPoint } from '../api/types.js';
import { buildSpeedChartOption, speedCursorOption, speedSeries } from './speed.js';

const p = (t: string, speed: number, over: Partial<TrackPoint> = {}): TrackPoint => ({
  t,
  lat: 41.1,
  lon: 122,
  speed,
  heading: 0,
  altitude: 0,
  alarms: [],
  valid: true,
  invalidReasons: [],
  gapBefore: false,
  ...over,
});

const points = [
  p('2026-11-22T08:00:00Z', 40),
  p('2026-11-22T08:00:30Z', 95),
  p('2026-11-22T08:01:00Z', 0, { valid: false }),
  p('2026-11-22T08:30:00Z', 50, { gapBefore: true }),
];

describe('speed chart', () => {
  it('plots valid fixes and breaks the line at a gap', () => {
    const t = (s: string) => Date.parse(s);
    expect(speedSeries(points)).toEqual([
      [t('2026-11-22T08:00:00Z'), 40],
      [t('2026-11-22T08:00:30Z'), 95],
      [t('2026-11-22T08:30:00Z') - 1, null],
      [t('2026-11-22T08:30:00Z'), 50],
    ]);
  });

  it('draws the limit lines and scales the axis above the fastest value', () => {
    const o = buildSpeedChartOption(points, [{ value: 80, label: '限速 80' }], {
      speed: 'km/h',
      time: (ms) => new Date(ms).toISOString().slice(11, 16),
    });
    expect(o.series[0]!.markLine.data).toEqual([{ name: '限速 80', yAxis: 80 }]);
    expect(o.yAxis.max).toBe(110);
    expect(o.xAxis.axisLabel.formatter(Date.parse('2026-11-22T08:00:30Z'))).toBe('08:00');
    expect(o.series.map((s) => s.id)).toEqual(['speed', 'cursor']);
  });

  it('moves the cursor by series id', () => {
    expect(speedCursorOption(1000).series[0]!.markLine.data).toEqual([{ xAxis: 1000 }]);
    expect(speedCursorOption(null).series[0]!.markLine.data).toEqual([]);
  });
});
