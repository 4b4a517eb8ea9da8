/**
 * Class 7, radioactive material (放射性物品): seed 000 names category II and III gamma, americium
 * and caesium sources (industrial radiography and oil-well logging), carried in Type A or Type B(U)
 * packages. Class 7 has no packing group.
 */
import { entry } from './entry.js';

const r = (un: string, zh: string, en: string, erg: string, aliases?: string[]) =>
  entry(un, zh, en, '7', '', 'solid', erg, 'radioactive', {
    special: ['radioactive'],
    ...(aliases ? { aliases } : {}),
  });

export const class7 = [
  r(
    '2908',
    '放射性物质，例外包件，空包装',
    'Radioactive material, excepted package – empty packaging',
    '161',
  ),
  r(
    '2910',
    '放射性物质，例外包件，有限量物质',
    'Radioactive material, excepted package – limited quantity of material',
    '161',
  ),
  r(
    '2911',
    '放射性物质，例外包件，仪器或物品',
    'Radioactive material, excepted package – instruments or articles',
    '161',
  ),
  r(
    '2912',
    '放射性物质，低比活度（LSA-I），非裂变或例外裂变',
    'Radioactive material, low specific activity (LSA-I), non fissile or fissile-excepted',
    '162',
  ),
  r(
    '2913',
    '放射性物质，表面污染物体（SCO-I或SCO-II），非裂变或例外裂变',
    'Radioactive material, surface contaminated objects (SCO-I or SCO-II), non fissile or fissile-excepted',
    '162',
  ),
  r(
    '2915',
    '放射性物质，A型包件，非特殊形式，非裂变或例外裂变',
    'Radioactive material, Type A package, non-special form, non fissile or fissile-excepted',
    '163',
  ),
  r(
    '2916',
    '放射性物质，B(U)型包件，非裂变或例外裂变',
    'Radioactive material, Type B(U) package, non fissile or fissile-excepted',
    '163',
    ['放射源', '伽马探伤源', '铯源', '镅铍源'],
  ),
  r(
    '2917',
    '放射性物质，B(M)型包件，非裂变或例外裂变',
    'Radioactive material, Type B(M) package, non fissile or fissile-excepted',
    '163',
  ),
  r(
    '3321',
    '放射性物质，低比活度（LSA-II），非裂变或例外裂变',
    'Radioactive material, low specific activity (LSA-II), non fissile or fissile-excepted',
    '162',
  ),
  r(
    '3322',
    '放射性物质，低比活度（LSA-III），非裂变或例外裂变',
    'Radioactive material, low specific activity (LSA-III), non fissile or fissile-excepted',
    '162',
  ),
  r(
    '3332',
    '放射性物质，A型包件，特殊形式，非裂变或例外裂变',
    'Radioactive material, Type A package, special form, non fissile or fissile-excepted',
    '164',
    ['放射源', '测井源', '铯源', '镅源'],
  ),
];
