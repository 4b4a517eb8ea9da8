import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';
import { parameterName } from './parameters.js';

describe('0x8103 set parameters and 0x0104 response', () => {
  it('0x8103: typed ids as numbers and text, other ids as bytes', () => {
    const f = frame(
      [
        '8103 0035 013912345678 0001',
        '06', // six parameters
        '00000001 04 0000001e', // heartbeat 30 s
        '00000055 04 00000050', // max speed 80 km/h
        '00000083 08 c1c94c3132333435', // plate 辽L12345
        '00000084 01 02', // plate colour yellow
        '0000f364 03 010203', // 苏标 ADAS parameters: raw
        '0000005b 02 0032', // overspeed warning delta 50 (1/10 km/h)
      ],
      '1c',
    );
    expectGolden(f, {
      type: 'setParameters',
      parameters: [
        { id: 0x0001, value: 30 },
        { id: 0x0055, value: 80 },
        { id: 0x0083, value: '辽L12345' },
        { id: 0x0084, value: 2 },
        { id: 0xf364, value: Uint8Array.from([1, 2, 3]) },
        { id: 0x005b, value: 50 },
      ],
    });
    expect(parameterName(0x0055)).toBe('maxSpeedKmh');
    expect(parameterName(0x0057)).toBe('continuousDrivingLimitS');
  });

  it('0x0104 (2019 header): reply serial and parameters', () => {
    const f = frame(
      [
        '0104 4015 01 00000000013912345678 0002',
        '0009',
        '02',
        '00000029 04 0000000a',
        '00000057 04 00003840',
      ],
      '64',
    );
    expectGolden(f, {
      type: 'parametersResponse',
      replySerial: 9,
      parameters: [
        { id: 0x0029, value: 10 },
        { id: 0x0057, value: 14400 },
      ],
    });
  });

  it('a typed id with a vendor length stays raw', () => {
    const f = frame(['8103 0008 013912345678 0003', '01', '00000001 02 001e'], 'a5');
    expectGolden(f, { type: 'setParameters', parameters: [{ id: 1, value: Uint8Array.from([0, 0x1e]) }] });
  });
});
