import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame } from '../testing.js';

describe('general responses, heartbeat, logout, time, re-send requests, empty queries', () => {
  it('0x0001 terminal general response (2013)', () => {
    const f = frame(['0001 0005 013912345678 0001', '0005', '0200', '00'], '32');
    expectGolden(f, { type: 'terminalGeneralResponse', replySerial: 5, replyId: 0x0200, result: 0 });
  });

  it('0x8001 platform general response: alarm acknowledged (2019)', () => {
    const f = frame(['8001 4005 01 00000000013912345678 0007', '0007', '0200', '04'], 'f3');
    expectGolden(
      f,
      { type: 'platformGeneralResponse', replySerial: 7, replyId: 0x0200, result: 4 },
      { edition: 2019, protocolVersion: 1, phone: '00000000013912345678', serial: 7 },
    );
  });

  it('0x0002 heartbeat (2019)', () => {
    const f = frame(['0002 4000 01 00000000013912345678 0003'], '70');
    expectGolden(f, { type: 'heartbeat' }, { edition: 2019, bodyLength: 0, serial: 3 });
  });

  it('0x0003 logout (2013)', () => {
    const f = frame(['0003 0000 013912345678 0004'], '37');
    expectGolden(f, { type: 'logout' }, { edition: 2013, serial: 4 });
  });

  it('0x0004 server time query and 0x8004 answer in UTC (2019)', () => {
    expectGolden(frame(['0004 4000 01 00000000013912345678 0005'], '70'), { type: 'serverTimeQuery' });
    const f = frame(['8004 4006 01 00000000013912345678 0006', '261122120000'], 'f2');
    expectGolden(f, { type: 'serverTime', time: Date.UTC(2026, 10, 22, 12, 0, 0) });
  });

  it('0x8003 re-send request: BYTE count in 2013', () => {
    const f = frame(['8003 0007 013912345678 0008', '0010', '02', '0002 0005'], 'a9');
    expectGolden(f, { type: 'platformResendRequest', originalSerial: 16, packetIndexes: [2, 5] });
  });

  it('0x8003 and 0x0005 re-send requests: WORD count in 2019', () => {
    const a = frame(['8003 4008 01 00000000013912345678 0009', '0010', '0002', '0002 0005'], 'e6');
    expectGolden(a, { type: 'platformResendRequest', originalSerial: 16, packetIndexes: [2, 5] });
    const b = frame(['0005 4006 01 00000000013912345678 000a', '0020', '0001', '0003'], '5a');
    expectGolden(b, { type: 'terminalResendRequest', originalSerial: 32, packetIndexes: [3] });
  });

  it('0x8104, 0x8107, 0x8201: empty queries', () => {
    expectGolden(frame(['8104 0000 013912345678 000b'], 'be'), { type: 'queryParameters' });
    expectGolden(frame(['8107 0000 013912345678 000c'], 'ba'), { type: 'queryAttributes' });
    expectGolden(frame(['8201 0000 013912345678 000d'], 'be'), { type: 'locationQuery' });
  });
});
