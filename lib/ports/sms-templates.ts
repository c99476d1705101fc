// The platform's SMS texts, one per kind of message, and the one way their parameters are joined
// into them. SMS texts are Chinese: they go to mainland mobiles. Parameters never include ID
// numbers. Times are China time (domain/china-time.ts formatChinaTime) and the text says so:
// （北京时间）.
//
// How a text is put together (the same for the outbox's body and for the vendor, who fills its
// approved copy of the text with the parameters we send — so the rules act on the parameters):
// - The signature 【贵州人社】 comes first, from SMS_SIGNATURE alone; a text never writes it.
// - A free-text parameter (a reason someone typed) is a sentence: it is given exactly one closing
//   mark (its own 。/./！/？, or 。 added), so a text never writes punctuation after it. It closes
//   the text (or precedes only a link): nothing the writer typed can be repeated by the text after it.
// - A link closes the text: phones take the characters glued after a link for part of it.
// - Other parameters (names, numbers, times) are single-line values, trimmed.

/** The platform's SMS signature (签名), also the Aliyun SignName the templates are approved under. */
export const SMS_SIGNATURE = "贵州人社";

/** A kind's human name in the console's languages (the dev outbox lists messages by it). */
export type SmsTemplateName = { "zh-CN": string; en: string };

type TemplateDefinition = { name: SmsTemplateName; text: string };

const templates = {
  VERIFICATION_CODE: {
    name: { "zh-CN": "验证码", en: "Verification code" },
    text: "您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。",
  },
  LEGAL_REP_FACE_CHECK: {
    name: { "zh-CN": "法定代表人人脸识别链接", en: "Legal representative's face-check link" },
    text: "{unitName}正在注册职称评审平台单位账号（申请编号{requestNumber}）。请法定代表人{legalRepName}在{days}天内用电脑打开以下链接，再用“贵州人社”小程序内的扫一扫扫描页面上的二维码完成人脸识别：{url}",
  },
  LEGAL_REP_FACE_CHECK_REMINDER: {
    name: { "zh-CN": "法定代表人人脸识别提醒", en: "Legal representative's face-check reminder" },
    text: "提醒：{unitName}的单位注册（申请编号{requestNumber}）尚待法定代表人完成人脸识别，链接将于{deadline}（北京时间）失效，请用电脑打开：{url}",
  },
  REGISTRATION_IN_REVIEW: {
    name: { "zh-CN": "单位注册转人工审核", en: "Unit registration in manual review" },
    text: "{unitName}的单位注册（申请编号{requestNumber}）已转人工审核，一般需1-3个工作日，结果将短信通知。原因：{reason}",
  },
  /** R30: says which unit name and legal representative were registered (they may be the registry's). */
  REGISTRATION_APPROVED: {
    name: { "zh-CN": "单位注册通过", en: "Unit registration approved" },
    text: "您的单位注册（申请编号{requestNumber}）已通过。登记的单位名称：{unitName}；法定代表人：{legalRepName}。单位登录账号：{accountName}。请使用注册时设置的密码，并用本手机号接收验证码登录。",
  },
  REGISTRATION_REJECTED: {
    name: { "zh-CN": "单位注册未通过", en: "Unit registration rejected" },
    text: "{unitName}的单位注册（申请编号{requestNumber}）未通过审核，可按原因修改后在注册状态页重新注册。原因：{reason}",
  },
  REGISTRATION_WITHDRAWN: {
    name: { "zh-CN": "单位注册已撤回", en: "Unit registration withdrawn" },
    text: "{unitName}的单位注册（申请编号{requestNumber}）已撤回。",
  },
  UNIT_ACCOUNT_RECOVERY: {
    name: { "zh-CN": "找回单位登录账号", en: "Unit account recovery" },
    text: "{unitName}的单位登录账号为{accountName}。如非本单位操作，请忽略本短信。",
  },
  /** R27: after the unit's password was reset; the contact learns of a reset they did not make. */
  UNIT_PASSWORD_CHANGED: {
    name: { "zh-CN": "单位密码已修改", en: "Unit password changed" },
    text: "{unitName}的单位登录密码已于{time}（北京时间）修改，原有登录已全部退出。如非本单位操作，请立即在单位登录页通过“忘记密码”重新设置。",
  },
  /** A person's password was changed or reset; the owner learns of a change they did not make. */
  PERSON_PASSWORD_CHANGED: {
    name: { "zh-CN": "个人密码已修改", en: "Personal password changed" },
    text: "{name}，您的个人账号密码已于{time}（北京时间）修改。如非本人操作，请立即用“贵州人社”小程序扫码登录后重新设置密码。",
  },
  PERSON_REGISTERED: {
    name: { "zh-CN": "个人注册成功", en: "Personal account registered" },
    text: "{name}，您的个人账号已注册成功，可使用证件号码和密码登录，或用“贵州人社”小程序扫码登录。",
  },
  BINDING_REQUEST_REMINDER: {
    name: { "zh-CN": "绑定申请待处理提醒", en: "Binding request reminder" },
    text: "{personName}申请绑定到{unitName}（申请编号{requestNumber}），请于{deadline}（北京时间）前在统一门户子系统→新进账号管理中处理，逾期申请将失效。",
  },
  BINDING_REQUEST_APPROVED: {
    name: { "zh-CN": "绑定申请通过", en: "Binding request approved" },
    text: "您绑定到{unitName}的申请（申请编号{requestNumber}）已通过。",
  },
  BINDING_REQUEST_REJECTED: {
    name: { "zh-CN": "绑定申请未通过", en: "Binding request rejected" },
    text: "您绑定到{unitName}的申请（申请编号{requestNumber}）未通过。原因：{reason}",
  },
  BINDING_REQUEST_EXPIRED: {
    name: { "zh-CN": "绑定申请已失效", en: "Binding request expired" },
    text: "您绑定到{unitName}的申请（申请编号{requestNumber}）因单位未在期限内处理已失效，如仍需绑定请重新申请。",
  },
  /** R17: the unit ended the person's binding. */
  ACCOUNT_EXITED: {
    name: { "zh-CN": "账号已退出单位", en: "Account exited from unit" },
    text: "您的个人账号已被{unitName}办理退出该单位，在该单位的角色同时取消，如有疑问请联系该单位。原因：{reason}",
  },
  /** R18: the unit disabled the person's account; every session ended with it. */
  ACCOUNT_DISABLED: {
    name: { "zh-CN": "账号已停用", en: "Account disabled" },
    text: "您的个人账号已被{unitName}停用，暂时不能登录平台，如有疑问请联系该单位。",
  },
  /** R18: the unit's administrator enabled the account again. */
  ACCOUNT_ENABLED: {
    name: { "zh-CN": "账号已启用", en: "Account enabled" },
    text: "您的个人账号已被{unitName}重新启用，可以正常登录平台。",
  },
  UNIT_ADMIN_DESIGNATED: {
    name: { "zh-CN": "指定为单位管理员", en: "Designated unit administrator" },
    text: "您已被指定为{unitName}的单位管理员。请用“贵州人社”小程序扫码登录平台（实人认证）后，在“统一门户子系统”和“系统配置子系统”中管理本单位账号。",
  },
  UNIT_ADMIN_REPLACED: {
    name: { "zh-CN": "单位管理员已更换", en: "Unit administrator replaced" },
    text: "您已不再担任{unitName}的单位管理员，您在该单位的角色已取消。如需办理职称经办业务，请新管理员在“账号角色管理”中为您授权。",
  },
  /** The unit's contact mobile changed: both the new and the previous mobile are told. */
  CONTACT_MOBILE_CHANGED: {
    name: { "zh-CN": "联系人手机已变更", en: "Contact mobile changed" },
    text: "{unitName}的联系人手机已变更为{mobileMasked}，今后验证码和通知将发送至新手机。如非本单位操作，请立即联系平台。",
  },
  CONTACT_MOBILE_CHANGE_REJECTED: {
    name: { "zh-CN": "联系人手机变更未通过", en: "Contact mobile change rejected" },
    text: "{unitName}的联系人手机变更申请未通过。原因：{reason}",
  },
  // R13 affiliation (关联上级单位 / 归口): the superior's deciders, then both units' contact mobiles.
  AFFILIATION_REQUEST_SUBMITTED: {
    name: { "zh-CN": "关联申请待处理", en: "Affiliation request to decide" },
    text: "{unitName}申请关联（归口）到{superiorName}（申请编号{requestNumber}），请于{deadline}（北京时间）前在系统配置子系统→单位基础信息管理中处理。",
  },
  AFFILIATION_REQUEST_REMINDER: {
    name: { "zh-CN": "关联申请待处理提醒", en: "Affiliation request reminder" },
    text: "提醒：{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）尚未处理，将于{deadline}（北京时间）失效，请在系统配置子系统→单位基础信息管理中处理。",
  },
  AFFILIATION_REQUEST_APPROVED: {
    name: { "zh-CN": "关联申请通过", en: "Affiliation request approved" },
    text: "{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）已通过，{superiorName}现为其主管部门（上级推送节点）。",
  },
  AFFILIATION_REQUEST_REJECTED: {
    name: { "zh-CN": "关联申请未通过", en: "Affiliation request rejected" },
    text: "{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）未通过。原因：{reason}",
  },
  AFFILIATION_REQUEST_EXPIRED: {
    name: { "zh-CN": "关联申请已失效", en: "Affiliation request expired" },
    text: "{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）因上级单位未在期限内处理已失效，如仍需关联请重新申请。",
  },
  AFFILIATION_REQUEST_WITHDRAWN: {
    name: { "zh-CN": "关联申请已撤回", en: "Affiliation request withdrawn" },
    text: "{unitName}已撤回关联（归口）到{superiorName}的申请（申请编号{requestNumber}），无需再处理。",
  },
  /** R14: a unit registered in 2024 or later that has not affiliated yet. */
  AFFILIATION_MISSING_REMINDER: {
    name: { "zh-CN": "尚未关联上级单位提醒", en: "Affiliation missing reminder" },
    text: "{unitName}尚未完成与上级单位或主管部门的关联（归口）。2024年起注册的单位须完成关联，请在系统配置子系统→单位基础信息管理→主管部门（上级推送节点）中发起申请。",
  },
  /** R11: a unit created directly by its superior; its first administrator logs in by QR code. */
  SUBORDINATE_UNIT_CREATED: {
    name: { "zh-CN": "下级单位已开通", en: "Subordinate unit created" },
    text: "{superiorName}已为{unitName}开通职称评审平台单位账号，并将其关联（归口）为下级单位。单位管理员请用“贵州人社”小程序扫码登录平台。",
  },
  // R31 title applications on the push chain: the applicant is told the outcome.
  TITLE_APPLICATION_RETURNED: {
    name: { "zh-CN": "职称申报被退回", en: "Title application returned" },
    text: "您的职称申报（申请编号{requestNumber}）已被{unitName}退回。原因：{reason}",
  },
  TITLE_APPLICATION_COMPLETED: {
    name: { "zh-CN": "职称申报审核通过", en: "Title application approved" },
    text: "您的职称申报（申请编号{requestNumber}）已由{unitName}审核通过。",
  },
} as const satisfies Record<string, TemplateDefinition>;

export type SmsTemplate = keyof typeof templates;

/** Every kind of SMS: a real gateway needs the vendor's approved template for each. */
export const SMS_TEMPLATES = Object.keys(templates) as SmsTemplate[];

/** Parameters that carry text someone typed (a reason): each becomes one sentence. */
const SENTENCE_PARAMS = new Set(["reason"]);
/** Parameters that carry a link: only at the end of a text. */
export const LINK_PARAMS = new Set(["url"]);

const CLOSING_MARKS = "。．.！!？?…";
const CJK = /[\u3000-\u9fff\uf900-\ufaff]/u;

/**
 * A typed text as one sentence of an SMS: trimmed, line breaks as spaces, and exactly one closing
 * mark — its own (a run such as 。。 or 。. kept as its first mark; an ASCII . after Chinese text
 * as 。), or 。 added. A text of nothing but white space and punctuation is empty.
 */
export function asSentence(text: string): string {
  let sentence = asValue(text);
  if (!sentence) return sentence;
  let end = sentence.length;
  while (end > 0 && CLOSING_MARKS.includes(sentence[end - 1]!)) end -= 1;
  const marks = sentence.slice(end);
  sentence = sentence.slice(0, end).trimEnd();
  // Punctuation alone says nothing: no sentence.
  if (!sentence) return "";
  // An ellipsis (…… or ...) is one closing mark, kept as typed; what follows it is dropped.
  const ellipsis = /^(…+|\.{3,})/u.exec(marks);
  if (ellipsis) return sentence + ellipsis[0];
  const first = marks[0];
  if (!first || first === "．") return `${sentence}。`;
  // After Chinese text an ASCII mark reads as the full-width one it stands for.
  if (CJK.test(sentence.at(-1)!)) {
    const fullWidth = { ".": "。", "!": "！", "?": "？" }[first];
    if (fullWidth) return sentence + fullWidth;
  }
  return sentence + first;
}

/** What a text says for a reason nobody wrote (optional in some decisions): never an empty 原因：. */
export const NO_REASON = "未填写，详情请登录平台查看。";

/** The longest reason an SMS carries whole, in characters; reviewers may write up to 500. */
export const SMS_SENTENCE_MAX = 200;
const SHORTENED_TAIL = "……（全文请登录平台查看）";

/**
 * A typed text cut to fit an SMS: at most SMS_SENTENCE_MAX characters (code points), a longer one
 * cut and told where to read it whole. Keeps the bill and Aliyun's 500-character limit in reach.
 */
export function shortenSentence(text: string): string {
  const characters = Array.from(asValue(text));
  if (characters.length <= SMS_SENTENCE_MAX) return characters.join("");
  const kept = characters.slice(0, SMS_SENTENCE_MAX - Array.from(SHORTENED_TAIL).length);
  // Cut after the last pause within reach (a clause is not broken in its middle), else where it fits.
  let pause = kept.length - 1;
  while (pause >= kept.length - 40 && !/[\s，,、；;：:。．.！!？?]/u.test(kept[pause]!)) pause -= 1;
  const cut = (pause >= kept.length - 40 ? kept.slice(0, pause) : kept).join("");
  return cut.replace(/[\s，,、；;：:。．.！!？?…]+$/u, "") + SHORTENED_TAIL;
}

/** A name, number or time in an SMS: one line, trimmed. */
function asValue(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * The parameters as the text is filled with them — the outbox's body and the vendor's template
 * alike: sentences closed once (asSentence), everything else on one trimmed line.
 */
export function smsParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      SENTENCE_PARAMS.has(name) ? asSentence(shortenSentence(value)) || NO_REASON : asValue(value),
    ]),
  );
}

/** The text of a kind, without the signature, with its `{name}` placeholders (what the vendor approves). */
export function smsTemplateText(template: SmsTemplate): string {
  return templates[template].text;
}

/** A kind's human name in zh-CN and en; null for a kind this build does not know (an old outbox row). */
export function smsTemplateName(template: string): SmsTemplateName | null {
  return Object.hasOwn(templates, template) ? templates[template as SmsTemplate].name : null;
}

/** The message as the phone shows it: the signature, then the text filled with smsParams(params). */
export function renderSms(template: SmsTemplate, params: Record<string, string>): string {
  const values = smsParams(params);
  const text = templates[template].text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return `【${SMS_SIGNATURE}】${text}`;
}

/**
 * How many messages a body is delivered and billed as: every body carries the Chinese signature, so
 * it is UCS-2 — 70 characters in one message, 67 per part of a longer one. A character outside the
 * BMP counts twice (UTF-16 units, as the phone network counts).
 */
export function smsSegments(body: string): number {
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}

/** Aliyun's limit for one (long) message, signature included. */
export const SMS_MAX_LENGTH = 500;
