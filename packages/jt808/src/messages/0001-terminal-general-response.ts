import type { MessageCodec } from './types.js';

/** 0x0001 终端通用应答: reply serial WORD, reply id WORD, result BYTE (0 OK, 1 failure, 2 bad message, 3 unsupported). */
export interface TerminalGeneralResponse {
  type: 'terminalGeneralResponse';
  replySerial: number;
  replyId: number;
  result: number;
}

export const terminalGeneralResponse: MessageCodec<TerminalGeneralResponse> = {
  id: 0x0001,
  type: 'terminalGeneralResponse',
  decode: (r) => ({
    type: 'terminalGeneralResponse',
    replySerial: r.u16(),
    replyId: r.u16(),
    result: r.u8(),
  }),
  encode: (w, m) => void w.u16(m.replySerial).u16(m.replyId).u8(m.result),
};
