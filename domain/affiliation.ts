// R13 affiliation (关联上级单位 / 归口): the pure parts the API and the console share — how a refused
// cycle explains itself (the why-not convention of domain/errors.ts).
import type { UnitType } from "../prisma/generated/client.js";
import type { Explanation, LocalizedMessage } from "./errors.js";

/** AFFILIATION_CYCLE at submission: the chosen superior is the unit itself or below it. */
export const CYCLE_AT_SUBMISSION: Explanation = {
  rule: "R13",
  remedy: {
    "zh-CN":
      "请选择不是本单位、也不在本单位之下的单位作为主管部门（上级推送节点）；本单位的下级单位不能成为本单位的上级",
    en: "Choose a superior unit that is neither your unit nor one of its subordinate units: a subordinate cannot become its superior",
  },
};

/**
 * AFFILIATION_CYCLE at approval: since the request was made, the deciding unit came to be below the
 * requesting unit (another approval); the request stays open, and the decider may reject it.
 */
export const CYCLE_AT_APPROVAL: { message: LocalizedMessage; details: Explanation } = {
  message: {
    "zh-CN":
      "无法通过：本单位现已是申请单位的下级单位，通过将使单位层级形成循环。该申请仍待处理，可驳回并说明原因",
    en: "Cannot approve: your unit is now below the requesting unit, so approving would close a cycle in the hierarchy. The request is still open; you may reject it with a reason",
  },
  details: {
    rule: "R13",
    remedy: {
      "zh-CN": "请驳回该申请并说明原因（如：本单位已是申请单位的下级单位）",
      en: "Reject the request with a reason (e.g. your unit is now one of the requesting unit's subordinates)",
    },
  },
};

/** AFFILIATION_REQUEST_OPEN: one open request per unit; its number, and the next step. */
export function openRequestRefusal(requestNumber: string): Explanation & { requestNumber: string } {
  return {
    requestNumber,
    rule: "R13",
    remedy: {
      "zh-CN": `请等待上级单位处理申请${requestNumber}；如需改选主管部门，请先撤回该申请再重新提交`,
      en: `Wait for the superior unit's decision on request ${requestNumber}; to choose another superior, withdraw it first and submit again`,
    },
  };
}

/** AFFILIATION_SAME_SUPERIOR: nothing to ask; a change of superior names another unit. */
export const SAME_SUPERIOR_REFUSAL: Explanation = {
  rule: "R13",
  remedy: {
    "zh-CN":
      "本单位已关联到该单位；如需更换主管部门，请选择其他单位提出申请，原主管部门在新申请通过前保持不变",
    en: "Your unit is already affiliated with it; to change superior, ask another unit (the current superior stays until that request is approved)",
  },
};

/**
 * Whether a unit of `unitType` may ask a unit of `superiorType` to be its superior. HR departments
 * form their own chain up to the provincial HR department, the top of the hierarchy, which creates
 * them (R21): an HR department's superior is an HR department. Otherwise approving would give an
 * enterprise or institution R7 authority over the department and every unit below it (and, asked
 * by the provincial department, over the whole province).
 */
export function superiorTypeAllowed(unitType: UnitType, superiorType: UnitType): boolean {
  return unitType !== "HR_DEPARTMENT" || superiorType === "HR_DEPARTMENT";
}

/** AFFILIATION_SUPERIOR_NOT_ALLOWED: an HR department chose a superior that is no HR department. */
export const HR_SUPERIOR_REFUSAL: Explanation = {
  rule: "R21",
  remedy: {
    "zh-CN": "请选择上级人社部门作为主管部门；人社部门之间的隶属关系如需调整，请联系省人社厅",
    en: "Choose the HR department above yours as the superior unit; to change how HR departments are arranged, contact the provincial HR department",
  },
};
