// 苏标 报警标识号 (T/JSATL 12-2017 Table 4-16): 16 bytes =
// 终端ID BYTE[7] + 时间 BCD[6] (GMT+8) + 序号 BYTE + 附件数量 BYTE + 预留 BYTE.
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export interface AlarmIdentification {
  terminalId: string;
  /** Epoch ms UTC, null when the BCD is not a date. */
  time: number | null;
  /** 序号: sequence among alarms at the same instant, from 0. */
  sequence: number;
  /** 附件数量: > 0 means the platform should request the files with 0x9208. */
  attachmentCount: number;
  reserved: number;
}

export const ALARM_IDENTIFICATION_LENGTH = 16;

export function readAlarmIdentification(r: Reader): AlarmIdentification {
  return {
    terminalId: r.text(7),
    time: r.time6(),
    sequence: r.u8(),
    attachmentCount: r.u8(),
    reserved: r.u8(),
  };
}

export function writeAlarmIdentification(w: Writer, a: AlarmIdentification): void {
  w.text(a.terminalId, 7).time6(a.time).u8(a.sequence).u8(a.attachmentCount).u8(a.reserved);
}
