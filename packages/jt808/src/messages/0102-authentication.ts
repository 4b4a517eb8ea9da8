import type { MessageCodec } from './types.js';

/**
 * 0x0102 终端鉴权. 2013: auth code STRING (the whole body). 2019: code length BYTE, code,
 * IMEI BYTE[15], software version BYTE[20] (0x00-padded).
 */
export interface Authentication {
  type: 'authentication';
  authCode: string;
  /** 2019 only. */
  imei?: string;
  /** 2019 only. */
  softwareVersion?: string;
}

export const authentication: MessageCodec<Authentication> = {
  id: 0x0102,
  type: 'authentication',
  decode: (r, h) => {
    if (h.edition !== 2019) return { type: 'authentication', authCode: r.restText() };
    return { type: 'authentication', authCode: r.text8(), imei: r.text(15), softwareVersion: r.text(20) };
  },
  encode: (w, m, edition) => {
    if (edition !== 2019) {
      w.rawText(m.authCode);
      return;
    }
    w.text8(m.authCode)
      .text(m.imei ?? '', 15)
      .text(m.softwareVersion ?? '', 20);
  },
};
