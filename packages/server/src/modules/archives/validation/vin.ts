/**
 * Vehicle identification number (车辆识别代号), GB 16735 / ISO 3779: 17 characters without I, O
 * and Q; position 9 is a check character (required in China), the weighted sum of the
 * transliterated characters mod 11, with 10 written as X.
 */

const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}; // prettier-ignore
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export type VinProblem = 'length' | 'charset' | 'check';

function value(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : VALUES[c]!;
}

export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += value(vin[i]!) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function checkVin(vin: string): VinProblem | null {
  if (vin.length !== 17) return 'length';
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return 'charset';
  if (vinCheckChar(vin) !== vin[8]) return 'check';
  return null;
}

/** Puts the right check character at position 9 (for demo data and tests). */
export function withVinCheck(vin: string): string {
  const draft = `${vin.slice(0, 8)}0${vin.slice(9)}`;
  return `${vin.slice(0, 8)}${vinCheckChar(draft)}${vin.slice(9)}`;
}
