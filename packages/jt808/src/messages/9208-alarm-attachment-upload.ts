import {
  readAlarmIdentification,
  writeAlarmIdentification,
  type AlarmIdentification,
} from '../alarm-identification.js';
import type { MessageCodec } from './types.js';

/**
 * 苏标 0x9208 报警附件上传指令 (T/JSATL 12-2017 §4.5.2): server IP length BYTE + IP, TCP port WORD,
 * UDP port WORD, alarm identification BYTE[16], alarm number BYTE[32], reserved BYTE[16].
 */
export interface AlarmAttachmentUpload {
  type: 'alarmAttachmentUpload';
  host: string;
  tcpPort: number;
  udpPort: number;
  alarmIdentification: AlarmIdentification;
  /** 报警编号: platform-assigned unique number (32 bytes, 0x00-padded). */
  alarmNumber: string;
  reserved: Uint8Array;
}

export const alarmAttachmentUpload: MessageCodec<AlarmAttachmentUpload> = {
  id: 0x9208,
  type: 'alarmAttachmentUpload',
  decode: (r) => ({
    type: 'alarmAttachmentUpload',
    host: r.text8(),
    tcpPort: r.u16(),
    udpPort: r.u16(),
    alarmIdentification: readAlarmIdentification(r),
    alarmNumber: r.text(32),
    reserved: r.bytes(Math.min(16, r.remaining)),
  }),
  encode: (w, m) => {
    w.text8(m.host).u16(m.tcpPort).u16(m.udpPort);
    writeAlarmIdentification(w, m.alarmIdentification);
    w.text(m.alarmNumber, 32);
    const reserved = new Uint8Array(16);
    reserved.set(m.reserved.subarray(0, 16));
    w.bytes(reserved);
  },
};
