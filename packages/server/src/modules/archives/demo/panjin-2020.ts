/**
 * The 2020 statistics of Panjin's hazardous-goods road transport, as printed in seed 000
 * (盘锦市"十四五"危货运力发展规划): the demo dataset reproduces these numbers exactly and a test
 * checks the statistics endpoints against them.
 */

export interface District {
  /** GB/T 2260 code; 辽东湾新区 is a functional zone without one, so 211190 is ours (configurable). */
  code: string;
  name: string;
  nameEn: string;
  /** Approximate centre (WGS-84) for placing demo offices and parking lots. */
  centre: [lon: number, lat: number];
}

export const PANJIN_CITY_CODE = '211100';

export const panjinDistricts: readonly District[] = [
  { code: '211122', name: '盘山县', nameEn: 'Panshan County', centre: [121.996, 41.243] },
  { code: '211102', name: '双台子区', nameEn: 'Shuangtaizi District', centre: [122.06, 41.19] },
  { code: '211103', name: '兴隆台区', nameEn: 'Xinglongtai District', centre: [122.07, 41.12] },
  { code: '211104', name: '大洼区', nameEn: 'Dawa District', centre: [122.08, 40.99] },
  { code: '211190', name: '辽东湾新区', nameEn: 'Liaodong Bay New Area', centre: [121.98, 40.74] },
];

/** 2020年盘锦市危货运输企业及车辆数量统计表 */
export const enterprisesAndVehicles2020: Readonly<
  Record<string, { enterprises: number; tractors: number; rigid: number; trailers: number }>
> = {
  '211122': { enterprises: 76, tractors: 2450, rigid: 131, trailers: 2664 },
  '211102': { enterprises: 55, tractors: 1234, rigid: 65, trailers: 1320 },
  '211103': { enterprises: 52, tractors: 433, rigid: 438, trailers: 494 },
  '211104': { enterprises: 53, tractors: 652, rigid: 114, trailers: 668 },
  '211190': { enterprises: 13, tractors: 355, rigid: 7, trailers: 401 },
};

/** 2020年盘锦市危货运输企业停车场统计表 (area in 万平方米 = 10,000 m²). */
export const parkingLots2020: Readonly<Record<string, { lots: number; area10kM2: number; spaces: number }>> =
  {
    '211122': { lots: 99, area10kM2: 93, spaces: 4740 },
    '211103': { lots: 41, area10kM2: 42, spaces: 2697 },
    '211102': { lots: 44, area10kM2: 59, spaces: 1927 },
    '211104': { lots: 48, area10kM2: 26, spaces: 1775 },
    '211190': { lots: 9, area10kM2: 20, spaces: 816 },
  };

/**
 * 2020年盘锦市危货运输类别统计表: enterprises carrying each class and the powered vehicles
 * (tractors and rigid trucks) in it. The printed shares (0.67 %, 15.76 %, … 0.14 %) were rounded
 * by hand to total 100 %; the statistics compute shares from the counts instead.
 */
export const transportClasses2020: Readonly<Record<number, { enterprises: number; vehicles: number }>> = {
  1: { enterprises: 4, vehicles: 39 },
  2: { enterprises: 82, vehicles: 927 },
  3: { enterprises: 219, vehicles: 4826 },
  4: { enterprises: 0, vehicles: 0 },
  5: { enterprises: 0, vehicles: 0 },
  6: { enterprises: 1, vehicles: 5 },
  7: { enterprises: 2, vehicles: 18 },
  8: { enterprises: 7, vehicles: 55 },
  9: { enterprises: 3, vehicles: 9 },
};

/** Registered personnel (issue 6): drivers, escorts, loading supervisors. */
export const personnel2020 = { driver: 18_652, escort: 25_691, loading_supervisor: 1_494 } as const;
