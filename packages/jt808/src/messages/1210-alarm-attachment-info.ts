import {
  readAlarmIdentification,
  writeAlarmIdentification,
  type AlarmIdentification,
} from '../alarm-identification.js';
import type { MessageCodec } from './types.js';

export interface AttachmentFile {
  /** 文件名称: 文件类型_通道号_报警类型_序号_报警编号.后缀名 */
  name: string;
  size: number;
}

/**
 * 苏标 0x1210 报警附件信息消息: terminal id BYTE[7], alarm identification[16], alarm number BYTE[32],
 * info type BYTE (0 normal, 1 re-sent), file count BYTE, per file name length BYTE + name + size DWORD.
 */
export interface AlarmAttachmentInfo {
  type: 'alarmAttachmentInfo';
  terminalId: string;
  alarmIdentification: AlarmIdentification;
  alarmNumber: string;
  infoType: number;
  files: AttachmentFile[];
}

export const alarmAttachmentInfo: MessageCodec<AlarmAttachmentInfo> = {
  id: 0x1210,
  type: 'alarmAttachmentInfo',
  decode: (r) => {
    const terminalId = r.text(7);
    const alarmIdentification = readAlarmIdentification(r);
    const alarmNumber = r.text(32);
    const infoType = r.u8();
    const n = r.u8();
    const files: AttachmentFile[] = [];
    for (let i = 0; i < n; i++) files.push({ name: r.text8(), size: r.u32() });
    return { type: 'alarmAttachmentInfo', terminalId, alarmIdentification, alarmNumber, infoType, files };
  },
  encode: (w, m) => {
    w.text(m.terminalId, 7);
    writeAlarmIdentification(w, m.alarmIdentification);
    w.text(m.alarmNumber, 32).u8(m.infoType).u8(m.files.length);
    for (const f of m.files) w.text8(f.name).u32(f.size);
  },
};
