/**
 * Class 4: flammable solids (4.1, seed 000 names sulphur), substances liable to spontaneous
 * combustion (4.2) and substances that give off flammable gas with water (4.3, e.g. calcium
 * carbide). Sulphur, the alkali metals, magnesium, aluminium powder and sodium borohydride are on
 * the 易制爆危险化学品名录 (explosive precursors).
 */
import { entry } from './entry.js';

const fs = 'flammable_solid';
const sc = 'spontaneously_combustible';
const wr = 'water_reactive';
const ep = ['explosive_precursor'] as const;

export const class4 = [
  entry('1309', '铝粉，有涂层的', 'Aluminium powder, coated', '4.1', 'II,III', 'solid', '170', fs, {
    aliases: ['铝粉'],
    special: [...ep],
  }),
  entry(
    '1325',
    '易燃固体，有机的，未另作规定的',
    'Flammable solid, organic, n.o.s.',
    '4.1',
    'II,III',
    'solid',
    '133',
    fs,
  ),
  entry('1334', '粗萘或精萘', 'Naphthalene, crude or refined', '4.1', 'III', 'solid', '133', fs, {
    aliases: ['萘', '精萘'],
  }),
  entry('1350', '硫', 'Sulphur', '4.1', 'III', 'solid', '133', fs, {
    aliases: ['硫磺', '硫黄'],
    special: [...ep],
  }),
  entry(
    '1361',
    '碳，动物或植物来源的',
    'Carbon, animal or vegetable origin',
    '4.2',
    'II,III',
    'solid',
    '133',
    sc,
    {
      aliases: ['木炭'],
    },
  ),
  entry('1362', '活性炭', 'Carbon, activated', '4.2', 'III', 'solid', '133', sc),
  entry('1384', '连二亚硫酸钠', 'Sodium dithionite (sodium hydrosulphite)', '4.2', 'II', 'solid', '135', sc, {
    aliases: ['保险粉'],
  }),
  entry('1396', '铝粉，无涂层的', 'Aluminium powder, uncoated', '4.3', 'II,III', 'solid', '138', wr, {
    aliases: ['铝粉'],
    special: [...ep],
  }),
  entry('1402', '碳化钙', 'Calcium carbide', '4.3', 'I,II', 'solid', '138', wr, { aliases: ['电石'] }),
  entry('1404', '氢化钙', 'Calcium hydride', '4.3', 'I', 'solid', '138', wr),
  entry('1415', '锂', 'Lithium', '4.3', 'I', 'solid', '138', wr, { aliases: ['金属锂'], special: [...ep] }),
  entry(
    '1418',
    '镁粉或镁合金粉',
    'Magnesium powder or Magnesium alloys powder',
    '4.3',
    'I,II,III',
    'solid',
    '138',
    wr,
    {
      sub: ['4.2'],
      aliases: ['镁粉'],
      special: [...ep],
    },
  ),
  entry('1426', '硼氢化钠', 'Sodium borohydride', '4.3', 'I', 'solid', '138', wr, { special: [...ep] }),
  entry('1428', '钠', 'Sodium', '4.3', 'I', 'solid', '138', wr, { aliases: ['金属钠'], special: [...ep] }),
  entry(
    '1869',
    '镁或镁合金',
    'Magnesium or Magnesium alloys (pellets, turnings or ribbons)',
    '4.1',
    'III',
    'solid',
    '138',
    fs,
    {
      aliases: ['镁'],
      special: [...ep],
    },
  ),
  entry('1944', '安全火柴', 'Matches, safety', '4.1', 'III', 'solid', '133', fs, { aliases: ['火柴'] }),
  entry('2304', '熔融萘', 'Naphthalene, molten', '4.1', 'III', 'liquid', '133', 'hot_molten'),
  entry('2448', '熔融硫', 'Sulphur, molten', '4.1', 'III', 'liquid', '133', 'hot_molten', {
    aliases: ['液体硫磺', '液硫'],
    special: [...ep],
    density: 1.8,
  }),
  entry(
    '2813',
    '遇水反应固体，未另作规定的',
    'Water-reactive solid, n.o.s.',
    '4.3',
    'I,II,III',
    'solid',
    '138',
    wr,
  ),
  entry(
    '3088',
    '自热固体，有机的，未另作规定的',
    'Self-heating solid, organic, n.o.s.',
    '4.2',
    'II,III',
    'solid',
    '135',
    sc,
  ),
  entry(
    '3175',
    '含易燃液体的固体，未另作规定的',
    'Solids containing flammable liquid, n.o.s.',
    '4.1',
    'II',
    'solid',
    '133',
    fs,
  ),
];
