// npm run bench -w packages/jt808
// (a) framing + decoding a TCP-like stream of 0x0200 reports with mileage, signal and satellite items;
// (b) encoding 0x8001 replies; (c) = (a) with 2019 headers. Prints frames/s for several rounds; record best and typical in BENCHMARKS.md.
import { loadavg } from 'node:os';
import { createFramer, decodePacket, encode, generalResponse, type LocationReport } from '../index.js';

const FRAMES = 2000;
const CHUNK = 4096;

function buildStream(edition: 2013 | 2019): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < FRAMES; i++) {
    const report: LocationReport = {
      type: 'locationReport',
      alarm: i % 7 === 0 ? 2 : 0,
      status: 0x000c0003,
      latitude: 41.1234 + i * 1e-5,
      longitude: 122.0712 + i * 1e-5,
      altitude: 12,
      speedKmh: (i % 900) / 10,
      heading: i % 360,
      time: Date.UTC(2026, 10, 22, 12, 0, i % 60),
      extras: [
        { kind: 'mileage', km: 12345.6 + i },
        { kind: 'signalStrength', value: 25 },
        { kind: 'satellites', count: 14 },
      ],
    };
    const f = encode(report, { phone: `0139${String(i % 100).padStart(8, '0')}`, serial: i, edition });
    frames.push(f);
    total += f.length;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const f of frames) {
    all.set(f, at);
    at += f.length;
  }
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += CHUNK) chunks.push(all.subarray(i, i + CHUNK));
  console.log(
    `stream (${edition} headers): ${FRAMES} frames, ${total} bytes (${(total / FRAMES).toFixed(1)} B/frame), ${chunks.length} chunks of ${CHUNK} B`,
  );
  return chunks;
}

interface Rate {
  /** Per second of wall-clock time. */
  wall: number;
  /** Per second of CPU time used by this process: steadier when other work shares the cores. */
  cpu: number;
}

function rate(count: number, wallMs: number, since: NodeJS.CpuUsage): Rate {
  const used = process.cpuUsage(since);
  return { wall: count / (wallMs / 1000), cpu: count / ((used.user + used.system) / 1e6) };
}

function benchDecode(chunks: Uint8Array[], ms: number): Rate {
  let decoded = 0;
  let sink = 0;
  const framer = createFramer({
    onFrame(packet) {
      const r = decodePacket(packet);
      if (r.ok && r.message.type === 'locationReport') {
        decoded++;
        sink += r.message.latitude + r.message.extras.length;
      }
    },
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  let now = start;
  while (now - start < ms) {
    for (const c of chunks) framer.push(c);
    now = performance.now();
  }
  if (sink === 42) console.log('');
  return rate(decoded, now - start, cpu);
}

function benchEncode(ms: number): Rate {
  const header = { phone: '013912345678', serial: 0 };
  const to = { serial: 0, messageId: 0x0200 };
  let n = 0;
  let sink = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 10000; i++) {
      to.serial = i;
      header.serial = i;
      sink += encode(generalResponse(to, 0), header).length;
    }
    n += 10000;
    now = performance.now();
  }
  if (sink === 42) console.log('');
  return rate(n, now - start, cpu);
}

const fmt = (v: number): string => Math.round(v).toLocaleString('en-US');
const chunks = buildStream(2013);
const chunks2019 = buildStream(2019);
benchDecode(chunks, 500); // warm-up
benchEncode(300);
const rounds = Number(process.argv[2] ?? 5);
const dec: Rate[] = [];
const enc: Rate[] = [];
const dec2019: Rate[] = [];
for (let i = 0; i < rounds; i++) {
  dec.push(benchDecode(chunks, 1000));
  dec2019.push(benchDecode(chunks2019, 1000));
  enc.push(benchEncode(1000));
  console.log(
    `round ${i + 1}: (a) ${fmt(dec[i]!.wall)}/s (${fmt(dec[i]!.cpu)}/cpu-s)  ` +
      `(c) ${fmt(dec2019[i]!.wall)}/s  (b) ${fmt(enc[i]!.wall)}/s (${fmt(enc[i]!.cpu)}/cpu-s)`,
  );
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const line = (label: string, rs: Rate[]): void => {
  const wall = rs.map((r) => r.wall);
  const cpu = rs.map((r) => r.cpu);
  console.log(
    `${label} best ${fmt(Math.max(...wall))}/s, median ${fmt(median(wall))}/s; ` +
      `per CPU-second best ${fmt(Math.max(...cpu))}, median ${fmt(median(cpu))}`,
  );
};
line('(a) frame+decode 0x0200, 2013 headers:', dec);
line('(c) frame+decode 0x0200, 2019 headers:', dec2019);
line('(b) encode 0x8001:                     ', enc);
console.log(
  `node ${process.version}, one thread; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
