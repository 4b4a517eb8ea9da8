import { describe, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { frame, T_20261122_200000 } from '../testing.js';

// 苏标 alarm identification: terminal ABCDEFG, 2026-11-22 20:00:00 GMT+8, sequence 0, 2 attachments.
const AID = ['41424344454647', '261122200000', '00', '02', '00'];
const AID_VALUE = {
  terminalId: 'ABCDEFG',
  time: T_20261122_200000,
  sequence: 0,
  attachmentCount: 2,
  reserved: 0,
};
// 报警编号 "ALARM-0001", 32 bytes.
const ALARM_NUMBER = ['414c41524d2d30303031 00000000000000000000000000000000000000000000'];
const JPG = ['1b 30305f30315f363430315f305f414c41524d2d303030312e6a7067']; // 00_01_6401_0_ALARM-0001.jpg
const MP4 = ['1b 30325f30315f363430315f315f414c41524d2d303030312e6d7034']; // 02_01_6401_1_ALARM-0001.mp4

describe('苏标 attachment signalling: 0x9208, 0x1210, 0x1211, 0x1212, 0x9212', () => {
  it('0x9208 alarm attachment upload command', () => {
    const f = frame(
      [
        '9208 0052 013912345678 0001',
        '0d 3139322e3136382e312e313030', // 192.168.1.100
        '1f90', // TCP 8080
        '0000', // UDP 0
        ...AID,
        ...ALARM_NUMBER,
        '00000000000000000000000000000000', // reserved[16]
      ],
      '58',
    );
    expectGolden(f, {
      type: 'alarmAttachmentUpload',
      host: '192.168.1.100',
      tcpPort: 8080,
      udpPort: 0,
      alarmIdentification: AID_VALUE,
      alarmNumber: 'ALARM-0001',
      reserved: new Uint8Array(16),
    });
  });

  it('0x1210 alarm attachment information with two files', () => {
    const f = frame(
      [
        '1210 0079 013912345678 0002',
        '41424344454647', // terminal id
        ...AID,
        ...ALARM_NUMBER,
        '00', // normal (not re-sent)
        '02', // two files
        ...JPG,
        '00012345',
        ...MP4,
        '00100000',
      ],
      '23',
    );
    expectGolden(f, {
      type: 'alarmAttachmentInfo',
      terminalId: 'ABCDEFG',
      alarmIdentification: AID_VALUE,
      alarmNumber: 'ALARM-0001',
      infoType: 0,
      files: [
        { name: '00_01_6401_0_ALARM-0001.jpg', size: 0x12345 },
        { name: '02_01_6401_1_ALARM-0001.mp4', size: 0x100000 },
      ],
    });
  });

  it('0x1211 file information and 0x1212 upload complete', () => {
    const file = { name: '00_01_6401_0_ALARM-0001.jpg', fileType: 0, size: 0x12345 };
    expectGolden(frame(['1211 0021 013912345678 0003', ...JPG, '00', '00012345'], '73'), {
      type: 'fileInfoUpload',
      ...file,
    });
    expectGolden(frame(['1212 0021 013912345678 0004', ...JPG, '00', '00012345'], '77'), {
      type: 'fileUploadComplete',
      ...file,
    });
  });

  it('0x9212 upload complete response asking for one range again', () => {
    const f = frame(['9212 0027 013912345678 0005', ...JPG, '00', '01', '01', '00000000 00001000'], '87');
    expectGolden(f, {
      type: 'fileUploadCompleteResponse',
      name: '00_01_6401_0_ALARM-0001.jpg',
      fileType: 0,
      result: 1,
      missing: [{ offset: 0, length: 4096 }],
    });
  });
});
