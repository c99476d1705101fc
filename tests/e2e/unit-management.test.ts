// 系统配置子系统 → 单位基础信息管理 end to end in headless Chromium: the administrator, signed in with a
// real-person session, finds its unit and a subordinate unit in the list, opens its unit with 修改,
// renames it (R20, the history shown), is refused a candidate with the reason and what to do, then
// hands the office on to a member (R8) after the confirmation; every step is checked in the database.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickForAnswer, expectAccepted, launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson, createUnit } from "../support/people.js";
import { type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const openAs = (personId: string) => signedInPage(browser, stack, personId);

describe("单位基础信息管理 in the console", () => {
  it("R7 R8 R20 the administrator renames the unit and hands the office on", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市南明区单位信息示例有限公司");
    const subordinate = await createUnit(db, "贵阳市南明区单位信息示例分公司");
    await db.unit.update({ where: { id: subordinate.id }, data: { parentUnitId: unit.id } });
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "吴管理" });
    const member = await createPerson(db, { unitId: unit.id, name: "陈接任" });
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER", name: "李经办" });
    const page = await openAs(admin.id);

    // The list: the unit itself (本单位) and its subordinate unit.
    await page.goto(`${stack.url}/sysconfig/unit-profile`);
    const table = page.getByTestId("unit-management-table");
    await table.locator(`tr[data-row-key="${subordinate.id}"]`).waitFor();
    expect(await table.locator(`tr[data-row-key="${unit.id}"]`).textContent()).toContain("本单位");

    // 修改 opens the unit's page.
    await page.getByTestId(`unit-edit-${unit.id}`).click();
    await page.getByTestId("unit-rename-card").waitFor();
    expect(await page.getByTestId("unit-profile-name").textContent()).toBe(unit.name);

    // 单位更名 (R20): confirmed, the new name shown, the history with the old one.
    const newName = "贵阳市南明区单位信息新名有限公司";
    await page.getByTestId("unit-rename-name").fill(newName);
    await page.getByTestId("unit-rename-submit").click();
    await page.getByTestId("unit-rename-confirm").click();
    await expect.poll(() => page.getByTestId("unit-profile-name").textContent()).toBe(newName);
    expect(await page.getByTestId("unit-name-history").textContent()).toContain(unit.name);
    expect((await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe(newName);

    // 更换管理员 (R8): a handler is refused with the reason and what would make it possible.
    await page.getByTestId("succession-idNumber").fill(handler.idNumber);
    await page.getByTestId("succession-name").fill("李经办");
    await page.getByTestId("succession-check").click();
    const refusal = await page.getByTestId("succession-error").textContent();
    expect(refusal).toContain("互斥");
    expect(refusal).toContain("账号角色管理");

    // A member: checked, confirmed, done; the former administrator is back on the list page without the office.
    await page.getByTestId("succession-idNumber").fill(member.idNumber);
    await page.getByTestId("succession-name").fill("陈接任");
    await page.getByTestId("succession-check").click();
    const confirmation = await page.getByTestId("succession-confirmation").textContent();
    expect(confirmation).toContain("陈接任");
    expect(confirmation).toContain("吴管理");
    expectAccepted(
      await clickForAnswer(page, page.getByTestId("succession-confirm"), {
        method: "POST",
        path: /\/admin-succession$/,
      }),
      "the succession",
    );
    // Back on the list once the console has read the session again (three reads, slow on a loaded machine).
    await page.waitForURL(`${stack.url}/sysconfig/unit-profile`, { timeout: 30_000 });
    await expect
      .poll(
        async () =>
          (await db.roleBinding.findUnique({ where: { exclusiveKey: `UNIT_ADMIN:${unit.id}` } }))?.personId,
      )
      .toBe(member.id);
    expect(await db.roleBinding.count({ where: { personId: admin.id, revokedAt: null } })).toBe(0);
  });
});
