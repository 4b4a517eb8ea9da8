import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

const CIRCLE = [
  '00', // action: update
  '01', // one area
  '00000001', // id 1
  '0003', // attributes: bit0 time window, bit1 speed limit
  '02737e80 0746a8c2', // centre 41.123456 N, 122.071234 E
  '000001f4', // radius 500 m
  '000000080000 000000200000', // every day 08:00–20:00
  '003c 0a', // 60 km/h, 10 s
];

const CIRCLE_AREA = {
  id: 1,
  attributes: 3,
  latitude: 41.123456,
  longitude: 122.071234,
  radiusM: 500,
  startTime: '000000080000',
  endTime: '000000200000',
  maxSpeedKmh: 60,
  overspeedDurationS: 10,
};

const ROUTE_HEAD = ['00000004', '0001', '261122000000 261231235959', '0002'];
const POINT_1 = ['00000001 00000065', '0274a980 07440be0', '32', '03', '0e10 012c', '0050 0a'];
const POINT_2 = ['00000002 00000066', '02719c40 07489fc0', '32', '00'];

describe('0x8600–0x8607 areas and routes', () => {
  it('0x8600 circle area (2013)', () => {
    expectGolden(frame(['8600 0023 013912345678 0001', ...CIRCLE], 'd8'), {
      type: 'setCircleAreas',
      action: 0,
      areas: [CIRCLE_AREA],
    });
  });

  it('0x8600 circle area (2019): night speed and name', () => {
    const f = frame(
      ['8600 402f 01 00000000013912345678 0001', ...CIRCLE, '0028', '0008 bbafb9a4d4b0c7f8'],
      'e7',
    );
    expectGolden(f, {
      type: 'setCircleAreas',
      action: 0,
      areas: [{ ...CIRCLE_AREA, nightMaxSpeedKmh: 40, name: '化工园区' }],
    });
  });

  it('0x8601 / 0x8603 / 0x8605 / 0x8607 delete by id (0 ids = all)', () => {
    expectGolden(frame(['8601 0009 013912345678 0002', '02 00000001 00000002'], 'bd'), {
      type: 'deleteCircleAreas',
      ids: [1, 2],
    });
    expectGolden(frame(['8603 0001 013912345678 0003', '00'], 'b7'), {
      type: 'deleteRectangleAreas',
      ids: [],
    });
    expectGolden(frame(['8605 0005 013912345678 0004', '01 00000003'], 'b0'), {
      type: 'deletePolygonAreas',
      ids: [3],
    });
    expectGolden(frame(['8607 0005 013912345678 0005', '01 00000004'], 'b4'), {
      type: 'deleteRoutes',
      ids: [4],
    });
  });

  it('0x8602 rectangle area with a speed limit (2013)', () => {
    const f = frame(
      [
        '8602 001b 013912345678 0006',
        '01 01',
        '00000002 0002',
        '0274a980 07440be0',
        '02719c40 07489fc0',
        '0028 05',
      ],
      'cc',
    );
    expectGolden(f, {
      type: 'setRectangleAreas',
      action: 1,
      areas: [
        {
          id: 2,
          attributes: 2,
          topLeft: { latitude: 41.2, longitude: 121.9 },
          bottomRight: { latitude: 41, longitude: 122.2 },
          maxSpeedKmh: 40,
          overspeedDurationS: 5,
        },
      ],
    });
  });

  it('0x8602 rectangle area without options (2019): empty name', () => {
    const f = frame(
      [
        '8602 401a 01 00000000013912345678 0006',
        '00 01',
        '00000002 0000',
        '0274a980 07440be0',
        '02719c40 07489fc0',
        '0000',
      ],
      'a2',
    );
    expectGolden(f, {
      type: 'setRectangleAreas',
      action: 0,
      areas: [
        {
          id: 2,
          attributes: 0,
          topLeft: { latitude: 41.2, longitude: 121.9 },
          bottomRight: { latitude: 41, longitude: 122.2 },
          name: '',
        },
      ],
    });
  });

  it('0x8604 polygon area (2013 with speed, 2019 with name)', () => {
    const vertices = ['0003', '027322e0 07459280', '0273e630 07471920', '02725f90 074655d0'];
    const points = [
      { latitude: 41.1, longitude: 122 },
      { latitude: 41.15, longitude: 122.1 },
      { latitude: 41.05, longitude: 122.05 },
    ];
    expectGolden(frame(['8604 0023 013912345678 0007', '00000003 0002', '0028 05', ...vertices], 'ff'), {
      type: 'setPolygonArea',
      id: 3,
      attributes: 2,
      maxSpeedKmh: 40,
      overspeedDurationS: 5,
      vertices: points,
    });
    const f = frame(
      ['8604 4028 01 00000000013912345678 0007', '00000003 0000', ...vertices, '0006 cda3b3b5b3a1'],
      'e6',
    );
    expectGolden(f, { type: 'setPolygonArea', id: 3, attributes: 0, vertices: points, name: '停车场' });
  });

  it('0x8606 route (2013): time window, thresholds, speed limit', () => {
    const f = frame(['8606 003f 013912345678 0008', ...ROUTE_HEAD, ...POINT_1, ...POINT_2], '91');
    expectGolden(f, {
      type: 'setRoute',
      id: 4,
      attributes: 1,
      startTime: '261122000000',
      endTime: '261231235959',
      points: [
        {
          pointId: 1,
          segmentId: 101,
          latitude: 41.2,
          longitude: 121.9,
          widthM: 50,
          segmentAttributes: 3,
          maxDrivingS: 3600,
          minDrivingS: 300,
          maxSpeedKmh: 80,
          overspeedDurationS: 10,
        },
        { pointId: 2, segmentId: 102, latitude: 41, longitude: 122.2, widthM: 50, segmentAttributes: 0 },
      ],
    });
  });

  it('0x8606 route (2019): night speed per segment and a route name', () => {
    const f = frame(
      [
        '8606 404d 01 00000000013912345678 0008',
        ...ROUTE_HEAD,
        ...POINT_1,
        '003c',
        ...POINT_2,
        '000a c1c9b6abcde5c2b7cfdf',
      ],
      'cc',
    );
    expectGolden(f, {
      type: 'setRoute',
      id: 4,
      attributes: 1,
      startTime: '261122000000',
      endTime: '261231235959',
      points: [
        {
          pointId: 1,
          segmentId: 101,
          latitude: 41.2,
          longitude: 121.9,
          widthM: 50,
          segmentAttributes: 3,
          maxDrivingS: 3600,
          minDrivingS: 300,
          maxSpeedKmh: 80,
          overspeedDurationS: 10,
          nightMaxSpeedKmh: 60,
        },
        { pointId: 2, segmentId: 102, latitude: 41, longitude: 122.2, widthM: 50, segmentAttributes: 0 },
      ],
      name: '辽东湾路线',
    });
  });
});
