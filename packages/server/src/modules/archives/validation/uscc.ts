/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-letter
 * alphabet (no I, O, Z, S, V). Position 1 is the registration authority, 2 the organisation
 * type, 3–8 the administrative division (GB/T 2260), 9–17 the organisation code (GB 11714, with
 * its own check character at 17), and 18 the check character over positions 1–17.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 §4.3: weight of position i is 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997: organisation code check character over its first 8 characters.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem = 'length' | 'charset' | 'division' | 'org_check' | 'check';

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const r = 31 - (sum % 31);
  return ALPHABET[r === 31 ? 0 : r]!;
}

function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i]!;
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55; // A = 10
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** Returns null when valid, or the first problem found. */
export function checkUscc(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const c of code) if (!ALPHABET.includes(c)) return 'charset';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  // Positions 9–17 are an organisation code whose own check character is position 17. Codes
  // issued to individual businesses may carry other values there, so this is checked only for
  // enterprise registrations (authority 9 = 工商, type 1/2/3 = company / individual-owned / …).
  if (code[0] === '9' && code[1] === '1' && orgCodeCheckChar(code.slice(8, 16)) !== code[16])
    return 'org_check';
  return null;
}

/** The 6-digit administrative division code inside a USCC (e.g. 211100 for Panjin). */
export function usccDivision(code: string): string {
  return code.slice(2, 8);
}

/** Builds a valid USCC from its parts (for demo data and tests). */
export function makeUscc(authorityAndType: string, division: string, orgBody8: string): string {
  const org = orgBody8 + orgCodeCheckChar(orgBody8);
  const first17 = authorityAndType + division + org;
  return first17 + usccCheckChar(first17);
}
