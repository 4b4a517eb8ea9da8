/**
 * The built-in catalogue entries. Facts from the UN Model Regulations Dangerous Goods List /
 * GB 12268 (class, subsidiary risks, packing groups) and the ERG yellow pages (guide number);
 * densities are typical values of the product as carried. `cardKey` names one of our own
 * emergency-card texts.
 */
import type { GoodsFacts } from './facts.js';

export interface BuiltinGoods extends GoodsFacts {
  aliasesZh?: string[];
  compatibilityGroup?: string;
  cardKey: string;
}

export const builtinGoods: readonly BuiltinGoods[] = [
  {
    unNumber: '1203',
    nameZh: '汽油',
    nameEn: 'Gasoline (motor spirit, petrol)',
    aliasesZh: ['车用汽油', '石油醚'],
    hazardClass: '3',
    subsidiaryRisks: [],
    packingGroups: ['II'],
    special: [],
    physicalState: 'liquid',
    densityKgPerL: 0.74,
    ergGuide: '128',
    cardKey: 'flammable_liquid_immiscible',
  },
  {
    unNumber: '1202',
    nameZh: '柴油',
    nameEn: 'Diesel fuel',
    aliasesZh: ['轻柴油', '瓦斯油'],
    hazardClass: '3',
    subsidiaryRisks: [],
    packingGroups: ['III'],
    special: [],
    physicalState: 'liquid',
    densityKgPerL: 0.84,
    ergGuide: '128',
    cardKey: 'flammable_liquid_immiscible',
  },
  {
    unNumber: '1267',
    nameZh: '石油原油',
    nameEn: 'Petroleum crude oil',
    aliasesZh: ['原油'],
    hazardClass: '3',
    subsidiaryRisks: [],
    packingGroups: ['I', 'II', 'III'],
    special: [],
    physicalState: 'liquid',
    densityKgPerL: 0.86,
    ergGuide: '128',
    cardKey: 'flammable_liquid_immiscible',
  },
  {
    unNumber: '1075',
    nameZh: '液化石油气',
    nameEn: 'Petroleum gases, liquefied',
    aliasesZh: ['LPG'],
    hazardClass: '2.1',
    subsidiaryRisks: [],
    packingGroups: [],
    special: [],
    physicalState: 'gas',
    densityKgPerL: 0.51,
    ergGuide: '115',
    cardKey: 'flammable_gas',
  },
  {
    unNumber: '1830',
    nameZh: '硫酸',
    nameEn: 'Sulphuric acid with more than 51% acid',
    hazardClass: '8',
    subsidiaryRisks: [],
    packingGroups: ['II'],
    special: [],
    physicalState: 'liquid',
    densityKgPerL: 1.84,
    ergGuide: '137',
    cardKey: 'corrosive_acid',
  },
  {
    unNumber: '1824',
    nameZh: '氢氧化钠溶液',
    nameEn: 'Sodium hydroxide solution',
    aliasesZh: ['液碱', '烧碱溶液'],
    hazardClass: '8',
    subsidiaryRisks: [],
    packingGroups: ['II', 'III'],
    special: [],
    physicalState: 'liquid',
    densityKgPerL: 1.52,
    ergGuide: '154',
    cardKey: 'corrosive_base',
  },
];
