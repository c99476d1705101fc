// R11: who may create a subordinate unit directly, and from where. The administrator or a handler
// of a public institution or an HR department, in a real-person session (R12), whose request comes
// from 政务外网 / 人社内网 (TRUSTED_NETWORKS). The client address is the one api/sessions.ts
// clientAddress believes (a forwarded address only from TRUSTED_PROXIES), so a forged
// X-Forwarded-For from anywhere else changes nothing. Both the console's question
// (GET /units/{id}/subordinate-creation) and the creation itself ask this module.
import { type Actor, REAL_PERSON_ROLES } from "../domain/authorization.js";
import { AppError, type Explanation, type LocalizedMessage } from "../domain/errors.js";
import type { UnitType } from "../prisma/generated/client.js";
import { addressMatcher } from "./networks.js";

/** R11: the unit types whose staff create subordinate units directly. */
export const SUBORDINATE_CREATING_TYPES: readonly UnitType[] = ["PUBLIC_INSTITUTION", "HR_DEPARTMENT"];

/** Why the caller may not create a subordinate unit now (the console shows it). */
export type SubordinateCreationReason = "NOT_A_DECIDER" | "UNIT_TYPE_NOT_ALLOWED" | "UNTRUSTED_NETWORK";

/**
 * Whether the client address lies in one of the trusted networks (IPv4, IPv6, and IPv4-mapped IPv6
 * addresses such as ::ffff:10.1.2.3 against IPv4 CIDRs). An unknown address and an empty list: never.
 */
export function fromTrustedNetwork(trustedNetworks: readonly string[], clientAddress: string): boolean {
  return addressMatcher(trustedNetworks)(clientAddress);
}

/** A decider of the unit: its administrator or a handler, in a real-person session (R11, R12). */
export function decidesFor(actor: Actor | null, unitId: string): boolean {
  return (
    actor?.kind === "PERSON" &&
    actor.strength === "REAL_PERSON" &&
    actor.roles.some((g) => g.unitId === unitId && REAL_PERSON_ROLES.includes(g.role))
  );
}

/**
 * Why the actor cannot create a subordinate of the unit from this address, or null when they can.
 * The order is the order of the remedies: a decider first, then a unit type that may, then the network.
 */
export function subordinateCreationReason(input: {
  actor: Actor | null;
  unit: { id: string; type: UnitType };
  clientAddress: string;
  trustedNetworks: readonly string[];
}): SubordinateCreationReason | null {
  if (!decidesFor(input.actor, input.unit.id)) return "NOT_A_DECIDER";
  if (!SUBORDINATE_CREATING_TYPES.includes(input.unit.type)) return "UNIT_TYPE_NOT_ALLOWED";
  if (!fromTrustedNetwork(input.trustedNetworks, input.clientAddress)) return "UNTRUSTED_NETWORK";
  return null;
}

/** UNTRUSTED_NETWORK's next step; with the client address seen, when known. */
export function untrustedNetworkExplanation(clientAddress?: string): Explanation {
  const seen: LocalizedMessage = clientAddress
    ? {
        "zh-CN": `平台看到您的访问地址为 ${clientAddress}，不在政务外网或人社内网中。`,
        en: `The platform sees your request coming from ${clientAddress}, which is not in the government extranet or the HR intranet. `,
      }
    : { "zh-CN": "", en: "" };
  return {
    rule: "R11",
    remedy: {
      "zh-CN": `${seen["zh-CN"]}请在接入政务外网或人社内网的电脑上登录平台后再创建下级单位；也可请下级单位自行注册，再由其申请关联（归口）到本单位`,
      en: `${seen.en}Log in from a computer on the government extranet (政务外网) or the HR intranet (人社内网) to create the subordinate unit; or the subordinate unit registers itself and asks to affiliate to this unit`,
    },
  };
}

/** SUBORDINATE_CREATION_NOT_ALLOWED's next step. */
export const SUBORDINATE_TYPE_EXPLANATION: Explanation = {
  rule: "R11",
  remedy: {
    "zh-CN":
      "请下级单位自行注册，注册后在“系统配置子系统 → 单位基础信息管理 → 主管部门（上级推送节点）”中申请关联（归口）到本单位，由本单位审核",
    en: "The subordinate unit registers itself, then asks to affiliate to this unit (System configuration → Unit profile → Superior unit); this unit approves the request",
  },
};

/** The refusal of POST /units/{id}/subordinates for a reason other than NOT_A_DECIDER. */
export function subordinateCreationRefusal(
  reason: Exclude<SubordinateCreationReason, "NOT_A_DECIDER">,
  facts: { unitId: string; unitType: UnitType; clientAddress: string },
): AppError {
  if (reason === "UNIT_TYPE_NOT_ALLOWED") {
    return new AppError("SUBORDINATE_CREATION_NOT_ALLOWED", {
      details: { unitId: facts.unitId, unitType: facts.unitType, ...SUBORDINATE_TYPE_EXPLANATION },
    });
  }
  return new AppError("UNTRUSTED_NETWORK", {
    details: {
      unitId: facts.unitId,
      clientAddress: facts.clientAddress,
      ...untrustedNetworkExplanation(facts.clientAddress === "unknown" ? undefined : facts.clientAddress),
    },
  });
}
