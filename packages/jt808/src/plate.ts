// Plate colours (JT/T 415 / JT/T 808 车牌颜色; JT/T 809 adds 91–94) and plate text helpers.
import { decodeGbk, encodeGbk } from './gbk.js';

export const PlateColor = {
  none: 0, // 未上牌 (vehicle identified by VIN)
  blue: 1, // 蓝
  yellow: 2, // 黄: hazmat trucks normally carry yellow plates
  black: 3, // 黑
  white: 4, // 白
  green: 5, // 绿 (new-energy, 2019)
  other: 9, // 其他
  agriculturalYellow: 91, // 农黄
  agriculturalGreen: 92, // 农绿
  yellowGreen: 93, // 黄绿
  gradientGreen: 94, // 渐变绿
} as const;

export type PlateColorName = keyof typeof PlateColor;

const NAMES = new Map<number, PlateColorName>(
  Object.entries(PlateColor).map(([k, v]) => [v, k as PlateColorName] as const),
);
const ZH: Record<PlateColorName, string> = {
  none: '未上牌',
  blue: '蓝色',
  yellow: '黄色',
  black: '黑色',
  white: '白色',
  green: '绿色',
  other: '其他',
  agriculturalYellow: '农黄色',
  agriculturalGreen: '农绿色',
  yellowGreen: '黄绿色',
  gradientGreen: '渐变绿',
};

export function plateColorName(code: number): PlateColorName | undefined {
  return NAMES.get(code);
}

export function plateColorLabel(code: number): string {
  const name = NAMES.get(code);
  return name ? ZH[name] : `未知(${code})`;
}

/** Normalises a plate for comparison: trims, drops spaces, dots and dashes, upper-cases latin letters. */
export function normalizePlate(plate: string): string {
  return plate
    .replace(/[\s·.-]/g, '')
    .split(String.fromCharCode(0))
    .join('')
    .toUpperCase();
}

/**
 * Whether text looks like a Chinese civil plate: province character, a letter, then 5 (ordinary)
 * or 6 (new-energy) letters/digits, optionally ending in 挂/学/警/港/澳 (a trailer plate ends in 挂).
 */
export function isPlate(plate: string): boolean {
  return /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/.test(
    normalizePlate(plate),
  );
}

export function encodePlate(plate: string): Uint8Array {
  return encodeGbk(plate);
}

export function decodePlate(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return decodeGbk(bytes, 0, end);
}
