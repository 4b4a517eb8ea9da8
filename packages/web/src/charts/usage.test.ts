import { describe, expect, it } from 'vitest';
import { buildUsageChartOption, buildUsageTrendOption, monthsBack } from './usage.js';

const l = { rate: '使用率', trips: '运次', withWaybill: '有运单', unnamed: '未知企业' };

describe('usage charts', () => {
  it('puts trips, trips with a waybill and the rate in % per company', () => {
    const o = buildUsageChartOption(
      [
        { enterpriseId: 'a', enterpriseName: '华运', trips: 8, withWaybill: 5, rate: 0.625 },
        { enterpriseId: 'b', enterpriseName: null, trips: 3, withWaybill: 3, rate: 1 },
      ],
      l,
    );
    expect(o.xAxis.data).toEqual(['华运', '未知企业']);
    expect(o.series[0]!.data).toEqual([8, 3]);
    expect(o.series[1]!.data).toEqual([5, 3]);
    expect(o.series[2]!.data).toEqual([62.5, 100]);
  });

  it('leaves months without trips as gaps', () => {
    const o = buildUsageTrendOption(
      [
        { month: '2026-11', rate: null },
        { month: '2026-12', rate: 0.9 },
      ],
      l,
    );
    expect(o.series[0]!.data).toEqual([null, 90]);
  });

  it('counts months back across a year', () => {
    expect(monthsBack('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
