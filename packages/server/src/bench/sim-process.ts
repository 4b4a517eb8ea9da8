/**
 * Simulated terminals in a child process, so that a benchmark's gateway process spends its CPU
 * and memory only on the gateway. The parent forks this file (`SimProcess.start`); the child
 * connects its share of filed terminals over real TCP (register, authenticate, heartbeat), then,
 * on `go`, keeps `window` 0x0200 reports in flight per terminal (a new one on every 0x8001), or
 * with window 0 only heartbeats (idle connections). On `stop` it stops sending, waits for the
 * outstanding replies and reports what it sent, what was acknowledged, a latency histogram and
 * its own CPU time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { SimTerminal, toLocation } from '../sim/terminal.js';
import { LatencyHistogram } from './latency.js';

export interface SimSpec {
  phone: string;
  plate: string;
  edition: 2013 | 2019;
}

export interface SimProcessOptions {
  host: string;
  port: number;
  /** Local addresses the terminals connect from, round robin (127.0.0.2 …); default the kernel's choice. */
  localAddresses?: readonly string[];
  terminals: readonly SimSpec[];
  /** Reports in flight per terminal; 0 = idle (heartbeats only). */
  window: number;
  heartbeatMs: number;
  /** Terminals connecting at once. */
  connectConcurrency?: number;
  /** Device time of each terminal's first fix (ms); one second of device time per fix. */
  baseTime: number;
  /** Extra node flags for the child (e.g. --cpu-prof). */
  execArgv?: readonly string[];
}

export interface SimResult {
  online: number;
  sent: number;
  acked: number;
  /** Acknowledged between go and stop. */
  ackedInWindow: number;
  /** Refused or failed replies (0x8001 result ≠ 0). */
  failed: number;
  heartbeatsAcked: number;
  /** User + system CPU between go and stop, in µs. */
  cpuMicros: number;
  rss: number;
  latency: number[];
}

type ToChild = { type: 'load'; options: SimProcessOptions } | { type: 'go' } | { type: 'stop' };
type FromChild =
  | { type: 'ready'; online: number }
  | { type: 'result'; result: SimResult }
  | { type: 'error'; message: string };

/** Parent side: one forked process of simulated terminals. */
export class SimProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly online: number,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Forks the child, connects its terminals; resolves when every one of them is online (or failed). */
  static async start(options: SimProcessOptions): Promise<SimProcess> {
    // The child runs under the same loader (tsx) but without the parent's profiling flags.
    const execArgv = [
      ...process.execArgv.filter((a) => !a.startsWith('--cpu-prof')),
      ...(options.execArgv ?? []),
    ];
    const child = fork(fileURLToPath(import.meta.url), ['--sim-child'], { execArgv, stdio: 'inherit' });
    const ready = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`simulator process exited (${code}) before it was ready`)),
      );
      child.on('message', (m: FromChild) => {
        if (m.type === 'ready') resolve(m.online);
        else if (m.type === 'error') reject(new Error(`simulator process: ${m.message}`));
      });
      child.send({ type: 'load', options: { ...options, execArgv: [] } } satisfies ToChild);
    });
    child.removeAllListeners('exit');
    return new SimProcess(child, ready);
  }

  go(): void {
    this.child.send({ type: 'go' } satisfies ToChild);
  }

  /** Stops sending; resolves once the outstanding replies are in (or 30 s passed). */
  stop(): Promise<SimResult> {
    return new Promise((resolve, reject) => {
      this.child.on('message', (m: FromChild) => {
        if (m.type === 'result') resolve(m.result);
        else if (m.type === 'error') reject(new Error(`simulator process: ${m.message}`));
      });
      this.child.send({ type: 'stop' } satisfies ToChild);
    });
  }

  /** Ends the child (its connections drop with it). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Child side. */
function child(): void {
  const send = (m: FromChild): void => void process.send!(m);
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  let options: SimProcessOptions;
  let running = false;
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let heartbeats = 0;
  let ackedAtStop = 0;
  const hist = new LatencyHistogram();
  const terms: { sim: SimTerminal; send(): void }[] = [];

  const load = async (o: SimProcessOptions): Promise<void> => {
    options = o;
    const locals = o.localAddresses ?? [];
    for (const [i, t] of o.terminals.entries()) {
      const sentAt = new Map<number, number>();
      let seq = 0;
      const lat = 41.0 + (i % 100) * 0.002;
      const sim: SimTerminal = new SimTerminal({
        host: o.host,
        port: o.port,
        ...(locals.length > 0 ? { localAddress: locals[i % locals.length] } : {}),
        phone: t.phone,
        edition: t.edition,
        plate: t.plate,
        plateColor: 2,
        terminalCode: `B${i}`,
        heartbeatMs: o.heartbeatMs,
        onMessage: (m) => {
          if (m.type !== 'platformGeneralResponse') return;
          if (m.replyId === 0x0002) heartbeats++;
          if (m.replyId !== 0x0200) return;
          const at = sentAt.get(m.replySerial);
          if (at === undefined) return;
          sentAt.delete(m.replySerial);
          if (m.result !== 0) failed++;
          else {
            acked++;
            hist.record(performance.now() - at);
          }
          if (running) next();
        },
      });
      // One fix a second of device time per terminal: (vehicle, time, digest) is unique.
      const next = (): void => {
        const n = seq++;
        const loc = toLocation({
          time: o.baseTime + n * 1000,
          lat,
          lon: 122.0 + (n % 1000) * 0.0001,
          speedKmh: 50,
          heading: 90,
          altitude: 5,
          mileageKm: 1000 + n / 10,
        });
        const serial = sim.sendMessage({ type: 'locationReport', ...loc });
        sentAt.set(serial, performance.now());
        sent++;
      };
      terms.push({ sim, send: next });
    }
    const step = o.connectConcurrency ?? 100;
    for (let i = 0; i < terms.length; i += step) {
      await Promise.all(terms.slice(i, i + step).map((t) => t.sim.connect().catch(() => undefined)));
    }
    send({ type: 'ready', online: terms.filter((t) => t.sim.online).length });
  };

  let cpu0 = process.cpuUsage();
  let cpuInWindow = 0;
  process.on('message', (m: ToChild) => {
    if (m.type === 'load') {
      load(m.options).catch((err: unknown) => send({ type: 'error', message: String(err) }));
    } else if (m.type === 'go') {
      running = true;
      cpu0 = process.cpuUsage();
      for (const t of terms) if (t.sim.online) for (let w = 0; w < options.window; w++) t.send();
    } else if (m.type === 'stop') {
      running = false;
      ackedAtStop = acked;
      const c = process.cpuUsage(cpu0);
      cpuInWindow = c.user + c.system;
      void (async () => {
        const deadline = Date.now() + 30_000;
        while (acked + failed < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        send({
          type: 'result',
          result: {
            online: terms.filter((t) => t.sim.online).length,
            sent,
            acked,
            ackedInWindow: ackedAtStop,
            failed,
            heartbeatsAcked: heartbeats,
            cpuMicros: cpuInWindow,
            rss: process.memoryUsage().rss,
            latency: hist.counts,
          },
        });
      })();
    }
  });
}

if (process.argv.includes('--sim-child')) child();
