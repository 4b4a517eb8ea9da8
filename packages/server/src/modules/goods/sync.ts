/**
 * Keeps the database's built-in catalogue rows in step with `builtin.ts`: inserts missing UN
 * numbers and refreshes rows that are still `builtin`; never touches imported or manual rows.
 * One statement for the whole list: every app start (and every test app) runs it.
 */
import type { Queryable } from '../../platform/db/db.js';
import { builtinGoods } from './builtin.js';

export async function syncBuiltinGoods(db: Queryable): Promise<number> {
  const rows = builtinGoods.map((g) => ({
    un_number: g.unNumber,
    name_zh: g.nameZh,
    name_en: g.nameEn,
    aliases_zh: g.aliasesZh ?? [],
    hazard_class: g.hazardClass,
    compatibility_group: g.compatibilityGroup ?? null,
    subsidiary_risks: g.subsidiaryRisks,
    packing_groups: g.packingGroups,
    special: g.special,
    physical_state: g.physicalState,
    density_kg_per_l: g.densityKgPerL,
    erg_guide: g.ergGuide,
    card_key: g.cardKey,
    card: g.card ?? {},
  }));
  const res = await db.query(
    `INSERT INTO goods (un_number, name_zh, name_en, aliases_zh, hazard_class, compatibility_group,
                        subsidiary_risks, packing_groups, special, physical_state, density_kg_per_l,
                        erg_guide, card_key, card, source)
     SELECT un_number, name_zh, name_en, aliases_zh, hazard_class, compatibility_group, subsidiary_risks,
            packing_groups, special, physical_state, density_kg_per_l, erg_guide, card_key, card, 'builtin'
       FROM jsonb_to_recordset($1::jsonb) AS x(
              un_number text, name_zh text, name_en text, aliases_zh text[], hazard_class text,
              compatibility_group text, subsidiary_risks text[], packing_groups text[], special text[],
              physical_state text, density_kg_per_l double precision, erg_guide text, card_key text, card jsonb)
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
    [JSON.stringify(rows)],
  );
  return res.rowCount;
}
