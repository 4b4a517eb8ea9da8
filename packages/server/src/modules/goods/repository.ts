/**
 * The catalogue's reads and writes. The catalogue is city-wide reference data (not scoped to a
 * company or district): every holder of goods:read sees all of it, and only goods:write changes it.
 */
import type { Queryable } from '../../platform/db/db.js';
import type { CardOverride } from './cards/types.js';
import type { PackingGroup, SpecialCategory } from './facts.js';
import type { GoodsValues } from './validate.js';

export interface GoodsRecord extends GoodsValues {
  source: 'builtin' | 'import' | 'manual';
  version: number;
  updatedAt: string;
}

const columns = `un_number, name_zh, name_en, aliases_zh, hazard_class, compatibility_group, subsidiary_risks,
  packing_groups, special, physical_state, density_kg_per_l, erg_guide, card_key, card, source, version, updated_at`;

interface Row {
  un_number: string;
  name_zh: string;
  name_en: string;
  aliases_zh: string[];
  hazard_class: string;
  compatibility_group: string | null;
  subsidiary_risks: string[];
  packing_groups: PackingGroup[];
  special: SpecialCategory[];
  physical_state: GoodsRecord['physicalState'];
  density_kg_per_l: number | null;
  erg_guide: string | null;
  card_key: string;
  card: CardOverride;
  source: GoodsRecord['source'];
  version: number;
  updated_at: Date | string;
}

function toRecord(r: Row): GoodsRecord {
  return {
    unNumber: r.un_number,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    aliasesZh: r.aliases_zh,
    hazardClass: r.hazard_class,
    compatibilityGroup: r.compatibility_group,
    subsidiaryRisks: r.subsidiary_risks,
    packingGroups: r.packing_groups,
    special: r.special,
    physicalState: r.physical_state,
    densityKgPerL: r.density_kg_per_l === null ? null : Number(r.density_kg_per_l),
    ergGuide: r.erg_guide,
    cardKey: r.card_key,
    card: r.card ?? {},
    source: r.source,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface GoodsQuery {
  /** UN number (with or without "UN"), or part of the Chinese or English name or an alias. */
  q?: string;
  /** A class ('2': every division of it) or a division ('2.1'). */
  hazardClass?: string;
  special?: SpecialCategory;
  page?: number;
  pageSize?: number;
}

export async function listGoods(
  db: Queryable,
  query: GoodsQuery,
): Promise<{ items: GoodsRecord[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const q = query.q?.trim();
  if (q) {
    const un = /^(?:UN\s*)?([0-9]{1,4})$/i.exec(q)?.[1];
    params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const like = `$${params.length}`;
    const parts = [
      `name_zh ILIKE ${like}`,
      `name_en ILIKE ${like}`,
      `EXISTS (SELECT 1 FROM unnest(aliases_zh) a WHERE a ILIKE ${like})`,
    ];
    if (un) {
      params.push(`${un}%`);
      parts.push(`un_number LIKE $${params.length}`);
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  if (query.hazardClass) {
    params.push(query.hazardClass);
    where.push(`(hazard_class = $${params.length} OR split_part(hazard_class, '.', 1) = $${params.length})`);
  }
  if (query.special) {
    params.push(query.special);
    where.push(`$${params.length} = ANY(special)`);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const pageSize = query.pageSize ?? 50;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const { rows } = await db.query<Row & { total: string }>(
    `SELECT ${columns}, count(*) OVER () AS total FROM goods ${filter}
      ORDER BY un_number LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && offset > 0) {
    const c = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM goods ${filter}`, params);
    total = Number(c.rows[0]?.n ?? 0);
  }
  return { items: rows.map(toRecord), total };
}

export async function getGoods(db: Queryable, unNumber: string, lock = false): Promise<GoodsRecord | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM goods WHERE un_number = $1${lock ? ' FOR UPDATE' : ''}`,
    [unNumber],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Inserts or replaces an entry from a person's edit ('manual') or an import ('import'). An import
 * keeps the row's own card override when the file says nothing of it.
 */
export async function upsertGoods(
  db: Queryable,
  v: GoodsValues,
  source: 'manual' | 'import',
  keepCard: boolean,
): Promise<GoodsRecord> {
  const { rows } = await db.query<Row>(
    `INSERT INTO goods (un_number, name_zh, name_en, aliases_zh, hazard_class, compatibility_group, subsidiary_risks,
                        packing_groups, special, physical_state, density_kg_per_l, erg_guide, card_key, card, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15)
     ON CONFLICT (un_number) DO UPDATE SET
       name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, aliases_zh = EXCLUDED.aliases_zh,
       hazard_class = EXCLUDED.hazard_class, compatibility_group = EXCLUDED.compatibility_group,
       subsidiary_risks = EXCLUDED.subsidiary_risks, packing_groups = EXCLUDED.packing_groups,
       special = EXCLUDED.special, physical_state = EXCLUDED.physical_state,
       density_kg_per_l = EXCLUDED.density_kg_per_l, erg_guide = EXCLUDED.erg_guide, card_key = EXCLUDED.card_key,
       card = ${keepCard ? 'goods.card' : 'EXCLUDED.card'}, source = EXCLUDED.source,
       version = goods.version + 1, updated_at = now()
     RETURNING ${columns}`,
    [
      v.unNumber,
      v.nameZh,
      v.nameEn,
      v.aliasesZh,
      v.hazardClass,
      v.compatibilityGroup,
      v.subsidiaryRisks,
      v.packingGroups,
      v.special,
      v.physicalState,
      v.densityKgPerL,
      v.ergGuide,
      v.cardKey,
      JSON.stringify(v.card),
      source,
    ],
  );
  return toRecord(rows[0]!);
}

/** Full rows of several UN numbers (for the emergency card of a waybill). */
export async function goodsByUnNumber(
  db: Queryable,
  unNumbers: readonly string[],
): Promise<Map<string, GoodsRecord>> {
  const out = new Map<string, GoodsRecord>();
  if (unNumbers.length === 0) return out;
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM goods WHERE un_number = ANY($1::text[])`, [
    [...new Set(unNumbers)],
  ]);
  for (const r of rows) out.set(r.un_number, toRecord(r));
  return out;
}
