// SMS texts are Chinese: they go to mainland mobiles. Parameters never include ID numbers. Times
// are China time (domain/china-time.ts formatChinaTime) and the text says so: （北京时间）.
const templates = {
  VERIFICATION_CODE: "【贵州人社】您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。",
  GENERIC_NOTICE: "【贵州人社】{text}",
  // A link ends its text: phones take the characters glued after a link for part of it.
  LEGAL_REP_FACE_CHECK:
    "【贵州人社】{unitName}正在注册职称评审平台单位账号（申请编号{requestNumber}）。请法定代表人{legalRepName}在{days}天内用电脑打开以下链接，再用“贵州人社”小程序内的扫一扫扫描页面上的二维码完成人脸识别：{url}",
  LEGAL_REP_FACE_CHECK_REMINDER:
    "【贵州人社】提醒：{unitName}的单位注册（申请编号{requestNumber}）尚待法定代表人完成人脸识别，链接将于{deadline}（北京时间）失效，请用电脑打开：{url}",
  REGISTRATION_IN_REVIEW:
    "【贵州人社】{unitName}的单位注册（申请编号{requestNumber}）已转人工审核，一般需1-3个工作日，结果将短信通知。原因：{reason}",
  /** R30: says which unit name and legal representative were registered (they may be the registry's). */
  REGISTRATION_APPROVED:
    "【贵州人社】您的单位注册（申请编号{requestNumber}）已通过。登记的单位名称：{unitName}；法定代表人：{legalRepName}。单位登录账号：{accountName}。请使用注册时设置的密码，并用本手机号接收验证码登录。",
  REGISTRATION_REJECTED:
    "【贵州人社】{unitName}的单位注册（申请编号{requestNumber}）未通过审核，原因：{reason}。您可修改后重新提交。",
  REGISTRATION_WITHDRAWN: "【贵州人社】{unitName}的单位注册（申请编号{requestNumber}）已撤回。",
  UNIT_ACCOUNT_RECOVERY:
    "【贵州人社】{unitName}的单位登录账号为{accountName}。如非本单位操作，请忽略本短信。",
  PERSON_REGISTERED:
    "【贵州人社】{name}，您的个人账号已注册成功，可使用身份证号和密码登录，或用“贵州人社”小程序扫码登录。",
  BINDING_REQUEST_REMINDER:
    "【贵州人社】{personName}申请绑定到{unitName}（申请编号{requestNumber}），请于{deadline}（北京时间）前在统一门户子系统→新进账号管理中处理，逾期申请将失效。",
  BINDING_REQUEST_APPROVED: "【贵州人社】您绑定到{unitName}的申请（申请编号{requestNumber}）已通过。",
  BINDING_REQUEST_REJECTED:
    "【贵州人社】您绑定到{unitName}的申请（申请编号{requestNumber}）未通过，原因：{reason}。",
  BINDING_REQUEST_EXPIRED:
    "【贵州人社】您绑定到{unitName}的申请（申请编号{requestNumber}）因单位未在期限内处理已失效，如仍需绑定请重新申请。",
  ACCOUNT_EXITED: "【贵州人社】您的账号已退出{unitName}，原因：{reason}。如有疑问请联系该单位。",
  UNIT_ADMIN_DESIGNATED:
    "【贵州人社】您已被指定为{unitName}的单位管理员。请用“贵州人社”小程序扫码登录平台（实人认证）后，在“统一门户子系统”和“系统配置子系统”中管理本单位账号。",
  UNIT_ADMIN_REPLACED:
    "【贵州人社】您已不再担任{unitName}的单位管理员，您在该单位的角色已取消。如需办理职称经办业务，请新管理员在“账号角色管理”中为您授权。",
  // R13 affiliation (关联上级单位 / 归口): the superior's deciders, then both units' contact mobiles.
  AFFILIATION_REQUEST_SUBMITTED:
    "【贵州人社】{unitName}申请关联（归口）到{superiorName}（申请编号{requestNumber}），请于{deadline}（北京时间）前在系统配置子系统→单位基础信息管理中处理。",
  AFFILIATION_REQUEST_REMINDER:
    "【贵州人社】提醒：{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）尚未处理，将于{deadline}（北京时间）失效，请在系统配置子系统→单位基础信息管理中处理。",
  AFFILIATION_REQUEST_APPROVED:
    "【贵州人社】{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）已通过，{superiorName}现为{unitName}的主管部门（上级推送节点）。",
  AFFILIATION_REQUEST_REJECTED:
    "【贵州人社】{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）未通过。原因：{reason}",
  AFFILIATION_REQUEST_EXPIRED:
    "【贵州人社】{unitName}关联（归口）到{superiorName}的申请（申请编号{requestNumber}）因上级单位未在期限内处理已失效，如仍需关联请重新申请。",
  AFFILIATION_REQUEST_WITHDRAWN:
    "【贵州人社】{unitName}已撤回关联（归口）到{superiorName}的申请（申请编号{requestNumber}），无需再处理。",
  /** R14: a unit registered in 2024 or later that has not affiliated yet. */
  AFFILIATION_MISSING_REMINDER:
    "【贵州人社】{unitName}尚未完成与上级单位或主管部门的关联（归口）。2024年起注册的单位须完成关联，请在系统配置子系统→单位基础信息管理→主管部门（上级推送节点）中发起申请。",
  /** R11: a unit created directly by its superior; its first administrator logs in by QR code. */
  SUBORDINATE_UNIT_CREATED:
    "【贵州人社】{superiorName}已为{unitName}开通职称评审平台单位账号，{unitName}已关联（归口）到{superiorName}。单位管理员请用“贵州人社”小程序扫码登录平台。",
  // R31 title applications on the push chain: the applicant is told the outcome.
  TITLE_APPLICATION_RETURNED:
    "【贵州人社】您的职称申报（申请编号{requestNumber}）已被{unitName}退回。原因：{reason}",
  TITLE_APPLICATION_COMPLETED: "【贵州人社】您的职称申报（申请编号{requestNumber}）已由{unitName}审核通过。",
} as const;

export type SmsTemplate = keyof typeof templates;

/** Every kind of SMS: a real gateway needs the vendor's approved template for each. */
export const SMS_TEMPLATES = Object.keys(templates) as SmsTemplate[];

export function renderSms(template: SmsTemplate, params: Record<string, string>): string {
  return templates[template].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
