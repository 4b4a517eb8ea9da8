// Sub-package reassembly (JT/T 808 §4.4.3: 总包数/包序号, serials consecutive across the packages).
// Per terminal and message; bounded in time and memory; duplicates ignored; missing packages are
// reported so the platform can send 0x8003 (re-send request) naming them.
import type { Header } from './header.js';

export interface ReassemblerOptions {
  /** Drop a message this long after its first package. Default 60 000 ms. */
  timeoutMs?: number;
  /** Ask for missing packages when a message has been idle this long. Default 5 000 ms. */
  resendAfterMs?: number;
  /** Total body bytes held across all terminals. Default 16 MiB. */
  maxBytes?: number;
  /** Messages in progress per terminal. Default 8. */
  maxPendingPerTerminal?: number;
}

export type PushResult =
  | { status: 'complete'; header: Header; body: Uint8Array }
  | { status: 'pending'; received: number; total: number }
  | { status: 'duplicate' }
  | { status: 'rejected'; reason: 'not_subpackaged' | 'bad_index' | 'too_large' };

export interface ResendNeeded {
  phone: string;
  messageId: number;
  edition: Header['edition'];
  /** Serial of package 1: the 原始消息流水号 of 0x8003. */
  originalSerial: number;
  /** Missing package indexes (from 1): the 重传包 ID 列表 of 0x8003. */
  missing: number[];
}

export interface Dropped {
  phone: string;
  messageId: number;
  originalSerial: number;
  reason: 'timeout' | 'memory' | 'terminal_limit';
  missing: number[];
}

interface Pending {
  key: string;
  header: Header;
  originalSerial: number;
  /** Received packages by index; a Map, so a forged huge `total` costs nothing until parts arrive. */
  parts: Map<number, Uint8Array>;
  total: number;
  received: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
  askedAt: number;
}

export interface Reassembler {
  /** Offers one sub-package (the header's `packet` must be set); the body is copied. */
  push(header: Header, body: Uint8Array, nowMs: number): PushResult;
  /** Re-send requests due and messages given up since the last poll. Call every second or so. */
  poll(nowMs: number): { resend: ResendNeeded[]; dropped: Dropped[] };
  readonly pendingMessages: number;
  readonly pendingBytes: number;
}

/** Bytes charged per message in progress, so many tiny forged messages still hit the memory cap. */
const PENDING_OVERHEAD = 256;
const MAX_RESEND_INDEXES = 255;

export function createReassembler(options: ReassemblerOptions = {}): Reassembler {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const resendAfterMs = options.resendAfterMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  const maxPerTerminal = options.maxPendingPerTerminal ?? 8;
  // Map iteration order is insertion order: the first entries are the oldest.
  const pending = new Map<string, Pending>();
  const perTerminal = new Map<string, number>();
  let bytes = 0;
  let droppedSincePoll: Dropped[] = [];

  // 0x8003 carries at most 255 indexes in 2013 (count BYTE); ask for the first 255, then the rest later.
  const missingOf = (p: Pending, limit = MAX_RESEND_INDEXES): number[] => {
    const out: number[] = [];
    for (let i = 1; i <= p.total && out.length < limit; i++) if (!p.parts.has(i)) out.push(i);
    return out;
  };

  const remove = (p: Pending, reason?: Dropped['reason']): void => {
    pending.delete(p.key);
    bytes -= p.bytes;
    const phone = p.header.phone;
    const n = (perTerminal.get(phone) ?? 1) - 1;
    if (n <= 0) perTerminal.delete(phone);
    else perTerminal.set(phone, n);
    if (reason) {
      droppedSincePoll.push({
        phone,
        messageId: p.header.messageId,
        originalSerial: p.originalSerial,
        reason,
        missing: missingOf(p),
      });
    }
  };

  const push = (header: Header, body: Uint8Array, nowMs: number): PushResult => {
    const packet = header.packet;
    if (packet === null) return { status: 'rejected', reason: 'not_subpackaged' };
    const { total, index } = packet;
    if (total < 1 || index < 1 || index > total) return { status: 'rejected', reason: 'bad_index' };
    if (body.length > maxBytes) return { status: 'rejected', reason: 'too_large' };
    const originalSerial = (header.serial - (index - 1)) & 0xffff;
    const key = `${header.phone}/${header.messageId}/${originalSerial}/${total}`;
    let p = pending.get(key);
    if (p === undefined) {
      const count = perTerminal.get(header.phone) ?? 0;
      if (count >= maxPerTerminal) {
        for (const q of pending.values()) {
          if (q.header.phone === header.phone) {
            remove(q, 'terminal_limit');
            break;
          }
        }
      }
      p = {
        key,
        header,
        originalSerial,
        parts: new Map(),
        total,
        received: 0,
        bytes: PENDING_OVERHEAD,
        firstAt: nowMs,
        lastAt: nowMs,
        askedAt: 0,
      };
      pending.set(key, p);
      bytes += PENDING_OVERHEAD;
      perTerminal.set(header.phone, (perTerminal.get(header.phone) ?? 0) + 1);
    }
    if (p.parts.has(index)) return { status: 'duplicate' };
    while (bytes + body.length > maxBytes) {
      const oldest = pending.values().next().value;
      if (oldest === undefined) break;
      remove(oldest, 'memory');
      if (oldest === p) return { status: 'rejected', reason: 'too_large' };
    }
    p.parts.set(index, body.slice());
    p.received++;
    p.bytes += body.length;
    bytes += body.length;
    p.lastAt = nowMs;
    if (index === 1) p.header = header;
    if (p.received < total) return { status: 'pending', received: p.received, total };
    remove(p);
    const out = new Uint8Array(p.bytes - PENDING_OVERHEAD);
    let at = 0;
    for (let i = 1; i <= total; i++) {
      const part = p.parts.get(i)!;
      out.set(part, at);
      at += part.length;
    }
    return {
      status: 'complete',
      header: { ...p.header, serial: originalSerial, packet: null, bodyLength: out.length },
      body: out,
    };
  };

  const poll = (nowMs: number): { resend: ResendNeeded[]; dropped: Dropped[] } => {
    const resend: ResendNeeded[] = [];
    for (const p of [...pending.values()]) {
      if (nowMs - p.firstAt >= timeoutMs) {
        remove(p, 'timeout');
      } else if (nowMs - p.lastAt >= resendAfterMs && nowMs - p.askedAt >= resendAfterMs) {
        p.askedAt = nowMs;
        resend.push({
          phone: p.header.phone,
          messageId: p.header.messageId,
          edition: p.header.edition,
          originalSerial: p.originalSerial,
          missing: missingOf(p),
        });
      }
    }
    const dropped = droppedSincePoll;
    droppedSincePoll = [];
    return { resend, dropped };
  };

  return {
    push,
    poll,
    get pendingMessages() {
      return pending.size;
    },
    get pendingBytes() {
      return bytes;
    },
  };
}
