import { describe, expect, it } from 'vitest';
import { decodeFrame, encode, toHex } from '../index.js';
import { alarmNames, statusFlags } from '../location-flags.js';
import { frame, T_20261122_200000 } from '../testing.js';

// 2013 header, every standard additional item, a vendor item (0xE0) and a reused id with the wrong length.
const F2013 = frame(
  [
    '0200 0065 013912345678 0001', // id, attributes (body 101 bytes), phone, serial 1
    '00000003', // alarm: bit0 SOS, bit1 overspeed
    '000c0003', // status: ACC, fixed, GPS, BeiDou
    '02737e80', // latitude 41.123456 (contains 0x7E: escaped on the wire)
    '0746a8c2', // longitude 122.071234
    '000f', // altitude 15 m
    '0259', // speed 601 → 60.1 km/h
    '010e', // heading 270
    '261122200000', // 2026-11-22 20:00:00 GMT+8
    '01 04 0001e240', // mileage 123456 → 12345.6 km
    '02 02 01f4', // fuel 500 → 50.0 L
    '03 02 0258', // recorder speed 600 → 60.0 km/h
    '04 02 0005', // manual-confirm alarm event 5
    '11 05 01 00000007', // overspeed in circle area 7
    '12 06 02 00000009 01', // left rectangle area 9
    '13 07 0000000a 012c 00', // segment 10 driven in 300 s: too short
    '25 04 00000011', // vehicle signals: low beam, brake
    '2a 02 0002', // IO: sleep
    '2b 04 00020001', // AD1 = 2, AD0 = 1
    '30 01 19', // signal strength 25
    '31 01 0c', // 12 satellites
    'e0 03 aabbcc', // vendor item: kept raw
    '01 02 1234', // mileage id with a vendor length of 2: kept raw, the rest still decodes
  ],
  '9d',
);

// 2019 header, southern/western hemisphere, 2019-only alarm bits, negative altitude, 0x7D in the body.
const F2019 = frame(
  [
    '0200 4022 01 00000000013912345678 0002', // attributes: version flag + body 34; version 1; BCD[10] phone
    '20028000', // alarm bits 15, 17, 29
    '0004000f', // status: ACC, fixed, south, west, GPS
    '0204d0b0', // latitude 33.87 S
    '09034810', // longitude 151.21 W
    'fff6', // altitude -10 m
    '0000', // speed 0
    '007d', // heading 125 (0x7D: escaped)
    '261122200000',
    '30 01 1f',
    '31 01 07',
  ],
  '96',
);

describe('0x0200 location report', () => {
  it('decodes a 2013 report with every standard item', () => {
    expect(toHex(F2013)).toContain('02737d0280'); // the 0x7E in the latitude is escaped
    const r = decodeFrame(F2013);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.header).toMatchObject({ messageId: 0x0200, edition: 2013, phone: '013912345678', serial: 1 });
    expect(r.message).toEqual({
      type: 'locationReport',
      alarm: 3,
      status: 0x000c0003,
      latitude: 41.123456,
      longitude: 122.071234,
      altitude: 15,
      speedKmh: 60.1,
      heading: 270,
      time: T_20261122_200000,
      extras: [
        { kind: 'mileage', km: 12345.6 },
        { kind: 'fuel', liters: 50 },
        { kind: 'recorderSpeed', kmh: 60 },
        { kind: 'manualAlarmEvent', eventId: 5 },
        { kind: 'overspeed', positionType: 1, areaId: 7 },
        { kind: 'areaInOut', positionType: 2, areaId: 9, direction: 'out' },
        { kind: 'routeTime', segmentId: 10, drivingTimeS: 300, result: 'tooShort' },
        { kind: 'vehicleSignals', bits: 0x11 },
        { kind: 'ioStatus', bits: 2 },
        { kind: 'analog', ad0: 1, ad1: 2 },
        { kind: 'signalStrength', value: 25 },
        { kind: 'satellites', count: 12 },
        { kind: 'raw', id: 0xe0, bytes: Uint8Array.from([0xaa, 0xbb, 0xcc]) },
        { kind: 'raw', id: 0x01, bytes: Uint8Array.from([0x12, 0x34]) },
      ],
    });
    expect(new Date(T_20261122_200000).toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect(alarmNames(r.message.type === 'locationReport' ? r.message.alarm : 0, 2013)).toEqual([
      'sos',
      'overspeed',
    ]);
    const s = statusFlags(0x000c0003, 2013);
    expect(s).toMatchObject({
      acc: true,
      fixed: true,
      south: false,
      west: false,
      gps: true,
      beidou: true,
      glonass: false,
    });
  });

  it('encodes the 2013 report back to the same bytes', () => {
    const r = decodeFrame(F2013);
    if (!r.ok) throw new Error(r.error.detail);
    expect(toHex(encode(r.message, r.header))).toBe(toHex(F2013));
  });

  it('decodes a 2019 report: hemispheres applied, 2019 alarm names, signed altitude', () => {
    expect(toHex(F2019)).toContain('007d01'); // heading 0x7D escaped
    const r = decodeFrame(F2019);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.header).toMatchObject({
      edition: 2019,
      protocolVersion: 1,
      phone: '00000000013912345678',
      serial: 2,
    });
    const m = r.message;
    if (m.type !== 'locationReport') throw new Error(m.type);
    expect(m).toEqual({
      type: 'locationReport',
      alarm: 0x20028000,
      status: 0x0004000f,
      latitude: -33.87,
      longitude: -151.21,
      altitude: -10,
      speedKmh: 0,
      heading: 125,
      time: T_20261122_200000,
      extras: [
        { kind: 'signalStrength', value: 31 },
        { kind: 'satellites', count: 7 },
      ],
    });
    expect(alarmNames(m.alarm, 2019)).toEqual(['illegalDriving', 'rightTurnBlindSpot', 'collisionRollover']);
    expect(alarmNames(m.alarm, 2013)).toEqual(['reserved15', 'reserved17', 'collisionWarning']);
    expect(statusFlags(m.status, 2019)).toMatchObject({ south: true, west: true, moving: false });
    expect(toHex(encode(m, r.header))).toBe(toHex(F2019));
  });

  it('names all 32 alarm bits in both editions', () => {
    expect(alarmNames(0xffffffff, 2013)).toHaveLength(32);
    expect(new Set(alarmNames(0xffffffff, 2019)).size).toBe(32);
    expect(alarmNames((1 << 31) >>> 0, 2013)).toEqual(['illegalDoorOpen']);
    expect(alarmNames(1 << 3, 2019)).toEqual(['dangerousDriving']);
    expect(alarmNames(0)).toEqual([]);
  });

  it('names 2019 status bits 6, 7, 22 and the load field', () => {
    const s = statusFlags((1 << 6) | (1 << 7) | (1 << 22) | (3 << 8) | (1 << 13), 2019);
    expect(s).toMatchObject({
      forwardCollisionWarning: true,
      laneDepartureWarning: true,
      moving: true,
      load: 'full',
      door1Open: true,
    });
    expect(statusFlags((1 << 22) | (1 << 8), 2013)).toMatchObject({ moving: false, load: 'half' });
  });

  it('turns an impossible BCD time into null instead of throwing', () => {
    const f = frame(
      ['0200 001c 013912345678 0003', '00000000 00000000 00000000 00000000 0000 0000 0000', '26139920aa00'],
      '0b',
    );
    const r = decodeFrame(f);
    expect(r.ok && r.message.type === 'locationReport' && r.message.time).toBe(null);
  });

  it('keeps an item whose stated length runs past the body as trailing bytes', () => {
    const f = frame(
      [
        '0200 0021 013912345678 0004',
        '00000000 00000000 00000000 00000000 0000 0000 0000 261122200000',
        '30 01 05',
        '01 09',
      ],
      '1e',
    );
    const r = decodeFrame(f);
    if (!r.ok || r.message.type !== 'locationReport') throw new Error('expected a report');
    expect(r.message.extras).toEqual([
      { kind: 'signalStrength', value: 5 },
      { kind: 'trailing', bytes: Uint8Array.from([0x01, 0x09]) },
    ]);
  });
});
