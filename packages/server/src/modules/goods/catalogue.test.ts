/**
 * The built-in catalogue's facts. The expected values below were written from the UN Model
 * Regulations Dangerous Goods List independently of builtin/: a wrong class or packing group is a
 * safety defect, so each seed-000 substance is checked against its own line here.
 */
import { describe, expect, it } from 'vitest';
import { builtinGoods } from './builtin.js';
import { cardTemplates } from './cards/index.js';
import { validateGoods } from './validate.js';

const byUn = new Map(builtinGoods.map((g) => [g.unNumber, g]));

/** Seed 000's 运输介质 (and its class examples), each with the UN number it travels under. */
const seed000: [substance: string, un: string, cls: string, sub: string[], pgs: string[]][] = [
  ['原油 crude oil', '1267', '3', [], ['I', 'II', 'III']],
  ['沥青 bitumen, hot', '3257', '9', [], ['III']],
  ['沥青 cutback bitumen', '1999', '3', [], ['II', 'III']],
  ['汽油 gasoline', '1203', '3', [], ['II']],
  ['柴油 diesel', '1202', '3', [], ['III']],
  ['乙烯 ethylene', '1962', '2.1', [], []],
  ['乙烯 ethylene, refrigerated', '1038', '2.1', [], []],
  ['丙烯 propylene', '1077', '2.1', [], []],
  ['碳四 C4 hydrocarbons', '1965', '2.1', [], []],
  ['甲烷 methane, compressed', '1971', '2.1', [], []],
  ['异丁烷 isobutane', '1969', '2.1', [], []],
  ['戊烷 pentanes', '1265', '3', [], ['I', 'II']],
  ['丁醚 dibutyl ethers', '1149', '3', [], ['III']],
  ['氧气 oxygen, compressed', '1072', '2.2', ['5.1'], []],
  ['液氧 oxygen, refrigerated', '1073', '2.2', ['5.1'], []],
  ['乙炔 acetylene', '1001', '2.1', [], []],
  ['二氧化碳 carbon dioxide', '1013', '2.2', [], []],
  ['液态二氧化碳', '2187', '2.2', [], []],
  ['LNG', '1972', '2.1', [], []],
  ['CNG', '1971', '2.1', [], []],
  ['LPG', '1075', '2.1', [], []],
  ['芳烃: 苯 benzene', '1114', '3', [], ['II']],
  ['芳烃: 甲苯 toluene', '1294', '3', [], ['II']],
  ['芳烃: 二甲苯 xylenes', '1307', '3', [], ['II', 'III']],
  ['液碱 caustic soda solution', '1824', '8', [], ['II', 'III']],
  ['硫酸 sulphuric acid', '1830', '8', [], ['II']],
  ['航空煤油 jet fuel', '1863', '3', [], ['I', 'II', 'III']],
  ['甲醛 formaldehyde solution', '2209', '8', [], ['III']],
  ['邻二甲苯 o-xylene', '1307', '3', [], ['II', 'III']],
  ['邻苯二甲酸酐 phthalic anhydride', '2214', '8', [], ['III']],
  ['顺丁烯二酸酐 maleic anhydride', '2215', '8', [], ['III']],
  ['民用炸药: 乳化炸药', '0241', '1.1', [], []],
  ['民用炸药: 铵油炸药', '0082', '1.1', [], []],
  ['放射性: B(U) package', '2916', '7', [], []],
  ['放射性: A型 special form', '3332', '7', [], []],
  ['硫磺 sulphur', '1350', '4.1', [], ['III']],
  ['双氧水 hydrogen peroxide 20–60 %', '2014', '5.1', ['8'], ['II']],
  ['氰化钠 sodium cyanide', '1689', '6.1', [], ['I']],
  ['盐酸 hydrochloric acid', '1789', '8', [], ['II', 'III']],
  ['烧碱 sodium hydroxide, solid', '1823', '8', [], ['II']],
];

/** Other entries whose facts matter most on Panjin's roads. */
const common: [un: string, cls: string, sub: string[], pgs: string[]][] = [
  ['1005', '2.3', ['8'], []], // anhydrous ammonia
  ['1017', '2.3', ['5.1', '8'], []], // chlorine
  ['1230', '3', ['6.1'], ['II']], // methanol
  ['1170', '3', [], ['II', 'III']], // ethanol
  ['1090', '3', [], ['II']], // acetone
  ['2055', '3', [], ['III']], // styrene
  ['1093', '3', ['6.1'], ['I']], // acrylonitrile
  ['1977', '2.2', [], []], // liquid nitrogen
  ['1951', '2.2', [], []], // liquid argon
  ['1402', '4.3', [], ['I', 'II']], // calcium carbide
  ['2031', '8', ['5.1'], ['I', 'II']], // nitric acid
  ['1942', '5.1', [], ['III']], // ammonium nitrate
  ['1993', '3', [], ['I', 'II', 'III']],
  ['3082', '9', [], ['III']],
  ['3077', '9', [], ['III']],
  ['1760', '8', [], ['I', 'II', 'III']],
  ['2924', '3', ['8'], ['I', 'II', 'III']],
  ['1268', '3', [], ['I', 'II', 'III']],
  ['3295', '3', [], ['I', 'II', 'III']], // hydrocarbons, liquid, n.o.s.
];

describe('the built-in catalogue', () => {
  it.each(seed000)('carries %s as UN%s, class %s', (_name, un, cls, sub, pgs) => {
    const g = byUn.get(un);
    expect(g, `UN${un} missing`).toBeDefined();
    expect(g!.hazardClass).toBe(cls);
    expect(g!.subsidiaryRisks).toEqual(sub);
    expect(g!.packingGroups).toEqual(pgs);
  });

  it.each(common)('UN%s is class %s', (un, cls, sub, pgs) => {
    const g = byUn.get(un);
    expect(g, `UN${un} missing`).toBeDefined();
    expect([g!.hazardClass, g!.subsidiaryRisks, g!.packingGroups]).toEqual([cls, sub, pgs]);
  });

  it('finds seed substances by their Chinese names and aliases', () => {
    const names = (un: string) => [byUn.get(un)!.nameZh, ...(byUn.get(un)!.aliasesZh ?? [])];
    expect(names('1972')).toContain('LNG');
    expect(names('1971')).toContain('CNG');
    expect(names('1965')).toContain('碳四');
    expect(names('1307')).toContain('邻二甲苯');
    expect(names('2215')).toContain('顺丁烯二酸酐');
    expect(names('2214')).toContain('邻苯二甲酸酐');
    expect(names('1863')).toContain('航空煤油');
    expect(names('1824')).toContain('液碱');
    expect(names('3257')).toContain('沥青');
  });

  it('marks the special categories', () => {
    const special = (un: string) => byUn.get(un)!.special;
    for (const un of ['1689', '1680', '1051', '1076']) expect(special(un)).toContain('highly_toxic');
    for (const un of ['2014', '2015', '2984', '1942', '2031', '1490', '1495', '1486', '1498'])
      expect(special(un)).toContain('explosive_precursor');
    for (const g of builtinGoods) {
      expect(g.special.includes('explosive'), `UN${g.unNumber}`).toBe(g.hazardClass.startsWith('1.'));
      expect(g.special.includes('radioactive'), `UN${g.unNumber}`).toBe(g.hazardClass === '7');
    }
    expect(special('3291')).toEqual(['hazardous_waste']);
    expect(special('1203')).toEqual([]);
  });

  it('has about 250 unique, valid rows, each with a card template', () => {
    expect(builtinGoods.length).toBeGreaterThanOrEqual(250);
    expect(byUn.size).toBe(builtinGoods.length);
    for (const g of builtinGoods) {
      const { values, problems } = validateGoods({ ...g, compatibilityGroup: g.compatibilityGroup ?? null });
      expect(problems, `UN${g.unNumber}`).toEqual([]);
      expect(values!.hazardClass).toBe(g.hazardClass);
      expect(cardTemplates.has(g.cardKey), `UN${g.unNumber} card ${g.cardKey}`).toBe(true);
      expect(g.ergGuide, `UN${g.unNumber}`).toMatch(/^1(1[1-9]|[2-6][0-9]|7[0-4])$/);
      if (g.densityKgPerL !== null) expect(g.densityKgPerL).toBeGreaterThan(0);
      if (g.hazardClass.startsWith('1.')) expect(g.compatibilityGroup).toMatch(/^[A-HJKLNS]$/);
      else expect(g.compatibilityGroup).toBeUndefined();
    }
  });

  it('gives gases, explosives and radioactive material no packing group, and every liquid fuel one', () => {
    for (const g of builtinGoods) {
      if (/^(1|2|7)(\.|$)/.test(g.hazardClass) || g.hazardClass === '5.2')
        expect(g.packingGroups, `UN${g.unNumber}`).toEqual([]);
      if (g.hazardClass === '3') expect(g.packingGroups.length, `UN${g.unNumber}`).toBeGreaterThan(0);
    }
  });
});

describe('the emergency-card templates', () => {
  it('are complete in both languages with sane distances', () => {
    expect(cardTemplates.size).toBeGreaterThanOrEqual(20);
    for (const c of cardTemplates.values()) {
      const texts = [
        c.title,
        c.hazards.fire,
        c.hazards.health,
        c.protection,
        c.fireFighting.agents,
        c.fireFighting.prohibited,
        c.fireFighting.notes,
        c.spill,
        c.firstAid.inhalation,
        c.firstAid.skin,
        c.firstAid.eyes,
        c.firstAid.ingestion,
      ];
      for (const t of texts) {
        expect(t.zh.trim().length, c.key).toBeGreaterThan(1);
        expect(t.en.trim().length, c.key).toBeGreaterThan(1);
        expect(t.zh, c.key).toMatch(/[\u4e00-\u9fff]/);
      }
      const d = c.distances;
      expect(d.isolationM, c.key).toBeGreaterThan(0);
      expect(d.smallSpillM, c.key).toBeGreaterThanOrEqual(d.isolationM);
      expect(d.largeSpillM, c.key).toBeGreaterThanOrEqual(d.smallSpillM);
      expect(d.fireM, c.key).toBeGreaterThanOrEqual(d.isolationM);
    }
  });

  it('forbids water where water makes it worse', () => {
    expect(cardTemplates.get('water_reactive')!.fireFighting.prohibited.zh).toContain('严禁用水');
    expect(cardTemplates.get('flammable_liquid_immiscible')!.fireFighting.prohibited.zh).toContain('直流水');
    expect(cardTemplates.get('hot_molten')!.fireFighting.prohibited.zh).toContain('禁止向高温液体直接喷水');
    expect(byUn.get('1402')!.cardKey).toBe('water_reactive');
    expect(byUn.get('3257')!.cardKey).toBe('hot_molten');
  });
});
