// One error type with a stable code; one table mapping codes to HTTP status and messages.
// The console shows `message[locale]`; clients branch on `code`, never on text.
//
// "Why can't I" (issue 9): a refusal that a user can meet in the console explains itself in
// `details`, beside the code's own facts, always with the same three fields (`Explanation`):
//   rule      the rule that refuses (docs/rules.md), e.g. "R10", "R12", "R18"
//   remedy    what would make the action possible: the next step, in zh-CN and en
//   contacts  who can do it or help, nearest first: role code and label, MASKED name, unit
// Every code of EXPLAINED_REFUSALS carries them. A throw site that knows more sets them itself
// (R10 in domain/role-exclusion.ts, R8 in lib/admin-succession.ts, role grants, task claims); the
// others put the unit the action concerns in `details.unitId` (the authorization gate puts
// `details.requiredRoles`), and api/errors.ts completes the explanation from the database with
// lib/explanations.ts before answering. A `remedy` a throw site set is never replaced.

export type Locale = "zh-CN" | "en";
export type LocalizedMessage = Record<Locale, string>;

/** Someone who can perform the refused action or help with it. */
export type RefusalContact = {
  /** A catalogue role (UNIT_ADMIN, PLATFORM_OPERATOR…) or TASK_ASSIGNEE. */
  role: string;
  roleLabel: LocalizedMessage;
  /** Masked (domain/masking.ts maskName); null when the account has no name. */
  name: string | null;
  unitId: string;
  unitName: string;
};

/** The explanation a refusal carries in `details` (see the top of this file). */
export type Explanation = {
  rule?: string;
  remedy: LocalizedMessage;
  contacts?: RefusalContact[];
};

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
  ACTION_NOT_CONFIRMED: {
    status: 503,
    "zh-CN": "系统繁忙，您的操作尚未生效。请稍后重试：重复提交同一操作不会被重复处理",
    en: "The platform is busy and your action has not taken effect yet. Please retry shortly: the same action is never applied twice",
  },
  ACTION_ACCEPTED_PENDING: {
    status: 503,
    "zh-CN": "您的操作已受理，正在处理中，请稍后刷新查看结果（无需重复提交）",
    en: "Your action was accepted and is being applied; refresh shortly to see the result (no need to submit it again)",
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
  DESIGNATION_THROTTLED: {
    status: 429,
    "zh-CN": "指定管理员失败次数过多，请稍后再试",
    en: "Too many refused designations; please try again later",
  },
  // Issue 11.4: too many anonymous actions of one kind from one client address.
  ADDRESS_RATE_LIMITED: {
    status: 429,
    "zh-CN": "从此网络提交的操作过多，请稍后再试",
    en: "Too many requests of this kind from this network; please try again later",
  },
  QR_CHALLENGES_TOO_MANY: {
    status: 429,
    "zh-CN": "从此网络申请的扫码登录二维码过多，请稍后再试",
    en: "Too many QR login codes were requested from this network; please try again later",
  },
  // Issue 11.5: a state-changing request from another site's page (Origin check), not a role question.
  CSRF_ORIGIN_REFUSED: {
    status: 403,
    "zh-CN": "该请求不是从本平台的页面发出的，已被拒绝；请在平台页面上重新操作",
    en: "The request did not come from this platform's pages and was refused; please retry from the platform's page",
  },
  /** R15: a face check is tried again only after it failed or expired, within the SMS code's validity, once. */
  FACE_CHECK_RETRY_NOT_AVAILABLE: {
    status: 409,
    "zh-CN": "手机号验证已过期或该注册已重新识别过，请重新获取验证码后再注册",
    en: "The mobile verification has expired or this registration was retried already; get a new SMS code and register again",
  },
  /** R18: the session ended because a unit disabled the account (the message names the unit). */
  ACCOUNT_DISABLED: {
    status: 401,
    "zh-CN": "您的账号已被停用，已退出登录",
    en: "Your account was disabled; you have been signed out",
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
  REAL_PERSON_VENDOR_UNAVAILABLE: {
    status: 503,
    "zh-CN": "人脸核身服务暂时不可用，请稍后重试",
    en: "The face-check service is temporarily unavailable; please retry later",
  },
  REAL_PERSON_CHECK_SIMULATED: {
    status: 409,
    "zh-CN": "本环境的人脸核身由模拟的移动端完成（开发环境），请用模拟移动端页面打开二维码",
    en: "Face checks here are completed on the simulated mobile app (development); open the QR code with it",
  },
  UNIT_ALREADY_REGISTERED: {
    status: 409,
    "zh-CN":
      "该统一社会信用代码的单位已在平台注册，无需重复注册。请选择“单位登录”；如忘记登录账号，可使用“找回单位账号”通过联系人手机接收账号",
    en: "A unit with this USCC is already registered. Use unit login; if you forgot the account name, recover it by SMS to the contact mobile",
  },
  REGISTRATION_IN_PROGRESS: {
    status: 409,
    "zh-CN": "该统一社会信用代码已有一个正在办理的注册申请。请凭申请编号查询进度，或撤回后重新提交",
    en: "A registration for this USCC is already in progress. Follow it with its request number, or withdraw it and submit again",
  },
  UNIT_NAME_TAKEN: {
    status: 409,
    "zh-CN": "已有同名单位在平台注册。请核对单位名称是否与营业执照完全一致",
    en: "A unit with this name is already registered; check that the name matches the business licence exactly",
  },
  UNIT_NAME_IN_REGISTRATION: {
    status: 409,
    "zh-CN":
      "已有一个使用该单位名称的注册申请正在办理。请核对单位名称是否与营业执照完全一致；如该申请是本单位提交的，请凭申请编号查询进度，或撤回后重新提交",
    en: "A registration under this unit name is in progress. Check that the name matches the business licence exactly; if your unit submitted it, follow it with its request number, or withdraw it and submit again",
  },
  HR_DEPARTMENT_SELF_REGISTRATION: {
    status: 403,
    "zh-CN": "人社部门单位由省人社厅统一创建，不能自行注册",
    en: "HR-department units are created by the provincial HR department and cannot self-register",
  },
  PREPARED_PASSWORD_NOT_FOUND: {
    status: 400,
    "zh-CN": "预先提交的登录密码已过期或已被使用，请重新设置登录密码",
    en: "The prepared password has expired or was already used; set the login password again",
  },
  UPLOAD_NOT_FOUND: {
    status: 400,
    "zh-CN": "上传的材料不存在或已被使用，请重新上传",
    en: "The uploaded file does not exist or is already used; upload it again",
  },
  UPLOAD_EMPTY: {
    status: 400,
    "zh-CN": "文件为空（0 字节），请重新选择文件",
    en: "The file is empty (0 bytes); choose the file again",
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 400,
    "zh-CN": "文件内容不是 PDF、JPG 或 PNG 格式（仅修改扩展名无效），请上传原始的扫描件或照片",
    en: "The file content is not PDF, JPEG or PNG (renaming does not change it); upload the original scan or photo",
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    "zh-CN": "文件超过 10 MB，请压缩后重新上传",
    en: "The file is larger than 10 MB; compress it and upload again",
  },
  UPLOAD_NAME_INVALID: {
    status: 400,
    "zh-CN": "文件名中没有可显示的字符，请给文件命名后重新上传",
    en: "The file name has no visible characters; name the file and upload it again",
  },
  UPLOAD_EXTENSION_MISMATCH: {
    status: 400,
    "zh-CN": "文件扩展名与文件内容不一致，请改正扩展名后重新上传",
    en: "The file extension does not match its content; correct the extension and upload again",
  },
  SMS_CODE_INVALID: {
    status: 400,
    "zh-CN": "验证码不正确",
    en: "The verification code is incorrect",
  },
  SMS_CODE_EXPIRED: {
    status: 400,
    "zh-CN": "验证码已失效，请重新获取",
    en: "The verification code has expired; request a new one",
  },
  SMS_CODE_TOO_MANY_ATTEMPTS: {
    status: 429,
    "zh-CN": "验证码错误次数过多，请重新获取",
    en: "Too many wrong codes; request a new one",
  },
  SMS_SEND_LIMIT: {
    status: 429,
    "zh-CN": "验证码发送过于频繁，请稍后再试",
    en: "Too many codes were sent to this mobile; try again later",
  },
  // What the SMS vendor answered (lib/ports/sms-aliyun.ts): throttled and unreachable are retried.
  SMS_GATEWAY_THROTTLED: {
    status: 429,
    "zh-CN": "短信服务商限制了发往该手机号的短信频率，请稍后再试",
    en: "The SMS provider is limiting messages to this mobile; try again later",
  },
  SMS_GATEWAY_UNAVAILABLE: {
    status: 503,
    "zh-CN": "短信服务暂时不可用，请稍后重试",
    en: "The SMS service is temporarily unavailable; please retry later",
  },
  SMS_MOBILE_INVALID: {
    status: 400,
    "zh-CN": "短信服务商拒收该手机号，请核对是否为正确的中国大陆手机号",
    en: "The SMS provider refuses this mobile number; check that it is a valid mainland China mobile",
  },
  SMS_TEMPLATE_REJECTED: {
    status: 503,
    "zh-CN": "该类短信的模板或签名未获短信服务商认可，暂时无法发送，请联系平台运维",
    en: "The SMS provider refuses this kind of message (template or signature); contact the platform operators",
  },
  // Issue 13 item 4: the status page's request number and contact mobile do not belong to one unit
  // registration; the same answer whichever of the two is wrong.
  REGISTRATION_ACCESS_NOT_FOUND: {
    status: 404,
    "zh-CN": "没有申请编号和联系人手机号都与之一致的单位注册申请，请核对申请编号和注册时填写的联系人手机号",
    en: "No unit registration has this request number with this contact mobile; check the request number and the contact mobile given at registration",
  },
  REQUEST_ACCESS_REQUIRED: {
    status: 401,
    "zh-CN": "请输入申请编号并用短信验证码验证后查看",
    en: "Enter the request number and verify with the SMS code to see this request",
  },
  REQUEST_CLOSED: {
    status: 409,
    "zh-CN": "该申请已办结，不能再撤回或审核",
    en: "This request is already closed",
  },
  TASK_NOT_FOUND: {
    status: 404,
    "zh-CN": "任务不存在或您无权查看",
    en: "No such task, or you may not see it",
  },
  TASK_CLAIMED_BY_OTHER: {
    status: 409,
    "zh-CN": "该任务已由他人领取，只有领取人可以处理",
    en: "Someone else has claimed this task: only they can decide it",
  },
  REGISTRATION_APPROVAL_NOT_APPLICABLE: {
    status: 409,
    "zh-CN": "无法通过：该统一社会信用代码或单位名称已被其他单位注册。申请已退回审核，请核对后驳回并说明原因",
    en: "Cannot approve: the USCC or the unit name has been registered by another unit meanwhile. The request is back in review; check it and reject it with a reason",
  },
  TASK_NOT_CLAIMED: {
    status: 409,
    "zh-CN": "该任务尚未被领取，无需释放",
    en: "This task is not claimed, so there is nothing to release",
  },
  TASK_NOT_IN_REVIEW: {
    status: 409,
    "zh-CN": "该申请当前不在人工审核阶段，或已由他人作出决定",
    en: "This request is not awaiting a decision (or someone else decided it)",
  },
  DECISION_REASON_REQUIRED: {
    status: 400,
    "zh-CN": "不通过时必须填写原因",
    en: "A rejection needs a reason",
  },
  // R30: on approving a registration, the reviewer chooses the registered value of each differing fact.
  REGISTERED_FACTS_CHOICE_REQUIRED: {
    status: 400,
    "zh-CN": "通过前请为每一项与市场监管登记信息不一致的内容选择登记值（市场监管登记信息或申请填报信息）",
    en: "Before approving, choose the value to register (the registry's or the applicant's) for every fact that differs from the business registry",
  },
  REGISTERED_FACT_NOT_OFFERED: {
    status: 400,
    "zh-CN":
      "只能在与市场监管登记信息不一致的内容中，选择市场监管登记信息或申请填报信息作为登记值；未查到登记信息时只能按申请填报信息登记",
    en: "A registered value can only be chosen for a fact that differs from the business registry, and only the registry's or the applicant's; without a registry record the applicant's values are registered",
  },
  UNIT_NOT_FOUND: {
    status: 404,
    "zh-CN": "单位不存在或您无权查看",
    en: "No such unit, or you may not see it",
  },
  ADMIN_ALREADY_DESIGNATED: {
    status: 409,
    "zh-CN": "本单位已有管理员。更换管理员须由现任管理员在“单位基础信息管理”中办理",
    en: "This unit already has an administrator; only the current administrator can designate a successor",
  },
  // Issue 11.4 / 13.3: one answer whether the ID number is unknown or registered under another name,
  // so a designation cannot tell which; it leads with the mismatch, the likelier typing error.
  PERSON_NOT_FOUND: {
    status: 404,
    "zh-CN":
      "证件号码与姓名不匹配：没有以该证件号码和姓名登记的个人账号。请核对姓名是否与被指定人个人账号上的姓名一致",
    en: "The ID number and the name do not match: no personal account is registered under this ID number with this name. Check that the name is the one on the person's personal account",
  },
  CANDIDATE_BOUND_ELSEWHERE: {
    status: 409,
    "zh-CN": "被指定人已绑定其他单位。管理员须与本单位绑定或未绑定任何单位",
    en: "This person is bound to another unit; an administrator must be bound to this unit or to none",
  },
  CANDIDATE_HAS_TITLE_APPLICATION: {
    status: 409,
    "zh-CN":
      "该人员有正在办理的职称申报，按业务互斥规定申报期间不能成为管理员或经办人；待申报办结或由本人撤回后才能授予",
    en: "This person has a title application in progress and, by role exclusion, cannot become an administrator or handler until it is completed or withdrawn",
  },
  TITLE_APPLICATION_EXCLUDED_BY_ROLE: {
    status: 409,
    "zh-CN": "您担任单位管理员或经办人，按业务互斥规定不能申报职称；请先解除该角色（或更换管理员）再申报",
    en: "You hold an administrator or handler role and, by role exclusion, cannot apply for a title; have the role revoked (or hand the office on) first",
  },
  TITLE_APPLICATION_IN_PROGRESS: {
    status: 409,
    "zh-CN": "您已有一份正在办理的职称申报，请在其办结或撤回后再新建",
    en: "You already have a title application in progress; open a new one once it is completed or withdrawn",
  },
  TITLE_APPLICATION_NOT_FOUND: {
    status: 404,
    "zh-CN": "该职称申报不存在，或不是您的申报",
    en: "No such title application of yours",
  },
  // R31 title applications on the push chain.
  TITLE_APPLICATION_UNIT_REQUIRED: {
    status: 409,
    "zh-CN":
      "职称申报从您所在的工作单位开始逐级推送，您尚未绑定工作单位：请先在“用户中心 → 个人资料”申请绑定工作单位，单位接收后再申报",
    en: "A title application starts at your work unit and goes up its push chain, and you are not bound to a unit: ask to join your employer first (User center → Profile), then apply once it accepts you",
  },
  TITLE_APPLICATION_NOT_AT_UNIT: {
    status: 409,
    "zh-CN": "该职称申报当前不在您所在单位的审核环节（尚未推送到本单位，或已不经过本单位），请刷新后查看",
    en: "This title application is not at your unit's step now (not pushed to it yet, or no longer passing through it); refresh to see where it is",
  },
  TITLE_BUSINESS_NOT_FOR_ADMINISTRATOR: {
    status: 403,
    "zh-CN": "单位管理员不办理职称评审业务：职称申报的推送和退回由单位经办员办理",
    en: "Unit administrators do no title business: title applications are pushed up or returned by the unit's title handlers",
  },
  ROLE_NOT_FOUND: {
    status: 404,
    "zh-CN": "角色目录中没有该子系统的这个角色",
    en: "The role catalogue has no such role in this subsystem",
  },
  ROLE_NOT_GRANTABLE: {
    status: 409,
    "zh-CN": "该角色不能在账号角色管理中授予或解除",
    en: "This role is not granted or revoked on the account roles page",
  },
  FORBIDDEN_ROLE_GRANT: {
    status: 403,
    "zh-CN": "您没有授予或解除该角色的权限：只有该账号所在单位（或其上级单位）中可授予该角色的人员能够办理",
    en: "You may not grant or revoke this role: only those who may grant it in the account's unit (or a superior unit) can",
  },
  ROLE_BINDING_NOT_FOUND: {
    status: 404,
    "zh-CN": "该角色绑定不存在或已解除，请刷新后重试",
    en: "No such role binding, or it was revoked already; refresh and try again",
  },
  CANDIDATE_DISABLED: {
    status: 409,
    "zh-CN": "被指定人的账号已被禁用",
    en: "This person's account is disabled",
  },
  UNIT_TYPE_NOT_ALLOWED: {
    status: 400,
    "zh-CN": "不能将单位类型改为人社部门，也不能更改人社部门的类型",
    en: "A unit cannot become an HR department, nor can an HR department change its type",
  },
  USCC_TAKEN: {
    status: 409,
    "zh-CN": "该统一社会信用代码已被其他单位使用",
    en: "Another unit already uses this USCC",
  },
  CONTACT_MOBILE_CHANGE_IN_PROGRESS: {
    status: 409,
    "zh-CN": "本单位已有一个正在办理的联系人手机变更",
    en: "This unit already has a contact mobile change in progress",
  },
  CONTACT_MOBILE_UNCHANGED: {
    status: 400,
    "zh-CN": "新手机号与当前联系人手机相同",
    en: "The new mobile is the current contact mobile",
  },
  LEGAL_REP_UNKNOWN: {
    status: 409,
    "zh-CN": "本单位没有登记法定代表人的身份信息，无法人脸识别，请选择人工审核",
    en: "The unit has no legal representative on record for a face check; choose manual review",
  },
  PERSON_ALREADY_REGISTERED: {
    status: 409,
    "zh-CN": "该证件号码已注册，请直接登录：用“贵州人社”小程序扫码登录，或用证件号码和密码登录",
    en: "This ID number is already registered: log in by scanning the QR code with the mobile app, or with your ID number and password",
  },
  PERSON_NOT_REGISTERED: {
    status: 404,
    "zh-CN": "该证件号码尚未注册个人账号，请先在电脑上完成个人注册",
    en: "No personal account has this ID number; register first",
  },
  QR_CHALLENGE_PENDING: {
    status: 409,
    "zh-CN": "尚未在手机上确认登录，请用“贵州人社”小程序扫码并完成人脸识别",
    en: "The login has not been confirmed on the phone yet: scan with the mobile app and complete the face check",
  },
  QR_CHALLENGE_EXPIRED: {
    status: 410,
    "zh-CN": "二维码已过期，请刷新二维码后重新扫码",
    en: "The QR code has expired; refresh it and scan again",
  },
  QR_CHALLENGE_USED: {
    status: 409,
    "zh-CN": "该二维码已使用过，请刷新二维码后重新扫码",
    en: "This QR code has been used already; refresh it and scan again",
  },
  QR_CHALLENGE_FAILED: {
    status: 409,
    "zh-CN": "人脸识别未通过，请刷新二维码后重试",
    en: "The face check did not pass; refresh the QR code and try again",
  },
  QR_CHALLENGE_OTHER_PHONE: {
    status: 409,
    "zh-CN": "该二维码已被其他手机扫描，请在扫码的手机上完成人脸识别，或在电脑上刷新二维码",
    en: "Another phone scanned this QR code; finish on that phone, or refresh the QR code on the computer",
  },
  PLEDGE_REQUIRED: {
    status: 400,
    "zh-CN": "请阅读并接受个人承诺后再提交",
    en: "Read and accept the pledge before submitting",
  },
  UNIT_NAME_NOT_FOUND: {
    status: 404,
    "zh-CN": "没有名称完全一致的单位，单位名称需一字不差；如单位尚未注册，请先由单位完成注册",
    en: "No unit has exactly this name (it must match character for character); if the unit is not registered yet, it must register first",
  },
  ALREADY_BOUND_TO_UNIT: {
    status: 409,
    "zh-CN": "您已绑定在该单位，无需重复申请",
    en: "You are already bound to this unit",
  },
  ADMIN_MUST_HAND_OVER: {
    status: 409,
    "zh-CN": "您是本单位的管理员，须先在单位基础信息中更换管理员，才能申请绑定其他单位",
    en: "You are your unit's administrator: hand the office on (unit profile) before asking to join another unit",
  },
  BINDING_REQUEST_OPEN: {
    status: 409,
    "zh-CN": "您已有一个待单位处理的绑定申请，请等待处理结果，或先撤回该申请",
    en: "You already have a binding request awaiting the unit's decision; wait for it or withdraw it first",
  },
  REQUEST_ALREADY_DECIDED: {
    status: 409,
    "zh-CN": "该申请已被处理（可能由本单位其他人员处理、申请人已撤回或已过期），请刷新列表",
    en: "This request has been settled already (by a colleague, withdrawn or expired); refresh the list",
  },
  BINDING_REQUEST_NOT_FOUND: {
    status: 404,
    "zh-CN": "该绑定申请不存在，或不是向本单位提出的",
    en: "No such binding request for this unit",
  },
  // R13 affiliation requests (关联上级单位 / 归口). AFFILIATION_CYCLE carries details.rule and remedy.
  AFFILIATION_REQUEST_OPEN: {
    status: 409,
    "zh-CN": "本单位已有一个待上级单位处理的关联（归口）申请，请等待处理结果，或先撤回该申请",
    en: "Your unit already has an affiliation request awaiting the superior unit's decision; wait for it or withdraw it first",
  },
  AFFILIATION_SAME_SUPERIOR: {
    status: 409,
    "zh-CN": "所选单位已是本单位的主管部门（上级推送节点），无需再次申请",
    en: "The chosen unit is already your unit's superior unit",
  },
  AFFILIATION_CYCLE: {
    status: 409,
    "zh-CN": "不能关联到本单位或本单位的下级单位：单位层级不能形成循环",
    en: "A unit cannot affiliate with itself or with one of its subordinate units: the hierarchy cannot contain a cycle",
  },
  AFFILIATION_SUPERIOR_NOT_ALLOWED: {
    status: 409,
    "zh-CN": "人社部门只能关联到人社部门：省人社厅是单位层级的顶端，其他类型的单位不能成为人社部门的上级",
    en: "An HR department affiliates only with an HR department: the provincial HR department is the top of the hierarchy, and no other kind of unit can be above an HR department",
  },
  AFFILIATION_REQUEST_NOT_FOUND: {
    status: 404,
    "zh-CN": "该关联（归口）申请不存在，或与您担任管理员或经办人的单位无关",
    en: "No such affiliation request, or it does not concern a unit where you are administrator or handler",
  },
  ACCOUNT_NOT_IN_UNIT: {
    status: 404,
    "zh-CN": "该账号不在本单位",
    en: "This account is not bound to your unit",
  },
  CANNOT_EXIT_ADMINISTRATOR: {
    status: 409,
    "zh-CN": "单位管理员不能退出本单位，请先更换管理员",
    en: "The unit's administrator cannot be exited; hand the office on first",
  },
  CANNOT_EXIT_DISABLED: {
    status: 409,
    "zh-CN": "该账号已被禁用：退出后将没有单位能够启用它。请先启用该账号，再办理退出",
    en: "This account is disabled: once exited, no unit could enable it again. Enable it first, then exit it",
  },
  CANNOT_CHANGE_OWN_ACCOUNT: {
    status: 409,
    "zh-CN": "不能对自己的账号执行此操作",
    en: "You cannot do this to your own account",
  },
  ONLY_ADMIN_ENABLES: {
    status: 403,
    "zh-CN": "被禁用的账号只能由所在单位的管理员重新启用",
    en: "Only the unit's administrator can enable a disabled account",
  },
  ONLY_ADMIN: {
    status: 403,
    "zh-CN": "此操作只能由单位管理员办理",
    en: "Only the unit's administrator can do this",
  },
  PERSON_NAME_ALREADY_SET: {
    status: 409,
    "zh-CN": "该账号已有姓名，只能补全缺失的姓名",
    en: "This account has a name already; only missing names can be completed",
  },

  // R8 admin succession (更换管理员) and R20 renames. Refusals carry an Explanation (`details.rule`,
  // `details.remedy`: what would make the designation possible, `details.contacts`).
  SUCCESSION_NOT_AUTHORIZED: {
    status: 403,
    "zh-CN": "您不能为该单位指定管理员",
    en: "You may not designate this unit's administrator",
  },
  ADMIN_CHANGED: {
    status: 409,
    "zh-CN": "本单位的管理员已经更换（可能刚由他人办理），您已不是本单位的管理员。请刷新后查看",
    en: "The unit's administrator has just changed (someone else designated one); you are no longer its administrator. Refresh to see",
  },
  CANDIDATE_IS_CURRENT_ADMIN: {
    status: 409,
    "zh-CN": "被指定人已是本单位的管理员",
    en: "This person is the unit's administrator already",
  },
  CANDIDATE_HOLDS_CONFLICTING_ROLE: {
    status: 409,
    "zh-CN": "被指定人担任与管理员互斥的角色（如职称经办人，或其他单位的管理员）",
    en: "This person holds a role that excludes the administrator's (such as title handler, or another unit's administrator)",
  },
  CANDIDATE_BINDING_REQUEST_OPEN: {
    status: 409,
    "zh-CN": "被指定人有一个绑定到其他单位的申请正在等待处理",
    en: "This person has a binding request to another unit awaiting its decision",
  },
  UNIT_NAME_UNCHANGED: {
    status: 400,
    "zh-CN": "新单位名称与当前名称相同",
    en: "The new name is the unit's current name",
  },
  // R11: subordinate units created directly by their superior.
  UNTRUSTED_NETWORK: {
    status: 403,
    "zh-CN": "只能在政务外网或人社内网中直接创建下级单位",
    en: "Subordinate units can be created directly only from the government extranet (政务外网) or the HR intranet (人社内网)",
  },
  SUBORDINATE_CREATION_NOT_ALLOWED: {
    status: 403,
    "zh-CN": "只有事业单位和人社部门可以直接创建下级单位",
    en: "Only public institutions and HR departments create subordinate units directly",
  },
} as const satisfies Record<string, { status: number } & LocalizedMessage>;

export type ErrorCode = keyof typeof catalog;

/** Refusals of authorization and business rules a console user can meet: each carries an Explanation. */
export const EXPLAINED_REFUSALS = [
  "AUTH_ACCOUNT_DISABLED",
  "FORBIDDEN_ROLE",
  "FORBIDDEN_UNIT_SCOPE",
  "REAL_PERSON_SESSION_REQUIRED",
  "UNIT_SESSION_NOT_ALLOWED",
  "TASK_CLAIMED_BY_OTHER",
  "TITLE_APPLICATION_EXCLUDED_BY_ROLE",
  "CANDIDATE_HAS_TITLE_APPLICATION",
  "ROLE_NOT_GRANTABLE",
  "FORBIDDEN_ROLE_GRANT",
  "ADMIN_MUST_HAND_OVER",
  "CANNOT_EXIT_ADMINISTRATOR",
  "CANNOT_EXIT_DISABLED",
  "CANNOT_CHANGE_OWN_ACCOUNT",
  "ONLY_ADMIN_ENABLES",
  "ONLY_ADMIN",
  "SUCCESSION_NOT_AUTHORIZED",
  "ADMIN_ALREADY_DESIGNATED",
  "ADMIN_CHANGED",
  "PERSON_NOT_FOUND",
  "CANDIDATE_BOUND_ELSEWHERE",
  "CANDIDATE_DISABLED",
  "CANDIDATE_IS_CURRENT_ADMIN",
  "CANDIDATE_HOLDS_CONFLICTING_ROLE",
  "CANDIDATE_BINDING_REQUEST_OPEN",
  "UNTRUSTED_NETWORK",
  "SUBORDINATE_CREATION_NOT_ALLOWED",
] as const satisfies readonly ErrorCode[];
export type ExplainedRefusal = (typeof EXPLAINED_REFUSALS)[number];

export const isExplainedRefusal = (code: string): code is ExplainedRefusal =>
  (EXPLAINED_REFUSALS as readonly string[]).includes(code);

/** The explanation already in `details`, when a throw site gave one. */
export function explanationIn(details: unknown): Explanation | null {
  const remedy = (details as { remedy?: unknown } | null | undefined)?.remedy;
  const localized =
    typeof remedy === "object" &&
    remedy !== null &&
    typeof (remedy as LocalizedMessage)["zh-CN"] === "string" &&
    typeof (remedy as LocalizedMessage).en === "string";
  return localized ? (details as Explanation) : null;
}

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
