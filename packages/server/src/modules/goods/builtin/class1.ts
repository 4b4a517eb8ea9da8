/**
 * Class 1, explosives (爆炸品): the civil blasting explosives and accessories carried from Panjin's
 * magazines (seed 000 names 民用炸药), fireworks and small-arms cartridges. Class 1 has no packing
 * group; ERG guide 112 covers divisions 1.1–1.3, 1.5, 1.6 and guide 114 division 1.4.
 */
import { entry } from './entry.js';

const x = ['explosive'] as const;
const e = (un: string, zh: string, en: string, division: string, group: string, aliases?: string[]) =>
  entry(
    un,
    zh,
    en,
    division,
    '',
    'solid',
    division === '1.4' ? '114' : '112',
    division === '1.4' ? 'explosive_minor' : 'explosive',
    {
      group,
      special: [...x],
      ...(aliases ? { aliases } : {}),
    },
  );

export const class1 = [
  e('0029', '非电雷管，爆破用', 'Detonators, non-electric, for blasting', '1.1', 'B', ['雷管']),
  e('0030', '电雷管，爆破用', 'Detonators, electric, for blasting', '1.1', 'B', ['电雷管']),
  e('0255', '电雷管，爆破用', 'Detonators, electric, for blasting', '1.4', 'B'),
  e('0267', '非电雷管，爆破用', 'Detonators, non-electric, for blasting', '1.4', 'B'),
  e('0360', '非电雷管组件，爆破用', 'Detonator assemblies, non-electric, for blasting', '1.1', 'B'),
  e('0361', '非电雷管组件，爆破用', 'Detonator assemblies, non-electric, for blasting', '1.4', 'B'),
  e('0065', '导爆索，柔性', 'Cord, detonating, flexible', '1.1', 'D', ['导爆索']),
  e('0289', '导爆索，柔性', 'Cord, detonating, flexible', '1.4', 'D'),
  e('0042', '助爆管，不带雷管', 'Boosters without detonator', '1.1', 'D'),
  e('0081', '爆破用炸药，A型', 'Explosive, blasting, type A', '1.1', 'D', ['民用炸药', '硝化甘油炸药']),
  e('0082', '爆破用炸药，B型', 'Explosive, blasting, type B', '1.1', 'D', ['民用炸药', '铵油炸药']),
  e('0084', '爆破用炸药，D型', 'Explosive, blasting, type D', '1.1', 'D', ['民用炸药']),
  e('0241', '爆破用炸药，E型', 'Explosive, blasting, type E', '1.1', 'D', [
    '民用炸药',
    '乳化炸药',
    '水胶炸药',
  ]),
  e('0331', '爆破用炸药，B型', 'Explosive, blasting, type B', '1.5', 'D', ['民用炸药', '铵油炸药']),
  e('0332', '爆破用炸药，E型', 'Explosive, blasting, type E', '1.5', 'D', ['民用炸药', '乳化炸药']),
  e('0335', '烟花', 'Fireworks', '1.3', 'G', ['烟花爆竹']),
  e('0336', '烟花', 'Fireworks', '1.4', 'G', ['烟花爆竹']),
  e('0337', '烟花', 'Fireworks', '1.4', 'S', ['烟花爆竹']),
  e('0012', '武器弹药筒，带惰性弹头', 'Cartridges for weapons, inert projectile', '1.4', 'S', ['枪弹']),
  e('0014', '武器弹药筒，无弹头', 'Cartridges for weapons, blank', '1.4', 'S'),
  e('0044', '帽状起爆器', 'Primers, cap type', '1.4', 'S'),
  e('0105', '导火索', 'Fuse, safety', '1.4', 'S', ['导火索']),
];
