import { describe, expect, it } from "vitest";
import { granterGrant, granterRoles, parseGrantableBy } from "../../domain/role-catalogue.js";
import {
  applicationConflicts,
  applicationRefusal,
  type ExcludingRole,
  grantConflicts,
  grantRefusal,
} from "../../domain/role-exclusion.js";

const handler = {
  subsystem: "TITLE_REVIEW",
  role: "TITLE_HANDLER",
  labelZh: "职称经办",
  labelEn: "Title handler",
};
const heldHandler: ExcludingRole = {
  ...handler,
  unitId: "u1",
  unitName: "贵阳市示例有限公司",
  remedy: "REVOKE",
  contacts: [
    {
      name: "周杰",
      role: "UNIT_ADMIN",
      labelZh: "单位管理员",
      labelEn: "Unit administrator",
      unitName: "贵阳市示例有限公司",
    },
  ],
};

describe("R10 业务互斥, the pure rule", () => {
  it("R10 an excluding role cannot be granted while an application is in progress; others can", () => {
    const open = [{ id: "a1", createdAt: new Date("2026-11-30T02:00:00Z") }];
    expect(grantConflicts({ excludesTitleApplication: true }, open)).toBe(true);
    expect(grantConflicts({ excludesTitleApplication: true }, [])).toBe(false);
    expect(grantConflicts({ excludesTitleApplication: false }, open)).toBe(false);
  });

  it("R10 only the held roles the catalogue marks as excluding forbid an application", () => {
    const held = [
      { role: "TITLE_HANDLER", excludesTitleApplication: true },
      { role: "PROFILE_KEEPER", excludesTitleApplication: false },
    ];
    expect(applicationConflicts(held).map((r) => r.role)).toEqual(["TITLE_HANDLER"]);
  });

  it("R10 refusals say why, where, and who or what would make it possible", () => {
    const revoke = applicationRefusal([heldHandler]);
    expect(revoke.message["zh-CN"]).toContain("贵阳市示例有限公司");
    expect(revoke.message["zh-CN"]).toContain("职称经办");
    expect(revoke.message["zh-CN"]).toContain("单位管理员周杰");
    expect(revoke.message.en).toContain("周杰 (Unit administrator)");
    expect(revoke.details.rule).toBe("R10");
    const handOver = applicationRefusal([
      { ...heldHandler, role: "UNIT_ADMIN", labelZh: "单位管理员", remedy: "HAND_OVER", contacts: [] },
    ]);
    expect(handOver.message["zh-CN"]).toContain("单位基础信息管理");
    const grant = grantRefusal(handler, [{ id: "a1", createdAt: new Date("2026-11-30T02:00:00Z") }], "吴迪");
    expect(grant.message["zh-CN"]).toContain("吴迪");
    expect(grant.message["zh-CN"]).toContain("2026-11-30 10:00");
    expect(grant.message["zh-CN"]).toContain("撤回");
    expect(grant.details).toMatchObject({ rule: "R10", role: "TITLE_HANDLER", applications: [{ id: "a1" }] });
  });
});

describe("R9 the role catalogue's grant rule", () => {
  it("R7 R9 a granter role counts in the account's unit or a superior unit, the nearest first", () => {
    const role = { grantableBy: ["UNIT_ADMIN"] };
    const actor = [
      { role: "UNIT_ADMIN", unitId: "top" },
      { role: "TITLE_HANDLER", unitId: "child" },
    ];
    expect(granterGrant(role, actor, ["child", "top"])).toEqual({ role: "UNIT_ADMIN", unitId: "top" });
    expect(granterGrant(role, actor, ["top"])).toEqual({ role: "UNIT_ADMIN", unitId: "top" });
    expect(granterGrant(role, actor, ["elsewhere"])).toBeUndefined();
    expect(granterGrant({ grantableBy: [] }, actor, ["top"])).toBeUndefined();
  });

  it("R9 grantableBy is read defensively; granter roles are those named by some role", () => {
    expect(parseGrantableBy('["UNIT_ADMIN"]')).toEqual(["UNIT_ADMIN"]);
    expect(parseGrantableBy("not json")).toEqual([]);
    expect(parseGrantableBy('{"a":1}')).toEqual([]);
    expect(
      granterRoles([{ grantableBy: [] }, { grantableBy: ["UNIT_ADMIN"] }, { grantableBy: ["UNIT_ADMIN"] }]),
    ).toEqual(["UNIT_ADMIN"]);
  });
});
