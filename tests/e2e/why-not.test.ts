// "Why can't I" (issue 9 item 5) end to end in headless Chromium: a handler's 启用 of a disabled account
// is disabled (R18) and says on hover why and whom to ask, the unit's administrator by masked name, as
// the API's refusal would; once the handler's role is revoked, their next action is refused and the
// message says what would make it possible (R9: ask the administrator to grant the role again). An
// administrator sees why 新建职称申报 is disabled for them (R10).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskName } from "../../domain/masking.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
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

describe("why can't I, in the console", () => {
  it("R18 R9 a disabled 启用 says why and whom to ask on hover; a refused action says what would make it possible", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市观山湖区说明原因示例有限公司");
    await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "周杰伦" });
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER", name: "吴迪" });
    const disabled = await createPerson(db, { unitId: unit.id, name: "郑爽" });
    const member = await createPerson(db, { unitId: unit.id, name: "陈成员" });
    await db.person.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const admin = maskName("周杰伦");

    // 本单位账号: only the administrator re-enables (R18); the handler's 启用 is disabled and says so.
    const page = await openAs(handler.id);
    await page.goto(`${stack.url}/portal/unit-accounts`);
    const enable = page.getByTestId(`account-enable-${disabled.id}`);
    await enable.waitFor();
    expect(await enable.isDisabled()).toBe(true);
    const tooltip = page.getByTestId("why-not-tooltip");
    await expect
      .poll(
        async () => {
          await enable.hover({ force: true });
          return tooltip.isVisible();
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const why = await tooltip.textContent();
    expect(why).toContain("被禁用的账号只能由单位管理员重新启用");
    expect(why).toContain(`如何办理：请联系单位管理员${admin}启用`);
    expect(why).toContain(`可联系：单位管理员 ${admin}（${unit.name}）`);
    expect(why).not.toContain("周杰伦");

    // The administrator revokes the handler role meanwhile: the handler's next action is refused, and
    // the message says what would make it possible and whom to ask.
    await db.roleBinding.updateMany({
      where: { personId: handler.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await page.mouse.move(0, 0);
    await page.getByTestId(`account-disable-${member.id}`).click();
    await page.getByTestId("account-disable-reason").fill("离职交接期间暂停使用");
    await page.getByTestId("account-disable-confirm").click();
    const refusal = page.locator(".ant-message").getByTestId("why-not-inline");
    await refusal.waitFor();
    const said = await refusal.textContent();
    expect(said).toContain("您没有执行此操作的角色权限");
    expect(said).toContain(`请联系单位管理员${admin}授予`);
    expect(said).toContain(`可联系：单位管理员 ${admin}（${unit.name}）`);
    expect((await db.person.findUniqueOrThrow({ where: { id: member.id } })).status).toBe("ENABLED");
  });

  it("R10 an administrator's 新建职称申报 is disabled, and the page says why and what to do, as the API would", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市花溪区互斥说明示例有限公司");
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "冯远征" });
    const page = await openAs(admin.id);
    await page.goto(`${stack.url}/title-review/title-applications`);
    const exclusion = page.getByTestId("title-application-exclusion");
    await exclusion.waitFor();
    await expect.poll(() => exclusion.textContent()).toContain("单位基础信息管理");
    expect(await exclusion.textContent()).toContain(unit.name);
    const open = page.getByTestId("title-application-open");
    expect(await open.isDisabled()).toBe(true);
    await open.hover({ force: true });
    await expect.poll(() => page.getByTestId("why-not-tooltip").textContent()).toContain("不能申报职称");
  });
});
