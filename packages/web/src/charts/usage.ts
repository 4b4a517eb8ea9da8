/**
 * ECharts options for the e-waybill usage rate (电子运单使用率 = trips with an active waybill /
 * trips detected from the tracks). Pure: rows and labels in, an option object out.
 */
import type { UsageRow } from '../rules/types.js';

export interface UsageLabels {
  rate: string;
  trips: string;
  withWaybill: string;
  unnamed: string;
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** One bar per company (lowest rate first, as the API sorts), rate in % on top of trip counts. */
export function buildUsageChartOption(rows: readonly UsageRow[], l: UsageLabels) {
  const names = rows.map((r) => r.enterpriseName ?? l.unnamed);
  return {
    color: ['#1677ff', '#bfbfbf', '#52c41a'],
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 48, right: 48, bottom: 72, top: 40 },
    xAxis: { type: 'category' as const, data: names, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: [
      { type: 'value' as const, name: l.trips },
      { type: 'value' as const, name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: l.trips, type: 'bar' as const, data: rows.map((r) => r.trips) },
      { name: l.withWaybill, type: 'bar' as const, data: rows.map((r) => r.withWaybill), barGap: '-100%' },
      {
        name: l.rate,
        type: 'line' as const,
        yAxisIndex: 1,
        data: rows.map((r) => pct(r.rate)),
        label: { show: true, formatter: '{c}%' },
      },
    ],
  };
}

/** The total rate month by month (null where a month had no trips: a gap, not a zero). */
export function buildUsageTrendOption(
  points: readonly { month: string; rate: number | null }[],
  l: UsageLabels,
) {
  return {
    color: ['#52c41a'],
    tooltip: { trigger: 'axis' as const },
    grid: { left: 48, right: 24, bottom: 32, top: 24 },
    xAxis: { type: 'category' as const, data: points.map((p) => p.month) },
    yAxis: { type: 'value' as const, name: '%', min: 0, max: 100 },
    series: [
      {
        name: l.rate,
        type: 'line' as const,
        data: points.map((p) => pct(p.rate)),
        connectNulls: false,
        label: { show: true, formatter: '{c}%' },
      },
    ],
  };
}

/** The last `n` months up to `month` (YYYY-MM), oldest first. */
export function monthsBack(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}
