// Reply builders: the platform's answers are values; the gateway encodes and sends them.
import type { Header } from './header.js';
import type { PlatformGeneralResponse } from './messages/8001-platform-general-response.js';
import type { PlatformResendRequest } from './messages/8003-platform-resend-request.js';
import type { RegisterResponse } from './messages/8100-register-response.js';
import type { ServerTime } from './messages/8004-server-time.js';

/** 0x8001 answering a received header. result: 0 OK, 1 failure, 2 bad message, 3 unsupported, 4 alarm acknowledged. */
export function generalResponse(
  to: Pick<Header, 'serial' | 'messageId'>,
  result = 0,
): PlatformGeneralResponse {
  return { type: 'platformGeneralResponse', replySerial: to.serial, replyId: to.messageId, result };
}

/** 0x8100 answering a 0x0100; the auth code is only sent when result is 0. */
export function registerResponse(
  to: Pick<Header, 'serial'>,
  result: number,
  authCode = '',
): RegisterResponse {
  return { type: 'registerResponse', replySerial: to.serial, result, authCode: result === 0 ? authCode : '' };
}

/** 0x8004 answering a 0x0004 (2019). */
export function serverTimeResponse(nowMs: number): ServerTime {
  return { type: 'serverTime', time: Math.floor(nowMs / 1000) * 1000 };
}

/** 0x8003 asking a terminal to send packages again. */
export function resendRequest(originalSerial: number, packetIndexes: number[]): PlatformResendRequest {
  return { type: 'platformResendRequest', originalSerial, packetIndexes };
}

/** The header for a reply: same terminal, same edition, the platform's own serial. */
export function replyHeader(
  to: Header,
  serial: number,
): {
  phone: string;
  serial: number;
  edition: Header['edition'];
  protocolVersion: number;
} {
  return { phone: to.phone, serial, edition: to.edition, protocolVersion: to.protocolVersion || 1 };
}
