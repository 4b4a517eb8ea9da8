import { describe, expect, it } from 'vitest';
import { defaultCardKey, overrideProblem, resolveCard } from './cards/index.js';
import { checkTable, columnForHeader } from './import.js';
import { normalizeUnNumber, validateGoods } from './validate.js';

const base = {
  unNumber: '1203',
  nameZh: '汽油',
  nameEn: 'Gasoline',
  hazardClass: '3',
  physicalState: '液体',
};

describe('validateGoods', () => {
  it('normalizes what people write in a table', () => {
    expect(normalizeUnNumber('UN 1203')).toBe('1203');
    expect(normalizeUnNumber(81)).toBe('0081');
    expect(normalizeUnNumber('0000')).toBeNull();
    expect(normalizeUnNumber('12034')).toBeNull();
    const { values, problems } = validateGoods({
      ...base,
      unNumber: 'un1203',
      packingGroups: 'Ⅱ、III',
      special: '易制爆',
      ergGuide: '128P',
      aliasesZh: '车用汽油；1,3-二甲苯',
    });
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      unNumber: '1203',
      packingGroups: ['II', 'III'],
      special: ['explosive_precursor'],
      physicalState: 'liquid',
      ergGuide: '128',
      aliasesZh: ['车用汽油', '1,3-二甲苯'],
      cardKey: 'flammable_liquid_immiscible',
    });
  });

  it('reads class 1 with its compatibility group and marks it explosive', () => {
    const { values } = validateGoods({
      ...base,
      unNumber: '0081',
      hazardClass: '1.1D',
      physicalState: 'solid',
    });
    expect(values).toMatchObject({
      hazardClass: '1.1',
      compatibilityGroup: 'D',
      special: ['explosive'],
      cardKey: 'explosive',
    });
    expect(validateGoods({ ...base, hazardClass: '1.1', physicalState: 'solid' }).problems).toEqual([
      { field: 'compatibilityGroup', reason: 'compatibility_group.required' },
    ]);
    expect(validateGoods({ ...base, compatibilityGroup: 'D' }).problems).toEqual([
      { field: 'compatibilityGroup', reason: 'compatibility_group.not_allowed' },
    ]);
  });

  it('refuses impossible facts with one reason each', () => {
    const reasons = (raw: Record<string, unknown>) =>
      validateGoods({ ...base, ...raw }).problems.map((p) => p.reason);
    expect(reasons({ hazardClass: '3.1' })).toEqual(['class.unknown']);
    expect(reasons({ hazardClass: '7', packingGroups: 'II' })).toEqual(['packing_group.not_allowed']);
    expect(reasons({ hazardClass: '5.2', packingGroups: 'II' })).toEqual(['packing_group.not_allowed']);
    expect(reasons({ packingGroups: 'IV' })).toEqual(['packing_group.unknown']);
    expect(reasons({ subsidiaryRisks: '3' })).toEqual(['subsidiary.same_as_class']);
    expect(reasons({ subsidiaryRisks: '6.3' })).toEqual(['subsidiary.unknown']);
    expect(reasons({ special: 'radioactive' })).toEqual(['special.radioactive_class']);
    expect(reasons({ physicalState: 'plasma' })).toEqual(['physical_state.unknown']);
    expect(reasons({ densityKgPerL: '-1' })).toEqual(['density.range']);
    expect(reasons({ ergGuide: '200' })).toEqual(['erg_guide.format']);
    expect(reasons({ card: { distances: { fireM: 0 } } })).toEqual(['card.invalid']);
    expect(reasons({ nameZh: ' ' })).toEqual(['required']);
  });
});

describe('cards', () => {
  it('chooses a template from the class when none is named', () => {
    const key = (
      hazardClass: string,
      physicalState: 'gas' | 'liquid' | 'solid',
      subsidiaryRisks: string[] = [],
    ) => defaultCardKey({ hazardClass, physicalState, subsidiaryRisks });
    expect(key('2.1', 'liquid')).toBe('refrigerated_flammable_gas');
    expect(key('2.2', 'gas', ['5.1'])).toBe('oxidizing_gas');
    expect(key('3', 'liquid', ['6.1'])).toBe('flammable_liquid_toxic');
    expect(key('4.3', 'solid')).toBe('water_reactive');
    expect(key('8', 'solid')).toBe('corrosive_solid');
    expect(key('1.4', 'solid')).toBe('explosive_minor');
  });

  it('merges an override and refuses a malformed one', () => {
    const card = resolveCard('flammable_gas', { distances: { fireM: 2000 } })!;
    expect(card.distances).toEqual({ isolationM: 100, smallSpillM: 100, largeSpillM: 800, fireM: 2000 });
    expect(card.distancesOverridden).toBe(true);
    expect(resolveCard('nope', null)).toBeNull();
    expect(overrideProblem({ distances: { isolationM: 1.5 } })).toBe('distances_invalid');
    expect(overrideProblem({ colour: 'red' })).toBe('unknown_key');
    expect(overrideProblem({ note: { zh: '注意', en: 'Note' } })).toBeNull();
  });
});

describe('the import table check', () => {
  it('matches headers in either language and refuses one UN number under two classes', () => {
    expect(columnForHeader('UN编号 / UN number')?.key).toBe('unNumber');
    expect(columnForHeader('packing group')?.key).toBe('packingGroups');
    expect(columnForHeader('密度(kg/L)')?.key).toBe('densityKgPerL');
    const { report } = checkTable({
      headers: ['UN编号', '中文名称', '英文名称', '类别或项别', '物理状态'],
      rows: [
        ['2031', '硝酸', 'Nitric acid', '8', '液体'],
        ['2031', '硝酸', 'Nitric acid', '5.1', '液体'],
        [null, null, null, null, null],
      ],
    });
    expect(report.rows).toBe(2);
    expect(report.problems).toEqual([{ row: 3, column: 'UN编号', field: 'unNumber', reason: 'duplicate' }]);
  });
});
