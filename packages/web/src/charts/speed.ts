/**
 * The track's speed chart (轨迹回放): speed over time, broken at gaps, with the speed-limit
 * lines and a playback cursor. Pure: points in, ECharts option out. The cursor is a separate,
 * small option merged on top, so moving it does not rebuild a long series.
 */
import type { TrackPoint } from '../api/types.js';

export interface SpeedLimit {
  value: number;
  label: string;
}

export interface SpeedChartLabels {
  speed: string;
  time: (ms: number) => string;
}

/** [time ms, km/h] per valid fix; a null value where a gap starts, so the line breaks there. */
export function speedSeries(points: readonly TrackPoint[]): [number, number | null][] {
  const out: [number, number | null][] = [];
  for (const p of points) {
    if (!p.valid) continue;
    const t = Date.parse(p.t);
    if (p.gapBefore && out.length > 0) out.push([t - 1, null]);
    out.push([t, p.speed]);
  }
  return out;
}

export function buildSpeedChartOption(
  points: readonly TrackPoint[],
  limits: readonly SpeedLimit[],
  l: SpeedChartLabels,
) {
  const data = speedSeries(points);
  const top = Math.max(0, ...data.map((d) => d[1] ?? 0), ...limits.map((x) => x.value));
  return {
    animation: false,
    grid: { left: 48, right: 72, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${Math.round(v)} km/h` : '—'),
    },
    xAxis: { type: 'time', axisLabel: { formatter: (v: number) => l.time(v) } },
    yAxis: { type: 'value', name: l.speed, min: 0, max: Math.ceil((top + 10) / 10) * 10 },
    series: [
      {
        id: 'speed',
        name: l.speed,
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        sampling: 'lttb',
        lineStyle: { width: 1.5, color: '#1677ff' },
        areaStyle: { color: 'rgba(22,119,255,0.08)' },
        data,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#f5222d', type: 'dashed' },
          label: { position: 'end', formatter: '{b}' },
          data: limits.map((x) => ({ name: x.label, yAxis: x.value })),
        },
      },
      { id: 'cursor', type: 'line', data: [], markLine: { data: [] } },
    ],
  };
}

/** The playback cursor (a vertical line at `t` ms), merged into the chart by series id. */
export function speedCursorOption(t: number | null) {
  return {
    series: [
      {
        id: 'cursor',
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          lineStyle: { color: '#fa8c16', width: 2, type: 'solid' },
          label: { show: false },
          data: t === null ? [] : [{ xAxis: t }],
        },
      },
    ],
  };
}
