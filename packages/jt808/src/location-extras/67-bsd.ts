import { COMMON_TAIL_LENGTH, readTail, writeTail, type ActiveSafetyCommon } from './active-safety-common.js';
import type { ExtraCodec } from './types.js';

/** 苏标 BSD alarm types (T/JSATL 12-2017 Table 4-22). */
export const BSD_TYPES: Readonly<Record<number, string>> = {
  0x01: 'rearApproach', // 后方接近报警
  0x02: 'leftRearApproach', // 左侧后方接近报警
  0x03: 'rightRearApproach', // 右侧后方接近报警
};

/** 0x67 盲区监测系统报警信息. */
export interface BsdExtra extends ActiveSafetyCommon {
  kind: 'bsd';
  alarmType: number;
  alarmName: string;
}

export function bsdName(type: number): string {
  return BSD_TYPES[type] ?? 'custom';
}

export const bsd: ExtraCodec<BsdExtra> = {
  id: 0x67,
  kind: 'bsd',
  fits: (n) => n === 6 + COMMON_TAIL_LENGTH,
  decode: (r) => {
    const alarmId = r.u32();
    const flag = r.u8();
    const alarmType = r.u8();
    return { kind: 'bsd', alarmId, flag, alarmType, alarmName: bsdName(alarmType), ...readTail(r) };
  },
  encode: (w, e) => {
    w.u32(e.alarmId).u8(e.flag).u8(e.alarmType);
    writeTail(w, e);
  },
};
