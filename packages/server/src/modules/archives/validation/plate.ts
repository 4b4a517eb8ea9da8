/**
 * Chinese plate numbers (GA 36): a province abbreviation, the issuing-authority letter, then five
 * characters (letters without I and O, digits), or six for new-energy vehicles (the first or the
 * last is D or F). Trailers carry four characters and 挂. Hazmat vehicles carry yellow plates:
 * colour code 2 in JT/T 808 / JT/T 415 (1 blue, 2 yellow, 3 black, 4 white, 9 other).
 */

export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

export const plateColours = { blue: 1, yellow: 2, black: 3, white: 4, other: 9 } as const;
export type PlateColour = keyof typeof plateColours;

export type PlateKind = 'ordinary' | 'new_energy' | 'trailer';
export type PlateProblem = 'province' | 'authority' | 'format';

const BODY = '[A-HJ-NP-Z0-9]';
const ORDINARY = new RegExp(`^${BODY}{5}$`);
const NEW_ENERGY = new RegExp(`^([DF]${BODY}{5}|${BODY}{5}[DF])$`);
const TRAILER = new RegExp(`^${BODY}{4}挂$`);

export function plateKind(plate: string): PlateKind | PlateProblem {
  const chars = [...plate];
  if (chars.length < 2 || !PROVINCES.includes(chars[0]!)) return 'province';
  if (!/^[A-HJ-NP-Z]$/.test(chars[1]!)) return 'authority';
  const rest = chars.slice(2).join('');
  if (TRAILER.test(rest)) return 'trailer';
  if (ORDINARY.test(rest)) return 'ordinary';
  if (NEW_ENERGY.test(rest)) return 'new_energy';
  return 'format';
}

/** Returns null when the plate is well-formed, or what is wrong with it. */
export function checkPlate(plate: string): PlateProblem | null {
  const k = plateKind(plate);
  return k === 'ordinary' || k === 'new_energy' || k === 'trailer' ? null : k;
}

/** Upper-cases Latin letters and removes spaces, dots and dashes people type into plates. */
export function normalizePlate(input: string): string {
  return input.replace(/[\s.·-]/g, '').toUpperCase();
}
