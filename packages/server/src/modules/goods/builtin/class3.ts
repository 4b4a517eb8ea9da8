/**
 * Class 3, flammable liquids (易燃液体): Panjin's refinery products (seed 000: crude oil, gasoline,
 * diesel, jet fuel, pentane, butyl ether, the aromatics benzene, toluene and the xylenes) and the
 * common solvents, alcohols, ketones, esters and monomers.
 */
import { entry } from './entry.js';

const im = 'flammable_liquid_immiscible';
const mi = 'flammable_liquid_miscible';
const tx = 'flammable_liquid_toxic';
const co = 'flammable_liquid_corrosive';

export const class3 = [
  entry('1089', '乙醛', 'Acetaldehyde', '3', 'I', 'liquid', '129', mi, { density: 0.78 }),
  entry('1090', '丙酮', 'Acetone', '3', 'II', 'liquid', '127', mi, { density: 0.79 }),
  entry('1093', '丙烯腈，稳定的', 'Acrylonitrile, stabilized', '3', 'I', 'liquid', '131', tx, {
    sub: ['6.1'],
    aliases: ['丙烯腈'],
    density: 0.81,
  }),
  entry('1100', '烯丙基氯', 'Allyl chloride', '3', 'I', 'liquid', '131', tx, {
    sub: ['6.1'],
    aliases: ['3-氯丙烯'],
  }),
  entry('1105', '戊醇', 'Pentanols', '3', 'II,III', 'liquid', '129', mi, { aliases: ['正戊醇'] }),
  entry('1114', '苯', 'Benzene', '3', 'II', 'liquid', '130', im, {
    aliases: ['纯苯', '芳烃'],
    density: 0.88,
  }),
  entry('1120', '丁醇', 'Butanols', '3', 'II,III', 'liquid', '129', mi, {
    aliases: ['正丁醇'],
    density: 0.81,
  }),
  entry('1123', '乙酸丁酯', 'Butyl acetates', '3', 'II,III', 'liquid', '129', mi, {
    aliases: ['醋酸丁酯'],
    density: 0.88,
  }),
  entry('1125', '正丁胺', 'n-Butylamine', '3', 'II', 'liquid', '132', co, { sub: ['8'] }),
  entry('1129', '丁醛', 'Butyraldehyde', '3', 'II', 'liquid', '129', mi),
  entry('1131', '二硫化碳', 'Carbon disulphide', '3', 'I', 'liquid', '131', tx, {
    sub: ['6.1'],
    density: 1.26,
  }),
  entry(
    '1133',
    '黏合剂，含易燃液体',
    'Adhesives containing flammable liquid',
    '3',
    'I,II,III',
    'liquid',
    '128',
    im,
    {
      aliases: ['胶黏剂'],
    },
  ),
  entry('1134', '氯苯', 'Chlorobenzene', '3', 'III', 'liquid', '130', im, { density: 1.11 }),
  entry('1145', '环己烷', 'Cyclohexane', '3', 'II', 'liquid', '128', im, { density: 0.78 }),
  entry('1146', '环戊烷', 'Cyclopentane', '3', 'II', 'liquid', '128', im),
  entry('1149', '二丁醚', 'Dibutyl ethers', '3', 'III', 'liquid', '128', im, {
    aliases: ['丁醚', '正丁醚'],
    density: 0.77,
  }),
  entry('1150', '1,2-二氯乙烯', '1,2-Dichloroethylene', '3', 'II', 'liquid', '130', im),
  entry('1154', '二乙胺', 'Diethylamine', '3', 'II', 'liquid', '132', co, { sub: ['8'] }),
  entry('1155', '乙醚', 'Diethyl ether (ethyl ether)', '3', 'I', 'liquid', '127', mi, {
    aliases: ['二乙醚'],
    density: 0.71,
  }),
  entry('1159', '二异丙醚', 'Diisopropyl ether', '3', 'II', 'liquid', '127', mi),
  entry('1160', '二甲胺水溶液', 'Dimethylamine aqueous solution', '3', 'II', 'liquid', '132', co, {
    sub: ['8'],
  }),
  entry('1165', '二噁烷', 'Dioxane', '3', 'II', 'liquid', '127', mi, { aliases: ['1,4-二氧六环'] }),
  entry('1170', '乙醇', 'Ethanol (ethyl alcohol)', '3', 'II,III', 'liquid', '127', mi, {
    aliases: ['酒精', '无水乙醇'],
    density: 0.79,
  }),
  entry('1173', '乙酸乙酯', 'Ethyl acetate', '3', 'II', 'liquid', '129', mi, {
    aliases: ['醋酸乙酯'],
    density: 0.9,
  }),
  entry('1175', '乙苯', 'Ethylbenzene', '3', 'II', 'liquid', '130', im, { density: 0.87 }),
  entry('1184', '1,2-二氯乙烷', 'Ethylene dichloride', '3', 'II', 'liquid', '131', tx, {
    sub: ['6.1'],
    density: 1.25,
  }),
  entry('1193', '丁酮', 'Ethyl methyl ketone (methyl ethyl ketone)', '3', 'II', 'liquid', '127', mi, {
    aliases: ['甲乙酮', '2-丁酮'],
    density: 0.8,
  }),
  entry('1198', '甲醛溶液，易燃', 'Formaldehyde solution, flammable', '3', 'III', 'liquid', '132', co, {
    sub: ['8'],
  }),
  entry('1202', '柴油', 'Diesel fuel', '3', 'III', 'liquid', '128', im, {
    aliases: ['轻柴油', '瓦斯油'],
    density: 0.84,
  }),
  entry('1203', '汽油', 'Gasoline (motor spirit, petrol)', '3', 'II', 'liquid', '128', im, {
    aliases: ['车用汽油'],
    density: 0.74,
  }),
  entry('1206', '庚烷', 'Heptanes', '3', 'II', 'liquid', '128', im, { density: 0.68 }),
  entry('1208', '己烷', 'Hexanes', '3', 'II', 'liquid', '128', im, { aliases: ['正己烷'], density: 0.66 }),
  entry('1212', '异丁醇', 'Isobutanol', '3', 'III', 'liquid', '129', mi, { density: 0.8 }),
  entry('1218', '异戊二烯，稳定的', 'Isoprene, stabilized', '3', 'I', 'liquid', '130', im, {
    aliases: ['异戊二烯'],
  }),
  entry('1219', '异丙醇', 'Isopropanol (isopropyl alcohol)', '3', 'II', 'liquid', '129', mi, {
    density: 0.79,
  }),
  entry('1220', '乙酸异丙酯', 'Isopropyl acetate', '3', 'II', 'liquid', '129', mi),
  entry('1221', '异丙胺', 'Isopropylamine', '3', 'I', 'liquid', '132', co, { sub: ['8'] }),
  entry('1223', '煤油', 'Kerosene', '3', 'III', 'liquid', '128', im, { aliases: ['灯用煤油'], density: 0.8 }),
  entry('1230', '甲醇', 'Methanol', '3', 'II', 'liquid', '131', tx, {
    sub: ['6.1'],
    aliases: ['木醇'],
    density: 0.79,
  }),
  entry('1231', '乙酸甲酯', 'Methyl acetate', '3', 'II', 'liquid', '129', mi),
  entry('1235', '甲胺水溶液', 'Methylamine, aqueous solution', '3', 'II', 'liquid', '132', co, {
    sub: ['8'],
  }),
  entry('1243', '甲酸甲酯', 'Methyl formate', '3', 'I', 'liquid', '129', mi),
  entry('1245', '甲基异丁基酮', 'Methyl isobutyl ketone', '3', 'II', 'liquid', '127', mi, {
    aliases: ['MIBK'],
  }),
  entry(
    '1247',
    '甲基丙烯酸甲酯单体，稳定的',
    'Methyl methacrylate monomer, stabilized',
    '3',
    'II',
    'liquid',
    '129',
    mi,
    {
      aliases: ['甲基丙烯酸甲酯', 'MMA'],
      density: 0.94,
    },
  ),
  entry('1262', '辛烷', 'Octanes', '3', 'II', 'liquid', '128', im),
  entry('1263', '涂料', 'Paint (including lacquer, enamel, varnish)', '3', 'I,II,III', 'liquid', '128', im, {
    aliases: ['油漆'],
  }),
  entry('1265', '戊烷', 'Pentanes, liquid', '3', 'I,II', 'liquid', '128', im, {
    aliases: ['正戊烷', '异戊烷'],
    density: 0.63,
  }),
  entry('1267', '石油原油', 'Petroleum crude oil', '3', 'I,II,III', 'liquid', '128', im, {
    aliases: ['原油'],
    density: 0.86,
  }),
  entry(
    '1268',
    '石油馏出物，未另作规定的',
    'Petroleum distillates, n.o.s. or Petroleum products, n.o.s.',
    '3',
    'I,II,III',
    'liquid',
    '128',
    im,
    {
      aliases: ['石油产品', '溶剂油'],
    },
  ),
  entry('1274', '正丙醇', 'n-Propanol (propyl alcohol, normal)', '3', 'II,III', 'liquid', '129', mi),
  entry('1275', '丙醛', 'Propionaldehyde', '3', 'II', 'liquid', '129', mi),
  entry('1276', '乙酸正丙酯', 'n-Propyl acetate', '3', 'II', 'liquid', '129', mi),
  entry('1280', '环氧丙烷', 'Propylene oxide', '3', 'I', 'liquid', '127', mi, {
    aliases: ['氧化丙烯'],
    density: 0.83,
  }),
  entry('1282', '吡啶', 'Pyridine', '3', 'II', 'liquid', '129', mi),
  entry('1294', '甲苯', 'Toluene', '3', 'II', 'liquid', '130', im, { aliases: ['芳烃'], density: 0.87 }),
  entry('1296', '三乙胺', 'Triethylamine', '3', 'II', 'liquid', '132', co, { sub: ['8'] }),
  entry('1301', '乙酸乙烯酯，稳定的', 'Vinyl acetate, stabilized', '3', 'II', 'liquid', '129', mi, {
    aliases: ['醋酸乙烯', '乙酸乙烯酯'],
    density: 0.93,
  }),
  entry('1307', '二甲苯', 'Xylenes', '3', 'II,III', 'liquid', '130', im, {
    aliases: ['邻二甲苯', '间二甲苯', '对二甲苯', '混合二甲苯', '芳烃'],
    density: 0.87,
  }),
  entry('1648', '乙腈', 'Acetonitrile', '3', 'II', 'liquid', '127', mi, { aliases: ['甲基氰'] }),
  entry(
    '1863',
    '航空燃料，涡轮发动机用',
    'Fuel, aviation, turbine engine',
    '3',
    'I,II,III',
    'liquid',
    '128',
    im,
    {
      aliases: ['航空煤油', '航煤', '喷气燃料'],
      density: 0.8,
    },
  ),
  entry('1917', '丙烯酸乙酯，稳定的', 'Ethyl acrylate, stabilized', '3', 'II', 'liquid', '129', mi),
  entry('1919', '丙烯酸甲酯，稳定的', 'Methyl acrylate, stabilized', '3', 'II', 'liquid', '129', mi),
  entry(
    '1986',
    '醇类，易燃，有毒，未另作规定的',
    'Alcohols, flammable, toxic, n.o.s.',
    '3',
    'I,II,III',
    'liquid',
    '131',
    tx,
    {
      sub: ['6.1'],
    },
  ),
  entry('1987', '醇类，未另作规定的', 'Alcohols, n.o.s.', '3', 'II,III', 'liquid', '127', mi),
  entry(
    '1992',
    '易燃液体，有毒，未另作规定的',
    'Flammable liquid, toxic, n.o.s.',
    '3',
    'I,II,III',
    'liquid',
    '131',
    tx,
    {
      sub: ['6.1'],
    },
  ),
  entry('1993', '易燃液体，未另作规定的', 'Flammable liquid, n.o.s.', '3', 'I,II,III', 'liquid', '128', im),
  entry(
    '1999',
    '焦油，液态',
    'Tars, liquid, including road oils and cutback bitumens',
    '3',
    'II,III',
    'liquid',
    '130',
    im,
    {
      aliases: ['液体沥青', '稀释沥青', '煤焦油'],
    },
  ),
  entry('2055', '苯乙烯单体，稳定的', 'Styrene monomer, stabilized', '3', 'III', 'liquid', '128', im, {
    aliases: ['苯乙烯'],
    density: 0.91,
  }),
  entry('2056', '四氢呋喃', 'Tetrahydrofuran', '3', 'II', 'liquid', '127', mi),
  entry('2265', 'N,N-二甲基甲酰胺', 'N,N-Dimethylformamide', '3', 'III', 'liquid', '129', mi, {
    aliases: ['DMF'],
  }),
  entry('2348', '丙烯酸丁酯，稳定的', 'Butyl acrylates, stabilized', '3', 'III', 'liquid', '129', mi, {
    aliases: ['丙烯酸丁酯'],
  }),
  entry('2398', '甲基叔丁基醚', 'Methyl tert-butyl ether', '3', 'II', 'liquid', '127', mi, {
    aliases: ['MTBE'],
    density: 0.74,
  }),
  entry(
    '2924',
    '易燃液体，腐蚀性，未另作规定的',
    'Flammable liquid, corrosive, n.o.s.',
    '3',
    'I,II,III',
    'liquid',
    '132',
    co,
    {
      sub: ['8'],
    },
  ),
  entry(
    '3295',
    '烃类，液态，未另作规定的',
    'Hydrocarbons, liquid, n.o.s.',
    '3',
    'I,II,III',
    'liquid',
    '128',
    im,
  ),
  entry(
    '3256',
    '高温液体，易燃，未另作规定的，闪点高于60°C',
    'Elevated temperature liquid, flammable, n.o.s., with flash point above 60 °C, at or above its flash point',
    '3',
    'III',
    'liquid',
    '128',
    'hot_molten',
  ),
];
