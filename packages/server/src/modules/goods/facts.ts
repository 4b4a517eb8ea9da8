/**
 * The catalogue's contract for other modules (waybills, rules, the console): the facts of a UN
 * number that checks depend on. `lookupGoods` is the one way to read them.
 */
import type { Queryable } from '../../platform/db/db.js';

export type PackingGroup = 'I' | 'II' | 'III';
export const specialCategories = [
  'highly_toxic', // 剧毒化学品
  'explosive_precursor', // 易制爆危险化学品
  'explosive', // 爆炸品
  'radioactive', // 放射性物品
  'hazardous_waste', // 危险废物
] as const;
export type SpecialCategory = (typeof specialCategories)[number];

export interface GoodsFacts {
  unNumber: string;
  nameZh: string;
  nameEn: string;
  /** GB 6944 class or division: '3', '2.1', '6.1', '1.1'. */
  hazardClass: string;
  subsidiaryRisks: string[];
  /** Empty where the regulations assign none (class 2, class 7, most of class 1). */
  packingGroups: PackingGroup[];
  special: SpecialCategory[];
  physicalState: 'gas' | 'liquid' | 'solid';
  densityKgPerL: number | null;
  ergGuide: string | null;
}

/** The class number (1–9) of a class or division. */
export function classOf(hazardClass: string): number {
  return Number(hazardClass.split('.')[0]);
}

interface GoodsRow {
  un_number: string;
  name_zh: string;
  name_en: string;
  hazard_class: string;
  subsidiary_risks: string[];
  packing_groups: PackingGroup[];
  special: SpecialCategory[];
  physical_state: GoodsFacts['physicalState'];
  density_kg_per_l: number | null;
  erg_guide: string | null;
}

/** Facts for the given UN numbers; numbers not in the catalogue are absent from the map. */
export async function lookupGoods(
  db: Queryable,
  unNumbers: readonly string[],
): Promise<Map<string, GoodsFacts>> {
  const out = new Map<string, GoodsFacts>();
  if (unNumbers.length === 0) return out;
  const { rows } = await db.query<GoodsRow>(
    `SELECT un_number, name_zh, name_en, hazard_class, subsidiary_risks, packing_groups, special,
            physical_state, density_kg_per_l, erg_guide
       FROM goods WHERE un_number = ANY($1::text[])`,
    [[...new Set(unNumbers)]],
  );
  for (const r of rows) {
    out.set(r.un_number, {
      unNumber: r.un_number,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      hazardClass: r.hazard_class,
      subsidiaryRisks: r.subsidiary_risks,
      packingGroups: r.packing_groups,
      special: r.special,
      physicalState: r.physical_state,
      densityKgPerL: r.density_kg_per_l,
      ergGuide: r.erg_guide,
    });
  }
  return out;
}
