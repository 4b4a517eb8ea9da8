import { panjinDistricts, type District } from './demo/panjin-2020.js';

/**
 * The city's districts (县区). Weiyun is modelled on Panjin; a bureau elsewhere replaces this list.
 */
export const districts: readonly District[] = panjinDistricts;

export function districtByCode(code: string): District | undefined {
  return districts.find((d) => d.code === code);
}
