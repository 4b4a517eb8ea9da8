/**
 * The built-in catalogue: every substance seed 000 names and about 250 of the UN numbers most
 * often carried by road, one file per class under builtin/. `cardKey` names one of our own
 * emergency-card texts (cards/templates*.ts).
 */
import type { CardOverride } from './cards/types.js';
import type { GoodsFacts } from './facts.js';
import { class1 } from './builtin/class1.js';
import { class2 } from './builtin/class2.js';
import { class3 } from './builtin/class3.js';
import { class4 } from './builtin/class4.js';
import { class5 } from './builtin/class5.js';
import { class6 } from './builtin/class6.js';
import { class7 } from './builtin/class7.js';
import { class8 } from './builtin/class8.js';
import { class9 } from './builtin/class9.js';

export interface BuiltinGoods extends GoodsFacts {
  aliasesZh?: string[];
  compatibilityGroup?: string;
  cardKey: string;
  card?: CardOverride;
}

export const builtinGoods: readonly BuiltinGoods[] = [
  ...class1,
  ...class2,
  ...class3,
  ...class4,
  ...class5,
  ...class6,
  ...class7,
  ...class8,
  ...class9,
];
