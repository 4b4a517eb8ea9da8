import { describe, expect, it } from 'vitest';
import {
  buildAlarmTypeOption,
  buildDistrictRateOption,
  buildHandlingGaugeOption,
  buildSeverityOption,
  topCounts,
  onDark,
  stageScale,
} from './bigscreen.js';
import { buildFleetChartOption } from './options.js';

describe('stage', () => {
  it('fits 1920×1080 into the window without stretching', () => {
    expect(stageScale(1920, 1080)).toBe(1);
    expect(stageScale(1366, 768)).toBeCloseTo(0.7111, 4);
    // A wide window: the height decides.
    expect(stageScale(3840, 1080)).toBe(1);
    expect(stageScale(0, 0)).toBe(1);
  });
});

describe('topCounts', () => {
  it('sorts largest first (ties by key) and sums the tail', () => {
    const counts = [
      { key: 'offline', count: 1 },
      { key: 'overspeed', count: 3 },
      { key: 'adas', count: 1 },
      { key: 'fatigue', count: 2 },
    ];
    expect(topCounts(counts)).toEqual([
      { key: 'overspeed', count: 3 },
      { key: 'fatigue', count: 2 },
      { key: 'adas', count: 1 },
      { key: 'offline', count: 1 },
    ]);
    expect(topCounts(counts, 2)).toEqual([
      { key: 'overspeed', count: 3 },
      { key: 'fatigue', count: 2 },
      { key: 'other', count: 2 },
    ]);
    expect(counts[0]).toEqual({ key: 'offline', count: 1 }); // the input is left alone
  });
});

describe('big-screen charts', () => {
  it('puts the most frequent alarm type on top of the bars', () => {
    const o = buildAlarmTypeOption(
      [
        { key: 'overspeed', count: 5 },
        { key: 'fatigue', count: 2 },
      ],
      (k) => `《${k}》`,
    );
    // ECharts draws categories bottom-up: the largest goes last.
    expect(o.yAxis.data).toEqual(['《fatigue》', '《overspeed》']);
    expect(o.series[0]!.data).toEqual([2, 5]);
  });

  it('orders severities from critical down and leaves empty ones out', () => {
    const o = buildSeverityOption(
      [
        { key: 'low', count: 4 },
        { key: 'critical', count: 1 },
        { key: 'high', count: 0 },
      ],
      (k) => k.toUpperCase(),
    );
    expect(o.series[0]!.data.map((d) => [d.name, d.value])).toEqual([
      ['CRITICAL', 1],
      ['LOW', 4],
    ]);
  });

  it('shows the handling rate in % against the 90 % band, red below the line', () => {
    const o = buildHandlingGaugeOption(0.8765, 0.9, '处理率');
    const s = o.series[0]!;
    expect(s.data[0]).toEqual({ value: 87.7, name: '处理率' });
    expect(s.axisLine.lineStyle.color[0]).toEqual([0.9, '#ff4d4f']);
    expect(s.detail.color).toBe('#ff7875');
    expect(buildHandlingGaugeOption(null, 0.9, 'x').series[0]!.detail.formatter).toBe('—');
  });

  it('draws the 90 % line across the districts’ rates', () => {
    const o = buildDistrictRateOption(
      [
        { name: '兴隆台区', rate: 0.95 },
        { name: '大洼区', rate: 0.5 },
        { name: '盘山县', rate: null },
      ],
      0.9,
      '90%',
    );
    const s = o.series[0]!;
    expect(s.markLine.data).toEqual([{ yAxis: 90 }]);
    expect(s.data.map((d) => d.value)).toEqual([95, 50, null]);
    expect(s.data[1]!.itemStyle.color).toBe('#ff7875');
  });

  it('turns the dashboard’s charts light-on-dark without losing their series', () => {
    const base = buildFleetChartOption(
      [
        {
          districtCode: '211103',
          districtName: '兴隆台区',
          enterprises: 3,
          tractors: 1,
          rigid: 2,
          trailers: 1,
          powered: 3,
        } as never,
      ],
      {
        enterprises: 'E',
        tractors: 'T',
        rigid: 'R',
        trailers: 'Tr',
        lots: 'L',
        spaces: 'S',
        area: 'A',
        vehicles: 'V',
        className: String,
      },
      (_c, zh) => zh,
    );
    const dark = onDark(base);
    expect(dark.series).toBe(base.series);
    expect(dark.backgroundColor).toBe('transparent');
    expect(dark.yAxis).toHaveLength(2);
    expect((dark.yAxis as unknown as { axisLabel: { color: string } }[])[1]!.axisLabel.color).toBe('#cfe3ff');
  });
});
