import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

describe('0x0900 / 0x8900 pass-through (raw)', () => {
  it('0x0900 uplink, 苏标 peripheral status type 0xF7', () => {
    expectGolden(frame(['0900 0003 013912345678 0001', 'f7', '0102'], 'cf'), {
      type: 'uplinkPassThrough',
      passThroughType: 0xf7,
      data: Uint8Array.from([1, 2]),
    });
  });

  it('0x8900 downlink, 苏标 peripheral information query type 0xF8 (2019)', () => {
    expectGolden(frame(['8900 4002 01 00000000013912345678 0002', 'f8', 'aa'], 'aa'), {
      type: 'downlinkPassThrough',
      passThroughType: 0xf8,
      data: Uint8Array.from([0xaa]),
    });
  });
});
