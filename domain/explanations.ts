// The pure parts of "why can't I" (the convention is at the top of domain/errors.ts): contacts with
// masked names, and the phrases that name them in a remedy. lib/explanations.ts finds the people.
import type { LocalizedMessage, RefusalContact } from "./errors.js";
import { maskName } from "./masking.js";

export const UNIT_ADMIN_LABEL: LocalizedMessage = { "zh-CN": "单位管理员", en: "Unit administrator" };

/** A contact for a refusal: the person's name is masked, whoever reads the refusal. */
export function contactOf(
  person: { name: string | null },
  role: { role: string; label: LocalizedMessage },
  unit: { id: string; name: string },
): RefusalContact {
  return {
    role: role.role,
    roleLabel: role.label,
    name: person.name?.trim() ? maskName(person.name) : null,
    unitId: unit.id,
    unitName: unit.name,
  };
}

/**
 * The contacts as a phrase for a remedy: "单位管理员张*或上级单位X的单位管理员李*" / "Zhang* (Unit
 * administrator) or Li* (Unit administrator, X)". A contact in `hereUnitId` goes without its unit.
 */
export function contactsPhrase(contacts: readonly RefusalContact[], hereUnitId?: string): LocalizedMessage {
  const zh = contacts.map(
    (c) => `${c.unitId === hereUnitId ? "" : `${c.unitName}的`}${c.roleLabel["zh-CN"]}${c.name ?? ""}`,
  );
  const en = contacts.map((c) => {
    const where = c.unitId === hereUnitId ? "" : `, ${c.unitName}`;
    return c.name
      ? `${c.name} (${c.roleLabel.en}${where})`
      : `the ${c.roleLabel.en}${where ? ` of ${c.unitName}` : ""}`;
  });
  return { "zh-CN": zh.join("或"), en: en.join(" or ") };
}
