// Issue 13 item 5: every SMS text, filled with the longest realistic values, reads right — one
// closing mark after a typed reason, no sentence said twice, a link with nothing glued after it,
// the signature once at the start — and stays within a sane number of messages.
import { describe, expect, it } from "vitest";
import {
  asSentence,
  LINK_PARAMS,
  NO_REASON,
  renderSms,
  SMS_MAX_LENGTH,
  SMS_SENTENCE_MAX,
  SMS_TEMPLATES,
  type SmsTemplate,
  shortenSentence,
  smsParams,
  smsSegments,
  smsTemplateName,
  smsTemplateText,
} from "../../lib/ports/sms-templates.js";

// The longest values the platform lets in: a 100-character unit name (registration's limit), a
// 30-character minority name with its separator, a 200-character reason that ends in 。 (the
// decision forms' usual length), the production host with a full-length check token.
const UNIT = `贵州省黔东南苗族侗族自治州凯里${"示例".repeat(40)}建有限公司`;
const SUPERIOR = `贵州省${"人力资源和社会保障".repeat(10)}厅直属单位办公室`.slice(0, 100);
const NAME = "阿布都热合曼·买买提艾力";
const REASON = `${`${"请核对营业执照副本与法定代表人身份证件是否一致，".repeat(8)}并补充单位公章页`.slice(0, 199)}。`;
const URL = "https://zcps.rst.guizhou.gov.cn/face-check/Zx9_Kq-3vB7mT2pL8sW4nR6yH1cJ5dF0";
const NO = "DW20261130000001";
const WHEN = "2026-12-06 14:16";
const ACCOUNT = "91520100MA6DKXXX5K";

const params: Record<string, string> = {
  unitName: UNIT,
  superiorName: SUPERIOR,
  name: NAME,
  personName: NAME,
  legalRepName: NAME,
  reason: REASON,
  url: URL,
  requestNumber: NO,
  deadline: WHEN,
  time: WHEN,
  accountName: ACCOUNT,
  mobileMasked: "138****0000",
  code: "482913",
  minutes: "5",
  days: "7",
};

const S = "【贵州人社】";
/** Every kind's exact body with the values above, and how many UCS-2 messages it takes. */
const expected: Record<SmsTemplate, [string, number]> = {
  VERIFICATION_CODE: [`${S}您的验证码为482913，5分钟内有效。如非本人操作，请忽略本短信。`, 1],
  LEGAL_REP_FACE_CHECK: [
    `${S}${UNIT}正在注册职称评审平台单位账号（申请编号${NO}）。请法定代表人${NAME}在7天内用电脑打开以下链接，再用“贵州人社”小程序内的扫一扫扫描页面上的二维码完成人脸识别：${URL}`,
    5,
  ],
  LEGAL_REP_FACE_CHECK_REMINDER: [
    `${S}提醒：${UNIT}的单位注册（申请编号${NO}）尚待法定代表人完成人脸识别，链接将于${WHEN}（北京时间）失效，请用电脑打开：${URL}`,
    4,
  ],
  REGISTRATION_IN_REVIEW: [
    `${S}${UNIT}的单位注册（申请编号${NO}）已转人工审核，一般需1-3个工作日，结果将短信通知。原因：${REASON}`,
    6,
  ],
  REGISTRATION_APPROVED: [
    `${S}您的单位注册（申请编号${NO}）已通过。登记的单位名称：${UNIT}；法定代表人：${NAME}。单位登录账号：${ACCOUNT}。请使用注册时设置的密码，并用本手机号接收验证码登录。`,
    4,
  ],
  REGISTRATION_REJECTED: [
    `${S}${UNIT}的单位注册（申请编号${NO}）未通过审核，可按原因修改后在注册状态页重新注册。原因：${REASON}`,
    6,
  ],
  REGISTRATION_WITHDRAWN: [`${S}${UNIT}的单位注册（申请编号${NO}）已撤回。`, 3],
  UNIT_ACCOUNT_RECOVERY: [`${S}${UNIT}的单位登录账号为${ACCOUNT}。如非本单位操作，请忽略本短信。`, 3],
  UNIT_PASSWORD_CHANGED: [
    `${S}${UNIT}的单位登录密码已于${WHEN}（北京时间）修改，原有登录已全部退出。如非本单位操作，请立即在单位登录页通过“忘记密码”重新设置。`,
    3,
  ],
  PERSON_PASSWORD_CHANGED: [
    `${S}${NAME}，您的个人账号密码已于${WHEN}（北京时间）修改。如非本人操作，请立即用“贵州人社”小程序扫码登录后重新设置密码。`,
    2,
  ],
  PERSON_REGISTERED: [
    `${S}${NAME}，您的个人账号已注册成功，可使用证件号码和密码登录，或用“贵州人社”小程序扫码登录。`,
    1,
  ],
  BINDING_REQUEST_REMINDER: [
    `${S}${NAME}申请绑定到${UNIT}（申请编号${NO}），请于${WHEN}（北京时间）前在统一门户子系统→新进账号管理中处理，逾期申请将失效。`,
    3,
  ],
  BINDING_REQUEST_APPROVED: [`${S}您绑定到${UNIT}的申请（申请编号${NO}）已通过。`, 3],
  BINDING_REQUEST_REJECTED: [`${S}您绑定到${UNIT}的申请（申请编号${NO}）未通过。原因：${REASON}`, 6],
  BINDING_REQUEST_EXPIRED: [
    `${S}您绑定到${UNIT}的申请（申请编号${NO}）因单位未在期限内处理已失效，如仍需绑定请重新申请。`,
    3,
  ],
  ACCOUNT_EXITED: [
    `${S}您的个人账号已被${UNIT}办理退出该单位，在该单位的角色同时取消，如有疑问请联系该单位。原因：${REASON}`,
    6,
  ],
  ACCOUNT_DISABLED: [`${S}您的个人账号已被${UNIT}停用，暂时不能登录平台，如有疑问请联系该单位。`, 3],
  ACCOUNT_ENABLED: [`${S}您的个人账号已被${UNIT}重新启用，可以正常登录平台。`, 2],
  UNIT_ADMIN_DESIGNATED: [
    `${S}您已被指定为${UNIT}的单位管理员。请用“贵州人社”小程序扫码登录平台（实人认证）后，在“统一门户子系统”和“系统配置子系统”中管理本单位账号。`,
    3,
  ],
  UNIT_ADMIN_REPLACED: [
    `${S}您已不再担任${UNIT}的单位管理员，您在该单位的角色已取消。如需办理职称经办业务，请新管理员在“账号角色管理”中为您授权。`,
    3,
  ],
  CONTACT_MOBILE_CHANGED: [
    `${S}${UNIT}的联系人手机已变更为138****0000，今后验证码和通知将发送至新手机。如非本单位操作，请立即联系平台。`,
    3,
  ],
  CONTACT_MOBILE_CHANGE_REJECTED: [`${S}${UNIT}的联系人手机变更申请未通过。原因：${REASON}`, 5],
  AFFILIATION_REQUEST_SUBMITTED: [
    `${S}${UNIT}申请关联（归口）到${SUPERIOR}（申请编号${NO}），请于${WHEN}（北京时间）前在系统配置子系统→单位基础信息管理中处理。`,
    5,
  ],
  AFFILIATION_REQUEST_REMINDER: [
    `${S}提醒：${UNIT}关联（归口）到${SUPERIOR}的申请（申请编号${NO}）尚未处理，将于${WHEN}（北京时间）失效，请在系统配置子系统→单位基础信息管理中处理。`,
    5,
  ],
  AFFILIATION_REQUEST_APPROVED: [
    `${S}${UNIT}关联（归口）到${SUPERIOR}的申请（申请编号${NO}）已通过，${SUPERIOR}现为其主管部门（上级推送节点）。`,
    6,
  ],
  AFFILIATION_REQUEST_REJECTED: [
    `${S}${UNIT}关联（归口）到${SUPERIOR}的申请（申请编号${NO}）未通过。原因：${REASON}`,
    7,
  ],
  AFFILIATION_REQUEST_EXPIRED: [
    `${S}${UNIT}关联（归口）到${SUPERIOR}的申请（申请编号${NO}）因上级单位未在期限内处理已失效，如仍需关联请重新申请。`,
    4,
  ],
  AFFILIATION_REQUEST_WITHDRAWN: [
    `${S}${UNIT}已撤回关联（归口）到${SUPERIOR}的申请（申请编号${NO}），无需再处理。`,
    4,
  ],
  AFFILIATION_MISSING_REMINDER: [
    `${S}${UNIT}尚未完成与上级单位或主管部门的关联（归口）。2024年起注册的单位须完成关联，请在系统配置子系统→单位基础信息管理→主管部门（上级推送节点）中发起申请。`,
    3,
  ],
  SUBORDINATE_UNIT_CREATED: [
    `${S}${SUPERIOR}已为${UNIT}开通职称评审平台单位账号，并将其关联（归口）为下级单位。单位管理员请用“贵州人社”小程序扫码登录平台。`,
    4,
  ],
  TITLE_APPLICATION_RETURNED: [`${S}您的职称申报（申请编号${NO}）已被${UNIT}退回。原因：${REASON}`, 6],
  TITLE_APPLICATION_COMPLETED: [`${S}您的职称申报（申请编号${NO}）已由${UNIT}审核通过。`, 3],
};

describe("issue 13.5: every SMS template with the longest realistic values", () => {
  it("the values are as long as the platform lets them be", () => {
    expect(Array.from(UNIT)).toHaveLength(100);
    expect(Array.from(SUPERIOR)).toHaveLength(100);
    expect(Array.from(REASON)).toHaveLength(200);
    expect(REASON.endsWith("。")).toBe(true);
    expect(Object.keys(expected).sort()).toEqual([...SMS_TEMPLATES].sort());
  });

  it.each(SMS_TEMPLATES)("%s: the exact body, its length in messages, no doubled marks", (template) => {
    const [body, segments] = expected[template];
    const rendered = renderSms(template, params);
    expect(rendered).toBe(body);
    expect(smsSegments(rendered)).toBe(segments);
    expect(rendered.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(rendered).not.toMatch(/\{\w+\}/);
    expect(rendered).not.toMatch(/[。．.！!？?，,；;：:][。．.！!？?，,；;：:]/u);
    // The signature once, at the start: a text never writes its own.
    expect(rendered.split("【贵州人社】")).toEqual(["", expect.any(String)]);
    expect(smsTemplateText(template)).not.toContain("【");
  });

  it.each(SMS_TEMPLATES)(
    "%s: a link closes the text; a reason is followed by nothing but a link",
    (template) => {
      const text = smsTemplateText(template);
      for (const name of LINK_PARAMS)
        if (text.includes(`{${name}}`)) expect(text.endsWith(`{${name}}`)).toBe(true);
      // The typed reason ends the text: no sentence of ours can follow and say it again.
      if (text.includes("{reason}")) expect(text).toMatch(/\{reason\}(\{url\})?$/);
    },
  );

  it.each(SMS_TEMPLATES)("%s: has a name in zh-CN and in English for the outbox", (template) => {
    const name = smsTemplateName(template);
    expect(name?.["zh-CN"]).toMatch(/\p{Script=Han}/u);
    expect(name?.en).toMatch(/^[A-Z][\w' -]+$/);
  });

  it("the named failure: a rejection reason that ends in 。 is not followed by 。。 nor by the same advice again", () => {
    const body = renderSms("REGISTRATION_REJECTED", {
      unitName: "贵阳市示例科技有限公司",
      requestNumber: NO,
      reason: "请核对营业执照后重新提交。",
    });
    expect(body).toBe(
      `${S}贵阳市示例科技有限公司的单位注册（申请编号${NO}）未通过审核，可按原因修改后在注册状态页重新注册。原因：请核对营业执照后重新提交。`,
    );
  });

  it("an unknown kind (an old outbox row) has no name", () => {
    expect(smsTemplateName("GENERIC_NOTICE")).toBeNull();
    expect(smsTemplateName("toString")).toBeNull();
  });
});

describe("issue 13.5: a typed reason becomes one sentence with one closing mark", () => {
  it.each([
    ["no mark: 。 added", "材料不全", "材料不全。"],
    ["its own 。 kept once", "材料不全。", "材料不全。"],
    ["a doubled 。。 once", "材料不全。。", "材料不全。"],
    ["。 then . once", "材料不全。.", "材料不全。"],
    ["its own ！ kept", "请尽快补充！", "请尽快补充！"],
    ["its own ？ kept, not followed by 。", "是否已更名？", "是否已更名？"],
    ["an ASCII . after Chinese as 。", "材料不全.", "材料不全。"],
    ["an ASCII ! after Chinese as ！", "材料不全!", "材料不全！"],
    ["an ASCII . after Latin kept", "See the USCC.", "See the USCC."],
    ["a full-width ． as 。", "材料不全．", "材料不全。"],
    ["an ellipsis kept whole", "材料不全……", "材料不全……"],
    ["white space and line breaks", "  材料不全，\n请补充  ", "材料不全， 请补充。"],
    ["a closing bracket, then 。", "请补充（见附件）", "请补充（见附件）。"],
    ["empty stays empty", "  ", ""],
    ["punctuation alone is empty", " 。。 ", ""],
  ])("%s", (_, typed, sentence) => {
    expect(asSentence(typed)).toBe(sentence);
  });

  it("a reason longer than an SMS carries is cut at a word boundary and says where to read it whole", () => {
    const long = `${"材料不全，".repeat(100)}请补充。`;
    const shortened = smsParams({ reason: long }).reason!;
    expect(Array.from(shortened).length).toBeLessThanOrEqual(SMS_SENTENCE_MAX + 1);
    expect(shortened).toMatch(/^材料不全，.*材料不全……（全文请登录平台查看）。$/u);
    expect(shortenSentence("材料不全。")).toBe("材料不全。");
    // 500 characters typed (the decision forms' limit) still fit one Aliyun message.
    const body = renderSms("AFFILIATION_REQUEST_REJECTED", { ...params, reason: long });
    expect(body.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  });

  it("a reason nobody wrote is not an empty 原因：", () => {
    for (const reason of ["", "  ", "。"]) {
      const body = renderSms("BINDING_REQUEST_REJECTED", {
        unitName: "贵阳市示例科技有限公司",
        requestNumber: NO,
        reason,
      });
      expect(body.endsWith(`。原因：${NO_REASON}`)).toBe(true);
    }
    expect(smsParams({ reason: "" }).reason).toBe(NO_REASON);
  });

  it("names and numbers are one trimmed line", () => {
    expect(smsParams({ unitName: "  贵阳市\n示例  公司 ", code: " 482913 " })).toEqual({
      unitName: "贵阳市 示例 公司",
      code: "482913",
    });
  });

  it("segments: 70 characters are one message, 71 two (67 per part), a supplementary character counts twice", () => {
    expect(smsSegments("字".repeat(70))).toBe(1);
    expect(smsSegments("字".repeat(71))).toBe(2);
    expect(smsSegments("字".repeat(134))).toBe(2);
    expect(smsSegments("字".repeat(135))).toBe(3);
    expect(smsSegments("𠮷".repeat(36))).toBe(2);
  });
});
