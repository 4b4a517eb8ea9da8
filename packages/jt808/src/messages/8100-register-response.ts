import type { MessageCodec } from './types.js';

/** 0x8100 results: 0 成功, 1 车辆已被注册, 2 数据库中无该车辆, 3 终端已被注册, 4 数据库中无该终端. */
export const RegisterResult = {
  ok: 0,
  vehicleAlreadyRegistered: 1,
  vehicleUnknown: 2,
  terminalAlreadyRegistered: 3,
  terminalUnknown: 4,
} as const;

/** 0x8100 终端注册应答: reply serial WORD, result BYTE, auth code STRING (only on success). */
export interface RegisterResponse {
  type: 'registerResponse';
  replySerial: number;
  result: number;
  /** Empty unless result is 0. */
  authCode: string;
}

export const registerResponse: MessageCodec<RegisterResponse> = {
  id: 0x8100,
  type: 'registerResponse',
  decode: (r) => {
    const replySerial = r.u16();
    const result = r.u8();
    return { type: 'registerResponse', replySerial, result, authCode: r.restText() };
  },
  encode: (w, m) => {
    w.u16(m.replySerial).u8(m.result);
    if (m.result === 0) w.rawText(m.authCode);
  },
};
