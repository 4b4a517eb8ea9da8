import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

const TAIL = [
  '89860012345678901234', // ICCID BCD[10]
  '05 4857322e31', // hardware HW2.1
  '07 4657332e342e35', // firmware FW3.4.5
  '03', // GNSS: GPS + BeiDou
  '01', // communication module: GPRS
];

const ATTRS = {
  type: 'terminalAttributes',
  terminalType: 6,
  manufacturer: '70111',
  model: 'TM-100',
  terminalId: 'T123456',
  iccid: '89860012345678901234',
  hardwareVersion: 'HW2.1',
  firmwareVersion: 'FW3.4.5',
  gnssModules: 3,
  commModules: 1,
} as const;

describe('0x0107 terminal attributes', () => {
  it('2013: 5/20/7-byte fields', () => {
    const f = frame(
      [
        '0107 003c 013912345678 0001',
        '0006',
        '3730313131',
        '544d2d313030 0000000000000000000000000000',
        '54313233343536',
        ...TAIL,
      ],
      'cd',
    );
    expectGolden(f, ATTRS);
  });

  it('2019: 11/30/30-byte fields', () => {
    const f = frame(
      [
        '0107 4063 01 00000000013912345678 0001',
        '0006',
        '3730313131 000000000000',
        '544d2d313030 000000000000000000000000000000000000000000000000',
        '54313233343536 0000000000000000000000000000000000000000000000',
        ...TAIL,
      ],
      'd3',
    );
    expectGolden(f, ATTRS);
  });
});
