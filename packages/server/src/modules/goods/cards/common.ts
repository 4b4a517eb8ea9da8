/** Card sentences many templates share: first aid and protection common to several classes. */
import { t } from './types.js';

export const aid = {
  freshAir: t(
    '迅速移至上风向空气新鲜处，保持安静、保暖；呼吸困难时给氧，呼吸停止时立即进行心肺复苏，送医。',
    'Move to fresh air upwind, keep the person calm and warm; give oxygen if breathing is difficult, start CPR if breathing stops; get medical care.',
  ),
  washSkin: t(
    '立即脱去污染的衣物，用大量流动清水（或肥皂水）彻底冲洗皮肤至少15分钟，送医。',
    'Remove contaminated clothing at once; flush the skin with plenty of running water (or soap and water) for at least 15 minutes; get medical care.',
  ),
  washEyes: t(
    '提起眼睑，用流动清水或生理盐水冲洗至少15分钟，摘除隐形眼镜，送医。',
    'Hold the eyelids open and rinse with running water or saline for at least 15 minutes; remove contact lenses; get medical care.',
  ),
  noVomit: t(
    '用水漱口，禁止催吐，不要给昏迷者喂食任何东西，立即送医。',
    'Rinse the mouth with water; do NOT induce vomiting; give nothing by mouth to an unconscious person; get medical care at once.',
  ),
  corrosiveSkin: t(
    '立即脱去污染的衣物，用大量流动清水冲洗至少20分钟，不要试图用酸碱中和；烧伤处用清洁敷料覆盖，送医。',
    'Remove contaminated clothing at once; flush with plenty of running water for at least 20 minutes; do not try to neutralise; cover burns with a clean dressing; get medical care.',
  ),
  corrosiveIngestion: t(
    '用水漱口，可饮少量清水或牛奶稀释，禁止催吐，立即送医。',
    'Rinse the mouth; a little water or milk may be given to dilute; do NOT induce vomiting; get medical care at once.',
  ),
  frostbite: t(
    '冻伤处用不超过40°C的温水复温，不要揉搓；粘在皮肤上的衣物不要强行撕下，送医。',
    'Thaw frostbitten parts in water not warmer than 40 °C; do not rub; do not pull off clothing frozen to the skin; get medical care.',
  ),
  notLikely: t(
    '一般不会经此途径接触；如误食，漱口并送医。',
    'Exposure this way is unlikely; if swallowed, rinse the mouth and get medical care.',
  ),
};

export const protect = {
  scbaFire: t(
    '佩戴正压式空气呼吸器，穿消防防护服（防静电）；在上风向、高处作业，使用防爆工具和器材。',
    'Wear positive-pressure self-contained breathing apparatus and firefighter protective (antistatic) clothing; work upwind and uphill with explosion-proof tools and equipment.',
  ),
  scbaChemical: t(
    '佩戴正压式空气呼吸器，穿全封闭化学防护服（气密型）；消防防护服对该物质防护有限。',
    'Wear positive-pressure self-contained breathing apparatus and a fully encapsulating gas-tight chemical protective suit; firefighter clothing gives limited protection.',
  ),
  scbaCorrosive: t(
    '佩戴正压式空气呼吸器，穿耐酸碱化学防护服、防护靴和手套，戴防护面屏。',
    'Wear positive-pressure self-contained breathing apparatus, acid- and alkali-resistant chemical protective clothing, boots, gloves and a face shield.',
  ),
  cold: t(
    '佩戴正压式空气呼吸器，穿防寒防冻服和防冻手套、面罩，避免接触低温液体和结霜部件。',
    'Wear positive-pressure self-contained breathing apparatus, cold-insulating clothing, cryogenic gloves and a face shield; avoid contact with the cold liquid and frosted parts.',
  ),
};

export const callFirst = t(
  '立即拨打119、120，报告品名、UN编号、数量和位置；设立警戒区，疏散无关人员，禁止无防护人员进入。',
  'Call 119 and 120 at once with the name, UN number, quantity and place; set up a cordon, move people away and let no one without protection in.',
);
