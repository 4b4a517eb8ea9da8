/** Card templates for explosives, radioactive material, hot goods and environmentally hazardous substances. */
import { aid, protect } from './common.js';
import { t, type CardTemplate } from './types.js';

export const otherTemplates: CardTemplate[] = [
  {
    key: 'explosive',
    title: t('爆炸品（1.1、1.2、1.3、1.5项）', 'Explosives (divisions 1.1, 1.2, 1.3, 1.5)'),
    hazards: {
      fire: t(
        '受火、受热、撞击或摩擦可发生整体爆炸，抛射碎片可达数百米以上；车辆着火蔓延至货厢前必须撤离。',
        'Fire, heat, shock or friction can cause a mass explosion throwing fragments hundreds of metres or more; leave before fire reaches the load.',
      ),
      health: t(
        '爆炸冲击波和碎片致伤；燃烧产生有毒气体。',
        'Blast and fragments injure; fire gives off toxic gases.',
      ),
    },
    protection: t(
      '任何防护服都不能抵御爆炸；非专业人员不得接近，由公安、排爆专业人员处置。',
      'No protective clothing protects against a blast; only police and bomb-disposal specialists approach.',
    ),
    distances: { isolationM: 500, smallSpillM: 500, largeSpillM: 800, fireM: 1600 },
    fireFighting: {
      agents: t(
        '火未蔓延到货物时可用大量水扑灭车辆火（轮胎、发动机）。',
        'While the fire has not reached the cargo, fight the vehicle fire (tyres, engine) with plenty of water.',
      ),
      prohibited: t(
        '火焰已蔓延至货物时禁止灭火，所有人员立即撤离至安全距离。',
        'Never fight a fire that has reached the cargo: everyone withdraws to a safe distance at once.',
      ),
      notes: t(
        '立即报告公安机关；禁止使用无线电发射设备靠近电雷管。',
        'Report to the police at once; keep radio transmitters away from electric detonators.',
      ),
    },
    spill: t(
      '禁止触碰、移动撒落的爆炸品；消除火源，禁止车辆通行，等待专业人员处置。',
      'Do not touch or move spilled explosives; remove ignition sources, stop traffic and wait for specialists.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'explosive_minor',
    title: t(
      '爆炸品（1.4项：烟花、雷管、弹药等）',
      'Explosives (division 1.4: fireworks, detonators, cartridges)',
    ),
    hazards: {
      fire: t(
        '受火时单个包件可爆燃或爆炸，抛射小碎片；通常不会整体爆炸，但大量集中时危险加大。',
        'In a fire single packages may burn fiercely or explode and throw small fragments; a mass explosion is not expected, but large loads are more dangerous.',
      ),
      health: t(
        '爆炸碎片致伤；燃烧产生刺激性、有毒气体。',
        'Fragments injure; fire gives off irritating, toxic gases.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 250, fireM: 500 },
    fireFighting: {
      agents: t(
        '大量水；从掩体后或最远距离灭火。',
        'Plenty of water, from behind cover or as far as possible.',
      ),
      prohibited: t(
        '火焰已蔓延至货物时不要靠近，从远处射水或撤离。',
        'Do not approach once the cargo burns: use water from afar or withdraw.',
      ),
      notes: t('立即报告公安机关。', 'Report to the police at once.'),
    },
    spill: t(
      '不要触碰破损包件；消除火源，等待专业人员处置。',
      'Do not touch damaged packages; remove ignition sources and wait for specialists.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'radioactive',
    title: t('放射性物品', 'Radioactive material'),
    hazards: {
      fire: t(
        '包件一般不燃；B型包件可承受严重事故和火灾；放射源无法用感官察觉。',
        'Packages usually do not burn; Type B packages withstand severe accidents and fire; radiation cannot be seen, smelled or felt.',
      ),
      health: t(
        '包件破损时可受外照射或吸入、沾染放射性物质；完好包件外部辐射水平很低。',
        'A damaged package can expose people to radiation and to inhaled or deposited contamination; intact packages give very low external radiation.',
      ),
    },
    protection: t(
      '佩戴正压式空气呼吸器和个人剂量计；消防防护服可防止沾染但不能屏蔽辐射；尽量缩短停留时间、增大距离。',
      'Wear positive-pressure self-contained breathing apparatus and a personal dosimeter; firefighter clothing prevents contamination but does not shield radiation; minimise time and maximise distance.',
    ),
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 100, fireM: 300 },
    fireFighting: {
      agents: t(
        '按周围火灾选用灭火剂；用水雾控制。',
        'Use an agent suited to the surrounding fire; water spray.',
      ),
      prohibited: t(
        '不要移动受损包件；灭火污水须收容待检测。',
        'Do not move damaged packages; contain fire-fighting water until it is monitored.',
      ),
      notes: t(
        '立即报告生态环境部门（核与辐射安全）和公安机关。',
        'Report at once to the environment authority (nuclear and radiation safety) and the police.',
      ),
    },
    spill: t(
      '不要触碰破损包件或泄漏物；划定警戒区，等待辐射防护专业人员检测；疑似沾染人员留在警戒区边缘等待检测。',
      'Do not touch damaged packages or spilled material; cordon off and wait for radiation-protection specialists; people who may be contaminated wait at the cordon for monitoring.',
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: t(
        '脱去污染衣物，用温水和肥皂清洗；救治危及生命的伤情优先于去污。',
        'Remove contaminated clothing and wash with lukewarm water and soap; treating life-threatening injuries comes before decontamination.',
      ),
      eyes: aid.washEyes,
      ingestion: t(
        '漱口，送医并告知可能摄入放射性物质。',
        'Rinse the mouth; get medical care and say radioactive material may have been swallowed.',
      ),
    },
  },
  {
    key: 'hot_molten',
    title: t('高温液体或固体（热沥青、熔融硫磺等）', 'Hot liquid or solid (hot bitumen, molten sulphur …)'),
    hazards: {
      fire: t(
        '以100°C以上高温运输，可点燃周围可燃物；泄漏物冷却前可燃烧；遇水可剧烈沸腾飞溅；熔融硫磺可放出硫化氢、二氧化硫。',
        'Carried above 100 °C and can ignite combustibles nearby; the spill may burn until it cools; water makes it boil over and spatter violently; molten sulphur can give off hydrogen sulphide and sulphur dioxide.',
      ),
      health: t(
        '接触可致严重烫伤，冷却的沥青粘附皮肤；烟气刺激眼睛和呼吸道。',
        'Contact causes severe burns and cooled bitumen sticks to the skin; fumes irritate the eyes and airways.',
      ),
    },
    protection: t(
      '穿隔热消防防护服、面罩和隔热手套；烟气较大时佩戴正压式空气呼吸器。',
      'Wear heat-resistant firefighter clothing, a face shield and insulated gloves; breathing apparatus in heavy fumes.',
    ),
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('干粉、二氧化碳、泡沫、沙土。', 'Dry chemical, carbon dioxide, foam, sand.'),
      prohibited: t(
        '禁止向高温液体直接喷水（沸溢飞溅）。',
        'Never put water directly on the hot liquid: it boils over and spatters.',
      ),
      notes: t(
        '可用水雾从远处冷却罐体外壁。',
        'Water spray may cool the outside of the tank from a distance.',
      ),
    },
    spill: t(
      '让泄漏物自然冷却凝固后用铲车清除；用沙土筑堤防止流淌；防止进入下水道和水体。',
      'Let the spill cool and solidify, then remove it mechanically; dike with sand to stop it flowing; keep out of sewers and water.',
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: t(
        '立即用大量冷水冷却烫伤处至少20分钟；不要强行剥除粘在皮肤上的沥青；送医。',
        'Cool the burn at once with plenty of cold water for at least 20 minutes; do not peel off bitumen stuck to the skin; get medical care.',
      ),
      eyes: aid.washEyes,
      ingestion: aid.notLikely,
    },
  },
  {
    key: 'environmentally_hazardous',
    title: t('对环境有害的物质', 'Environmentally hazardous substance'),
    hazards: {
      fire: t(
        '部分品种可燃；燃烧可产生刺激性、有毒气体。',
        'Some are combustible; fire may give off irritating or toxic gases.',
      ),
      health: t(
        '可能刺激皮肤、眼睛；主要危害是污染水体和土壤，对水生生物有毒。',
        'May irritate skin and eyes; the main danger is to water and soil: toxic to aquatic life.',
      ),
    },
    protection: t(
      '穿防化服、防护手套和护目镜；大量挥发时佩戴呼吸防护。',
      'Wear chemical protective clothing, gloves and goggles; respiratory protection where vapour is heavy.',
    ),
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('按周围火灾选用灭火剂。', 'Use an agent suited to the surrounding fire.'),
      prohibited: t(
        '灭火污水不得直接排入水体和下水道。',
        'Fire-fighting water must not run into waterways or sewers.',
      ),
      notes: t('通知生态环境部门。', 'Notify the environment authority.'),
    },
    spill: t(
      '关阀止漏，筑堤收容，封堵附近的雨水井和排水口，防止进入水体；用吸附材料收集，按危险废物处置。',
      'Stop the leak, dike it, seal nearby drains and outlets and keep it out of water; collect with sorbents for disposal as hazardous waste.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
];
