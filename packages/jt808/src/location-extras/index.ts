// The table of 0x0200 additional items (附加信息). Each item is id BYTE + length BYTE + value.
// An id we do not know, or a known id with a length its layout cannot have (vendors reuse ids), is kept
// raw by its stated length, so one odd item never breaks the items after it.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';
import { mileage, type MileageExtra } from './01-mileage.js';
import { fuel, type FuelExtra } from './02-fuel.js';
import { recorderSpeed, type RecorderSpeedExtra } from './03-recorder-speed.js';
import { manualAlarmEvent, type ManualAlarmEventExtra } from './04-manual-alarm-event.js';
import { overspeed, type OverspeedExtra } from './11-overspeed.js';
import { areaInOut, type AreaInOutExtra } from './12-area-in-out.js';
import { routeTime, type RouteTimeExtra } from './13-route-time.js';
import { videoAlarm, type VideoAlarmExtra } from './14-video-alarm.js';
import { videoSignalLoss, type VideoSignalLossExtra } from './15-video-signal-loss.js';
import { videoSignalBlocked, type VideoSignalBlockedExtra } from './16-video-signal-blocked.js';
import { storageFault, type StorageFaultExtra } from './17-storage-fault.js';
import { abnormalDriving, type AbnormalDrivingExtra } from './18-abnormal-driving.js';
import { vehicleSignals, type VehicleSignalsExtra } from './25-vehicle-signals.js';
import { ioStatus, type IoStatusExtra } from './2a-io-status.js';
import { analog, type AnalogExtra } from './2b-analog.js';
import { signalStrength, type SignalStrengthExtra } from './30-signal-strength.js';
import { satellites, type SatellitesExtra } from './31-satellites.js';
import { adas, type AdasExtra } from './64-adas.js';
import { dsm, type DsmExtra } from './65-dsm.js';
import { tpms, type TpmsExtra } from './66-tpms.js';
import { bsd, type BsdExtra } from './67-bsd.js';
import type { ExtraCodec } from './types.js';

/** An item kept as bytes: unknown id, or a length that does not fit the known layout. */
export interface RawExtra {
  kind: 'raw';
  id: number;
  bytes: Uint8Array;
}

/** Bytes after the last whole item (a stated length that runs past the body, or a lone id byte). */
export interface TrailingExtra {
  kind: 'trailing';
  bytes: Uint8Array;
}

export type LocationExtra =
  | MileageExtra
  | FuelExtra
  | RecorderSpeedExtra
  | ManualAlarmEventExtra
  | OverspeedExtra
  | AreaInOutExtra
  | RouteTimeExtra
  | VideoAlarmExtra
  | VideoSignalLossExtra
  | VideoSignalBlockedExtra
  | StorageFaultExtra
  | AbnormalDrivingExtra
  | VehicleSignalsExtra
  | IoStatusExtra
  | AnalogExtra
  | SignalStrengthExtra
  | SatellitesExtra
  | AdasExtra
  | DsmExtra
  | TpmsExtra
  | BsdExtra
  | RawExtra
  | TrailingExtra;

type AnyExtraCodec = ExtraCodec<{ kind: string }>;

const codecs = [
  mileage,
  fuel,
  recorderSpeed,
  manualAlarmEvent,
  overspeed,
  areaInOut,
  routeTime,
  videoAlarm,
  videoSignalLoss,
  videoSignalBlocked,
  storageFault,
  abnormalDriving,
  vehicleSignals,
  ioStatus,
  analog,
  signalStrength,
  satellites,
  adas,
  dsm,
  tpms,
  bsd,
] as unknown as AnyExtraCodec[];

const byId: (AnyExtraCodec | undefined)[] = new Array<AnyExtraCodec | undefined>(256).fill(undefined);
const byKind = new Map<string, AnyExtraCodec>();
for (const c of codecs) {
  byId[c.id] = c;
  byKind.set(c.kind, c);
}

/** Reads items until `end`. Never throws: anything odd becomes a raw or trailing item. */
export function readExtras(r: Reader, end: number): LocationExtra[] {
  const out: LocationExtra[] = [];
  const buf = r.buf;
  while (r.pos < end) {
    if (r.pos + 2 > end) {
      out.push({ kind: 'trailing', bytes: buf.slice(r.pos, end) });
      break;
    }
    const id = buf[r.pos]!;
    const length = buf[r.pos + 1]!;
    const valueStart = r.pos + 2;
    const valueEnd = valueStart + length;
    if (valueEnd > end) {
      out.push({ kind: 'trailing', bytes: buf.slice(r.pos, end) });
      break;
    }
    r.pos = valueStart;
    const codec = byId[id];
    let item: LocationExtra | undefined;
    if (codec !== undefined && codec.fits(length)) {
      const saved = r.end;
      r.end = valueEnd;
      try {
        const v = codec.decode(r, length) as LocationExtra;
        if (r.pos === valueEnd) item = v;
      } catch {
        // Falls through to raw: a malformed vendor item must not break the frame.
      }
      r.end = saved;
    }
    out.push(item ?? { kind: 'raw', id, bytes: buf.slice(valueStart, valueEnd) });
    r.pos = valueEnd;
  }
  return out;
}

export function writeExtras(w: Writer, extras: readonly LocationExtra[]): void {
  for (const e of extras) {
    if (e.kind === 'trailing') {
      w.bytes(e.bytes);
      continue;
    }
    if (e.kind === 'raw') {
      if (e.bytes.length > 0xff)
        throw new RangeError(`raw additional item 0x${e.id.toString(16)} exceeds 255 bytes`);
      w.u8(e.id).u8(e.bytes.length).bytes(e.bytes);
      continue;
    }
    const codec = byKind.get(e.kind)!;
    w.u8(codec.id).u8(0);
    const lengthAt = w.pos - 1;
    codec.encode(w, e);
    const length = w.pos - lengthAt - 1;
    if (length > 0xff)
      throw new RangeError(`additional item ${e.kind} is ${length} bytes; the length is a BYTE`);
    w.buf[lengthAt] = length;
  }
}

/** The additional item ids with a typed layout. */
export const KNOWN_EXTRA_IDS: readonly number[] = codecs.map((c) => c.id);

export * from './01-mileage.js';
export * from './02-fuel.js';
export * from './03-recorder-speed.js';
export * from './04-manual-alarm-event.js';
export * from './11-overspeed.js';
export * from './12-area-in-out.js';
export * from './13-route-time.js';
export * from './14-video-alarm.js';
export * from './15-video-signal-loss.js';
export * from './16-video-signal-blocked.js';
export * from './17-storage-fault.js';
export * from './18-abnormal-driving.js';
export * from './25-vehicle-signals.js';
export * from './2a-io-status.js';
export * from './2b-analog.js';
export * from './30-signal-strength.js';
export * from './31-satellites.js';
export * from './64-adas.js';
export * from './65-dsm.js';
export * from './66-tpms.js';
export * from './67-bsd.js';
export type { ActiveSafetyCommon } from './active-safety-common.js';
