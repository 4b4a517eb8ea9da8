/**
 * The control room's screen (大屏): the stage's scale and the ECharts options of its panels, for a
 * dark background. Pure: counts and labels in, options out.
 */

/** The screen is laid out for 1920×1080 and scaled to fit the window, never stretched. */
export const STAGE = { width: 1920, height: 1080 } as const;

export function stageScale(width: number, height: number): number {
  if (!(width > 0) || !(height > 0)) return 1;
  return Math.min(width / STAGE.width, height / STAGE.height);
}

export interface Count {
  key: string;
  count: number;
}

/** Counts largest first (ties by key); at most `top`, the rest summed as `otherKey`. */
export function topCounts(counts: readonly Count[], top = Infinity, otherKey = 'other'): Count[] {
  const sorted = [...counts].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top).reduce((s, c) => s + c.count, 0);
  return [...sorted.slice(0, top), { key: otherKey, count: rest }];
}

const text = '#cfe3ff';
const axisLine = { lineStyle: { color: '#3b5a85' } };
const splitLine = { lineStyle: { color: 'rgba(80,120,180,0.25)' } };

/** Today's alarms by type: horizontal bars, largest on top. */
export function buildAlarmTypeOption(counts: readonly Count[], name: (key: string) => string) {
  const rows = [...counts].reverse();
  return {
    backgroundColor: 'transparent',
    textStyle: { color: text },
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, minInterval: 1, axisLine, splitLine, axisLabel: { color: text } },
    yAxis: {
      type: 'category' as const,
      data: rows.map((c) => name(c.key)),
      axisLine,
      axisLabel: { color: text },
    },
    series: [
      {
        type: 'bar' as const,
        data: rows.map((c) => c.count),
        barMaxWidth: 16,
        itemStyle: { color: '#36cfc9', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right' as const, color: text },
      },
    ],
  };
}

export const severityColours: Record<string, string> = {
  critical: '#ff4d4f',
  high: '#fa8c16',
  medium: '#fadb14',
  low: '#40a9ff',
};

/** Today's alarms by severity: a ring, most severe first, empty severities left out. */
export function buildSeverityOption(counts: readonly Count[], name: (key: string) => string) {
  const order = ['critical', 'high', 'medium', 'low'];
  const data = order
    .map((k) => ({ key: k, count: counts.find((c) => c.key === k)?.count ?? 0 }))
    .filter((c) => c.count > 0)
    .map((c) => ({ name: name(c.key), value: c.count, itemStyle: { color: severityColours[c.key] } }));
  return {
    backgroundColor: 'transparent',
    textStyle: { color: text },
    tooltip: { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, textStyle: { color: text } },
    series: [
      {
        type: 'pie' as const,
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        data,
        label: { color: text, formatter: '{b}\n{c}' },
      },
    ],
  };
}

/**
 * The handling rate against its target (seed 000: ≥ 90 %): a gauge whose band turns red below the
 * line and a tick at the line. `rate` null (no alarms) shows no needle value.
 */
export function buildHandlingGaugeOption(rate: number | null, target: number, label: string) {
  const pct = rate === null ? null : Math.round(rate * 1000) / 10;
  const line = Math.round(target * 100);
  return {
    backgroundColor: 'transparent',
    series: [
      {
        type: 'gauge' as const,
        min: 0,
        max: 100,
        radius: '92%',
        axisLine: {
          lineStyle: {
            width: 14,
            color: [
              [target, '#ff4d4f'],
              [1, '#52c41a'],
            ] as [number, string][],
          },
        },
        splitNumber: 10,
        axisTick: { show: false },
        splitLine: { length: 14, lineStyle: { color: '#fff', width: 1 } },
        axisLabel: {
          color: text,
          distance: 18,
          formatter: (v: number) => (v === line ? `${v}%` : v % 20 === 0 ? `${v}` : ''),
        },
        pointer: { show: pct !== null, itemStyle: { color: '#e6f4ff' } },
        title: { color: text, offsetCenter: [0, '72%'], fontSize: 14 },
        detail: {
          valueAnimation: false,
          color: pct !== null && pct < line ? '#ff7875' : '#95de64',
          fontSize: 30,
          offsetCenter: [0, '40%'],
          formatter: pct === null ? '—' : '{value}%',
        },
        data: [{ value: pct ?? 0, name: label }],
      },
    ],
  };
}

/** The rate by district as bars with the target as a dashed line across them. */
export function buildDistrictRateOption(
  rows: readonly { name: string; rate: number | null }[],
  target: number,
  lineLabel: string,
) {
  const line = Math.round(target * 100);
  return {
    backgroundColor: 'transparent',
    textStyle: { color: text },
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category' as const,
      data: rows.map((r) => r.name),
      axisLine,
      axisLabel: { color: text, interval: 0 },
    },
    yAxis: {
      type: 'value' as const,
      min: 0,
      max: 100,
      axisLine,
      splitLine,
      axisLabel: { color: text, formatter: '{value}%' },
    },
    series: [
      {
        type: 'bar' as const,
        barMaxWidth: 28,
        data: rows.map((r) => {
          const v = r.rate === null ? null : Math.round(r.rate * 1000) / 10;
          return { value: v, itemStyle: { color: v !== null && v < line ? '#ff7875' : '#73d13d' } };
        }),
        label: { show: true, position: 'top' as const, color: text, formatter: '{c}%' },
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#ffd666', type: 'dashed' as const },
          label: { color: '#ffd666', formatter: lineLabel, position: 'insideEndTop' as const },
          data: [{ yAxis: line }],
        },
      },
    ],
  };
}

/** Makes a light-theme chart option readable on the dark screen: transparent ground, light text and axes. */
export function onDark<T extends object>(option: T): T & { backgroundColor: string } {
  const o = option as Record<string, unknown>;
  const axis = (a: unknown) =>
    Array.isArray(a)
      ? a.map((x: object) => ({
          ...x,
          axisLine,
          splitLine,
          axisLabel: { color: text },
          nameTextStyle: { color: text },
        }))
      : a && {
          ...(a as object),
          axisLine,
          splitLine,
          axisLabel: { color: text },
          nameTextStyle: { color: text },
        };
  return {
    ...option,
    backgroundColor: 'transparent',
    textStyle: { color: text },
    legend: { ...(o.legend as object), textStyle: { color: text } },
    ...(o.xAxis ? { xAxis: axis(o.xAxis) } : {}),
    ...(o.yAxis ? { yAxis: axis(o.yAxis) } : {}),
  };
}
