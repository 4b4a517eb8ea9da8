/**
 * Keeps the database's built-in catalogue rows in step with `builtin.ts`: inserts missing UN
 * numbers and refreshes rows that are still `builtin`; never touches imported or manual rows.
 */
import type { Queryable } from '../../platform/db/db.js';
import { builtinGoods } from './builtin.js';

export async function syncBuiltinGoods(db: Queryable): Promise<number> {
  let changed = 0;
  for (const g of builtinGoods) {
    const res = await db.query(
      `INSERT INTO goods (un_number, name_zh, name_en, aliases_zh, hazard_class, compatibility_group,
                          subsidiary_risks, packing_groups, special, physical_state, density_kg_per_l,
                          erg_guide, card_key, card, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, 'builtin')
       ON CONFLICT (un_number) DO UPDATE SET
         name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, aliases_zh = EXCLUDED.aliases_zh,
         hazard_class = EXCLUDED.hazard_class, compatibility_group = EXCLUDED.compatibility_group,
         subsidiary_risks = EXCLUDED.subsidiary_risks, packing_groups = EXCLUDED.packing_groups,
         special = EXCLUDED.special, physical_state = EXCLUDED.physical_state,
         density_kg_per_l = EXCLUDED.density_kg_per_l, erg_guide = EXCLUDED.erg_guide,
         card_key = EXCLUDED.card_key, card = EXCLUDED.card, version = goods.version + 1, updated_at = now()
       WHERE goods.source = 'builtin' AND (goods.name_zh, goods.name_en, goods.aliases_zh, goods.hazard_class,
         goods.compatibility_group, goods.subsidiary_risks, goods.packing_groups, goods.special,
         goods.physical_state, goods.density_kg_per_l, goods.erg_guide, goods.card_key, goods.card)
         IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.aliases_zh, EXCLUDED.hazard_class,
         EXCLUDED.compatibility_group, EXCLUDED.subsidiary_risks, EXCLUDED.packing_groups, EXCLUDED.special,
         EXCLUDED.physical_state, EXCLUDED.density_kg_per_l, EXCLUDED.erg_guide, EXCLUDED.card_key, EXCLUDED.card)`,
      [
        g.unNumber,
        g.nameZh,
        g.nameEn,
        g.aliasesZh ?? [],
        g.hazardClass,
        g.compatibilityGroup ?? null,
        g.subsidiaryRisks,
        g.packingGroups,
        g.special,
        g.physicalState,
        g.densityKgPerL,
        g.ergGuide,
        g.cardKey,
        JSON.stringify(g.card ?? {}),
      ],
    );
    changed += res.rowCount;
  }
  return changed;
}
