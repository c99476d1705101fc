// A request number typed by a person (R25), checked as the console checks it (domain/request-number.ts)
// so a mistyped number is refused on its field before any lookup (issue 13 item 4).
import type { LocalizedMessage } from "../domain/errors.js";
import {
  checkRequestNumber,
  type RequestNumberPrefix,
  type RequestNumberProblem,
} from "../domain/request-number.js";
import { identifierText } from "./fields.js";

const EXAMPLE: Record<RequestNumberPrefix, string> = {
  DW: "DW20261130000001",
  BD: "BD20261130000001",
  GK: "GK20261130000001",
  ZC: "ZC20261130000001",
};

/** The sentence for a request number's problem, naming the expected form. */
export function requestNumberProblemMessage(
  problem: RequestNumberProblem,
  prefix: RequestNumberPrefix,
): LocalizedMessage {
  const example = EXAMPLE[prefix];
  switch (problem) {
    case "FORMAT":
      return {
        "zh-CN": `申请编号格式不正确：应为 ${prefix} 加 8 位日期和 6 位序号，共 16 位，如 ${example}，请逐位核对`,
        en: `The request number has the wrong form: ${prefix}, an 8-digit date and a 6-digit sequence number, 16 characters such as ${example}; check each character`,
      };
    case "PREFIX":
      return {
        "zh-CN": `这不是单位注册的申请编号：单位注册的申请编号以 ${prefix} 开头，如 ${example}`,
        en: `This is not a unit registration's request number: those begin with ${prefix}, such as ${example}`,
      };
    case "DATE":
      return {
        "zh-CN": `申请编号中的日期（第3–10位）不是有效的提交日期，请逐位核对，如 ${example}`,
        en: `The date in the request number (characters 3–10) is not a valid submission date; check each digit, e.g. ${example}`,
      };
  }
}

/** A request number of type `prefix`: NFKC, trimmed, upper-cased, then checked (400 on its field). */
export const requestNumberField = (prefix: RequestNumberPrefix) =>
  identifierText()
    .toUpperCase()
    .superRefine((value, ctx) => {
      const problem = checkRequestNumber(value, prefix);
      if (!problem) return;
      const message = requestNumberProblemMessage(problem, prefix);
      ctx.addIssue({ code: "custom", message: message.en, params: { message } });
    })
    .openapi({ type: "string", example: EXAMPLE[prefix] });
