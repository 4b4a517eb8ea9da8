import { describe, expect, it } from 'vitest';
import type { ClassRow, FleetRow, ParkingRow } from '../api/types.js';
import {
  buildClassChartOption,
  buildFleetChartOption,
  buildParkingChartOption,
  type ChartLabels,
} from './options.js';

const labels: ChartLabels = {
  enterprises: '企业',
  tractors: '牵引车',
  rigid: '单车',
  trailers: '挂车',
  lots: '停车场数',
  spaces: '车位数',
  area: '面积',
  vehicles: '车辆',
  className: (n) => `第${n}类`,
};
const zhName = (_code: string, zh: string) => zh;

const fleet: FleetRow[] = [
  {
    districtCode: '211122',
    districtName: '盘山县',
    enterprises: 76,
    powered: 1900,
    tractors: 1600,
    rigid: 300,
    trailers: 1700,
  },
  {
    districtCode: '211102',
    districtName: '双台子区',
    enterprises: 55,
    powered: 1000,
    tractors: 900,
    rigid: 100,
    trailers: 950,
  },
];

describe('buildFleetChartOption', () => {
  it('puts one category per district and stacks tractors, rigid and trailers', () => {
    const o = buildFleetChartOption(fleet, labels, zhName);
    expect(o.xAxis.data).toEqual(['盘山县', '双台子区']);
    const [tractors, rigid, trailers, companies] = o.series;
    expect(tractors).toMatchObject({ name: '牵引车', type: 'bar', stack: 'vehicles', data: [1600, 900] });
    expect(rigid).toMatchObject({ name: '单车', data: [300, 100] });
    expect(trailers).toMatchObject({ name: '挂车', data: [1700, 950] });
    expect(companies).toMatchObject({ name: '企业', type: 'line', yAxisIndex: 1, data: [76, 55] });
  });

  it('names districts in the chosen language', () => {
    const o = buildFleetChartOption(fleet, labels, (code) => (code === '211122' ? 'Panshan' : 'Shuangtaizi'));
    expect(o.xAxis.data).toEqual(['Panshan', 'Shuangtaizi']);
  });
});

describe('buildParkingChartOption', () => {
  it('shows spaces as bars and lots and area as lines', () => {
    const rows: ParkingRow[] = [
      {
        districtCode: '211104',
        districtName: '大洼区',
        lots: 40,
        areaM2: 520000,
        area10kM2: 52,
        spaces: 2100,
      },
    ];
    const o = buildParkingChartOption(rows, labels, zhName);
    expect(o.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['车位数', 'bar', [2100]],
      ['停车场数', 'line', [40]],
      ['面积', 'line', [52]],
    ]);
  });
});

describe('buildClassChartOption', () => {
  it('orders classes, names them and leaves out empty ones', () => {
    const rows: ClassRow[] = [
      { transportClass: 3, enterprises: 219, vehicles: 4826, sharePercent: 82 },
      { transportClass: 7, enterprises: 0, vehicles: 0, sharePercent: 0 },
      { transportClass: 1, enterprises: 4, vehicles: 39, sharePercent: 0.66 },
    ];
    const o = buildClassChartOption(rows, labels);
    expect(o.series[0]!.data).toEqual([
      { name: '第1类', value: 39 },
      { name: '第3类', value: 4826 },
    ]);
  });
});
