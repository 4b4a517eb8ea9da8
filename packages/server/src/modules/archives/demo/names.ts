/** Material for realistic Chinese names of people and companies. */

// Common surnames, most frequent first (the first dozen cover about half of the population).
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

export const GIVEN_CHARS = [
  ...'伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡绿蓝儿翠烟',
];

// 字号 (trade-name syllables) for transport companies.
export const TRADE_CHARS = [
  ...'鑫顺通达恒远安泰宏运丰华盛源辽海兴隆广利昌祥瑞德鼎晟中石汇金凯旭隆锦程路宝福金润嘉邦正诚信和联合众力新宇航捷畅',
];

export const COMPANY_SUFFIXES = [
  '危险品运输有限公司',
  '危险货物运输有限公司',
  '物流有限公司',
  '运输有限公司',
  '化工物流有限公司',
  '石化运输有限公司',
];

export const STREETS = [
  '石油大街',
  '兴隆大街',
  '惠宾大街',
  '双兴路',
  '辽河路',
  '泰山路',
  '中兴路',
  '渤海路',
  '新工街',
  '芳草路',
];

/** Chinese truck makers' world manufacturer identifiers (first three VIN characters). */
export const TRUCK_WMIS = ['LZZ', 'LFW', 'LGA', 'LZG', 'LRD', 'LFN', 'LGG'];
/** Trailer makers' identifiers (CIMC, Liangshan and others). */
export const TRAILER_WMIS = ['LJR', 'LA9', 'LA6', 'L9A'];
