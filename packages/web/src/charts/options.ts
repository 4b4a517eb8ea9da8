/**
 * ECharts options for the dashboard, built from the statistics endpoints (the tables of seed
 * 000). Pure: rows and labels in, an option object out, so they are tested without a browser.
 */
import type { ClassRow, FleetRow, ParkingRow } from '../api/types.js';

export interface ChartLabels {
  enterprises: string;
  tractors: string;
  rigid: string;
  trailers: string;
  lots: string;
  spaces: string;
  area: string;
  className: (n: number) => string;
  vehicles: string;
}

/** District names in the user's language: the API gives zh names and codes. */
export type DistrictName = (code: string, zhName: string) => string;

const palette = [
  '#1677ff',
  '#fa8c16',
  '#52c41a',
  '#722ed1',
  '#eb2f96',
  '#13c2c2',
  '#faad14',
  '#a0d911',
  '#2f54eb',
];

/** Companies (line on a second axis) and vehicles stacked by type, one bar per district. */
export function buildFleetChartOption(rows: readonly FleetRow[], l: ChartLabels, name: DistrictName) {
  const districts = rows.map((r) => name(r.districtCode, r.districtName));
  const bar = (label: string, data: number[]) => ({
    name: label,
    type: 'bar' as const,
    stack: 'vehicles',
    data,
    emphasis: { focus: 'series' as const },
  });
  return {
    color: palette,
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 48, right: 48, bottom: 32, top: 40 },
    xAxis: { type: 'category' as const, data: districts },
    yAxis: [
      { type: 'value' as const, name: l.vehicles },
      { type: 'value' as const, name: l.enterprises, splitLine: { show: false } },
    ],
    series: [
      bar(
        l.tractors,
        rows.map((r) => r.tractors),
      ),
      bar(
        l.rigid,
        rows.map((r) => r.rigid),
      ),
      bar(
        l.trailers,
        rows.map((r) => r.trailers),
      ),
      {
        name: l.enterprises,
        type: 'line' as const,
        yAxisIndex: 1,
        data: rows.map((r) => r.enterprises),
        label: { show: true, position: 'top' as const },
      },
    ],
  };
}

/** Parking lots per district: lots and spaces as bars, area (10,000 m²) as a line. */
export function buildParkingChartOption(rows: readonly ParkingRow[], l: ChartLabels, name: DistrictName) {
  return {
    color: [palette[0], palette[2], palette[1]],
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 48, right: 48, bottom: 32, top: 40 },
    xAxis: { type: 'category' as const, data: rows.map((r) => name(r.districtCode, r.districtName)) },
    yAxis: [
      { type: 'value' as const, name: l.spaces },
      { type: 'value' as const, name: l.lots, splitLine: { show: false } },
    ],
    series: [
      { name: l.spaces, type: 'bar' as const, data: rows.map((r) => r.spaces) },
      { name: l.lots, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.lots) },
      { name: l.area, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => r.area10kM2) },
    ],
  };
}

/** Vehicles by transport class (GB 6944 classes 1–9) as a pie; empty classes are left out. */
export function buildClassChartOption(rows: readonly ClassRow[], l: ChartLabels) {
  const data = [...rows]
    .filter((r) => r.vehicles > 0)
    .sort((a, b) => a.transportClass - b.transportClass)
    .map((r) => ({ name: l.className(r.transportClass), value: r.vehicles }));
  return {
    color: palette,
    tooltip: { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical' as const, left: 0, top: 'middle' as const },
    series: [
      {
        name: l.vehicles,
        type: 'pie' as const,
        radius: ['35%', '70%'],
        center: ['60%', '50%'],
        data,
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}
