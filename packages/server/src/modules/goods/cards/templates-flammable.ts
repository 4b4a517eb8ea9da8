/** Card templates for flammable liquids, gases and solids (classes 2.1, 3, 4). */
import { aid, protect } from './common.js';
import { t, type CardTemplate } from './types.js';

const noSpreadingWater = t(
  '禁止用直流水扑救：水会使燃烧的液体飞溅、漂浮扩散。',
  'Do not use a straight water jet: it splashes and spreads the burning liquid.',
);
const tankFire = t(
  '罐车受火时用水雾或遥控水炮从最远距离冷却罐体，火灭后继续冷却；安全阀声响增大或罐体变色时立即撤离。',
  'If a tank is in a fire, cool it with water spray or unmanned monitors from as far as possible, and keep cooling after the fire is out; withdraw at once if the relief valve roars or the tank discolours.',
);
const noIgnition = t(
  '消除一切火源（明火、吸烟、火花、车辆发动机），使用防爆工具；',
  'Remove every ignition source (flames, smoking, sparks, engines) and use explosion-proof tools; ',
);
const flammableLiquidSpill = (extra: { zh: string; en: string }) =>
  t(
    `${noIgnition.zh}在上风向接近，关闭阀门止漏；筑堤或挖坑收容，防止流入下水道、雨水井和河流；用泡沫覆盖抑制蒸气；用沙土或其他不燃材料吸收，收入密闭容器。${extra.zh}`,
    `${noIgnition.en}approach from upwind and close valves to stop the leak; dike or dig a pit to contain it and keep it out of sewers, drains and rivers; cover with foam to suppress vapour; absorb with sand or other non-combustible material into closed containers. ${extra.en}`,
  );

export const flammableTemplates: CardTemplate[] = [
  {
    key: 'flammable_liquid_immiscible',
    title: t('易燃液体（不溶于水）', 'Flammable liquid (not miscible with water)'),
    hazards: {
      fire: t(
        '极易燃。蒸气比空气重，沿地面扩散，遇远处火源可回燃；与空气形成爆炸性混合物；容器受热可爆裂；比水轻，可在水面上燃烧。',
        'Highly flammable. The vapour is heavier than air, spreads along the ground and can flash back from a distant ignition source; forms explosive mixtures with air; containers may burst when heated; floats and can burn on water.',
      ),
      health: t(
        '吸入蒸气可致头晕、头痛、恶心甚至昏迷；误吸入肺部可致化学性肺炎；部分品种（如苯）有致癌性。',
        'Vapour causes dizziness, headache, nausea and even unconsciousness; aspiration into the lungs causes chemical pneumonitis; some products (e.g. benzene) cause cancer.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '泡沫、干粉、二氧化碳、沙土；用水雾冷却容器。',
        'Foam, dry chemical, carbon dioxide, sand; water spray to cool containers.',
      ),
      prohibited: noSpreadingWater,
      notes: tankFire,
    },
    spill: flammableLiquidSpill(t('', '')),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'flammable_liquid_miscible',
    title: t(
      '易燃液体（溶于水：醇、酮、醚、酯等）',
      'Flammable liquid (water-miscible: alcohols, ketones, ethers, esters)',
    ),
    hazards: {
      fire: t(
        '极易燃，部分品种火焰在日光下几乎看不见。蒸气比空气重，可沿地面扩散回燃；容器受热可爆裂；普通泡沫会被破坏。',
        'Highly flammable; some burn with a flame almost invisible in daylight. The vapour is heavier than air and can flash back along the ground; containers may burst when heated; ordinary foam breaks down on it.',
      ),
      health: t(
        '吸入蒸气可致头晕、麻醉；刺激眼睛和呼吸道；大量接触可损害中枢神经系统。',
        'Vapour causes dizziness and narcosis; irritates the eyes and airways; heavy exposure harms the central nervous system.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '抗溶性泡沫、干粉、二氧化碳；大量水雾可稀释并冷却。',
        'Alcohol-resistant foam, dry chemical, carbon dioxide; large amounts of water spray dilute and cool.',
      ),
      prohibited: t(
        '禁止用普通蛋白泡沫和直流水。',
        'Do not use ordinary protein foam or a straight water jet.',
      ),
      notes: tankFire,
    },
    spill: flammableLiquidSpill(
      t('可用水雾稀释，但须收容稀释水。', 'Water spray may dilute it, but contain the run-off.'),
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'flammable_liquid_toxic',
    title: t('易燃液体，有毒', 'Flammable liquid, toxic'),
    hazards: {
      fire: t(
        '极易燃，燃烧产生有毒气体。蒸气比空气重，可沿地面扩散回燃；容器受热可爆裂。',
        'Highly flammable; fire gives off toxic gases. The vapour is heavier than air and can flash back along the ground; containers may burst when heated.',
      ),
      health: t(
        '吸入、皮肤吸收或误食均可中毒，可致死；甲醇可致失明；症状可能延迟出现。',
        'Toxic, possibly fatal, by inhalation, skin absorption or swallowing; methanol can cause blindness; symptoms may be delayed.',
      ),
    },
    protection: protect.scbaChemical,
    distances: { isolationM: 50, smallSpillM: 100, largeSpillM: 500, fireM: 800 },
    fireFighting: {
      agents: t(
        '抗溶性泡沫、干粉、二氧化碳；用水雾冷却容器。',
        'Alcohol-resistant foam, dry chemical, carbon dioxide; water spray to cool containers.',
      ),
      prohibited: noSpreadingWater,
      notes: tankFire,
    },
    spill: flammableLiquidSpill(
      t(
        '禁止无防护人员接触泄漏物；收容的污水按有毒废物处置。',
        'Let no one touch the spill without protection; treat contained run-off as toxic waste.',
      ),
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: aid.washSkin,
      eyes: aid.washEyes,
      ingestion: t(
        '立即送医并告知品名（甲醇中毒需专门解毒治疗）；禁止催吐。',
        'Get medical care at once and name the substance (methanol poisoning needs specific antidote treatment); do NOT induce vomiting.',
      ),
    },
  },
  {
    key: 'flammable_liquid_corrosive',
    title: t(
      '易燃液体，腐蚀性（胺类、甲醛溶液等）',
      'Flammable liquid, corrosive (amines, formaldehyde solution …)',
    ),
    hazards: {
      fire: t(
        '易燃，蒸气可沿地面扩散回燃；燃烧产生刺激性、腐蚀性气体；容器受热可爆裂。',
        'Flammable; the vapour can flash back along the ground; fire gives off irritating, corrosive gases; containers may burst when heated.',
      ),
      health: t(
        '腐蚀皮肤、眼睛和呼吸道，可致严重灼伤；吸入蒸气可致肺水肿（可延迟发生）。',
        'Corrodes skin, eyes and airways and can cause severe burns; inhaled vapour can cause lung oedema, possibly delayed.',
      ),
    },
    protection: protect.scbaCorrosive,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '抗溶性泡沫、干粉、二氧化碳；用水雾冷却容器。',
        'Alcohol-resistant foam, dry chemical, carbon dioxide; water spray to cool containers.',
      ),
      prohibited: noSpreadingWater,
      notes: tankFire,
    },
    spill: flammableLiquidSpill(
      t('穿耐腐蚀防护服处置。', 'Handle in corrosion-resistant protective clothing.'),
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: aid.corrosiveSkin,
      eyes: aid.washEyes,
      ingestion: aid.corrosiveIngestion,
    },
  },
  {
    key: 'flammable_gas',
    title: t('易燃气体（压缩或液化）', 'Flammable gas (compressed or liquefied)'),
    hazards: {
      fire: t(
        '极易燃，与空气形成爆炸性混合物；液化气泄漏后迅速气化，形成大片可燃云团，比空气重的气体沿低洼处积聚；罐体受火可发生沸腾液体扩展蒸气爆炸（BLEVE）。',
        'Extremely flammable; forms explosive mixtures with air. A liquefied gas flashes to a large flammable cloud, and gases heavier than air collect in low places; a tank in a fire can fail as a boiling-liquid expanding-vapour explosion (BLEVE).',
      ),
      health: t(
        '高浓度可致窒息；液化气接触皮肤可致冻伤。',
        'High concentrations displace oxygen and asphyxiate; liquefied gas on the skin causes frostbite.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 800, fireM: 1600 },
    fireFighting: {
      agents: t(
        '切断气源是首要措施；干粉、二氧化碳；大量水雾冷却罐体。',
        'Stopping the gas flow comes first; dry chemical, carbon dioxide; large amounts of water spray to cool the tank.',
      ),
      prohibited: t(
        '气源未切断时不要扑灭泄漏处的火焰，否则可燃气体继续扩散可能再次爆炸。',
        'Do not put out a leaking-gas fire unless the leak can be stopped: the gas keeps spreading and may explode again.',
      ),
      notes: tankFire,
    },
    spill: t(
      `${noIgnition.zh}在上风向接近，关阀止漏；用水雾驱散、稀释气体云团，但不要对泄漏的液化气直接喷水；防止气体进入下水道、地下室等受限空间；用可燃气体检测仪监测。`,
      `${noIgnition.en}approach from upwind and close valves; disperse and dilute the cloud with water spray, but never spray water directly onto leaking liquefied gas; keep the gas out of sewers, basements and other confined spaces; monitor with a flammable-gas detector.`,
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'unstable_flammable_gas',
    title: t(
      '易燃气体，可自聚或分解（乙炔、乙烯、丁二烯、氯乙烯等）',
      'Flammable gas that may polymerise or decompose (acetylene, ethylene, butadiene, vinyl chloride)',
    ),
    hazards: {
      fire: t(
        '极易燃，爆炸极限宽；受热、撞击或混入杂质时可发生自聚或分解，容器可猛烈爆裂；乙炔气瓶受热后即使火灭也可能在数小时后爆炸。',
        'Extremely flammable with a wide explosive range; heat, shock or contamination can start polymerisation or decomposition and burst the container violently; an acetylene cylinder that was heated may explode hours after the fire is out.',
      ),
      health: t(
        '高浓度可致窒息或麻醉；氯乙烯有致癌性；液化气接触皮肤可致冻伤。',
        'High concentrations asphyxiate or narcotise; vinyl chloride causes cancer; liquefied gas on the skin causes frostbite.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 800, fireM: 1600 },
    fireFighting: {
      agents: t(
        '切断气源；干粉、二氧化碳；大量水雾持续冷却容器。',
        'Stop the gas flow; dry chemical, carbon dioxide; keep cooling containers with large amounts of water spray.',
      ),
      prohibited: t(
        '气源未切断时不要扑灭泄漏处的火焰；不要移动受热的乙炔气瓶。',
        'Do not put out a leaking-gas fire unless the leak can be stopped; do not move a heated acetylene cylinder.',
      ),
      notes: tankFire,
    },
    spill: t(
      `${noIgnition.zh}在上风向接近，关阀止漏；用水雾驱散气体；防止进入受限空间；用可燃气体检测仪监测。`,
      `${noIgnition.en}approach from upwind and close valves; disperse the gas with water spray; keep it out of confined spaces; monitor with a flammable-gas detector.`,
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'refrigerated_flammable_gas',
    title: t(
      '冷冻液化易燃气体（LNG、液态乙烯等）',
      'Refrigerated liquefied flammable gas (LNG, liquid ethylene …)',
    ),
    hazards: {
      fire: t(
        '极易燃。泄漏的超低温液体迅速气化，1升液体可生成数百升气体，形成贴地的白色可燃云团；罐体受火可猛烈破裂。',
        'Extremely flammable. Leaking cryogenic liquid boils off fast, one litre giving hundreds of litres of gas, in a white flammable cloud hugging the ground; a tank in a fire may rupture violently.',
      ),
      health: t(
        '接触超低温液体或结霜部件可致严重冻伤；高浓度气体可致窒息。',
        'Contact with the cryogenic liquid or frosted parts causes severe frostbite; high concentrations asphyxiate.',
      ),
    },
    protection: protect.cold,
    distances: { isolationM: 100, smallSpillM: 100, largeSpillM: 800, fireM: 1600 },
    fireFighting: {
      agents: t(
        '切断气源；干粉；高倍数泡沫覆盖液池减少气化；水雾冷却罐体。',
        'Stop the flow; dry chemical; high-expansion foam over the pool to slow boil-off; water spray to cool the tank.',
      ),
      prohibited: t(
        '禁止向液池直接喷水（会加剧气化）。',
        'Never put water on the liquid pool: it speeds up boil-off.',
      ),
      notes: tankFire,
    },
    spill: t(
      `${noIgnition.zh}在上风向接近，关阀止漏；让液体在收容区内自然气化，可用高倍数泡沫覆盖；用水雾驱散云团，但不要喷向液池；防止进入下水道和地下空间。`,
      `${noIgnition.en}approach from upwind and close valves; let the liquid evaporate inside a contained area, possibly under high-expansion foam; disperse the cloud with water spray but not onto the pool; keep it out of sewers and underground spaces.`,
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.frostbite, eyes: aid.washEyes, ingestion: aid.notLikely },
  },
  {
    key: 'flammable_solid',
    title: t('易燃固体（硫磺、萘等）', 'Flammable solid (sulphur, naphthalene …)'),
    hazards: {
      fire: t(
        '易燃，粉尘与空气可形成爆炸性混合物；燃烧可产生有毒气体（硫磺燃烧生成二氧化硫）；熔融物可流淌扩大火势。',
        'Flammable; dust can form explosive mixtures with air; fire gives off toxic gases (burning sulphur makes sulphur dioxide); molten material can flow and spread the fire.',
      ),
      health: t(
        '燃烧产物刺激眼睛和呼吸道；粉尘刺激皮肤和眼睛。',
        'Combustion products irritate the eyes and airways; dust irritates skin and eyes.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('水雾、泡沫、干粉、沙土。', 'Water spray, foam, dry chemical, sand.'),
      prohibited: t(
        '避免用直流水冲击粉尘，以免扬起形成粉尘云。',
        'Do not hit the dust with a straight jet: it raises an explosive dust cloud.',
      ),
      notes: t(
        '燃烧的硫磺应在上风向处置，防范二氧化硫。',
        'Fight burning sulphur from upwind and guard against sulphur dioxide.',
      ),
    },
    spill: t(
      `${noIgnition.zh}用不产生火花的工具收集，避免扬尘，装入干净的容器；防止进入水体。`,
      `${noIgnition.en}collect with non-sparking tools without raising dust into clean containers; keep it out of water.`,
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'spontaneously_combustible',
    title: t('易于自燃的物质', 'Substance liable to spontaneous combustion'),
    hazards: {
      fire: t(
        '与空气接触或堆积受潮时可自行发热并燃烧；燃烧产生刺激性气体；扑灭后可能复燃。',
        'Heats up and ignites by itself in air or when damp in a heap; fire gives off irritating gases; may re-ignite after being put out.',
      ),
      health: t(
        '燃烧产物刺激眼睛和呼吸道；粉尘刺激皮肤。',
        'Combustion products irritate the eyes and airways; dust irritates the skin.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t(
        '大量水、干粉、沙土；保险粉类遇水反应的品种用干沙、干粉。',
        'Plenty of water, dry chemical, sand; for water-sensitive ones (sodium dithionite) dry sand or dry chemical.',
      ),
      prohibited: t('遇湿反应的品种禁止用水。', 'No water on those that react with moisture.'),
      notes: t(
        '火灭后继续监测温度，防止复燃。',
        'Keep watching the temperature after the fire is out: it may re-ignite.',
      ),
    },
    spill: t(
      '隔离泄漏区，消除火源；用干燥、不燃材料覆盖，收集到金属容器中，尽快转移处置。',
      'Isolate the area and remove ignition sources; cover with dry non-combustible material, collect into metal containers and remove quickly.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'water_reactive',
    title: t(
      '遇水放出易燃气体的物质（电石、金属钠等）',
      'Substance that gives off flammable gas with water (calcium carbide, sodium …)',
    ),
    hazards: {
      fire: t(
        '遇水或潮湿空气剧烈反应，放出易燃气体（电石放出乙炔，金属放出氢气），可自燃或爆炸；容器进水可爆裂。',
        'Reacts violently with water or damp air giving off flammable gas (acetylene from carbide, hydrogen from metals), which may ignite or explode; water entering a container can burst it.',
      ),
      health: t(
        '反应生成的碱性物质腐蚀皮肤和眼睛；燃烧产物刺激呼吸道。',
        'The alkaline reaction products burn skin and eyes; combustion products irritate the airways.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '干沙、干粉（金属火灾用D类灭火剂）、干燥石墨粉。',
        'Dry sand, dry chemical (class D agent for metal fires), dry graphite powder.',
      ),
      prohibited: t('严禁用水、泡沫和二氧化碳灭火。', 'Never use water, foam or carbon dioxide.'),
      notes: t(
        '下雨天应覆盖防水布，防止雨水接触泄漏物。',
        'In rain cover the spill with a tarpaulin to keep water off it.',
      ),
    },
    spill: t(
      '消除火源；保持泄漏物干燥，用干燥沙土覆盖，用不产生火花的工具收集到干燥密闭的容器中；不要用水冲洗。',
      'Remove ignition sources; keep the spill dry, cover with dry sand and collect with non-sparking tools into dry closed containers; never flush with water.',
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: t(
        '先刷去皮肤上的固体颗粒，再用大量清水冲洗至少15分钟，送医。',
        'Brush solid particles off the skin first, then flush with plenty of water for at least 15 minutes; get medical care.',
      ),
      eyes: aid.washEyes,
      ingestion: aid.noVomit,
    },
  },
];
