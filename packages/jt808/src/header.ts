// Message header, JT/T 808-2013 §4.4.3 and JT/T 808-2019 §4.5.3.
//   2011/2013: id WORD, attributes WORD, phone BCD[6], serial WORD [, total WORD, index WORD]   (12/16 bytes)
//   2019:      id WORD, attributes WORD, version BYTE, phone BCD[10], serial WORD [, total, index] (17/21 bytes)
// Attributes: bits 0–9 body length, 10–12 encryption (bit 10 = RSA), 13 sub-packaged, 14 2019 version flag.
import { DecodeError, type Reader } from './reader.js';
import type { Writer } from './writer.js';

/** Header layout. 2011 and 2013 share one header; 2019 sets attribute bit 14. */
export type Edition = 2013 | 2019;

export interface PacketInfo {
  /** 总包数 */
  total: number;
  /** 包序号, counted from 1 */
  index: number;
}

export interface Header {
  messageId: number;
  bodyLength: number;
  /** Attribute bits 10–12 as a number: 0 none, 1 RSA. */
  encryption: number;
  edition: Edition;
  /** 2019 协议版本号 (1 in the current standard); 0 for 2011/2013 headers. */
  protocolVersion: number;
  /** Terminal phone number as BCD digits, leading zeros kept (12 digits for 2013, 20 for 2019). */
  phone: string;
  serial: number;
  packet: PacketInfo | null;
}

/** What `encode` needs to build a header; a decoded `Header` fits. */
export interface HeaderInput {
  phone: string;
  serial: number;
  edition?: Edition;
  protocolVersion?: number;
  encryption?: number;
  packet?: PacketInfo | null;
}

export const ATTR_BODY_LENGTH = 0x03ff;
export const ATTR_SUBPACKAGE = 0x2000;
export const ATTR_VERSION_2019 = 0x4000;
export const MAX_BODY_LENGTH = 0x3ff;

export function readHeader(r: Reader): Header {
  const messageId = r.u16();
  const attr = r.u16();
  const is2019 = (attr & ATTR_VERSION_2019) !== 0;
  const protocolVersion = is2019 ? r.u8() : 0;
  const phone = r.bcd(is2019 ? 10 : 6);
  const serial = r.u16();
  let packet: PacketInfo | null = null;
  if ((attr & ATTR_SUBPACKAGE) !== 0) {
    const total = r.u16();
    const index = r.u16();
    packet = { total, index };
  }
  const bodyLength = attr & ATTR_BODY_LENGTH;
  if (r.remaining !== bodyLength) {
    throw new DecodeError(
      'body_length_mismatch',
      `attributes say ${bodyLength} body bytes, frame has ${r.remaining}`,
    );
  }
  return {
    messageId,
    bodyLength,
    encryption: (attr >> 10) & 7,
    edition: is2019 ? 2019 : 2013,
    protocolVersion,
    phone,
    serial,
    packet,
  };
}

export function writeHeader(w: Writer, messageId: number, bodyLength: number, h: HeaderInput): void {
  const is2019 = h.edition === 2019;
  let attr = (bodyLength & ATTR_BODY_LENGTH) | (((h.encryption ?? 0) & 7) << 10);
  if (h.packet) attr |= ATTR_SUBPACKAGE;
  if (is2019) attr |= ATTR_VERSION_2019;
  w.u16(messageId).u16(attr);
  if (is2019) w.u8(h.protocolVersion ?? 1);
  w.bcd(h.phone, is2019 ? 10 : 6);
  w.u16(h.serial & 0xffff);
  if (h.packet) w.u16(h.packet.total).u16(h.packet.index);
}
