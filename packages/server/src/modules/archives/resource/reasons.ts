/**
 * Why a field was refused: stable reason codes with zh-CN and English text, shared by form
 * validation (`details.fields`) and the import row report.
 */
import type { Lang } from '../../../errors.js';

export const reasons = {
  required: { zh: '必填', en: 'is required' },
  type: { zh: '类型不正确', en: 'has the wrong type' },
  enum: { zh: '不是允许的取值', en: 'is not an allowed value' },
  max_length: { zh: '过长', en: 'is too long' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  min: { zh: '小于允许的最小值', en: 'is below the minimum' },
  max: { zh: '大于允许的最大值', en: 'is above the maximum' },
  date: { zh: '不是有效日期 (YYYY-MM-DD)', en: 'is not a valid date (YYYY-MM-DD)' },
  immutable: { zh: '创建后不可修改', en: 'cannot change after creation' },
  unknown_field: { zh: '不是可填写的字段', en: 'is not a field you can set' },
  duplicate: { zh: '已存在相同记录', en: 'already exists' },
  not_found: {
    zh: '引用的记录不存在或无权访问',
    en: 'refers to a record that does not exist or is out of your scope',
  },
  'uscc.length': { zh: '统一社会信用代码应为18位', en: 'a unified social credit code has 18 characters' },
  'uscc.charset': { zh: '统一社会信用代码含非法字符', en: 'the code has characters outside GB 32100' },
  'uscc.division': {
    zh: '统一社会信用代码的行政区划码不正确',
    en: 'the division code inside the code is wrong',
  },
  'uscc.org_check': { zh: '组织机构代码校验位错误', en: 'the organisation-code check character is wrong' },
  'uscc.check': { zh: '统一社会信用代码校验位错误', en: 'the check character is wrong (GB 32100)' },
  'id_number.format': { zh: '身份证号码应为18位', en: 'an ID number has 17 digits and a check character' },
  'id_number.birth_date': {
    zh: '身份证号码中的出生日期无效',
    en: 'the birth date inside the ID number is invalid',
  },
  'id_number.check': { zh: '身份证号码校验位错误', en: 'the check character is wrong (GB 11643)' },
  'vin.length': { zh: '车辆识别代号应为17位', en: 'a VIN has 17 characters' },
  'vin.charset': { zh: '车辆识别代号含非法字符 (不得含 I、O、Q)', en: 'a VIN has no I, O or Q' },
  'vin.check': { zh: '车辆识别代号校验位错误', en: 'the VIN check character (position 9) is wrong' },
  'plate.province': { zh: '号牌省份简称不正确', en: 'the plate does not start with a province abbreviation' },
  'plate.authority': { zh: '号牌发牌机关代号不正确', en: 'the issuing-authority letter is wrong' },
  'plate.format': { zh: '号牌格式不正确', en: 'the plate number has the wrong format' },
  'plate.colour_hazmat': {
    zh: '危险货物运输车辆应为黄色号牌',
    en: 'hazmat vehicles carry yellow plates (colour 2)',
  },
  'plate.trailer': { zh: '挂车号牌应以"挂"结尾', en: 'a trailer plate ends in 挂' },
  'district.unknown': { zh: '不是本市的县区', en: 'is not a district of this city' },
  'technical_grade.not_first': {
    zh: '危险货物运输车辆技术等级须达到一级',
    en: 'hazmat vehicles must be technical grade 1',
  },
  'age.over_60': { zh: '年龄超过60周岁', en: 'is over the 60-year age limit' },
  'tank.required': { zh: '罐式车辆须登记罐体', en: 'a tank vehicle needs its tank' },
  'tank.not_allowed': { zh: '非罐式车辆不登记罐体', en: 'only tank vehicles and trailers have tanks' },
  'polygon.invalid': {
    zh: '不是有效的多边形 (GeoJSON Polygon, WGS-84)',
    en: 'is not a valid GeoJSON Polygon in WGS-84',
  },
  'scope.classes': { zh: '经营范围类别应为1–9', en: 'transport classes are 1–9' },
  'phone.format': { zh: '终端手机号应为1–20位数字', en: 'the terminal number is 1–20 digits' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type Reason = keyof typeof reasons;

export interface FieldProblem {
  field: string;
  reason: string;
  message: string;
}

export function problem(field: string, reason: string, lang: Lang): FieldProblem {
  const text = (reasons as Record<string, { zh: string; en: string }>)[reason];
  return { field, reason, message: text ? text[lang] : reason };
}
