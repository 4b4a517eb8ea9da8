import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../decode.js';
import { expectGolden } from '../golden.js';
import { frame, T_20261122_200000 } from '../testing.js';
import { adasName } from './64-adas.js';
import { dsmName } from './65-dsm.js';
import { tpmsEventNames } from './66-tpms.js';
import { bsdName } from './67-bsd.js';

const BASIC = ['00000000 00000003 02737e80 0746a8c2 0010 0320 005a 261122200000']; // 41.123456 N, 122.071234 E, 80 km/h
// Common tail: speed 80 km/h, altitude 16 m, position, time, vehicle status, alarm identification.
const tail = (status: string, seq: string, count: string): string[] => [
  '50 0010 02737e80 0746a8c2 261122200000',
  status,
  `41424344454647 261122200000 ${seq} ${count} 00`,
];

const BASIC_VALUE = {
  type: 'locationReport',
  alarm: 0,
  status: 3,
  latitude: 41.123456,
  longitude: 122.071234,
  altitude: 16,
  speedKmh: 80,
  heading: 90,
  time: T_20261122_200000,
} as const;

const common = (vehicleStatus: number, sequence: number, attachmentCount: number) => ({
  speedKmh: 80,
  altitude: 16,
  latitude: 41.123456,
  longitude: 122.071234,
  time: T_20261122_200000,
  vehicleStatus,
  alarmIdentification: {
    terminalId: 'ABCDEFG',
    time: T_20261122_200000,
    sequence,
    attachmentCount,
    reserved: 0,
  },
});

describe('苏标 0x64–0x67 and JT/T 1078 0x14–0x18 items', () => {
  it('decodes ADAS, DSM, TPMS and BSD alarms with names, levels and identification numbers', () => {
    const f = frame(
      [
        '0200 00fd 013912345678 0001',
        ...BASIC,
        // 0x64 ADAS, 47 bytes: alarm 16, start, forward collision, level 2, front car 60 km/h at 1.5 s
        '64 2f 00000010 01 01 02 3c 0f 00 00 00',
        ...tail('0401', '00', '03'),
        // 0x65 DSM, 47 bytes: alarm 17, start, phone call, level 1, fatigue 0, reserved
        '65 2f 00000011 01 02 01 00 00000000',
        ...tail('0001', '01', '01'),
        // 0x66 TPMS, 50 bytes: alarm 18, flag 0, one tyre: position 0, pressure low, 200 kPa, 30 ℃, 80 %
        '66 32 00000012 00',
        ...tail('0001', '02', '00'),
        '01 00 0004 00c8 001e 0050',
        // 0x67 BSD, 41 bytes: alarm 19, start, left rear approach
        '67 29 00000013 01 02',
        ...tail('0001', '03', '00'),
        '64 03 010203', // 0x64 with a vendor length: raw
        '14 04 00000021', // video alarm: signal loss + abnormal driving
        '15 04 00000003', // signal lost on channels 1, 2
        '16 04 00000001', // channel 1 blocked
        '17 02 0001', // main storage 1 fault
        '18 03 0001 5a', // abnormal driving: fatigue, level 90
      ],
      '98',
    );
    expectGolden(f, {
      ...BASIC_VALUE,
      extras: [
        {
          kind: 'adas',
          alarmId: 16,
          flag: 1,
          alarmType: 1,
          alarmName: 'forwardCollision',
          level: 2,
          frontVehicleSpeedKmh: 60,
          frontDistance: 15,
          departureType: 0,
          roadSignType: 0,
          roadSignData: 0,
          ...common(0x0401, 0, 3),
        },
        {
          kind: 'dsm',
          alarmId: 17,
          flag: 1,
          alarmType: 2,
          alarmName: 'phoneCall',
          level: 1,
          fatigueLevel: 0,
          reserved: 0,
          ...common(1, 1, 1),
        },
        {
          kind: 'tpms',
          alarmId: 18,
          flag: 0,
          ...common(1, 2, 0),
          tyres: [{ position: 0, events: 4, pressureKpa: 200, temperatureC: 30, batteryPercent: 80 }],
        },
        {
          kind: 'bsd',
          alarmId: 19,
          flag: 1,
          alarmType: 2,
          alarmName: 'leftRearApproach',
          ...common(1, 3, 0),
        },
        { kind: 'raw', id: 0x64, bytes: Uint8Array.from([1, 2, 3]) },
        { kind: 'videoAlarm', bits: 0x21 },
        { kind: 'videoSignalLoss', channels: 3 },
        { kind: 'videoSignalBlocked', channels: 1 },
        { kind: 'storageFault', bits: 1 },
        { kind: 'abnormalDriving', bits: 1, fatigueLevel: 90 },
      ],
    });
    expect(tpmsEventNames(4)).toEqual(['pressureLow']);
    expect([adasName(0x10), adasName(0x09), dsmName(0x01), bsdName(0x03)]).toEqual([
      'roadSignRecognized',
      'custom',
      'fatigue',
      'rightRearApproach',
    ]);
  });

  it('keeps a 粤标 ADAS item (40-byte identification) raw and decodes the items after it', () => {
    const yue = '00'.repeat(12 + 19) + '00'.repeat(40); // 粤标 ADAS: longer identification number
    const f = frame(['0200 0068 013912345678 0002', ...BASIC, `64 47 ${yue}`, '30 01 12'], 'a3');
    const r = decodeFrame(f);
    if (!r.ok || r.message.type !== 'locationReport') throw new Error('expected a report');
    expect(r.message.extras.map((e) => e.kind)).toEqual(['raw', 'signalStrength']);
    expect(r.message.extras[1]).toEqual({ kind: 'signalStrength', value: 0x12 });
  });
});
