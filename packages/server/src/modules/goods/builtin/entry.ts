/**
 * A compact way to write a built-in catalogue row. Facts from the UN Model Regulations Dangerous
 * Goods List (class or division, subsidiary risks, packing groups; the same in GB 12268 and
 * JT/T 617.3) and the ERG yellow pages (guide number; the ERG's "P" polymerisation suffix is
 * dropped, the table keeps three digits). Densities are typical values of the product as carried.
 * Where the facts of a number were not certain it was left out, not guessed.
 */
import type { PackingGroup, SpecialCategory } from '../facts.js';
import type { BuiltinGoods } from '../builtin.js';
import type { CardOverride } from '../cards/types.js';

export interface EntryOptions {
  sub?: string[];
  aliases?: string[];
  special?: SpecialCategory[];
  density?: number;
  /** Class 1 compatibility group (配装组). */
  group?: string;
  /** Where the substance's card differs from its template (distances, a note). */
  card?: CardOverride;
}

/**
 * `pgs` lists the packing groups ('I,II,III', or '' where the regulations assign none); `cls` is a
 * class or division, with class 1's compatibility group given apart in `opts.group`.
 */
export function entry(
  un: string,
  nameZh: string,
  nameEn: string,
  cls: string,
  pgs: string,
  state: BuiltinGoods['physicalState'],
  erg: string,
  cardKey: string,
  opts: EntryOptions = {},
): BuiltinGoods {
  return {
    unNumber: un,
    nameZh,
    nameEn,
    hazardClass: cls,
    subsidiaryRisks: opts.sub ?? [],
    packingGroups: pgs === '' ? [] : (pgs.split(',') as PackingGroup[]),
    special: opts.special ?? [],
    physicalState: state,
    densityKgPerL: opts.density ?? null,
    ergGuide: erg,
    cardKey,
    ...(opts.aliases ? { aliasesZh: opts.aliases } : {}),
    ...(opts.group ? { compatibilityGroup: opts.group } : {}),
    ...(opts.card ? { card: opts.card } : {}),
  };
}
