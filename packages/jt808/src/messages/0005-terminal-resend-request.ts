import { readResend, writeResend, type ResendBody } from './resend-request.js';
import type { MessageCodec } from './types.js';

/** 0x0005 终端补传分包请求 (2019). */
export interface TerminalResendRequest extends ResendBody {
  type: 'terminalResendRequest';
}

export const terminalResendRequest: MessageCodec<TerminalResendRequest> = {
  id: 0x0005,
  type: 'terminalResendRequest',
  decode: (r, h) => ({ type: 'terminalResendRequest', ...readResend(r, h.edition) }),
  encode: (w, m, edition) => writeResend(w, m, edition),
};
