/**
 * One simulated JT/T 808 terminal: a real TCP client speaking 2013 or 2019 over the wire. It
 * registers (once; the auth code is kept), authenticates on every connection, heartbeats, reports
 * fixes, keeps every fix until the platform's 0x8001 for it arrives, and after a reconnection
 * sends what was not acknowledged as 0x0704 blind-area batches (盲区补报). It answers platform
 * commands: 0x8300 text, 0x8103/0x8104 parameters, 0x8201 location query, 0x8202 tracking. A driver's
 * IC card in its reader is reported as 0x0702 when it goes in or out, and again after every
 * authentication (a new connection is a new session: the platform knows no card on it).
 */
import { connect, type Socket } from 'node:net';
import {
  createFramer,
  decodePacket,
  encode,
  type DriverIdentity,
  type Edition,
  type Location,
  type LocationExtra,
  type Message,
  type TerminalParameter,
} from '@weiyun/jt808';

export interface SimFix {
  time: number;
  lat: number;
  lon: number;
  speedKmh: number;
  heading: number;
  altitude: number;
  alarm?: number;
  /** Status bits beyond ACC/positioned, e.g. to mark a fix unpositioned. */
  status?: number;
  mileageKm?: number;
  /** Further location extras (e.g. 苏标 0x64 ADAS / 0x65 DSM events). */
  extras?: LocationExtra[];
}

export interface SimTerminalOptions {
  host: string;
  port: number;
  /** Local address to connect from (e.g. 127.0.0.2, so many terminals on one host do not run out of ports). */
  localAddress?: string;
  /** The archive's phone number (digits); zero-padded to 12 (2013) or 20 (2019) in the header. */
  phone: string;
  edition: Edition;
  plate: string;
  plateColor: number;
  terminalCode: string;
  /** Ask for a fresh auth code when the platform refuses the kept one. */
  heartbeatMs?: number;
  /** Answers to 0x8104 (query parameters). */
  parameters?: TerminalParameter[];
  /** Called with every platform message (for tests and logs). */
  onMessage?: (m: Message) => void;
  /** Platform messages this terminal reads but never answers (a faulty terminal, for tests). */
  ignore?: (m: Message) => boolean;
  /** The terminal's clock (epoch ms) for the time of its 0x0702 reports; default Date.now. */
  now?: () => number;
}

/**
 * What a driver's IC card (从业资格证 IC 卡) holds, as the reader reports it in 0x0702: the name,
 * the certificate's number (at most 20 characters), issuer and expiry (YYYYMMDD), and the ID
 * number, which only 2019 terminals carry.
 */
export type DriverCard = Required<
  Pick<DriverIdentity, 'driverName' | 'certificateNumber' | 'issuingAuthority' | 'expiry' | 'idNumber'>
>;

interface Outstanding {
  serial: number;
  fixes: SimFix[];
  /** 0x0200 (one fix) or 0x0704 (a batch). */
  kind: 0x0200 | 0x0704;
}

const BATCH_MAX = 30;

export class SimTerminal {
  authCode: string | null = null;
  state: 'idle' | 'connecting' | 'registering' | 'authenticating' | 'online' | 'refused' = 'idle';
  /** Last register result (0x8100) when refused. */
  refusal: number | null = null;
  /** Fixes the platform acknowledged (0x8001 result 0), in order of acknowledgement. */
  readonly acknowledged: SimFix[] = [];
  /** Fixes not yet acknowledged, oldest first (the blind-area memory). */
  readonly unacked: SimFix[] = [];
  readonly texts: string[] = [];
  trackingIntervalS = 0;
  sentFrames = 0;
  private socket: Socket | undefined;
  private serial = 0;
  private readonly inFlight = new Map<number, Outstanding>();
  private heartbeat: NodeJS.Timeout | undefined;
  private waiters: { cond: () => boolean; resolve: () => void }[] = [];
  private lastFix: SimFix | undefined;
  private readonly headerPhone: string;
  private card: DriverCard | null = null;

  constructor(readonly options: SimTerminalOptions) {
    this.headerPhone = options.phone.padStart(options.edition === 2019 ? 20 : 12, '0');
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /** Connects, registers when it has no auth code, authenticates, then resends what is unacknowledged. */
  async connect(): Promise<void> {
    this.state = 'connecting';
    const { host, port, localAddress } = this.options;
    const socket = connect({ host, port, noDelay: true, ...(localAddress ? { localAddress } : {}) });
    this.socket = socket;
    const framer = createFramer({
      onFrame: (packet) => {
        const r = decodePacket(packet);
        if (r.ok) this.onMessage(r.message, r.header.serial);
      },
      maxFrameLength: 4096,
    });
    socket.on('data', (c) => framer.push(c));
    const closed = (): void => this.onClose(socket);
    socket.on('close', closed);
    socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    if (this.authCode === null) {
      this.state = 'registering';
      this.sendMessage({
        type: 'register',
        layout: this.options.edition === 2019 ? '2019' : '2013',
        province: 21,
        city: 1100,
        manufacturer: 'WYSIM',
        model: 'SIM-808',
        terminalId: this.options.terminalCode,
        plateColor: this.options.plateColor,
        plate: this.options.plate,
      } as Message);
      await this.until(() => this.state !== 'registering');
      if ((this.state as SimTerminal['state']) !== 'authenticating' || this.authCode === null) {
        // Refused, or the connection closed before the answer.
        socket.destroy();
        return;
      }
    }
    this.state = 'authenticating';
    const auth: Message =
      this.options.edition === 2019
        ? {
            type: 'authentication',
            authCode: this.authCode!,
            imei: '860000000000000',
            softwareVersion: 'sim-1.0',
          }
        : { type: 'authentication', authCode: this.authCode! };
    const authSerial = this.sendMessage(auth);
    this.authSerial = authSerial;
    await this.until(() => this.state !== 'authenticating');
    if (!this.online) return;
    const hb = this.options.heartbeatMs ?? 60_000;
    this.heartbeat = setInterval(() => this.sendMessage({ type: 'heartbeat' }), hb);
    this.heartbeat.unref();
    // The card first: the fixes resent next were taken with it in the reader.
    if (this.card) this.reportCard();
    this.resendUnacked();
  }

  /** The card in the reader (null: none). */
  get driverCard(): DriverCard | null {
    return this.card;
  }

  /** Puts a driver's card in the reader, or pulls it (null); reported at once (0x0702) when online. */
  setDriverCard(card: DriverCard | null): void {
    const had = this.card;
    this.card = card;
    if (this.online && (card !== null || had !== null)) this.reportCard();
  }

  private reportCard(): void {
    const time = (this.options.now ?? Date.now)();
    const c = this.card;
    this.sendMessage(
      c
        ? {
            type: 'driverIdentity',
            status: 1,
            time,
            readResult: 0,
            driverName: c.driverName,
            certificateNumber: c.certificateNumber,
            issuingAuthority: c.issuingAuthority,
            expiry: c.expiry,
            idNumber: c.idNumber,
          }
        : { type: 'driverIdentity', status: 2, time },
    );
  }

  private authSerial = -1;

  /** Reports one fix now (0x0200); it stays in memory until acknowledged. */
  report(fix: SimFix): void {
    this.lastFix = fix;
    this.unacked.push(fix);
    if (!this.online) return;
    const serial = this.sendMessage({ type: 'locationReport', ...toLocation(fix) } as Message);
    this.inFlight.set(serial, { serial, fixes: [fix], kind: 0x0200 });
  }

  /** Drops the connection without logging out (a signal loss). */
  dropConnection(): void {
    this.socket?.destroy();
  }

  /** Loses power: the connection drops and the fixes not yet acknowledged are gone (no blind-area memory). */
  powerOff(): void {
    this.socket?.destroy();
    this.inFlight.clear();
    this.unacked.length = 0;
  }

  async logout(): Promise<void> {
    if (this.online) this.sendMessage({ type: 'logout' });
    await new Promise((r) => setTimeout(r, 20));
    this.socket?.destroy();
  }

  /** Resolves when cond() holds (checked on every platform message), or rejects after timeoutMs. */
  until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { cond, resolve: () => (clearTimeout(t), resolve()) };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(
          new Error(`terminal ${this.options.phone}: condition not met in ${timeoutMs} ms (${this.state})`),
        );
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Sends raw bytes (tests of hostile input on a good connection). */
  writeRaw(bytes: Uint8Array): void {
    this.socket?.write(bytes);
  }

  sendMessage(m: Message, serial = this.nextSerial()): number {
    const frame = encode(m, {
      phone: this.headerPhone,
      serial,
      edition: this.options.edition,
      protocolVersion: 1,
    });
    this.sentFrames++;
    const socket = this.socket;
    if (socket && !this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    socket?.write(frame);
    return serial;
  }

  private corked = false;

  private nextSerial(): number {
    const s = this.serial;
    this.serial = (this.serial + 1) & 0xffff;
    return s;
  }

  private resendUnacked(): void {
    this.inFlight.clear();
    const pending = this.unacked.slice();
    for (let i = 0; i < pending.length; i += BATCH_MAX) {
      const fixes = pending.slice(i, i + BATCH_MAX);
      const serial = this.sendMessage({
        type: 'locationBatch',
        dataType: 1,
        items: fixes.map(toLocation),
      } as Message);
      this.inFlight.set(serial, { serial, fixes, kind: 0x0704 });
    }
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.inFlight.clear();
    if (this.state !== 'refused') this.state = 'idle';
    this.notify();
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.cond());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private onMessage(m: Message, platformSerial: number): void {
    this.options.onMessage?.(m);
    if (this.options.ignore?.(m)) return;
    switch (m.type) {
      case 'registerResponse':
        if (m.result === 0) {
          this.authCode = m.authCode;
          this.state = 'authenticating';
        } else {
          this.refusal = m.result;
          this.state = 'refused';
        }
        break;
      case 'platformGeneralResponse': {
        if (m.replyId === 0x0102 && m.replySerial === this.authSerial) {
          if (m.result === 0) this.state = 'online';
          else {
            // The kept code is no longer valid: register again next time.
            this.authCode = null;
            this.state = 'idle';
            this.socket?.destroy();
          }
          break;
        }
        const out = this.inFlight.get(m.replySerial);
        if (out && m.replyId === out.kind && m.result === 0) {
          this.inFlight.delete(m.replySerial);
          for (const f of out.fixes) {
            const i = this.unacked.indexOf(f);
            if (i >= 0) this.unacked.splice(i, 1);
            this.acknowledged.push(f);
          }
        }
        break;
      }
      case 'textMessage':
        this.texts.push(m.text);
        this.ack(platformSerial, 0x8300, 0);
        break;
      case 'setParameters':
        this.ack(platformSerial, 0x8103, 0);
        break;
      case 'queryParameters':
        this.sendMessage({
          type: 'parametersResponse',
          replySerial: platformSerial,
          parameters: this.options.parameters ?? [{ id: 0x0001, value: 60 }],
        } as Message);
        break;
      case 'locationQuery': {
        const fix = this.lastFix ?? {
          time: Date.now(),
          lat: 41.12,
          lon: 122.07,
          speedKmh: 0,
          heading: 0,
          altitude: 3,
        };
        this.sendMessage({
          type: 'locationQueryResponse',
          replySerial: platformSerial,
          location: toLocation(fix),
        } as Message);
        break;
      }
      case 'trackingControl':
        this.trackingIntervalS = m.intervalS;
        this.ack(platformSerial, 0x8202, 0);
        break;
      default:
        break;
    }
    this.notify();
  }

  private ack(replySerial: number, replyId: number, result: number): void {
    this.sendMessage({ type: 'terminalGeneralResponse', replySerial, replyId, result });
  }
}

/** ACC on (bit 0) and positioned (bit 1). */
const STATUS_ACC_POSITIONED = 0b11;

export function toLocation(f: SimFix): Location {
  const mileage: LocationExtra[] =
    f.mileageKm === undefined ? [] : [{ kind: 'mileage', km: Math.round(f.mileageKm * 10) / 10 }];
  return {
    alarm: f.alarm ?? 0,
    status: f.status ?? (f.speedKmh > 0 ? STATUS_ACC_POSITIONED : 0b10),
    latitude: f.lat,
    longitude: f.lon,
    altitude: f.altitude,
    speedKmh: Math.round(f.speedKmh * 10) / 10,
    heading: Math.round(f.heading) % 360,
    time: Math.floor(f.time / 1000) * 1000,
    extras: f.extras ? [...mileage, ...f.extras] : mileage,
  };
}
