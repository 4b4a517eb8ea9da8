/** Card templates for corrosives, oxidizers and organic peroxides (classes 5 and 8). */
import { aid, protect } from './common.js';
import { t, type CardTemplate } from './types.js';

const corrosiveSpill = (extra: { zh: string; en: string }) =>
  t(
    `穿耐腐蚀防护服在上风向接近，关阀止漏；筑堤收容，防止进入下水道和水体；用沙土或惰性材料吸收，收入耐腐蚀容器。${extra.zh}`,
    `Approach from upwind in corrosion-resistant clothing and close valves; dike and keep it out of sewers and water; absorb with sand or inert material into corrosion-resistant containers. ${extra.en}`,
  );

export const corrosiveTemplates: CardTemplate[] = [
  {
    key: 'corrosive_acid',
    title: t(
      '腐蚀性液体，酸性（硫酸、盐酸、硝酸等）',
      'Corrosive liquid, acidic (sulphuric, hydrochloric, nitric acid …)',
    ),
    hazards: {
      fire: t(
        '多数不燃，但与金属反应放出易燃的氢气；浓硫酸遇水剧烈放热飞溅；浓硝酸等强氧化性酸可使可燃物着火；受热放出刺激性、腐蚀性烟雾。',
        'Mostly non-flammable, but reacts with metals giving off flammable hydrogen; concentrated sulphuric acid spatters violently with water; oxidizing acids such as concentrated nitric acid can ignite combustibles; heat gives off irritating, corrosive fumes.',
      ),
      health: t(
        '严重灼伤皮肤和眼睛，可致失明；吸入酸雾灼伤呼吸道，可致肺水肿；氢氟酸可渗入组织，造成深部损伤和全身中毒。',
        'Severely burns skin and eyes and can blind; acid mist burns the airways and can cause lung oedema; hydrofluoric acid penetrates tissue causing deep damage and systemic poisoning.',
      ),
    },
    protection: protect.scbaCorrosive,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '按周围火灾选用干粉、二氧化碳、沙土；用水雾冷却容器。',
        'For the surrounding fire: dry chemical, carbon dioxide, sand; water spray to cool containers.',
      ),
      prohibited: t(
        '禁止向浓硫酸、发烟硫酸等泄漏物直接喷水；用水冷却时避免水进入容器。',
        'Never put water directly on concentrated or fuming sulphuric acid; when cooling, keep water out of the container.',
      ),
      notes: t(
        '罐车受火时从远处冷却；容器变形或有异响时立即撤离。',
        'Cool a tank in a fire from a distance; withdraw if it deforms or makes noise.',
      ),
    },
    spill: corrosiveSpill(
      t(
        '小量泄漏可用碳酸氢钠、石灰等缓慢中和（在专业人员指导下）；不要用可燃材料（木屑）吸收氧化性酸。',
        'Small spills may be neutralised slowly with sodium bicarbonate or lime under expert guidance; never absorb oxidizing acids with combustible material (sawdust).',
      ),
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: t(
        `${aid.corrosiveSkin.zh}氢氟酸灼伤冲洗后用葡萄糖酸钙凝胶涂抹。`,
        `${aid.corrosiveSkin.en} After hydrofluoric acid, apply calcium gluconate gel once flushed.`,
      ),
      eyes: aid.washEyes,
      ingestion: aid.corrosiveIngestion,
    },
  },
  {
    key: 'corrosive_base',
    title: t(
      '腐蚀性液体，碱性（液碱、氨水、胺类、次氯酸盐等）',
      'Corrosive liquid, basic (caustic soda solution, ammonia solution, amines, hypochlorite …)',
    ),
    hazards: {
      fire: t(
        '多数不燃；浓碱与铝、锌等金属反应放出易燃的氢气；与酸剧烈反应放热；次氯酸盐遇酸放出氯气。',
        'Mostly non-flammable; strong alkalis react with aluminium and zinc giving off flammable hydrogen; react violently with acids; hypochlorite with acid gives off chlorine.',
      ),
      health: t(
        '强碱对皮肤和眼睛的灼伤比酸更深，可致失明，初期疼痛可能不明显；吸入雾气灼伤呼吸道。',
        'Strong alkalis burn skin and eyes more deeply than acids and can blind, at first with little pain; mist burns the airways.',
      ),
    },
    protection: protect.scbaCorrosive,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 300, fireM: 800 },
    fireFighting: {
      agents: t(
        '按周围火灾选用灭火剂；用水雾冷却容器。',
        'Use an agent suited to the surrounding fire; water spray to cool containers.',
      ),
      prohibited: t(
        '避免与酸类接触；不要用直流水冲散泄漏物。',
        'Keep acids away; do not scatter the spill with a water jet.',
      ),
      notes: t('罐车受火时从远处冷却。', 'Cool a tank in a fire from a distance.'),
    },
    spill: corrosiveSpill(t('不要与酸混合收容。', 'Never contain it together with acids.')),
    firstAid: {
      inhalation: aid.freshAir,
      skin: aid.corrosiveSkin,
      eyes: t(
        '立即提起眼睑用流动清水持续冲洗至少30分钟（碱灼伤须延长冲洗），送医途中继续冲洗。',
        'Rinse at once with running water, eyelids held open, for at least 30 minutes (alkali burns need longer), and keep rinsing on the way to medical care.',
      ),
      ingestion: aid.corrosiveIngestion,
    },
  },
  {
    key: 'corrosive_solid',
    title: t(
      '腐蚀性固体（固碱、苯酐、顺酐等）',
      'Corrosive solid (solid caustic, phthalic and maleic anhydride …)',
    ),
    hazards: {
      fire: t(
        '固碱不燃，遇水放热；苯酐、顺酐等有机酸酐可燃，粉尘与空气可形成爆炸性混合物，燃烧产生刺激性烟气。',
        'Solid caustic does not burn but heats up with water; organic anhydrides (phthalic, maleic) are combustible, their dust can form explosive mixtures with air, and fire gives off irritating fumes.',
      ),
      health: t(
        '粉尘和熔融物灼伤皮肤、眼睛和呼吸道；酸酐可致呼吸道过敏（哮喘）。',
        'Dust and melt burn skin, eyes and airways; anhydrides can sensitise the airways (asthma).',
      ),
    },
    protection: protect.scbaCorrosive,
    distances: { isolationM: 25, smallSpillM: 25, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('干粉、二氧化碳、沙土、水雾。', 'Dry chemical, carbon dioxide, sand, water spray.'),
      prohibited: t(
        '避免用直流水冲击粉尘，以免扬起形成粉尘云。',
        'Do not hit the dust with a straight jet: it raises a dust cloud.',
      ),
      notes: t(
        '熔融态运输的罐车泄漏物会迅速凝固，注意高温灼伤。',
        'Molten cargo solidifies fast when spilled; beware of burns from the heat.',
      ),
    },
    spill: t(
      '避免扬尘，用干净的铲子收集到干燥、有盖的耐腐蚀容器中；用塑料布覆盖防雨；防止进入水体。',
      'Without raising dust, shovel into dry, covered, corrosion-resistant containers; cover with plastic sheet against rain; keep out of water.',
    ),
    firstAid: {
      inhalation: aid.freshAir,
      skin: aid.corrosiveSkin,
      eyes: aid.washEyes,
      ingestion: aid.corrosiveIngestion,
    },
  },
  {
    key: 'oxidizer',
    title: t(
      '氧化性物质（双氧水、硝酸盐、氯酸盐、高锰酸钾等）',
      'Oxidizing substance (hydrogen peroxide, nitrates, chlorates, permanganate …)',
    ),
    hazards: {
      fire: t(
        '本身多不燃，但强烈助燃，与可燃物、还原剂、有机物混合可着火或爆炸；受热或污染可分解放出氧气，密闭容器可爆裂；硝酸铵受热或在大火中可能爆炸。',
        'Mostly not flammable but strongly feeds fire; mixed with combustibles, reducing agents or organic matter it can ignite or explode; heat or contamination decomposes it giving off oxygen and can burst closed containers; ammonium nitrate may explode when heated or in a large fire.',
      ),
      health: t(
        '刺激或灼伤皮肤、眼睛（浓双氧水有腐蚀性）；分解产物刺激呼吸道；亚硝酸盐误食有毒。',
        'Irritates or burns skin and eyes (concentrated hydrogen peroxide is corrosive); decomposition products irritate the airways; nitrites are poisonous if swallowed.',
      ),
    },
    protection: t(
      '佩戴正压式空气呼吸器，穿消防防护服；浓双氧水、高氯酸穿耐腐蚀防护服。',
      'Wear positive-pressure self-contained breathing apparatus and firefighter protective clothing; corrosion-resistant clothing for concentrated hydrogen peroxide and perchloric acid.',
    ),
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 100, fireM: 800 },
    fireFighting: {
      agents: t('只用大量水（水雾）灭火和冷却。', 'Use only plenty of water (spray) to extinguish and cool.'),
      prohibited: t(
        '禁止用干粉、泡沫、二氧化碳和沙土窒息灭火（氧化剂自身供氧，无效）。',
        'Do not use dry chemical, foam, carbon dioxide or sand to smother it: the oxidizer supplies its own oxygen.',
      ),
      notes: t(
        '大量硝酸铵着火时不要灭火，从远处撤离（可能爆炸）。',
        'Do not fight a fire in a large load of ammonium nitrate: withdraw to a safe distance, it may explode.',
      ),
    },
    spill: t(
      '清除泄漏区内的可燃物（木材、纸、油类），不要用木屑等可燃材料吸收；固体用洁净工具收集到干净容器，液体筑堤收容后用大量水稀释；防止进入下水道。',
      'Remove combustibles (wood, paper, oil) from the area and never absorb with sawdust or other combustibles; collect solids with clean tools into clean containers; dike liquids and dilute with plenty of water; keep out of sewers.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
  {
    key: 'organic_peroxide',
    title: t('有机过氧化物', 'Organic peroxide'),
    hazards: {
      fire: t(
        '受热、摩擦、撞击或污染可剧烈分解甚至爆炸；本身可燃并强烈助燃；需控温运输的品种温度升高时可失控分解。',
        'Heat, friction, shock or contamination can decompose it violently or explosively; it burns and strongly feeds fire; temperature-controlled products run away if they warm up.',
      ),
      health: t(
        '灼伤皮肤和眼睛；分解产物刺激呼吸道。',
        'Burns skin and eyes; decomposition products irritate the airways.',
      ),
    },
    protection: protect.scbaFire,
    distances: { isolationM: 50, smallSpillM: 50, largeSpillM: 250, fireM: 800 },
    fireFighting: {
      agents: t(
        '从最远距离用大量水雾灭火和冷却。',
        'Use large amounts of water spray from as far as possible to extinguish and cool.',
      ),
      prohibited: t(
        '不要靠近受火的包件；不要用少量水。',
        'Do not approach packages in a fire; do not use small amounts of water.',
      ),
      notes: t(
        '控温运输品种制冷失效时立即报告并扩大隔离。',
        'If refrigeration of a temperature-controlled load fails, report at once and widen the cordon.',
      ),
    },
    spill: t(
      '消除火源；用湿润的惰性材料（蛭石、沙）吸收，用不产生火花的塑料工具收集，不要密封容器；防止进入下水道。',
      'Remove ignition sources; absorb with wet inert material (vermiculite, sand), collect with non-sparking plastic tools, and do not seal the containers; keep out of sewers.',
    ),
    firstAid: { inhalation: aid.freshAir, skin: aid.washSkin, eyes: aid.washEyes, ingestion: aid.noVomit },
  },
];
