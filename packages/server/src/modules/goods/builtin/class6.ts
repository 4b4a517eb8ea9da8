/**
 * Class 6: toxic substances (6.1; seed 000 names cyanides) and infectious substances (6.2).
 * Sodium and potassium cyanide and hydrogen cyanide are on the 剧毒化学品目录 (highly toxic);
 * clinical waste is 医疗废物, a hazardous waste.
 */
import { tihDistances } from './class2.js';
import { entry } from './entry.js';

const tl = 'toxic_liquid';
const ts = 'toxic_solid';
const cy = 'cyanide';
const inf = 'infectious';
const ht = ['highly_toxic'] as const;

export const class6 = [
  entry('1051', '氰化氢，稳定的', 'Hydrogen cyanide, stabilized', '6.1', 'I', 'liquid', '117', cy, {
    sub: ['3'],
    aliases: ['氰化氢', '氢氰酸'],
    special: [...ht],
    card: { distances: tihDistances.hydrogenCyanide },
  }),
  entry('1547', '苯胺', 'Aniline', '6.1', 'II', 'liquid', '153', tl, { density: 1.02 }),
  entry('1593', '二氯甲烷', 'Dichloromethane', '6.1', 'III', 'liquid', '160', tl, {
    aliases: ['甲叉二氯'],
    density: 1.33,
  }),
  entry('1662', '硝基苯', 'Nitrobenzene', '6.1', 'II', 'liquid', '152', tl, { density: 1.2 }),
  entry('1671', '苯酚，固态', 'Phenol, solid', '6.1', 'II', 'solid', '153', ts, {
    aliases: ['苯酚', '石炭酸'],
  }),
  entry('1680', '氰化钾，固态', 'Potassium cyanide, solid', '6.1', 'I', 'solid', '157', cy, {
    aliases: ['氰化钾'],
    special: [...ht],
  }),
  entry('1689', '氰化钠，固态', 'Sodium cyanide, solid', '6.1', 'I', 'solid', '157', cy, {
    aliases: ['氰化钠', '山奈'],
    special: [...ht],
  }),
  entry('1710', '三氯乙烯', 'Trichloroethylene', '6.1', 'III', 'liquid', '160', tl, { density: 1.46 }),
  entry('1846', '四氯化碳', 'Carbon tetrachloride', '6.1', 'II', 'liquid', '151', tl, { density: 1.59 }),
  entry('1888', '三氯甲烷', 'Chloroform', '6.1', 'III', 'liquid', '151', tl, {
    aliases: ['氯仿'],
    density: 1.48,
  }),
  entry('1897', '四氯乙烯', 'Tetrachloroethylene', '6.1', 'III', 'liquid', '160', tl, { density: 1.62 }),
  entry('2023', '环氧氯丙烷', 'Epichlorohydrin', '6.1', 'II', 'liquid', '131', tl, {
    sub: ['3'],
    density: 1.18,
  }),
  entry('2078', '甲苯二异氰酸酯', 'Toluene diisocyanate', '6.1', 'II', 'liquid', '156', tl, {
    aliases: ['TDI'],
    density: 1.22,
  }),
  entry('2312', '熔融苯酚', 'Phenol, molten', '6.1', 'II', 'liquid', '153', tl),
  entry(
    '2588',
    '固态农药，毒性，未另作规定的',
    'Pesticide, solid, toxic, n.o.s.',
    '6.1',
    'I,II,III',
    'solid',
    '151',
    ts,
  ),
  entry(
    '2810',
    '有机毒性液体，未另作规定的',
    'Toxic liquid, organic, n.o.s.',
    '6.1',
    'I,II,III',
    'liquid',
    '153',
    tl,
  ),
  entry(
    '2811',
    '有机毒性固体，未另作规定的',
    'Toxic solid, organic, n.o.s.',
    '6.1',
    'I,II,III',
    'solid',
    '154',
    ts,
  ),
  entry('2821', '苯酚溶液', 'Phenol solution', '6.1', 'II,III', 'liquid', '153', tl),
  entry(
    '2902',
    '液态农药，毒性，未另作规定的',
    'Pesticide, liquid, toxic, n.o.s.',
    '6.1',
    'I,II,III',
    'liquid',
    '151',
    tl,
  ),
  entry(
    '2927',
    '有机毒性液体，腐蚀性，未另作规定的',
    'Toxic liquid, corrosive, organic, n.o.s.',
    '6.1',
    'I,II',
    'liquid',
    '154',
    tl,
    {
      sub: ['8'],
    },
  ),
  entry(
    '2929',
    '有机毒性液体，易燃，未另作规定的',
    'Toxic liquid, flammable, organic, n.o.s.',
    '6.1',
    'I,II',
    'liquid',
    '131',
    tl,
    {
      sub: ['3'],
    },
  ),
  entry(
    '3287',
    '无机毒性液体，未另作规定的',
    'Toxic liquid, inorganic, n.o.s.',
    '6.1',
    'I,II,III',
    'liquid',
    '151',
    tl,
  ),
  entry(
    '2814',
    '感染性物质，对人感染',
    'Infectious substance, affecting humans',
    '6.2',
    '',
    'solid',
    '158',
    inf,
  ),
  entry(
    '3291',
    '医院临床废物，未具体说明的，未另作规定的',
    'Clinical waste, unspecified, n.o.s.',
    '6.2',
    'II',
    'solid',
    '158',
    inf,
    {
      aliases: ['医疗废物'],
      special: ['hazardous_waste'],
    },
  ),
  entry('3373', 'B类生物物质', 'Biological substance, category B', '6.2', '', 'solid', '158', inf),
];
