import type { MessageCodec } from './types.js';

/** 平台通用应答 results: 0 成功/确认, 1 失败, 2 消息有误, 3 不支持, 4 报警处理确认. */
export const GeneralResult = {
  ok: 0,
  failure: 1,
  badMessage: 2,
  unsupported: 3,
  alarmAcknowledged: 4,
} as const;

/** 0x8001 平台通用应答: reply serial WORD, reply id WORD, result BYTE. */
export interface PlatformGeneralResponse {
  type: 'platformGeneralResponse';
  replySerial: number;
  replyId: number;
  result: number;
}

export const platformGeneralResponse: MessageCodec<PlatformGeneralResponse> = {
  id: 0x8001,
  type: 'platformGeneralResponse',
  decode: (r) => ({
    type: 'platformGeneralResponse',
    replySerial: r.u16(),
    replyId: r.u16(),
    result: r.u8(),
  }),
  encode: (w, m) => void w.u16(m.replySerial).u16(m.replyId).u8(m.result),
};
