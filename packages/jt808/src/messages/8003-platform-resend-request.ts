import { readResend, writeResend, type ResendBody } from './resend-request.js';
import type { MessageCodec } from './types.js';

/** 0x8003 服务器补传分包请求. */
export interface PlatformResendRequest extends ResendBody {
  type: 'platformResendRequest';
}

export const platformResendRequest: MessageCodec<PlatformResendRequest> = {
  id: 0x8003,
  type: 'platformResendRequest',
  decode: (r, h) => ({ type: 'platformResendRequest', ...readResend(r, h.edition) }),
  encode: (w, m, edition) => writeResend(w, m, edition),
};
