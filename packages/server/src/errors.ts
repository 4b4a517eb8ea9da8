/**
 * The closed catalog of error codes. Every error response is `{ code, message, details? }`,
 * `message` in zh-CN or English by the request's Accept-Language. Codes are stable: clients
 * and tests match on them. docs/errors.md is rendered from this catalog (`npm run docs`).
 */

export interface ErrorSpec {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}

export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '请求数据校验失败', en: 'The request failed validation' },
  MALFORMED_REQUEST: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Authentication is required' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such API route' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '数据已被修改或已存在', en: 'The data conflicts with its current state' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: '服务暂不可用',
    en: 'The service is temporarily unavailable',
  },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已暂时锁定',
    en: 'Too many failed logins; the account is locked for a while',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    zh: '密码不符合要求：长度不足或字符类型少于三类',
    en: 'The password is too short or has fewer than three character classes',
  },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码',
    en: 'You must change your password first',
  },
  AUTH_CSRF_INVALID: {
    status: 403,
    zh: '缺少或错误的 CSRF 令牌',
    en: 'Missing or wrong CSRF token',
  },
  AUTH_ROLE_NOT_GRANTABLE: {
    status: 403,
    zh: '无权授予该角色或范围',
    en: 'You may not grant this role or scope',
  },
  ARCHIVE_STALE_VERSION: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  },
  ARCHIVE_FILING_STATE: {
    status: 409,
    zh: '当前备案状态下不能执行此操作',
    en: 'This step is not possible in the record’s filing state',
  },
  ARCHIVE_FILING_LEVEL: {
    status: 403,
    zh: '此备案审核步骤不属于您的层级',
    en: 'This filing step belongs to another level (company, county or city)',
  },
  ARCHIVE_FILING_REASON_REQUIRED: {
    status: 400,
    zh: '退回或撤销备案须填写原因',
    en: 'A reason is required to reject or reopen a filing',
  },
  ARCHIVE_DELETE_FILED: {
    status: 409,
    zh: '已提交或已备案的记录不能删除，请办理报停或注销',
    en: 'A submitted or filed record cannot be deleted; suspend or withdraw it instead',
  },
  ARCHIVE_IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有错误，未导入任何数据',
    en: 'The file has errors; nothing was imported',
  },
  ARCHIVE_SPREADSHEET_UNREADABLE: {
    status: 400,
    zh: '无法读取表格文件 (支持 xlsx 与 CSV，首行为表头，最多 20000 行)',
    en: 'The spreadsheet cannot be read (xlsx or CSV, headers in row 1, at most 20,000 rows)',
  },
  TRACK_RANGE_INVALID: {
    status: 400,
    zh: '轨迹查询时间范围无效：开始时间须早于结束时间，且跨度不超过 7 天',
    en: 'Invalid track time range: from must be before to, and the span at most 7 days',
  },
  GATEWAY_TERMINAL_OFFLINE: {
    status: 409,
    zh: '车载终端不在线，无法下发指令',
    en: 'The vehicle terminal is not connected; the command cannot be sent',
  },
  GATEWAY_COMMAND_INVALID: {
    status: 400,
    zh: '终端指令内容无效',
    en: 'The terminal command is not valid',
  },
  ALARM_ACTION_NOT_ALLOWED: {
    status: 409,
    zh: '报警当前状态下不能执行此处置操作',
    en: 'This handling step is not possible in the alarm’s current state',
  },
  ALARM_ACTION_LEVEL: {
    status: 403,
    zh: '报警当前不在您的层级处置（企业、县区或市级）',
    en: 'The alarm is held by another level (company, county or city)',
  },
  ALARM_NOTE_REQUIRED: {
    status: 400,
    zh: '误报须附证据说明，退回须填写原因（至少4个字）',
    en: 'A false alarm needs its evidence and a return its reason (at least 4 characters)',
  },
  ALARM_TEXT_NOT_SENT: {
    status: 502,
    zh: '文本信息未能下发到车载终端',
    en: 'The text message could not be sent to the terminal',
  },
  SUPERVISION_ORDER_STATE: {
    status: 409,
    zh: '督办单当前状态下不能执行此操作',
    en: 'This step is not possible in the supervision order’s state',
  },
  SUPERVISION_ORDER_TARGET: {
    status: 403,
    zh: '督办单不是下发给您的层级',
    en: 'The supervision order is addressed to another level',
  },
  DUTY_CHECK_ANSWERED: { status: 409, zh: '该查岗已应答', en: 'This duty check was already answered' },
  GOODS_IMPORT_REJECTED: {
    status: 422,
    zh: '品名表导入文件有错误，未导入任何数据',
    en: 'The goods table has errors; nothing was imported',
  },
  GOODS_SPREADSHEET_UNREADABLE: {
    status: 400,
    zh: '无法读取品名表文件 (支持 xlsx 与 CSV，首行为表头，最多 20000 行)',
    en: 'The goods table cannot be read (xlsx or CSV, headers in row 1, at most 20,000 rows)',
  },
  GOODS_IMPORT_TOO_LARGE: {
    status: 413,
    zh: '品名表导入文件超过大小上限 (GOODS_IMPORT_MAX_BYTES)',
    en: 'The goods table file is larger than the limit (GOODS_IMPORT_MAX_BYTES)',
  },
  GOODS_STALE_VERSION: {
    status: 409,
    zh: '该品名已被他人修改，请刷新后重试',
    en: 'The entry was changed by someone else; reload and try again',
  },
  EMERGENCY_CARD_QUERY: {
    status: 400,
    zh: '请只提供车牌号 (plate) 或运单编号 (waybill) 之一',
    en: 'Give exactly one of plate or waybill',
  },
  EMERGENCY_CARD_NO_WAYBILL: {
    status: 404,
    zh: '未找到该车辆或运单的有效运单 (已审核、装货中或运输中)',
    en: 'No active waybill (checked, loading or in transit) for this vehicle or number',
  },
  VERIFICATION_PLATE_INVALID: {
    status: 400,
    zh: '车牌号格式错误',
    en: 'The plate number is malformed',
  },
  VERIFICATION_LOOKUP_REQUIRED: {
    status: 400,
    zh: '请输入车牌号（及颜色）或运单编号',
    en: 'Give a plate (and its colour) or a waybill number',
  },
  FILLING_WEIGHING_INVALID: {
    status: 400,
    zh: '过磅数据不合理：须皮重大于0、毛重大于皮重，且不超过合理范围',
    en: 'Implausible weighbridge figures: tare must be above zero, gross above tare, both within range',
  },
  CHECKPOINT_PASS_TIME_INVALID: {
    status: 400,
    zh: '通行时间不合理（晚于当前时间或过于久远）',
    en: 'The pass time is implausible (in the future or too long ago)',
  },
  POSITION_BATCH_TOO_LARGE: {
    status: 413,
    zh: '一次提交的定位数据条数超过上限，请分批提交',
    en: 'Too many positions in one request; post them in smaller batches',
  },
  POSITION_VEHICLE_UNKNOWN: {
    status: 404,
    zh: '本企业电子档案中没有该车辆',
    en: 'No such vehicle among your company’s archived vehicles',
  },
  POSITION_VEHICLE_NOT_OPERATING: {
    status: 409,
    zh: '车辆或所属企业未备案或未在营运，不能上报定位',
    en: 'The vehicle or its company is not filed or not in operation; its positions are refused',
  },
  POSITION_TIME_OUTSIDE_RETENTION: {
    status: 400,
    zh: '定位时间早于数据保存期限或晚于当前时间一天以上',
    en: 'The device time is older than the position retention or more than a day ahead',
  },
  RULES_ZONE_IN_USE: {
    status: 409,
    zh: '该区域仍被限行规则引用，请先修改或删除这些限行规则',
    en: 'Ban windows still name this zone; change or delete them first',
  },
  WAYBILL_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '运单当前状态不允许此操作',
    en: 'The waybill’s current status does not allow this action',
  },
  WAYBILL_NOT_EDITABLE: {
    status: 409,
    zh: '只有草稿或核查未通过的运单可以修改',
    en: 'Only a draft or a waybill that failed its checks can be changed',
  },
  WAYBILL_VEHICLE_BUSY: {
    status: 409,
    zh: '车辆或挂车已有一张未完成的运单 (一车一单)',
    en: 'The vehicle or trailer already has an active waybill (one vehicle, one waybill)',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A failure the API reports to its caller with a stable code. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(errorCatalog[code].en);
    this.name = 'AppError';
    this.status = errorCatalog[code].status;
  }
}

export type Lang = 'zh' | 'en';

/** One field a module's own checks refused: a stable reason, and the message in both languages. */
export interface LocalizedFieldProblem {
  field: string;
  reason: string;
  zh: string;
  en: string;
}

/**
 * Input a module's own checks refused, field by field (the schema's checks passed). The error
 * handler sends it as VALIDATION_FAILED with `details.fields` as the schema's refusals are sent,
 * each field's message in the caller's language.
 */
export class FieldsInvalidError extends Error {
  constructor(
    readonly fields: readonly LocalizedFieldProblem[],
    what: string,
  ) {
    super(`${what}: ${fields.map((f) => `${f.field} ${f.en}`).join('; ')}`);
    this.name = 'FieldsInvalidError';
  }

  /** `details.fields` of the response: field, reason and the message in `lang`. */
  localized(lang: Lang): { field: string; reason: string; message: string }[] {
    return this.fields.map((f) => ({ field: f.field, reason: f.reason, message: f[lang] }));
  }
}

/** zh-CN first: English only when the caller prefers it. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function errorBody(code: ErrorCode, lang: Lang, details?: unknown): ErrorBody {
  const spec = errorCatalog[code];
  const body: ErrorBody = { code, message: lang === 'en' ? spec.en : spec.zh };
  if (details !== undefined) body.details = details;
  return body;
}

/** docs/errors.md, rendered from the catalog. */
export function renderErrorDoc(): string {
  const rows = (Object.keys(errorCatalog) as ErrorCode[]).map((code) => {
    const s: ErrorSpec = errorCatalog[code];
    return `| \`${code}\` | ${s.status} | ${s.zh} | ${s.en} |`;
  });
  return [
    '# Error codes',
    '',
    'Generated from `packages/server/src/errors.ts` by `npm run docs`; a test keeps this file in sync.',
    'Every error response has the body `{ "code": string, "message": string, "details"?: any }`.',
    '`message` is zh-CN unless the request sends `Accept-Language: en…`. Validation errors list',
    'the failing fields in `details.fields` as `{ field, reason }`.',
    '',
    '| code | HTTP | 中文 | English |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
