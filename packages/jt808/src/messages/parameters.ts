// Terminal parameters (JT/T 808-2019 §8.10 Table 14): id DWORD, length BYTE, value. The ids a
// supervision platform sets are typed below; any other id, or a typed id with an unexpected length,
// keeps its bytes.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

type ParamKind = 'u32' | 'u16' | 'u8' | 'text';

interface ParamDef {
  name: string;
  kind: ParamKind;
}

/** Typed parameter ids, with units in the names. */
export const PARAMETERS: Readonly<Record<number, ParamDef>> = {
  0x0001: { name: 'heartbeatIntervalS', kind: 'u32' }, // 终端心跳发送间隔 s
  0x0020: { name: 'reportStrategy', kind: 'u32' }, // 位置汇报策略: 0 定时, 1 定距, 2 定时+定距
  0x0027: { name: 'sleepReportIntervalS', kind: 'u32' }, // 休眠时汇报时间间隔 s
  0x0028: { name: 'emergencyReportIntervalS', kind: 'u32' }, // 紧急报警时汇报时间间隔 s
  0x0029: { name: 'defaultReportIntervalS', kind: 'u32' }, // 缺省时间汇报间隔 s
  0x0055: { name: 'maxSpeedKmh', kind: 'u32' }, // 最高速度 km/h
  0x0056: { name: 'overspeedDurationS', kind: 'u32' }, // 超速持续时间 s
  0x0057: { name: 'continuousDrivingLimitS', kind: 'u32' }, // 连续驾驶时间门限 s
  0x0058: { name: 'dailyDrivingLimitS', kind: 'u32' }, // 当天累计驾驶时间门限 s
  0x0059: { name: 'minRestS', kind: 'u32' }, // 最小休息时间 s
  0x005a: { name: 'maxParkingS', kind: 'u32' }, // 最长停车时间 s
  0x005b: { name: 'overspeedWarningDelta', kind: 'u16' }, // 超速报警预警差值, 1/10 km/h (kept raw units)
  0x005c: { name: 'fatigueWarningDeltaS', kind: 'u16' }, // 疲劳驾驶预警差值 s
  0x0083: { name: 'plate', kind: 'text' }, // 机动车号牌 (GBK)
  0x0084: { name: 'plateColor', kind: 'u8' }, // 车牌颜色 (JT/T 415)
};

/** A parameter: number or text for typed ids, bytes for the rest. */
export interface TerminalParameter {
  id: number;
  value: number | string | Uint8Array;
}

const SIZE: Record<Exclude<ParamKind, 'text'>, number> = { u32: 4, u16: 2, u8: 1 };

export function parameterName(id: number): string | undefined {
  return PARAMETERS[id]?.name;
}

export function readParameters(r: Reader, count: number): TerminalParameter[] {
  const out: TerminalParameter[] = [];
  for (let i = 0; i < count; i++) {
    const id = r.u32();
    const length = r.u8();
    const def = PARAMETERS[id];
    if (def === undefined || (def.kind !== 'text' && SIZE[def.kind] !== length)) {
      out.push({ id, value: r.bytes(length) });
    } else if (def.kind === 'text') out.push({ id, value: r.text(length) });
    else out.push({ id, value: def.kind === 'u32' ? r.u32() : def.kind === 'u16' ? r.u16() : r.u8() });
  }
  return out;
}

export function writeParameters(w: Writer, params: readonly TerminalParameter[]): void {
  for (const p of params) {
    w.u32(p.id);
    const v = p.value;
    if (v instanceof Uint8Array) w.u8(v.length).bytes(v);
    else if (typeof v === 'string') w.text8(v);
    else {
      const kind = PARAMETERS[p.id]?.kind ?? 'u32';
      if (kind === 'u16') w.u8(2).u16(v);
      else if (kind === 'u8') w.u8(1).u8(v);
      else w.u8(4).u32(v);
    }
  }
}
