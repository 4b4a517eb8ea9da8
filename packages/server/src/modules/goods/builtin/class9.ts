/**
 * Class 9, miscellaneous (杂项): environmentally hazardous substances and elevated-temperature
 * goods. Hot road bitumen (沥青, seed 000), carried at about 150–200 °C, is UN3257.
 */
import { entry } from './entry.js';

export const class9 = [
  entry(
    '1845',
    '固态二氧化碳',
    'Carbon dioxide, solid (dry ice)',
    '9',
    '',
    'solid',
    '120',
    'refrigerated_non_flammable_gas',
    {
      aliases: ['干冰'],
    },
  ),
  entry(
    '2211',
    '可膨胀聚合物珠粒',
    'Polymeric beads, expandable',
    '9',
    'III',
    'solid',
    '133',
    'flammable_solid',
    {
      aliases: ['可发性聚苯乙烯', 'EPS'],
    },
  ),
  entry(
    '3077',
    '对环境有害的固态物质，未另作规定的',
    'Environmentally hazardous substance, solid, n.o.s.',
    '9',
    'III',
    'solid',
    '171',
    'environmentally_hazardous',
  ),
  entry(
    '3082',
    '对环境有害的液态物质，未另作规定的',
    'Environmentally hazardous substance, liquid, n.o.s.',
    '9',
    'III',
    'liquid',
    '171',
    'environmentally_hazardous',
  ),
  entry(
    '3257',
    '高温液体，未另作规定的，温度等于或高于100°C并低于其闪点',
    'Elevated temperature liquid, n.o.s., at or above 100 °C and below its flash point',
    '9',
    'III',
    'liquid',
    '128',
    'hot_molten',
    {
      aliases: ['沥青', '热沥青', '道路沥青', '高温液体'],
      density: 1.0,
    },
  ),
  entry(
    '3258',
    '高温固体，未另作规定的，温度等于或高于240°C',
    'Elevated temperature solid, n.o.s., at or above 240 °C',
    '9',
    'III',
    'solid',
    '171',
    'hot_molten',
  ),
];
