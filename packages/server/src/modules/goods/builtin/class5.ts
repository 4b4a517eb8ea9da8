/**
 * Class 5: oxidizing substances (5.1, seed 000 names hydrogen peroxide 双氧水) and organic
 * peroxides (5.2, no packing group). Hydrogen peroxide above 8 %, ammonium, potassium and sodium
 * nitrate, the chlorates, perchlorates, perchloric acid, potassium permanganate and sodium
 * peroxide are on the 易制爆危险化学品名录 (explosive precursors).
 */
import { entry } from './entry.js';

const ox = 'oxidizer';
const op = 'organic_peroxide';
const ep = ['explosive_precursor'] as const;

export const class5 = [
  entry('1479', '氧化性固体，未另作规定的', 'Oxidizing solid, n.o.s.', '5.1', 'I,II,III', 'solid', '140', ox),
  entry('1485', '氯酸钾', 'Potassium chlorate', '5.1', 'II', 'solid', '140', ox, { special: [...ep] }),
  entry('1486', '硝酸钾', 'Potassium nitrate', '5.1', 'III', 'solid', '140', ox, { special: [...ep] }),
  entry('1489', '高氯酸钾', 'Potassium perchlorate', '5.1', 'II', 'solid', '140', ox, { special: [...ep] }),
  entry('1490', '高锰酸钾', 'Potassium permanganate', '5.1', 'II', 'solid', '140', ox, { special: [...ep] }),
  entry('1495', '氯酸钠', 'Sodium chlorate', '5.1', 'II', 'solid', '140', ox, { special: [...ep] }),
  entry('1498', '硝酸钠', 'Sodium nitrate', '5.1', 'III', 'solid', '140', ox, { special: [...ep] }),
  entry('1500', '亚硝酸钠', 'Sodium nitrite', '5.1', 'III', 'solid', '140', ox, { sub: ['6.1'] }),
  entry('1502', '高氯酸钠', 'Sodium perchlorate', '5.1', 'II', 'solid', '140', ox, { special: [...ep] }),
  entry('1504', '过氧化钠', 'Sodium peroxide', '5.1', 'I', 'solid', '144', ox, { special: [...ep] }),
  entry('1748', '次氯酸钙，干的', 'Calcium hypochlorite, dry', '5.1', 'II,III', 'solid', '140', ox, {
    aliases: ['漂粉精'],
  }),
  entry(
    '1873',
    '高氯酸，含酸50%–72%',
    'Perchloric acid with more than 50% but not more than 72% acid',
    '5.1',
    'I',
    'liquid',
    '143',
    ox,
    {
      sub: ['8'],
      aliases: ['高氯酸'],
      special: [...ep],
    },
  ),
  entry(
    '1942',
    '硝酸铵，含可燃物质不超过0.2%',
    'Ammonium nitrate with not more than 0.2% combustible substances',
    '5.1',
    'III',
    'solid',
    '140',
    ox,
    {
      aliases: ['硝酸铵', '硝铵'],
      special: [...ep],
    },
  ),
  entry(
    '2014',
    '过氧化氢水溶液，含过氧化氢20%–60%',
    'Hydrogen peroxide, aqueous solution with not less than 20% but not more than 60% hydrogen peroxide',
    '5.1',
    'II',
    'liquid',
    '140',
    ox,
    {
      sub: ['8'],
      aliases: ['双氧水', '过氧化氢'],
      special: [...ep],
      density: 1.2,
    },
  ),
  entry(
    '2015',
    '过氧化氢水溶液，稳定的，含过氧化氢大于60%',
    'Hydrogen peroxide, aqueous solution, stabilized, with more than 60% hydrogen peroxide',
    '5.1',
    'I',
    'liquid',
    '143',
    ox,
    {
      sub: ['8'],
      aliases: ['双氧水', '过氧化氢'],
      special: [...ep],
      density: 1.29,
    },
  ),
  entry(
    '2984',
    '过氧化氢水溶液，含过氧化氢8%–20%',
    'Hydrogen peroxide, aqueous solution with not less than 8% but less than 20% hydrogen peroxide',
    '5.1',
    'III',
    'liquid',
    '140',
    ox,
    {
      aliases: ['双氧水', '过氧化氢'],
      special: [...ep],
      density: 1.05,
    },
  ),
  entry(
    '3139',
    '氧化性液体，未另作规定的',
    'Oxidizing liquid, n.o.s.',
    '5.1',
    'I,II,III',
    'liquid',
    '140',
    ox,
  ),
  entry('3103', 'C型有机过氧化物，液体', 'Organic peroxide type C, liquid', '5.2', '', 'liquid', '146', op),
  entry('3104', 'C型有机过氧化物，固体', 'Organic peroxide type C, solid', '5.2', '', 'solid', '146', op),
  entry('3105', 'D型有机过氧化物，液体', 'Organic peroxide type D, liquid', '5.2', '', 'liquid', '145', op),
  entry('3106', 'D型有机过氧化物，固体', 'Organic peroxide type D, solid', '5.2', '', 'solid', '145', op),
  entry('3107', 'E型有机过氧化物，液体', 'Organic peroxide type E, liquid', '5.2', '', 'liquid', '145', op),
  entry('3108', 'E型有机过氧化物，固体', 'Organic peroxide type E, solid', '5.2', '', 'solid', '145', op),
  entry('3109', 'F型有机过氧化物，液体', 'Organic peroxide type F, liquid', '5.2', '', 'liquid', '145', op),
  entry('3110', 'F型有机过氧化物，固体', 'Organic peroxide type F, solid', '5.2', '', 'solid', '145', op),
];
