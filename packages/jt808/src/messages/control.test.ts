import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame, T_20261122_200000 } from '../testing.js';

describe('0x8105 terminal control, 0x8202 tracking, 0x0201 location query response', () => {
  it('0x8105 reset with no parameters, and connect-server with a parameter string', () => {
    expectGolden(frame(['8105 0001 013912345678 0001', '04'], 'b0'), {
      type: 'terminalControl',
      command: 4,
      parameters: '',
    });
    // command 2, parameters "1;APN" (';'-separated STRING)
    expectGolden(frame(['8105 0006 013912345678 0002', '02', '313b41504e'], 'e7'), {
      type: 'terminalControl',
      command: 2,
      parameters: '1;APN',
    });
  });

  it('0x8202 temporary tracking every 30 s for one hour', () => {
    const f = frame(['8202 0006 013912345678 0003', '001e', '00000e10'], 'b5');
    expectGolden(f, { type: 'trackingControl', intervalS: 30, validityS: 3600 });
  });

  it('0x0201 reply serial + a location with one item', () => {
    const f = frame(
      [
        '0201 0021 013912345678 0004',
        '0011', // answers serial 17
        '00000000 00000002 02737e80 0746a8c2 0000 0000 0000 261122200000', // fixed, 41.123456 N, 122.071234 E
        '30 01 10',
      ],
      'b5',
    );
    expectGolden(f, {
      type: 'locationQueryResponse',
      replySerial: 17,
      location: {
        alarm: 0,
        status: 2,
        latitude: 41.123456,
        longitude: 122.071234,
        altitude: 0,
        speedKmh: 0,
        heading: 0,
        time: T_20261122_200000,
        extras: [{ kind: 'signalStrength', value: 16 }],
      },
    });
  });
});
