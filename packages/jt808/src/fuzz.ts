// Fuzzing support shared by fuzz.test.ts (CI, ≥ 1,000,000 inputs) and bench/fuzz.ts (longer runs):
// random bytes, and mutations of valid packets with the check code and body length kept right so the
// mutated bytes reach the message decoders rather than stopping at the checksum.
import { decodeFrame, decodePacket } from './decode.js';
import { encode } from './encode.js';
import { createFramer } from './framer.js';
import type { Message } from './messages/index.js';

/** xorshift32: deterministic, so a failure can be replayed from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const LOC = {
  alarm: 0x20000003,
  status: 0x000c000f,
  latitude: -41.123456,
  longitude: -122.071234,
  altitude: -5,
  speedKmh: 60.1,
  heading: 270,
  time: Date.UTC(2026, 10, 22, 12, 0, 0),
};

const SEEDS: Message[] = [
  { type: 'heartbeat' },
  { type: 'platformGeneralResponse', replySerial: 9, replyId: 0x0102, result: 0 },
  {
    type: 'locationReport',
    ...LOC,
    extras: [
      { kind: 'mileage', km: 12345.6 },
      { kind: 'signalStrength', value: 25 },
      { kind: 'satellites', count: 12 },
      { kind: 'overspeed', positionType: 1, areaId: 7 },
      { kind: 'raw', id: 0xe0, bytes: Uint8Array.of(1, 2, 3) },
    ],
  },
  {
    type: 'locationBatch',
    dataType: 1,
    items: [
      { ...LOC, extras: [] },
      { ...LOC, extras: [{ kind: 'fuel', liters: 3 }] },
    ],
  },
  {
    type: 'register',
    layout: '2013',
    province: 21,
    city: 1100,
    manufacturer: '70111',
    model: 'TM-100',
    terminalId: 'T123456',
    plateColor: 2,
    plate: '辽L12345',
  },
  { type: 'authentication', authCode: 'AUTH2019', imei: '861234567890123', softwareVersion: 'SW1.2.3' },
  {
    type: 'setParameters',
    parameters: [
      { id: 1, value: 30 },
      { id: 0x83, value: '辽L12345' },
    ],
  },
  { type: 'textMessage', flags: 13, textType: 1, text: '请减速慢行' },
  {
    type: 'setRoute',
    id: 4,
    attributes: 1,
    startTime: '261122000000',
    endTime: '261231235959',
    points: [{ pointId: 1, segmentId: 2, latitude: 41, longitude: 122, widthM: 50, segmentAttributes: 3 }],
    name: '线',
  },
  {
    type: 'driverIdentity',
    status: 1,
    time: LOC.time,
    readResult: 0,
    driverName: '张三',
    certificateNumber: 'QC1',
    issuingAuthority: '盘锦',
    expiry: '20301231',
    idNumber: '2101',
  },
  {
    type: 'alarmAttachmentInfo',
    terminalId: 'ABCDEFG',
    alarmIdentification: {
      terminalId: 'ABCDEFG',
      time: LOC.time,
      sequence: 0,
      attachmentCount: 1,
      reserved: 0,
    },
    alarmNumber: 'A1',
    infoType: 0,
    files: [{ name: 'a.jpg', size: 10 }],
  },
  {
    type: 'setPolygonArea',
    id: 3,
    attributes: 2,
    maxSpeedKmh: 40,
    overspeedDurationS: 5,
    vertices: [{ latitude: 1, longitude: 2 }],
  },
];

/** Valid packets (header + body, unescaped, no check byte) in both header editions. */
export function seedPackets(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of SEEDS) {
    for (const edition of [2013, 2019] as const) {
      const wire = encode(m, { phone: '013912345678', serial: 7, edition });
      const r = decodeFrame(wire); // proves the seed is valid
      if (!r.ok) throw new Error(`seed ${m.type} does not decode`);
      out.push(unescape(wire));
    }
  }
  return out;
}

function unescape(wire: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 1; i < wire.length - 2; i++) {
    const b = wire[i]!;
    if (b === 0x7d) out.push(wire[++i] === 1 ? 0x7d : 0x7e);
    else out.push(b);
  }
  return Uint8Array.from(out);
}

export interface FuzzStats {
  inputs: number;
  decodedOk: number;
  decodeErrors: number;
  frames: number;
  problems: number;
}

/**
 * Runs `count` fuzz inputs. Throws only if the codec throws (that is the bug being hunted).
 * Mix: 70 % mutated packets straight into decodePacket, 20 % mutated packets into decodeFrame,
 * 10 % random / mutated byte streams through a framer that decodes what it finds.
 */
export function fuzz(count: number, seed: number): FuzzStats {
  const next = rng(seed);
  const seeds = seedPackets();
  const wires = SEEDS.map((m) => encode(m, { phone: '013912345678', serial: 1, edition: 2019 }));
  const stats: FuzzStats = { inputs: 0, decodedOk: 0, decodeErrors: 0, frames: 0, problems: 0 };
  const framer = createFramer({
    maxFrameLength: 512,
    onFrame: (p) => {
      stats.frames++;
      if (decodePacket(p).ok) stats.decodedOk++;
      else stats.decodeErrors++;
    },
    onProblem: () => void stats.problems++,
  });
  const scratch = new Uint8Array(2048);
  for (let i = 0; i < count; i++) {
    stats.inputs++;
    const kind = next() % 10;
    const src = seeds[next() % seeds.length]!;
    let n = src.length;
    scratch.set(src);
    // 1–4 mutations: overwrite a byte, flip a bit, truncate, or extend with random bytes.
    const edits = 1 + (next() & 3);
    for (let e = 0; e < edits; e++) {
      const r = next();
      const at = (r >>> 8) % Math.max(n, 1);
      switch (r & 3) {
        case 0:
          scratch[at] = next();
          break;
        case 1:
          scratch[at]! ^= 1 << (next() & 7);
          break;
        case 2:
          n = at;
          break;
        default: {
          const add = next() % 40;
          for (let k = 0; k < add && n < 1200; k++) scratch[n++] = next();
        }
      }
    }
    // Half the time make the attribute length agree with the mutated body so decoders see it.
    if (n >= 4 && next() & 1) {
      const headerLength = scratch[2]! & 0x40 ? (scratch[2]! & 0x20 ? 21 : 17) : scratch[2]! & 0x20 ? 16 : 12;
      const body = Math.max(0, Math.min(n - headerLength, 0x3ff));
      scratch[2] = (scratch[2]! & 0xfc) | (body >> 8);
      scratch[3] = body & 0xff;
    }
    const packet = scratch.subarray(0, n);
    if (kind < 7) {
      if (decodePacket(packet).ok) stats.decodedOk++;
      else stats.decodeErrors++;
    } else if (kind < 9) {
      let x = 0;
      for (const b of packet) x ^= b;
      const wire = new Uint8Array(n + 3);
      wire[0] = 0x7e;
      wire.set(packet, 1);
      wire[n + 1] = next() & 7 ? x : next(); // mostly a right check code
      wire[n + 2] = 0x7e;
      if (decodeFrame(wire).ok) stats.decodedOk++;
      else stats.decodeErrors++;
    } else if (next() & 1) {
      // A valid frame cut at a random point, with noise before it: the framer must resynchronise.
      const wire = wires[next() % wires.length]!;
      const cut = next() % (wire.length + 1);
      const noise = new Uint8Array(next() % 8);
      for (let k = 0; k < noise.length; k++) noise[k] = next();
      framer.push(noise);
      framer.push(wire.subarray(0, cut));
      framer.push(wire.subarray(cut));
    } else {
      const len = next() % 300;
      const chunk = new Uint8Array(len);
      for (let k = 0; k < len; k++) chunk[k] = next() % 5 === 0 ? 0x7e : next() % 7 === 0 ? 0x7d : next();
      framer.push(chunk);
      if (framer.pending > 512) throw new Error('framer holds more than its limit');
    }
  }
  return stats;
}
