/**
 * Validation of one catalogue entry, shared by the manual edit and the import: the UN number's
 * format, a real GB 6944 class or division, packing groups only where the class has them, class
 * 1's compatibility group, special categories, a known card template. Cells from a spreadsheet
 * come as text, so lists accept 、，,; separators and the Chinese labels.
 */
import type { Lang } from '../../errors.js';
import { cardKeys, defaultCardKey, overrideProblem } from './cards/index.js';
import type { CardOverride } from './cards/types.js';
import { specialCategories, type GoodsFacts, type PackingGroup, type SpecialCategory } from './facts.js';

export const hazardClasses = [
  '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '3', '4.1', '4.2', '4.3',
  '5.1', '5.2', '6.1', '6.2', '7', '8', '9',
] as const; // prettier-ignore
const subsidiaryClasses = ['1', '2.1', '2.2', '2.3', '3', '4.1', '4.2', '4.3', '5.1', '6.1', '8', '9'];
const compatibilityGroups = 'ABCDEFGHJKLNS';
/** Classes and divisions the regulations give no packing group. */
const noPackingGroup = (cls: string) => /^(1|2|7)(\.|$)/.test(cls) || cls === '5.2';

export const goodsReasons = {
  required: { zh: '必填', en: 'is required' },
  'un_number.format': { zh: 'UN编号应为4位数字（如 1203）', en: 'a UN number has 4 digits (e.g. 1203)' },
  'name.length': { zh: '名称过长', en: 'is too long' },
  'class.unknown': {
    zh: '不是 GB 6944 的类别或项别（如 3、2.1、6.1）',
    en: 'is not a GB 6944 class or division (e.g. 3, 2.1, 6.1)',
  },
  'subsidiary.unknown': {
    zh: '次要危险性不是有效的类别或项别',
    en: 'a subsidiary risk is not a valid class or division',
  },
  'subsidiary.same_as_class': {
    zh: '次要危险性不能与主类别相同',
    en: 'a subsidiary risk cannot repeat the class',
  },
  'packing_group.unknown': { zh: '包装类别应为 I、II 或 III', en: 'packing groups are I, II or III' },
  'packing_group.not_allowed': {
    zh: '该类别（第1类、第2类、5.2项、第7类）不划分包装类别',
    en: 'classes 1, 2, 7 and division 5.2 have no packing group',
  },
  'compatibility_group.required': {
    zh: '第1类须填写配装组（如 1.1D 的 D）',
    en: 'class 1 needs its compatibility group (the D of 1.1D)',
  },
  'compatibility_group.unknown': {
    zh: '配装组应为 A–H、J、K、L、N、S 之一',
    en: 'the compatibility group is one of A–H, J, K, L, N, S',
  },
  'compatibility_group.not_allowed': {
    zh: '只有第1类有配装组',
    en: 'only class 1 has a compatibility group',
  },
  'special.unknown': {
    zh: '特殊类别应为 剧毒、易制爆、爆炸品、放射性、危险废物',
    en: 'special categories are highly_toxic, explosive_precursor, explosive, radioactive, hazardous_waste',
  },
  'special.explosive_class': { zh: '“爆炸品”只适用于第1类', en: '"explosive" applies to class 1 only' },
  'special.radioactive_class': { zh: '“放射性”只适用于第7类', en: '"radioactive" applies to class 7 only' },
  'physical_state.unknown': {
    zh: '物理状态应为 气体、液体 或 固体',
    en: 'the physical state is gas, liquid or solid',
  },
  'density.range': {
    zh: '密度应为大于0且小于25的数值（kg/L）',
    en: 'the density is a number above 0 and below 25 (kg/L)',
  },
  'erg_guide.format': { zh: '应急指南编号应为111–174的3位数字', en: 'the guide number is 3 digits, 111–174' },
  'card_key.unknown': { zh: '不是已有的应急处置卡模板', en: 'is not a known emergency-card template' },
  'card.invalid': { zh: '应急卡覆盖项格式不正确', en: 'the card override is malformed' },
  'aliases.too_many': {
    zh: '别名最多20个，每个不超过100字',
    en: 'at most 20 aliases of up to 100 characters',
  },
  duplicate: { zh: '文件中该UN编号重复', en: 'this UN number appears twice in the file' },
  unknown_column: { zh: '不是可识别的列名', en: 'is not a known column' },
} as const satisfies Record<string, { zh: string; en: string }>;

export interface GoodsProblem {
  field: string;
  reason: string;
}

export function goodsProblemText(
  p: GoodsProblem,
  lang: Lang,
): { field: string; reason: string; message: string } {
  const text = (goodsReasons as Record<string, { zh: string; en: string }>)[p.reason];
  return { ...p, message: text ? text[lang] : p.reason };
}

/** A validated entry, ready to write: the facts, and what the catalogue keeps beside them. */
export interface GoodsValues extends GoodsFacts {
  aliasesZh: string[];
  compatibilityGroup: string | null;
  cardKey: string;
  card: CardOverride;
}

const specialLabels: Record<string, SpecialCategory> = {
  剧毒: 'highly_toxic',
  剧毒化学品: 'highly_toxic',
  易制爆: 'explosive_precursor',
  易制爆危险化学品: 'explosive_precursor',
  爆炸品: 'explosive',
  放射性: 'radioactive',
  放射性物品: 'radioactive',
  危险废物: 'hazardous_waste',
};
const stateLabels: Record<string, GoodsValues['physicalState']> = {
  气体: 'gas',
  气: 'gas',
  液体: 'liquid',
  液: 'liquid',
  固体: 'solid',
  固: 'solid',
  gas: 'gas',
  liquid: 'liquid',
  solid: 'solid',
};
const romans: Record<string, PackingGroup> = {
  I: 'I',
  II: 'II',
  III: 'III',
  Ⅰ: 'I',
  Ⅱ: 'II',
  Ⅲ: 'III',
  '1': 'I',
  '2': 'II',
  '3': 'III',
};

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A list from an array or a text cell ("II, III", "剧毒、易制爆"). Names keep their commas
 * ("1,3-丁二烯"): aliases split on 、 ; ； and new lines only.
 */
export function listOf(v: unknown, separators: RegExp = /[、，,;；/\s]+/): string[] {
  if (blank(v)) return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter((x) => x !== '');
  return String(v)
    .split(separators)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** '1203', 'UN1203', 'un 1203' → '1203'; numbers lose no leading zeros when given as text. */
export function normalizeUnNumber(v: unknown): string | null {
  if (blank(v)) return null;
  const s = typeof v === 'number' ? String(v).padStart(4, '0') : String(v).trim().toUpperCase();
  const m = /^(?:UN\s*)?([0-9]{4})$/.exec(s);
  return m && m[1] !== '0000' ? m[1]! : null;
}

export function validateGoods(raw: Record<string, unknown>): {
  values?: GoodsValues;
  problems: GoodsProblem[];
} {
  const problems: GoodsProblem[] = [];
  const bad = (field: string, reason: keyof typeof goodsReasons) => problems.push({ field, reason });

  const unNumber = normalizeUnNumber(raw.unNumber);
  if (blank(raw.unNumber)) bad('unNumber', 'required');
  else if (!unNumber) bad('unNumber', 'un_number.format');

  const text = (field: 'nameZh' | 'nameEn', max: number): string => {
    const v = blank(raw[field]) ? '' : String(raw[field]).trim();
    if (v === '') bad(field, 'required');
    else if (v.length > max) bad(field, 'name.length');
    return v;
  };
  const nameZh = text('nameZh', 200);
  const nameEn = text('nameEn', 300);

  // "1.1D" in one cell: the division and the compatibility group.
  let cls = blank(raw.hazardClass) ? '' : String(raw.hazardClass).trim().toUpperCase();
  let group = blank(raw.compatibilityGroup) ? null : String(raw.compatibilityGroup).trim().toUpperCase();
  const withGroup = /^(1\.[1-6])([A-HJKLNS])$/.exec(cls);
  if (withGroup) {
    cls = withGroup[1]!;
    group ??= withGroup[2]!;
  }
  if (cls === '') bad('hazardClass', 'required');
  else if (!(hazardClasses as readonly string[]).includes(cls)) bad('hazardClass', 'class.unknown');
  const classOne = cls.startsWith('1.');
  if (classOne && !group) bad('compatibilityGroup', 'compatibility_group.required');
  else if (group && (group.length !== 1 || !compatibilityGroups.includes(group)))
    bad('compatibilityGroup', 'compatibility_group.unknown');
  else if (group && !classOne && cls !== '') bad('compatibilityGroup', 'compatibility_group.not_allowed');

  const subsidiaryRisks = [...new Set(listOf(raw.subsidiaryRisks))];
  if (subsidiaryRisks.some((s) => !subsidiaryClasses.includes(s)))
    bad('subsidiaryRisks', 'subsidiary.unknown');
  else if (subsidiaryRisks.includes(cls)) bad('subsidiaryRisks', 'subsidiary.same_as_class');

  const pgs = listOf(raw.packingGroups).map((p) => romans[p.toUpperCase()] ?? romans[p]);
  const packingGroups = (['I', 'II', 'III'] as const).filter((p) => pgs.includes(p));
  if (pgs.some((p) => p === undefined)) bad('packingGroups', 'packing_group.unknown');
  else if (packingGroups.length > 0 && noPackingGroup(cls)) bad('packingGroups', 'packing_group.not_allowed');

  const specialIn = listOf(raw.special).map((s) => specialLabels[s] ?? s);
  const special = new Set<SpecialCategory>();
  for (const s of specialIn) {
    if ((specialCategories as readonly string[]).includes(s)) special.add(s as SpecialCategory);
    else bad('special', 'special.unknown');
  }
  // Class 1 is always 爆炸品 and class 7 always 放射性; neither applies to another class.
  if (classOne) special.add('explosive');
  else if (special.has('explosive')) bad('special', 'special.explosive_class');
  if (cls === '7') special.add('radioactive');
  else if (special.has('radioactive')) bad('special', 'special.radioactive_class');

  const stateText = blank(raw.physicalState) ? '' : String(raw.physicalState).trim().toLowerCase();
  const physicalState = stateLabels[stateText];
  if (stateText === '') bad('physicalState', 'required');
  else if (!physicalState) bad('physicalState', 'physical_state.unknown');

  let densityKgPerL: number | null = null;
  if (!blank(raw.densityKgPerL)) {
    const d = Number(raw.densityKgPerL);
    if (!Number.isFinite(d) || d <= 0 || d >= 25) bad('densityKgPerL', 'density.range');
    else densityKgPerL = d;
  }

  let ergGuide: string | null = null;
  if (!blank(raw.ergGuide)) {
    // The ERG's "P" (may polymerise) suffix is not kept.
    const g = String(raw.ergGuide).trim().toUpperCase().replace(/P$/, '');
    if (!/^[0-9]{3}$/.test(g) || Number(g) < 111 || Number(g) > 174) bad('ergGuide', 'erg_guide.format');
    else ergGuide = g;
  }

  const aliasesZh = [...new Set(listOf(raw.aliasesZh, /[、;；\n]+/))];
  if (aliasesZh.length > 20 || aliasesZh.some((a) => a.length > 100)) bad('aliasesZh', 'aliases.too_many');

  let cardKey = blank(raw.cardKey) ? '' : String(raw.cardKey).trim();
  if (cardKey !== '' && !cardKeys.includes(cardKey)) bad('cardKey', 'card_key.unknown');
  if (cardKey === '' && physicalState && (hazardClasses as readonly string[]).includes(cls))
    cardKey = defaultCardKey({ hazardClass: cls, subsidiaryRisks, physicalState });

  const card = (raw.card ?? {}) as CardOverride;
  if (overrideProblem(card) !== null) bad('card', 'card.invalid');

  if (problems.length > 0 || !unNumber || !physicalState) return { problems };
  return {
    problems,
    values: {
      unNumber,
      nameZh,
      nameEn,
      aliasesZh,
      hazardClass: cls,
      compatibilityGroup: classOne ? group : null,
      subsidiaryRisks,
      packingGroups: [...packingGroups],
      special: specialCategories.filter((s) => special.has(s)),
      physicalState,
      densityKgPerL,
      ergGuide,
      cardKey,
      card,
    },
  };
}
