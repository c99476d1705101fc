// One error type with a stable code; one table mapping codes to HTTP status and messages.
// The console shows `message[locale]`; clients branch on `code`, never on text.

export type Locale = "zh-CN" | "en";
export type LocalizedMessage = Record<Locale, string>;

const catalog = {
  VALIDATION_FAILED: { status: 400, "zh-CN": "提交的数据不符合要求", en: "The submitted data is invalid" },
  MALFORMED_JSON: {
    status: 400,
    "zh-CN": "请求内容不是有效的 JSON",
    en: "The request body is not valid JSON",
  },
  NOT_FOUND: { status: 404, "zh-CN": "请求的资源不存在", en: "The requested resource does not exist" },
  ROUTE_NOT_FOUND: { status: 404, "zh-CN": "接口不存在", en: "No such API route" },
  METHOD_NOT_ALLOWED: { status: 405, "zh-CN": "不支持该请求方法", en: "Method not allowed" },
  PAYLOAD_TOO_LARGE: { status: 413, "zh-CN": "请求内容过大", en: "The request body is too large" },
  INTERNAL_ERROR: {
    status: 500,
    "zh-CN": "服务器内部错误，请稍后重试；如问题持续，请联系平台运维并提供请求编号",
    en: "Internal error; please retry later, and if it persists contact the operators with the request id",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    "zh-CN": "服务暂时不可用，请稍后重试",
    en: "The service is temporarily unavailable; please retry later",
  },

  AUTH_REQUIRED: { status: 401, "zh-CN": "请先登录", en: "Please log in first" },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    "zh-CN": "账号或密码不正确",
    en: "The account or password is incorrect",
  },
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    "zh-CN": "该账号已被禁用，请联系所在单位的管理员启用",
    en: "This account is disabled; ask your unit's administrator to enable it",
  },
  AUTH_THROTTLED: {
    status: 429,
    "zh-CN": "登录失败次数过多，请稍后再试",
    en: "Too many failed logins; please try again later",
  },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    "zh-CN": "登录已过期，请重新登录",
    en: "Your session has expired; please log in again",
  },
  FORBIDDEN_ROLE: {
    status: 403,
    "zh-CN": "您没有执行此操作的角色权限",
    en: "You do not hold a role that allows this action",
  },
  FORBIDDEN_UNIT_SCOPE: {
    status: 403,
    "zh-CN": "您只能处理本单位（及下级单位）的业务",
    en: "You may only act for your own unit (and its subordinate units)",
  },
  REAL_PERSON_SESSION_REQUIRED: {
    status: 403,
    "zh-CN": "此操作需要实人认证登录，请使用贵州人社小程序扫码登录后再试",
    en: "This action needs a real-person session: log in by scanning the QR code with the mobile app",
  },
  UNIT_SESSION_NOT_ALLOWED: {
    status: 403,
    "zh-CN": "单位账号只能维护单位基础信息和指定管理员，请使用个人账号登录办理",
    en: "A unit login may only maintain the unit's basic facts and designate its administrator; log in personally",
  },
  REAL_PERSON_CHECK_NOT_FOUND: {
    status: 404,
    "zh-CN": "二维码无效，请回到电脑页面刷新二维码后重新扫码",
    en: "This QR code is not valid; refresh the QR code on the computer and scan again",
  },
  REAL_PERSON_CHECK_CLOSED: {
    status: 409,
    "zh-CN": "该实人认证已结束（已完成或已过期），请回到电脑页面重新发起",
    en: "This real-person check is over (completed or expired); start a new one on the computer",
  },
} as const satisfies Record<string, { status: number } & LocalizedMessage>;

export type ErrorCode = keyof typeof catalog;

export function errorStatus(code: ErrorCode): number {
  return catalog[code].status;
}

export function errorMessage(code: ErrorCode): LocalizedMessage {
  const entry = catalog[code];
  return { "zh-CN": entry["zh-CN"], en: entry.en };
}

export type AppErrorOptions = {
  field?: string;
  /** Overrides the catalog text when the problem is more specific than the code. */
  message?: LocalizedMessage;
  details?: unknown;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly localized: LocalizedMessage;
  readonly details?: unknown;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const localized = options.message ?? errorMessage(code);
    super(localized.en, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.localized = localized;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus(this.code);
  }
}
