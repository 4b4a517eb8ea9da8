/**
 * Demo places besides parking lots: chemical parks, filling sites and checkpoints around Panjin.
 * Names and positions are plausible, not surveyed; the ids of one filling site and one checkpoint
 * are fixed because demo accounts are scoped to them.
 */

export interface DemoPlaceSpec {
  kind: 'chemical_park' | 'filling_site' | 'checkpoint';
  name: string;
  districtCode: string;
  centre: [lon: number, lat: number];
  /** Side lengths of the rectangle, metres. */
  size: [number, number];
  fixedIdKey?: 'fillingSite' | 'checkpoint';
}

export const demoPlaceSpecs: readonly DemoPlaceSpec[] = [
  {
    kind: 'chemical_park',
    name: '辽东湾新区石化及精细化工产业园区',
    districtCode: '211190',
    centre: [121.985, 40.722],
    size: [4200, 3000],
  },
  {
    kind: 'chemical_park',
    name: '盘锦高新技术产业开发区化工园',
    districtCode: '211103',
    centre: [122.013, 41.098],
    size: [2500, 2000],
  },
  {
    kind: 'chemical_park',
    name: '大洼临港经济区化工园',
    districtCode: '211104',
    centre: [122.142, 40.95],
    size: [2200, 1800],
  },
  {
    kind: 'chemical_park',
    name: '盘山县石化产业园',
    districtCode: '211122',
    centre: [121.95, 41.27],
    size: [2000, 1600],
  },
  {
    kind: 'filling_site',
    name: '辽东湾新区液化烃充装站',
    districtCode: '211190',
    centre: [121.978, 40.731],
    size: [300, 220],
    fixedIdKey: 'fillingSite',
  },
  {
    kind: 'filling_site',
    name: '兴隆台成品油装车站',
    districtCode: '211103',
    centre: [122.05, 41.125],
    size: [260, 200],
  },
  {
    kind: 'filling_site',
    name: '双台子沥青装车站',
    districtCode: '211102',
    centre: [122.035, 41.2],
    size: [240, 180],
  },
  {
    kind: 'filling_site',
    name: '大洼化工品装卸站',
    districtCode: '211104',
    centre: [122.1, 40.98],
    size: [220, 160],
  },
  {
    kind: 'checkpoint',
    name: 'G305 双台子登记点',
    districtCode: '211102',
    centre: [122.09, 41.21],
    size: [120, 60],
    fixedIdKey: 'checkpoint',
  },
  {
    kind: 'checkpoint',
    name: '京哈高速盘锦北登记点',
    districtCode: '211122',
    centre: [121.98, 41.31],
    size: [120, 60],
  },
  {
    kind: 'checkpoint',
    name: '沈海高速盘锦登记点',
    districtCode: '211104',
    centre: [122.2, 41.02],
    size: [120, 60],
  },
  {
    kind: 'checkpoint',
    name: '辽东湾新区港口登记点',
    districtCode: '211190',
    centre: [122.01, 40.69],
    size: [120, 60],
  },
  {
    kind: 'checkpoint',
    name: '兴隆台石油大街登记点',
    districtCode: '211103',
    centre: [122.08, 41.14],
    size: [120, 60],
  },
  {
    kind: 'checkpoint',
    name: 'S309 大洼登记点',
    districtCode: '211104',
    centre: [122.05, 40.93],
    size: [120, 60],
  },
];
