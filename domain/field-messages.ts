// What is wrong with one field, as a sentence about that field in zh-CN and en (issue 13 item 2). The
// API's validation hook (api/errors.ts) and the console's form rules (admin-ui/src/utils/validators.ts)
// both build their messages here, so a value refused on one side is refused on the other with the same
// words, and no user ever reads a validator's raw wording ("数值过小：期望 string >=2 字符").
//
// Lengths count characters (code points) as a person does: "𠮷" is one character, not two UTF-16 units.

import type { LocalizedMessage } from "./errors.js";
import { characterCount } from "./text-input.js";

/** A problem with one field's value, independent of the words that describe it. */
export type FieldProblem =
  | { kind: "REQUIRED" }
  | { kind: "TOO_SHORT"; min: number; count?: number }
  | { kind: "TOO_LONG"; max: number; count?: number }
  | { kind: "OUT_OF_RANGE"; min?: number; max?: number }
  | { kind: "TOO_FEW"; min: number }
  | { kind: "TOO_MANY"; max: number }
  | { kind: "NOT_A_NUMBER" }
  | { kind: "NOT_ONE_OF"; values: readonly string[] }
  | { kind: "INVISIBLE_CHARACTER"; character: string }
  | { kind: "UNKNOWN_FIELD"; names: readonly string[] }
  | { kind: "INVALID" };

/** A length rule in characters (code points); `min` defaults to 0. */
export type LengthRule = { min?: number; max: number };

/** A unit's contact: a person's name or an office's ("省人社厅职称处"). Shared by API and console. */
export const CONTACT_NAME_LENGTH = { min: 2, max: 50 } as const;
/** A unit's name. */
export const UNIT_NAME_LENGTH = { min: 4, max: 100 } as const;

/**
 * The request fields' names as people read them, by the last segment of the field's path
 * ("administrator.idNumber" → idNumber). A field missing here is named by the generic label; the API
 * test that walks the OpenAPI document requires every request field to have its own label.
 */
export const FIELD_LABELS: Record<string, LocalizedMessage> = {
  "administrator.idNumber": { "zh-CN": "管理员证件号码", en: "administrator's ID number" },
  "administrator.mobile": { "zh-CN": "管理员手机号", en: "administrator's mobile" },
  "administrator.name": { "zh-CN": "管理员姓名", en: "administrator's name" },
  account: { "zh-CN": "账号", en: "account" },
  action: { "zh-CN": "操作类型", en: "action" },
  actor: { "zh-CN": "操作人", en: "actor" },
  administrator: { "zh-CN": "管理员信息", en: "administrator" },
  affiliationRequired: { "zh-CN": "是否须关联上级单位", en: "affiliation requirement" },
  authorizationLetterUploadId: { "zh-CN": "授权书", en: "authorization letter" },
  businessLicenceUploadId: { "zh-CN": "营业执照", en: "business licence" },
  challengeId: { "zh-CN": "扫码登录编号", en: "QR login id" },
  checkId: { "zh-CN": "实人认证编号", en: "face check id" },
  code: { "zh-CN": "验证码", en: "verification code" },
  codeId: { "zh-CN": "验证码编号", en: "verification code id" },
  codes: { "zh-CN": "错误代码", en: "error codes" },
  contactMobile: { "zh-CN": "联系人手机号", en: "contact mobile" },
  contactName: { "zh-CN": "联系人", en: "contact name" },
  current: { "zh-CN": "页码", en: "page" },
  decision: { "zh-CN": "审核决定", en: "decision" },
  designateAdministrator: { "zh-CN": "指定管理员", en: "administrator designation" },
  direction: { "zh-CN": "申请方向", en: "direction" },
  editFacts: { "zh-CN": "核实的信息", en: "verified facts" },
  explanation: { "zh-CN": "情况说明", en: "explanation" },
  factChoices: { "zh-CN": "逐项核实结果", en: "field-by-field choices" },
  field: { "zh-CN": "核实项", en: "fact" },
  file: { "zh-CN": "文件", en: "file" },
  formsCommittee: { "zh-CN": "是否为评委会组建单位", en: "evaluation committee flag" },
  from: { "zh-CN": "开始日期", en: "start date" },
  id: { "zh-CN": "编号", en: "id" },
  idNumber: { "zh-CN": "证件号码", en: "ID number" },
  kind: { "zh-CN": "类型", en: "kind" },
  kinds: { "zh-CN": "类型", en: "kinds" },
  legalRepIdNumber: { "zh-CN": "法定代表人证件号码", en: "legal representative's ID number" },
  legalRepMobile: { "zh-CN": "法定代表人手机号", en: "legal representative's mobile" },
  legalRepName: { "zh-CN": "法定代表人姓名", en: "legal representative's name" },
  mine: { "zh-CN": "只看我的", en: "mine only" },
  mobile: { "zh-CN": "手机号", en: "mobile" },
  name: { "zh-CN": "名称", en: "name" },
  newMobile: { "zh-CN": "新手机号", en: "new mobile" },
  newName: { "zh-CN": "新名称", en: "new name" },
  newPassword: { "zh-CN": "新密码", en: "new password" },
  order: { "zh-CN": "排序方向", en: "sort order" },
  page: { "zh-CN": "页码", en: "page" },
  pageSize: { "zh-CN": "每页条数", en: "page size" },
  parentCode: { "zh-CN": "上级地区", en: "parent region" },
  parentId: { "zh-CN": "上级节点", en: "parent node" },
  password: { "zh-CN": "密码", en: "password" },
  personName: { "zh-CN": "姓名", en: "name" },
  personId: { "zh-CN": "人员", en: "person" },
  preparedPasswordId: { "zh-CN": "预先提交的密码", en: "prepared password" },
  pledgeAccepted: { "zh-CN": "承诺书确认", en: "pledge" },
  purpose: { "zh-CN": "用途", en: "purpose" },
  q: { "zh-CN": "查询内容", en: "search text" },
  queue: { "zh-CN": "任务队列", en: "task queue" },
  reason: { "zh-CN": "理由", en: "reason" },
  regionCode: { "zh-CN": "所在地区", en: "region" },
  requestId: { "zh-CN": "申请编号", en: "request id" },
  requestIds: { "zh-CN": "所选申请", en: "selected requests" },
  requestNumber: { "zh-CN": "申请编号", en: "request number" },
  requestType: { "zh-CN": "申请类型", en: "request type" },
  role: { "zh-CN": "角色", en: "role" },
  roles: { "zh-CN": "角色", en: "roles" },
  smsCode: { "zh-CN": "短信验证码", en: "SMS code" },
  sort: { "zh-CN": "排序字段", en: "sort field" },
  source: { "zh-CN": "采用的来源", en: "source" },
  state: { "zh-CN": "状态", en: "state" },
  status: { "zh-CN": "状态", en: "status" },
  submissionId: { "zh-CN": "提交编号", en: "submission id" },
  subsystem: { "zh-CN": "子系统", en: "subsystem" },
  superiorUnitId: { "zh-CN": "上级单位", en: "superior unit" },
  to: { "zh-CN": "结束日期", en: "end date" },
  token: { "zh-CN": "链接", en: "link" },
  type: { "zh-CN": "单位类型", en: "unit type" },
  unitId: { "zh-CN": "单位", en: "unit" },
  unitName: { "zh-CN": "单位名称", en: "unit name" },
  unitType: { "zh-CN": "单位类型", en: "unit type" },
  uploadId: { "zh-CN": "上传的文件", en: "uploaded file" },
  uscc: { "zh-CN": "统一社会信用代码", en: "USCC" },
  usccOrName: { "zh-CN": "统一社会信用代码或单位名称", en: "USCC or unit name" },
  withSubordinates: { "zh-CN": "是否含下级单位", en: "include subordinate units" },
  withinRegion: { "zh-CN": "是否限本地区", en: "within the region" },
};

/** The label of a field no catalogue entry names: still a sentence's subject. */
export const GENERIC_FIELD_LABEL: LocalizedMessage = { "zh-CN": "该项", en: "this field" };

const labelFor = (key: string | undefined) =>
  key && Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;

/**
 * The label of a field by its path ("administrator.idNumber", "items.0.name"): the whole path (array
 * indexes left out) when the catalogue has it, else its last segment's own label (legalRepName), else
 * `subject` (what the field's type says it is: 姓名 for a person-name field called just "name"), else
 * the label of the segment, else the generic label.
 */
export function fieldLabel(
  path: string | readonly (string | number)[] | undefined,
  subject?: LocalizedMessage,
): LocalizedMessage {
  const segments = (typeof path === "string" ? path.split(".") : (path ?? []).map(String)).filter(
    (segment) => segment !== "" && !/^\d+$/.test(segment),
  );
  const last = segments.at(-1);
  return (
    (segments.length > 1 ? labelFor(segments.join(".")) : undefined) ??
    (last !== "name" ? labelFor(last) : undefined) ??
    subject ??
    labelFor(last) ??
    GENERIC_FIELD_LABEL
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The sentence that says what is wrong with a field, naming it by `label`. */
export function fieldProblemMessage(label: LocalizedMessage, problem: FieldProblem): LocalizedMessage {
  const zh = label["zh-CN"];
  const en = capitalized(label.en);
  const now = (count?: number) =>
    count === undefined ? { "zh-CN": "", en: "" } : { "zh-CN": `（现为${count}个）`, en: ` (now ${count})` };
  switch (problem.kind) {
    case "REQUIRED":
      return { "zh-CN": `请填写${zh}。`, en: `${en} is required.` };
    case "TOO_SHORT": {
      const n = now(problem.count);
      return {
        "zh-CN": `${zh}至少需要${problem.min}个字符${n["zh-CN"]}。`,
        en: `${en} needs at least ${problem.min} character${problem.min === 1 ? "" : "s"}${n.en}.`,
      };
    }
    case "TOO_LONG": {
      const n = now(problem.count);
      return {
        "zh-CN": `${zh}最多${problem.max}个字符${n["zh-CN"]}，请删减。`,
        en: `${en} allows at most ${problem.max} characters${n.en}; shorten it.`,
      };
    }
    case "OUT_OF_RANGE": {
      const { min, max } = problem;
      if (min !== undefined && max !== undefined) {
        return { "zh-CN": `${zh}应在${min}到${max}之间。`, en: `${en} must be between ${min} and ${max}.` };
      }
      return min !== undefined
        ? { "zh-CN": `${zh}不能小于${min}。`, en: `${en} must be at least ${min}.` }
        : { "zh-CN": `${zh}不能大于${max}。`, en: `${en} must be at most ${max}.` };
    }
    case "TOO_FEW":
      return {
        "zh-CN": `${zh}至少需要${problem.min}项。`,
        en: `${en} needs at least ${problem.min} item${problem.min === 1 ? "" : "s"}.`,
      };
    case "TOO_MANY":
      return { "zh-CN": `${zh}最多${problem.max}项。`, en: `${en} allows at most ${problem.max} items.` };
    case "NOT_A_NUMBER":
      return { "zh-CN": `${zh}应为整数。`, en: `${en} must be a whole number.` };
    case "NOT_ONE_OF":
      return {
        "zh-CN": `${zh}不是可选的值（可选：${problem.values.join("、")}）。`,
        en: `${en} is not one of the allowed values (${problem.values.join(", ")}).`,
      };
    case "INVISIBLE_CHARACTER":
      return {
        "zh-CN": `${zh}含有不可见的控制或格式字符（${problem.character}），请删除后重新输入。`,
        en: `${en} contains an invisible control or format character (${problem.character}); remove it and type it again.`,
      };
    case "UNKNOWN_FIELD":
      return {
        "zh-CN": `提交的内容含有无法识别的项（${problem.names.join("、")}）。`,
        en: `The request contains fields that are not expected (${problem.names.join(", ")}).`,
      };
    case "INVALID":
      return { "zh-CN": `${zh}的格式不正确，请核对。`, en: `${en} is not in the right form; check it.` };
  }
}

/**
 * The length problem of a value under a rule, counted in characters (code points), or null when its
 * length is within the rule. Callers trim first where the field is trimmed.
 */
export function lengthProblem(value: string, rule: LengthRule): FieldProblem | null {
  const count = characterCount(value);
  if (count === 0 && (rule.min ?? 0) > 0) return { kind: "REQUIRED" };
  if (count < (rule.min ?? 0)) return { kind: "TOO_SHORT", min: rule.min ?? 0, count };
  if (count > rule.max) return { kind: "TOO_LONG", max: rule.max, count };
  return null;
}
