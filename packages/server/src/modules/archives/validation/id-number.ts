/**
 * Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth
 * date YYYYMMDD, 3-digit sequence (odd = male, even = female) and a check character
 * (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, result 10 written as X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check';

export interface IdNumberInfo {
  /** Address code of first registration. */
  division: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function checkIdNumber(id: string, today: Date = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    birth.getUTCFullYear() !== y ||
    birth.getUTCMonth() !== m - 1 ||
    birth.getUTCDate() !== d ||
    birth.getTime() > today.getTime()
  ) {
    return 'birth_date';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

/** Birth date and sex derived from a valid number. */
export function idNumberInfo(id: string): IdNumberInfo {
  return {
    division: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Age in whole years on the given day (Asia/Shanghai calendar days are what the card shows). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
