/**
 * Class 2, gases (气体): the petrochemical gases of Panjin's plants (seed 000: ethylene, propylene,
 * C4, methane, isobutane, oxygen, acetylene, carbon dioxide, LNG, CNG, LPG) and the common
 * industrial and toxic gases. Class 2 has no packing group.
 */
import { entry } from './entry.js';

/**
 * Gases toxic by inhalation travel further than the toxic-gas template's figures. These wider
 * initial distances (metres) are conservative working values, NOT verified against the ERG green
 * pages [U]; a bureau should confirm them (PUT /api/goods/:unNumber sets a row's own).
 */
export const tihDistances = {
  chlorine: { isolationM: 100, smallSpillM: 500, largeSpillM: 2000 },
  phosgene: { isolationM: 150, smallSpillM: 800, largeSpillM: 3000 },
  hydrogenCyanide: { isolationM: 100, smallSpillM: 300, largeSpillM: 1500 },
};

const fg = 'flammable_gas';
const rfg = 'refrigerated_flammable_gas';
const ug = 'unstable_flammable_gas';
const ng = 'non_flammable_gas';
const rng = 'refrigerated_non_flammable_gas';
const og = 'oxidizing_gas';
const tg = 'toxic_gas';

export const class2 = [
  entry('1001', '乙炔，溶解的', 'Acetylene, dissolved', '2.1', '', 'gas', '116', ug, {
    aliases: ['乙炔', '电石气'],
  }),
  entry('1002', '压缩空气', 'Air, compressed', '2.2', '', 'gas', '122', ng),
  entry('1005', '无水氨', 'Ammonia, anhydrous', '2.3', '', 'gas', '125', tg, {
    sub: ['8'],
    aliases: ['液氨', '氨'],
    density: 0.61,
  }),
  entry('1006', '压缩氩', 'Argon, compressed', '2.2', '', 'gas', '121', ng, { aliases: ['氩气'] }),
  entry('1010', '丁二烯，稳定的', 'Butadienes, stabilized', '2.1', '', 'gas', '116', ug, {
    aliases: ['1,3-丁二烯'],
    density: 0.62,
  }),
  entry('1011', '丁烷', 'Butane', '2.1', '', 'gas', '115', fg, { aliases: ['正丁烷'], density: 0.58 }),
  entry('1012', '丁烯', 'Butylene', '2.1', '', 'gas', '115', fg, {
    aliases: ['1-丁烯', '2-丁烯'],
    density: 0.6,
  }),
  entry('1013', '二氧化碳', 'Carbon dioxide', '2.2', '', 'gas', '120', ng, { aliases: ['CO2'] }),
  entry('1016', '压缩一氧化碳', 'Carbon monoxide, compressed', '2.3', '', 'gas', '119', tg, {
    sub: ['2.1'],
    aliases: ['一氧化碳'],
  }),
  // 剧毒化学品目录 listing of chlorine not confirmed here: left without the highly_toxic flag.
  entry('1017', '氯', 'Chlorine', '2.3', '', 'gas', '124', tg, {
    sub: ['5.1', '8'],
    aliases: ['液氯', '氯气'],
    density: 1.41,
    card: { distances: tihDistances.chlorine },
  }),
  entry('1018', '氯二氟甲烷', 'Chlorodifluoromethane (refrigerant gas R 22)', '2.2', '', 'gas', '126', ng, {
    aliases: ['R22', '二氟一氯甲烷'],
  }),
  entry(
    '1028',
    '二氯二氟甲烷',
    'Dichlorodifluoromethane (refrigerant gas R 12)',
    '2.2',
    '',
    'gas',
    '126',
    ng,
    {
      aliases: ['R12'],
    },
  ),
  entry('1030', '1,1-二氟乙烷', '1,1-Difluoroethane (refrigerant gas R 152a)', '2.1', '', 'gas', '115', fg, {
    aliases: ['R152a'],
  }),
  entry('1032', '无水二甲胺', 'Dimethylamine, anhydrous', '2.1', '', 'gas', '118', fg, {
    aliases: ['二甲胺'],
  }),
  entry('1033', '二甲醚', 'Dimethyl ether', '2.1', '', 'gas', '115', fg, {
    aliases: ['甲醚', 'DME'],
    density: 0.67,
  }),
  entry('1035', '乙烷', 'Ethane', '2.1', '', 'gas', '115', fg),
  entry('1038', '冷冻液态乙烯', 'Ethylene, refrigerated liquid', '2.1', '', 'liquid', '115', rfg, {
    aliases: ['乙烯', '液态乙烯'],
    density: 0.57,
  }),
  entry('1040', '环氧乙烷', 'Ethylene oxide', '2.3', '', 'gas', '119', tg, {
    sub: ['2.1'],
    aliases: ['氧化乙烯'],
    density: 0.88,
  }),
  entry('1046', '压缩氦', 'Helium, compressed', '2.2', '', 'gas', '121', ng, { aliases: ['氦气'] }),
  entry('1049', '压缩氢', 'Hydrogen, compressed', '2.1', '', 'gas', '115', fg, { aliases: ['氢气'] }),
  entry('1050', '无水氯化氢', 'Hydrogen chloride, anhydrous', '2.3', '', 'gas', '125', tg, {
    sub: ['8'],
    aliases: ['氯化氢'],
  }),
  entry('1053', '硫化氢', 'Hydrogen sulphide', '2.3', '', 'gas', '117', tg, { sub: ['2.1'] }),
  entry('1055', '异丁烯', 'Isobutylene', '2.1', '', 'gas', '115', fg, { density: 0.59 }),
  entry('1061', '无水甲胺', 'Methylamine, anhydrous', '2.1', '', 'gas', '118', fg, { aliases: ['一甲胺'] }),
  entry('1063', '氯甲烷', 'Methyl chloride (refrigerant gas R 40)', '2.1', '', 'gas', '115', fg, {
    aliases: ['一氯甲烷'],
  }),
  entry('1066', '压缩氮', 'Nitrogen, compressed', '2.2', '', 'gas', '121', ng, { aliases: ['氮气'] }),
  entry('1070', '一氧化二氮', 'Nitrous oxide', '2.2', '', 'gas', '122', og, {
    sub: ['5.1'],
    aliases: ['笑气'],
  }),
  entry('1072', '压缩氧', 'Oxygen, compressed', '2.2', '', 'gas', '122', og, {
    sub: ['5.1'],
    aliases: ['氧气'],
  }),
  entry('1073', '冷冻液态氧', 'Oxygen, refrigerated liquid', '2.2', '', 'liquid', '122', og, {
    sub: ['5.1'],
    aliases: ['液氧', '氧气'],
    density: 1.14,
  }),
  entry('1075', '液化石油气', 'Petroleum gases, liquefied', '2.1', '', 'gas', '115', fg, {
    aliases: ['LPG', '石油气'],
    density: 0.51,
  }),
  entry('1076', '光气', 'Phosgene', '2.3', '', 'gas', '125', tg, {
    sub: ['8'],
    aliases: ['碳酰氯'],
    special: ['highly_toxic'],
    card: { distances: tihDistances.phosgene },
  }),
  entry('1077', '丙烯', 'Propylene', '2.1', '', 'gas', '115', fg, { aliases: ['液态丙烯'], density: 0.51 }),
  entry('1078', '制冷气体，未另作规定的', 'Refrigerant gas, n.o.s.', '2.2', '', 'gas', '126', ng),
  entry('1079', '二氧化硫', 'Sulphur dioxide', '2.3', '', 'gas', '125', tg, { sub: ['8'], density: 1.38 }),
  entry('1080', '六氟化硫', 'Sulphur hexafluoride', '2.2', '', 'gas', '126', ng),
  entry('1086', '氯乙烯，稳定的', 'Vinyl chloride, stabilized', '2.1', '', 'gas', '116', ug, {
    aliases: ['氯乙烯'],
    density: 0.91,
  }),
  entry('1951', '冷冻液态氩', 'Argon, refrigerated liquid', '2.2', '', 'liquid', '120', rng, {
    aliases: ['液氩'],
    density: 1.39,
  }),
  entry(
    '1954',
    '压缩气体，易燃，未另作规定的',
    'Compressed gas, flammable, n.o.s.',
    '2.1',
    '',
    'gas',
    '115',
    fg,
  ),
  entry('1956', '压缩气体，未另作规定的', 'Compressed gas, n.o.s.', '2.2', '', 'gas', '126', ng),
  entry('1962', '乙烯', 'Ethylene', '2.1', '', 'gas', '116', ug, { aliases: ['压缩乙烯'] }),
  entry(
    '1965',
    '液化烃类气体混合物，未另作规定的',
    'Hydrocarbon gas mixture, liquefied, n.o.s.',
    '2.1',
    '',
    'gas',
    '115',
    fg,
    {
      aliases: ['碳四', '混合碳四', 'C4', '液化烃'],
      density: 0.58,
    },
  ),
  entry('1966', '冷冻液态氢', 'Hydrogen, refrigerated liquid', '2.1', '', 'liquid', '115', rfg, {
    aliases: ['液氢'],
    density: 0.071,
  }),
  entry('1969', '异丁烷', 'Isobutane', '2.1', '', 'gas', '115', fg, { density: 0.56 }),
  entry(
    '1971',
    '压缩甲烷或压缩天然气',
    'Methane, compressed or Natural gas, compressed',
    '2.1',
    '',
    'gas',
    '115',
    fg,
    {
      aliases: ['甲烷', '天然气', 'CNG', '压缩天然气'],
    },
  ),
  entry(
    '1972',
    '冷冻液态甲烷或冷冻液态天然气',
    'Methane, refrigerated liquid or Natural gas, refrigerated liquid',
    '2.1',
    '',
    'liquid',
    '115',
    rfg,
    {
      aliases: ['LNG', '液化天然气', '甲烷'],
      density: 0.45,
    },
  ),
  entry('1977', '冷冻液态氮', 'Nitrogen, refrigerated liquid', '2.2', '', 'liquid', '120', rng, {
    aliases: ['液氮'],
    density: 0.81,
  }),
  entry('1978', '丙烷', 'Propane', '2.1', '', 'gas', '115', fg, { density: 0.5 }),
  entry(
    '2073',
    '氨溶液，含氨大于35%但不超过50%',
    'Ammonia solution, more than 35% but not more than 50% ammonia',
    '2.2',
    '',
    'liquid',
    '125',
    tg,
    {
      density: 0.88,
    },
  ),
  entry('2187', '冷冻液态二氧化碳', 'Carbon dioxide, refrigerated liquid', '2.2', '', 'liquid', '120', rng, {
    aliases: ['液态二氧化碳', '二氧化碳'],
    density: 1.03,
  }),
  entry(
    '3159',
    '1,1,1,2-四氟乙烷',
    '1,1,1,2-Tetrafluoroethane (refrigerant gas R 134a)',
    '2.2',
    '',
    'gas',
    '126',
    ng,
    {
      aliases: ['R134a'],
    },
  ),
  entry(
    '3161',
    '液化气体，易燃，未另作规定的',
    'Liquefied gas, flammable, n.o.s.',
    '2.1',
    '',
    'gas',
    '115',
    fg,
  ),
  entry('3163', '液化气体，未另作规定的', 'Liquefied gas, n.o.s.', '2.2', '', 'gas', '126', ng),
];
