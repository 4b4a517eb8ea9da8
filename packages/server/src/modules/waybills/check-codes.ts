/**
 * The automatic checks' reason codes (运单自动核查): one stable code per check, with what it
 * checks and why it fails in zh-CN and English. The codes appear in the API (`checkResults`) and
 * in the console; never rename one. `error` checks block a waybill (check_failed); `warning`
 * checks are shown but do not block.
 */

export type CheckSeverity = 'error' | 'warning';

export interface CheckCodeSpec {
  readonly severity: CheckSeverity;
  /** What is checked, shown with 通过 / passed. */
  readonly titleZh: string;
  readonly titleEn: string;
  /** Why it failed. */
  readonly failZh: string;
  readonly failEn: string;
}

const spec = (
  severity: CheckSeverity,
  titleZh: string,
  titleEn: string,
  failZh: string,
  failEn: string,
): CheckCodeSpec => ({ severity, titleZh, titleEn, failZh, failEn });

/** Vehicle and trailer checks share their wording; only the subject differs. */
function vehicleCodes<P extends 'VEHICLE' | 'TRAILER'>(prefix: P, zh: string, en: string) {
  return {
    [`${prefix}_NOT_FILED`]: spec(
      'error',
      `${zh}已备案`,
      `${en} filed`,
      `${zh}未备案`,
      `The ${en.toLowerCase()} is not filed`,
    ),
    [`${prefix}_NOT_ACTIVE`]: spec(
      'error',
      `${zh}营运状态正常`,
      `${en} in service`,
      `${zh}已报停、报废或转出`,
      `The ${en.toLowerCase()} is suspended, scrapped or transferred`,
    ),
    [`${prefix}_ROAD_CERT_EXPIRED`]: spec(
      'error',
      `${zh}道路运输证有效`,
      `${en} road transport certificate valid`,
      `${zh}道路运输证缺失或在运输结束前到期`,
      `The ${en.toLowerCase()}'s road transport certificate is missing or expires before the trip ends`,
    ),
    [`${prefix}_ANNUAL_REVIEW_EXPIRED`]: spec(
      'error',
      `${zh}年审有效`,
      `${en} annual review valid`,
      `${zh}年审 (综合性能检测) 缺失或已过期`,
      `The ${en.toLowerCase()}'s annual review is missing or expired`,
    ),
    [`${prefix}_INSURANCE_EXPIRED`]: spec(
      'error',
      `${zh}承运人责任险有效`,
      `${en} carrier liability insurance valid`,
      `${zh}承运人责任险缺失或已过期`,
      `The ${en.toLowerCase()}'s carrier liability insurance is missing or expired`,
    ),
    [`${prefix}_GRADE`]: spec(
      'error',
      `${zh}技术等级为一级`,
      `${en} technical grade 1`,
      `${zh}技术等级未达到一级`,
      `The ${en.toLowerCase()} is not technical grade 1`,
    ),
    [`${prefix}_SCOPE`]: spec(
      'error',
      `${zh}经营范围覆盖所运货物`,
      `${en} scope covers the goods`,
      `${zh}经营范围不含所运货物的类别`,
      `The ${en.toLowerCase()}'s scope does not cover the goods' class`,
    ),
  } as Record<
    `${P}_${'NOT_FILED' | 'NOT_ACTIVE' | 'ROAD_CERT_EXPIRED' | 'ANNUAL_REVIEW_EXPIRED' | 'INSURANCE_EXPIRED' | 'GRADE' | 'SCOPE'}`,
    CheckCodeSpec
  >;
}

function personCodes<P extends 'DRIVER' | 'ESCORT'>(prefix: P, zh: string, en: string) {
  return {
    [`${prefix}_MISSING`]: spec(
      'error',
      `已配备${zh}`,
      `${en} assigned`,
      `未配备${zh}，或${zh}已离职`,
      `No ${en.toLowerCase()} is assigned, or the ${en.toLowerCase()} has left the company`,
    ),
    [`${prefix}_NOT_FILED`]: spec(
      'error',
      `${zh}已备案`,
      `${en} filed`,
      `${zh}未备案`,
      `The ${en.toLowerCase()} is not filed`,
    ),
    [`${prefix}_CERT_EXPIRED`]: spec(
      'error',
      `${zh}证件有效`,
      `${en} certificates valid`,
      `${zh}从业资格证 (或驾驶证) 缺失或在运输结束前到期`,
      `The ${en.toLowerCase()}'s qualification certificate (or driving licence) is missing or expires before the trip ends`,
    ),
    [`${prefix}_CERT_CATEGORY`]: spec(
      'error',
      `${zh}从业资格类别正确`,
      `${en} qualification of the right category`,
      `${zh}从业资格证类别不符`,
      `The ${en.toLowerCase()}'s qualification certificate is of another category`,
    ),
    [`${prefix}_AGE`]: spec(
      'error',
      `${zh}年龄不超过上限`,
      `${en} within the age limit`,
      `${zh}年龄超过上限 (默认60周岁)`,
      `The ${en.toLowerCase()} is over the age limit (60 by default)`,
    ),
  } as Record<`${P}_${'MISSING' | 'NOT_FILED' | 'CERT_EXPIRED' | 'CERT_CATEGORY' | 'AGE'}`, CheckCodeSpec>;
}

export const checkCodes = {
  ENTERPRISE_NOT_FILED: spec(
    'error',
    '企业已备案',
    'Carrier filed',
    '运输企业未备案',
    'The carrier is not filed',
  ),
  ENTERPRISE_SUSPENDED: spec(
    'error',
    '企业经营状态正常',
    'Carrier operating',
    '运输企业已停业或注销',
    'The carrier is suspended or withdrawn',
  ),
  ENTERPRISE_PERMIT_EXPIRED: spec(
    'error',
    '道路运输经营许可证有效',
    'Operating permit valid',
    '道路运输经营许可证缺失或已过期',
    'The road transport operating permit is missing or expired',
  ),
  ENTERPRISE_SCOPE: spec(
    'error',
    '企业经营范围覆盖所运货物',
    'Carrier scope covers the goods',
    '企业经营范围不含所运货物的类别/项别或特殊类别 (剧毒、爆炸品、放射性、危险废物)',
    'The carrier’s scope does not cover the goods’ class/division or special category (highly toxic, explosives, radioactive, hazardous waste)',
  ),
  ENTERPRISE_SANCTIONED: spec(
    'error',
    '企业无运力限制或考核处罚',
    'No capacity or assessment sanction',
    '企业受运力限制或考核处罚，暂停派车',
    'The carrier is under a capacity or assessment sanction',
  ),
  ...vehicleCodes('VEHICLE', '车辆', 'Vehicle'),
  ...vehicleCodes('TRAILER', '挂车', 'Trailer'),
  TANK_MISSING: spec(
    'error',
    '罐装货物已登记罐体',
    'Tank given for tank goods',
    '货物为罐装，但运单未登记罐体',
    'Goods are carried in a tank but the waybill names no tank',
  ),
  TANK_INSPECTION_EXPIRED: spec(
    'error',
    '罐体检验有效',
    'Tank inspection valid',
    '罐体检验缺失或已过期',
    'The tank inspection is missing or expired',
  ),
  TANK_VOLUME: spec(
    'error',
    '罐体容积符合所运货物的限制',
    'Tank volume within the limit for the goods',
    '罐体容积超过所运货物允许的上限 (剧毒化学品 ≤10 m³，剧毒/爆炸品/强腐蚀性 ≤20 m³)',
    'The tank is larger than the goods allow (highly toxic ≤10 m³; highly toxic, explosive, strongly corrosive ≤20 m³)',
  ),
  TANK_MEDIUM: spec(
    'warning',
    '罐体设计介质与货物相符',
    'Tank design medium matches the goods',
    '罐体设计介质与所运货物不符',
    'The tank’s design medium does not match the goods',
  ),
  ...personCodes('DRIVER', '驾驶员', 'Driver'),
  ...personCodes('ESCORT', '押运员', 'Escort'),
  OVER_RATED_LOAD: spec(
    'error',
    '装载量不超过核定载质量',
    'Quantity within the rated load',
    '货物总质量超过车辆 (或挂车) 核定载质量',
    'The goods weigh more than the vehicle’s (or trailer’s) rated load',
  ),
  OVER_TANK_CAPACITY: spec(
    'error',
    '装载量不超过罐体容积',
    'Quantity within the tank capacity',
    '罐装货物体积超过罐体容积 (液体按容积×密度计)',
    'The tank goods exceed the tank volume (liquids: volume × density)',
  ),
  GOODS_UNKNOWN: spec(
    'error',
    '货物在危险货物品名表中',
    'Goods in the catalogue',
    'UN编号不在危险货物品名表中',
    'The UN number is not in the dangerous-goods catalogue',
  ),
  GOODS_CLASS_MISMATCH: spec(
    'error',
    '货物类别与包装类别正确',
    'Goods class and packing group right',
    '运单填写的类别/项别或包装类别与品名表不符',
    'The class/division or packing group on the waybill differs from the catalogue',
  ),
  SPECIAL_PERMIT_MISSING: spec(
    'error',
    '特殊货物已填公安许可证号',
    'Public-security permit for special goods',
    '剧毒化学品、爆炸品、放射性物品须填写公安机关通行许可证号',
    'Highly toxic, explosive and radioactive goods need the public-security permit number',
  ),
  TERMINAL_OFFLINE: spec(
    'error',
    '车载终端在线',
    'Terminal online',
    '车辆未安装终端或终端近期未上报定位',
    'The vehicle has no terminal or its terminal has not reported recently',
  ),
  ACTIVE_WAYBILL_EXISTS: spec(
    'error',
    '车辆无其他在途运单',
    'No other active waybill',
    '车辆或挂车已有一张未完成的运单 (一车一单)',
    'The vehicle or trailer already has an active waybill (one vehicle, one waybill)',
  ),
} as const satisfies Record<string, CheckCodeSpec>;

export type CheckCode = keyof typeof checkCodes;

export interface CheckResult {
  code: CheckCode;
  passed: boolean;
  severity: CheckSeverity;
  messageZh: string;
  messageEn: string;
  /** Facts behind the result (dates, quantities, ids), for the console and the record. */
  detail: Record<string, unknown>;
}

export function result(code: CheckCode, passed: boolean, detail: Record<string, unknown> = {}): CheckResult {
  const s: CheckCodeSpec = checkCodes[code];
  return {
    code,
    passed,
    severity: s.severity,
    messageZh: passed ? `${s.titleZh}：通过` : s.failZh,
    messageEn: passed ? `${s.titleEn}: passed` : s.failEn,
    detail,
  };
}

/** True when no blocking check failed. */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.passed || r.severity !== 'error');
}
