/**
 * The simulated terminals of `bench:e2e`, run in a child process (the default) so the server's
 * CPU figure is its own, or in the bench's process (`--inline`). Open loop: `rate` 0x0200 reports
 * per second in total, paced every 20 ms, not waiting for acknowledgements. Each terminal's device
 * clock advances 10 s per fix; every `every`-th fix of a terminal sets the JT/T 808 emergency bit,
 * the terminals staggered so that emergency fixes are spread evenly over the run (`rate / every`
 * per second from the first second, however large `every` is).
 *
 * Times are absolute (`performance.timeOrigin + performance.now()`, ms) so the two processes'
 * clocks compare. Protocol (parent ⇄ runner): runner → `ready` once connected; parent → `go`;
 * runner → `sent` when the sending window ends, then `done` with the per-fix send times of the
 * emergency fixes once every report is acknowledged (or after 30 s).
 */
import { performance } from 'node:perf_hooks';
import { SimTerminal, toLocation } from '../sim/terminal.js';

export interface LoadSpec {
  port: number;
  terminals: { vehicleId: string; phone: string; plate: string }[];
  rate: number;
  seconds: number;
  every: number;
}

export type RunnerMessage =
  | { type: 'ready' }
  | { type: 'sent'; sent: number; acked: number; startAt: number; endAt: number; cpuMs: number }
  | {
      type: 'done';
      sent: number;
      acked: number;
      /** Fix written → 0x8001, ms, sorted. */
      ackLatencies: number[];
      /** `vehicleId/deviceTime` of each emergency fix and when its frame was written (absolute ms). */
      emergencies: [string, number][];
    };

const PACE_MS = 20;
export const absNow = (): number => performance.timeOrigin + performance.now();

/** Runs the load; `emit` carries the runner's messages, `go` resolves when the parent says so. */
export async function runLoad(
  spec: LoadSpec,
  emit: (m: RunnerMessage) => void,
  go: Promise<void>,
): Promise<void> {
  let acked = 0;
  const ackLatencies: number[] = [];
  const emergencies: [string, number][] = [];
  const base = Math.floor(Date.now() / 1000) * 1000 - 20 * 3600_000;
  const terms = spec.terminals.map((t, i) => {
    let n = 0;
    const written = new Map<number, number>();
    const offset = i % spec.every;
    const sim = new SimTerminal({
      host: '127.0.0.1',
      port: spec.port,
      phone: t.phone,
      edition: 2013,
      plate: t.plate,
      plateColor: 2,
      terminalCode: `E${i}`,
      heartbeatMs: 60_000,
      onMessage: (m) => {
        if (m.type !== 'platformGeneralResponse' || m.replyId !== 0x0200 || m.result !== 0) return;
        acked++;
        const at = written.get(m.replySerial);
        if (at !== undefined) {
          written.delete(m.replySerial);
          ackLatencies.push(absNow() - at);
        }
      },
    });
    const send = (): void => {
      const k = n++;
      const time = base + k * 10_000;
      const emergency = (k + offset) % spec.every === spec.every - 1;
      const leg = k % 2000; // east for 1,000 fixes, then back west: ~33 m per 10 s, 12 km/h
      const loc = toLocation({
        time,
        lat: 41.0 + (i % 100) * 0.002,
        lon: 122.0 + (leg < 1000 ? leg : 2000 - leg) * 0.0004,
        speedKmh: 12,
        heading: 90,
        altitude: 5,
        alarm: emergency ? 1 : 0,
        mileageKm: 1000 + k / 15,
      });
      const serial = sim.sendMessage({ type: 'locationReport', ...loc });
      const now = absNow();
      written.set(serial, now);
      if (emergency) emergencies.push([`${t.vehicleId}/${time}`, now]);
    };
    return { sim, send };
  });
  for (let i = 0; i < terms.length; i += 100)
    await Promise.all(terms.slice(i, i + 100).map((t) => t.sim.connect()));
  emit({ type: 'ready' });
  await go;

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const startAt = absNow();
  let sent = 0;
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      if (elapsed >= spec.seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up to the offered rate (timers run late on a busy machine).
      const due = Math.floor((elapsed / 1000) * spec.rate) - sent;
      for (let j = 0; j < due; j++) {
        terms[next]!.send();
        next = (next + 1) % terms.length;
      }
      sent += Math.max(0, due);
    }, PACE_MS);
  });
  const cpu = process.cpuUsage(cpu0);
  emit({
    type: 'sent',
    sent,
    acked,
    startAt,
    endAt: absNow(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
  const deadline = Date.now() + 30_000;
  while (acked < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const t of terms) t.sim.dropConnection();
  emit({
    type: 'done',
    sent,
    acked,
    ackLatencies: ackLatencies.sort((a, b) => a - b),
    emergencies,
  });
}

// As a child process: the spec comes in the first IPC message, `go` in the second.
if (process.send && process.argv.includes('--e2e-terminals')) {
  const send = process.send.bind(process);
  let start: () => void = () => undefined;
  const go = new Promise<void>((r) => (start = r));
  process.once('message', (spec: LoadSpec) => {
    process.on('message', (m: { type?: string }) => {
      if (m.type === 'go') start();
    });
    let last: Promise<void> = Promise.resolve();
    // Each message is handed to the channel before the next (a large `done` must not be cut off).
    const emit = (m: RunnerMessage): void => {
      last = last.then(() => new Promise<void>((r) => send(m, undefined, {}, () => r())));
    };
    runLoad(spec, emit, go).then(
      () => last.then(() => process.disconnect()),
      (err: unknown) => {
        process.stderr.write(`terminals failed: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
      },
    );
  });
}
