import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

const CARD = [
  '01', // IC card inserted (on duty)
  '261122080000', // 2026-11-22 08:00:00 GMT+8
  '00', // read OK
  '04 d5c5c8fd', // name 张三
  '5143323130303030303030303031 000000000000', // qualification certificate QC210000000001, 20 bytes
  '10 c5ccbdf5cad0bdbbcda8d4cbcae4bed6', // authority 盘锦市交通运输局
  '20301231', // expiry 2030-12-31
];

const DRIVER = {
  type: 'driverIdentity',
  status: 1,
  time: Date.UTC(2026, 10, 22, 0, 0, 0),
  readResult: 0,
  driverName: '张三',
  certificateNumber: 'QC210000000001',
  issuingAuthority: '盘锦市交通运输局',
  expiry: '20301231',
} as const;

describe('0x0702 driver identity', () => {
  it('2013: IC card inserted and read', () => {
    expectGolden(frame(['0702 0036 013912345678 0001', ...CARD], '6d'), DRIVER);
  });

  it('2019: adds the ID card number', () => {
    const f = frame(
      ['0702 404a 01 00000000013912345678 0001', ...CARD, '323130313032313938303031303131323334 0000'],
      '54',
    );
    expectGolden(f, { ...DRIVER, idNumber: '210102198001011234' });
  });

  it('card removed: status and time only', () => {
    const f = frame(['0702 0007 013912345678 0002', '02', '261122180000'], '3f');
    expectGolden(f, { type: 'driverIdentity', status: 2, time: Date.UTC(2026, 10, 22, 10, 0, 0) });
  });

  it('card read failed: result without the card fields', () => {
    const f = frame(['0702 0008 013912345678 0003', '01', '261122080000', '02'], '20');
    expectGolden(f, {
      type: 'driverIdentity',
      status: 1,
      time: Date.UTC(2026, 10, 22, 0, 0, 0),
      readResult: 2,
    });
  });
});
