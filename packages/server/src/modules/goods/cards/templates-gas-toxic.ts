/** Card templates for non-flammable, oxidizing and toxic gases and toxic substances (classes 2.2, 2.3, 6). */
import { aid, protect } from './common.js';
import { t, type CardTemplate } from './types.js';

const coolTank = t(
  '受火容器用大量水雾从远处冷却，火灭后继续冷却；安全阀声响增大或容器变色时立即撤离。',
  'Cool containers exposed to fire with large amounts of water spray from a distance, and keep cooling after the fire is out; withdraw at once if the relief valve roars or the container discolours.',
);

export const gasToxicTemplates: CardTemplate[] = [
  {
    key: 'non_flammable_gas',
    title: t('不燃气体（压缩或液化）', 'Non-flammable gas (compressed or liquefied)'),
    hazards: {
      fire: t(
        '不燃，但容器受热压力升高可爆裂，碎片飞出。',
        'Does not burn, but a heated container builds pressure and may burst and throw fragments.',
      ),
      health: t(
        '高浓度可置换空气中的氧气致人窒息，在低洼和受限空间尤其危险；液化气接触皮肤可致冻伤。',
        'High concentrations displace oxygen and asphyxiate, especially in low places and confined spaces; liquefied gas on the skin causes frostbite.',
      ),
    },
    protection: t(
      '进入高浓度区域佩戴正压式空气呼吸器；接触液化气时戴防冻手套。',
      'Wear positive-pressure self-contained breathing apparatus in high concentrations; cryogenic gloves when handling the liquefied gas.',
    ),
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 500, fireM: 800 },
    fireFighting: {
      agents: t(
        '按周围火灾选用灭火剂；用水雾冷却容器。',
        'Use an agent suited to the surrounding fire; water spray to cool containers.',
      ),
      prohibited: t(
        '不要向泄漏的液化气直接喷水。',
        'Do not spray water directly onto leaking liquefied gas.',
      ),
      notes: coolTank,
    },
    spill: t(
      '在上风向接近，关阀止漏；加强通风，防止气体在地下室、沟渠等受限空间积聚；用氧含量检测仪监测。',
      'Approach from upwind and close valves; ventilate and keep the gas from collecting in basements, ditches and other confined spaces; monitor oxygen levels.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'refrigerated_non_flammable_gas',
    title: t(
      '冷冻液化不燃气体（液氮、液氩、液态二氧化碳、干冰）',
      'Refrigerated non-flammable gas (liquid nitrogen, argon, carbon dioxide; dry ice)',
    ),
    hazards: {
      fire: t(
        '不燃。超低温液体迅速气化体积膨胀数百倍，密闭容器或管道可超压爆裂；接触可使材料变脆。',
        'Does not burn. The cryogenic liquid boils off and expands hundreds of times; a closed container or pipe can burst from the pressure; contact makes materials brittle.',
      ),
      health: t(
        '气化形成的高浓度气体可在数秒内致人窒息（无预警）；二氧化碳高浓度有毒；接触液体或结霜部件致严重冻伤。',
        'The boiled-off gas can asphyxiate within seconds without warning; carbon dioxide is also toxic at high concentrations; contact with the liquid or frosted parts causes severe frostbite.',
      ),
    },
    protection: protect.cold,
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 500, fireM: 800 },
    fireFighting: {
      agents: t(
        '按周围火灾选用灭火剂；用水雾冷却罐体（不要喷向安全阀）。',
        'Use an agent suited to the surrounding fire; water spray to cool the tank (not onto relief valves).',
      ),
      prohibited: t(
        '禁止向泄漏的低温液体直接喷水（会结冰堵塞并加剧气化）。',
        'Never put water on the leaking cryogenic liquid: it freezes, blocks vents and speeds up boil-off.',
      ),
      notes: coolTank,
    },
    spill: t(
      '在上风向接近，关阀止漏；让液体自然气化，不要进入低洼处和受限空间；加强通风，监测氧含量。',
      'Approach from upwind and close valves; let the liquid evaporate; keep out of low places and confined spaces; ventilate and monitor oxygen levels.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'oxidizing_gas',
    title: t('氧化性气体（氧气、液氧、一氧化二氮）', 'Oxidizing gas (oxygen, liquid oxygen, nitrous oxide)'),
    hazards: {
      fire: t(
        '本身不燃，但强烈助燃：可使可燃物（油脂、衣物、沥青路面）剧烈燃烧甚至爆炸；容器受热可爆裂。',
        'Does not burn itself but strongly feeds fire: combustibles (oil, grease, clothing, asphalt) burn violently or explode; heated containers may burst.',
      ),
      health: t(
        '液氧接触皮肤致严重冻伤；富氧环境下衣物极易着火。',
        'Liquid oxygen causes severe frostbite; clothing soaked in oxygen ignites very easily.',
      ),
    },
    protection: t(
      '佩戴正压式空气呼吸器；接触液氧时穿防冻服；衣物沾染氧气后远离火源至少15分钟。',
      'Wear positive-pressure self-contained breathing apparatus; cold-insulating clothing near liquid oxygen; keep clothing that absorbed oxygen away from ignition for at least 15 minutes.',
    ),
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 500, fireM: 800 },
    fireFighting: {
      agents: t(
        '切断气源；用水雾、水灭火并冷却容器。',
        'Stop the flow; water spray or water to extinguish and to cool containers.',
      ),
      prohibited: t(
        '禁止让油脂或可燃物接触泄漏物；不要在液氧浸渍的路面上行走或驾车。',
        'Keep oil, grease and combustibles away; do not walk or drive over ground soaked with liquid oxygen.',
      ),
      notes: coolTank,
    },
    spill: t(
      '清除泄漏区内的可燃物，禁止火源；关阀止漏，加强通风；液氧泄漏时让其自然气化，沥青路面需等待结霜消退后再通行。',
      'Remove combustibles and ignition sources; close valves and ventilate; let liquid oxygen evaporate, and keep traffic off asphalt until the frost has gone.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'toxic_gas',
    title: t(
      '有毒气体（氨、氯、二氧化硫、环氧乙烷等）',
      'Toxic gas (ammonia, chlorine, sulphur dioxide, ethylene oxide …)',
    ),
    hazards: {
      fire: t(
        '部分品种可燃（一氧化碳、硫化氢、环氧乙烷），部分品种强烈助燃（氯）；容器受热可爆裂；泄漏气体可随风扩散很远。',
        'Some burn (carbon monoxide, hydrogen sulphide, ethylene oxide), some strongly feed fire (chlorine); heated containers may burst; a leak can travel far downwind.',
      ),
      health: t(
        '吸入可致死；腐蚀性气体灼伤眼睛、皮肤和呼吸道，可致延迟性肺水肿；部分品种无色无味，感官无法察觉。',
        'May be fatal if inhaled; corrosive gases burn eyes, skin and airways and can cause delayed lung oedema; some are colourless and odourless.',
      ),
    },
    protection: protect.scbaChemical,
    distances: { isolationM: 100, smallSpillM: 300, largeSpillM: 1000, fireM: 1600 },
    fireFighting: {
      agents: t(
        '切断气源；用水雾稀释和吸收气体（氨、氯化氢），冷却容器；可燃品种用干粉、二氧化碳。',
        'Stop the flow; water spray to dilute and absorb the gas (ammonia, hydrogen chloride) and to cool containers; dry chemical or carbon dioxide for the flammable ones.',
      ),
      prohibited: t(
        '不要向泄漏的液化气或泄漏点直接喷水。',
        'Do not spray water onto the leak or onto the liquefied gas.',
      ),
      notes: coolTank,
    },
    spill: t(
      '立即向下风向疏散，夜间疏散距离应加大；只有佩戴全套防护的人员在上风向关阀止漏；用水幕、水雾稀释吸收气体，收容含毒污水；持续检测浓度。',
      'Evacuate downwind at once, further at night; only fully protected responders approach from upwind to close valves; use water curtains and spray to knock down the gas and contain the contaminated run-off; monitor concentrations continuously.',
    ),
    firstAid: {
      inhalation: t(
        '迅速移至上风向空气新鲜处，保持安静、半卧位；给氧，呼吸停止时进行人工呼吸（勿口对口）；即使无症状也要送医观察24–48小时。',
        'Move to fresh air upwind, keep at rest half-sitting; give oxygen, ventilate if breathing stops (not mouth-to-mouth); get medical observation for 24–48 hours even without symptoms.',
      ),
      skin: aid.corrosiveSkin,
      eyes: aid.washEyes,
      ingestion: aid.notLikely,
    },
  },
  {
    key: 'toxic_liquid',
    title: t('毒性液体', 'Toxic liquid'),
    hazards: {
      fire: t(
        '部分品种可燃；燃烧或受热分解产生有毒气体；容器受热可爆裂。',
        'Some are combustible; fire or heat gives off toxic gases; heated containers may burst.',
      ),
      health: t(
        '吸入、皮肤吸收或误食均可中毒，严重者致死；部分品种对肝、肾、神经系统有损害，症状可能延迟出现。',
        'Poisonous, possibly fatal, by inhalation, skin absorption or swallowing; some damage the liver, kidneys or nervous system; symptoms may be delayed.',
      ),
    },
    protection: protect.scbaChemical,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '干粉、二氧化碳、抗溶性泡沫、水雾。',
        'Dry chemical, carbon dioxide, alcohol-resistant foam, water spray.',
      ),
      prohibited: t(
        '避免用直流水冲散泄漏物；灭火污水须收容。',
        'Do not scatter the spill with a water jet; contain fire-fighting water.',
      ),
      notes: coolTank,
    },
    spill: t(
      '禁止无防护人员接触；关阀止漏，筑堤收容，防止进入下水道和水体；用沙土或专用吸附材料吸收，收入密闭容器按危险废物处置。',
      'Let no one without protection touch it; close valves, dike and keep it out of sewers and water; absorb with sand or a sorbent into closed containers for disposal as hazardous waste.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'toxic_solid',
    title: t('毒性固体', 'Toxic solid'),
    hazards: {
      fire: t('部分品种可燃；受热分解产生有毒烟气。', 'Some are combustible; heat gives off toxic fumes.'),
      health: t(
        '吸入粉尘、皮肤接触或误食均可中毒，严重者致死；苯酚可经皮肤迅速吸收并灼伤皮肤。',
        'Poisonous, possibly fatal, by inhaling dust, skin contact or swallowing; phenol is absorbed through the skin quickly and burns it.',
      ),
    },
    protection: protect.scbaChemical,
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('水雾、干粉、二氧化碳、泡沫。', 'Water spray, dry chemical, carbon dioxide, foam.'),
      prohibited: t(
        '避免用直流水冲击，以免扬尘和扩散污染。',
        'Avoid a straight jet: it raises dust and spreads contamination.',
      ),
      notes: coolTank,
    },
    spill: t(
      '禁止无防护人员接触；避免扬尘，用塑料布覆盖防雨；收集到密闭容器中按危险废物处置，防止进入水体。',
      'Let no one without protection touch it; do not raise dust, cover with plastic sheet against rain; collect into closed containers for disposal as hazardous waste and keep out of water.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'cyanide',
    title: t('氰化物（剧毒）', 'Cyanides (highly toxic)'),
    hazards: {
      fire: t(
        '氰化钠、氰化钾本身不燃，但遇酸、遇水或受潮放出剧毒、易燃的氰化氢气体；氰化氢本身极易燃。',
        'Sodium and potassium cyanide do not burn, but acids, water or damp give off highly toxic, flammable hydrogen cyanide; hydrogen cyanide itself is extremely flammable.',
      ),
      health: t(
        '剧毒：吸入、皮肤接触或误食极少量即可在数分钟内致死；中毒表现为头痛、呼吸急促、抽搐、昏迷。',
        'Highly toxic: a very small amount inhaled, on the skin or swallowed can kill within minutes; signs are headache, rapid breathing, convulsions and coma.',
      ),
    },
    protection: protect.scbaChemical,
    distances: { isolationM: 100, smallSpillM: 300, largeSpillM: 1000, fireM: 1600 },
    fireFighting: {
      agents: t(
        '干粉、干沙；周围火灾用水雾时防止水接触泄漏物。',
        'Dry chemical, dry sand; if water spray is used on a nearby fire, keep it off the spilled cyanide.',
      ),
      prohibited: t(
        '严禁酸或酸性物质接触泄漏物；固体氰化物泄漏区禁止用水。',
        'Keep all acids and acidic materials away; no water on spilled solid cyanide.',
      ),
      notes: t(
        '立即报告公安和生态环境部门；封堵附近下水道和水体入口。',
        'Report at once to the police and the environment authority; seal nearby drains and waterways.',
      ),
    },
    spill: t(
      '只有穿全套防护的人员处置；保持泄漏物干燥，用塑料布覆盖防雨；收集到密闭容器中；严防进入水体，污染水体须报告并封控。',
      'Only fully protected responders handle it; keep it dry under plastic sheet; collect into closed containers; keep it out of water at all costs and report and contain any contaminated water.',
    ),
    firstAid: {
      inhalation: t(
        '施救者做好防护后将患者移至空气新鲜处；给氧，呼吸停止时用器械人工呼吸（严禁口对口）；立即送医并告知氰化物中毒（需专用解毒剂）。',
        'Rescuers protected, move the person to fresh air; give oxygen, ventilate with a device if breathing stops (never mouth-to-mouth); get medical care at once and say it is cyanide poisoning (a specific antidote is needed).',
      ),
      skin: aid.washSkin,
      eyes: aid.washEyes,
      ingestion: t(
        '立即送医并告知氰化物中毒；禁止催吐，禁止口对口人工呼吸。',
        'Get medical care at once and say it is cyanide poisoning; do not induce vomiting; no mouth-to-mouth resuscitation.',
      ),
    },
  },
  {
    key: 'infectious',
    title: t('感染性物质、医疗废物', 'Infectious substances, clinical waste'),
    hazards: {
      fire: t('一般不燃或难燃，部分包装材料可燃。', 'Usually not flammable; some packaging burns.'),
      health: t(
        '接触破损包装内的物质可能感染疾病；症状可能延迟出现。',
        'Contact with the contents of a damaged package may cause infection; symptoms may be delayed.',
      ),
    },
    protection: t(
      '穿防渗透防护服，戴医用防护口罩（N95或以上）、护目镜和双层手套。',
      'Wear liquid-proof protective clothing, a medical respirator (N95 or better), goggles and double gloves.',
    ),
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 50, fireM: 300 },
    fireFighting: {
      agents: t('按周围火灾选用灭火剂。', 'Use an agent suited to the surrounding fire.'),
      prohibited: t('不要用直流水冲散破损包装。', 'Do not scatter damaged packages with a water jet.'),
      notes: t('通知卫生健康部门。', 'Notify the health authority.'),
    },
    spill: t(
      '不要触碰或打开破损包装；用吸附材料覆盖泄漏物，用含氯消毒剂浸湿消毒；通知卫生健康和生态环境部门处置。',
      'Do not touch or open damaged packages; cover the spill with absorbent, soak with chlorine disinfectant; call the health and environment authorities.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
];
