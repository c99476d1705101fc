import { describe, expect, it } from "vitest";
import { contactOf, contactsPhrase, UNIT_ADMIN_LABEL } from "../../domain/explanations.js";

const unit = { id: "u1", name: "贵阳市示例有限公司" };
const superior = { id: "u0", name: "贵阳市示例集团" };
const admin = { role: "UNIT_ADMIN", label: UNIT_ADMIN_LABEL };

describe("why can't I: contacts (issue 9 item 5)", () => {
  it("a contact's name is masked whoever reads it; a missing name stays missing", () => {
    expect(contactOf({ name: "周杰伦" }, admin, unit)).toEqual({
      role: "UNIT_ADMIN",
      roleLabel: UNIT_ADMIN_LABEL,
      name: "周**",
      unitId: "u1",
      unitName: unit.name,
    });
    expect(contactOf({ name: null }, admin, unit).name).toBeNull();
    expect(contactOf({ name: "  " }, admin, unit).name).toBeNull();
  });

  it("a remedy names contacts, with their unit when it is not the one the refusal is about", () => {
    const here = contactOf({ name: "周杰伦" }, admin, unit);
    const above = contactOf({ name: "李华" }, admin, superior);
    const phrase = contactsPhrase([here, above], unit.id);
    expect(phrase["zh-CN"]).toBe("单位管理员周**或贵阳市示例集团的单位管理员李*");
    expect(phrase.en).toBe("周** (Unit administrator) or 李* (Unit administrator, 贵阳市示例集团)");
    expect(contactsPhrase([contactOf({ name: null }, admin, superior)], unit.id).en).toBe(
      "the Unit administrator of 贵阳市示例集团",
    );
  });
});
