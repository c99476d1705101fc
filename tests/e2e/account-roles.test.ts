// 账号角色管理 → 角色绑定 end to end in headless Chromium (R9, R10, R12): the unit's administrator finds a
// member by full ID number, opens 绑定, chooses 职称评审子系统 and switches 职称经办 on; the member's
// 新进账号管理 then works and accepts a newcomer. Revoked again, the member's open page gets the API's 403
// message on its next action instead of a crash. The member, with no role left, may then apply for a title.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, passwordLogin } from "../support/people.js";
import { postJson } from "../support/registration.js";
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

/** A newcomer asks to join the unit through the API (R16): a request in the unit's 新进账号管理. */
async function bindingRequestFrom(unitName: string) {
  const db = stack.database.db;
  const newcomer = await createPerson(db);
  const session = await passwordLogin(stack.app, newcomer.idNumber);
  const response = await postJson(
    stack.app,
    "/api/binding-requests",
    { unitName, pledgeAccepted: true, submissionId: crypto.randomUUID() },
    session.headers(),
  );
  expect(response.status).toBe(201);
  return (await response.json()).data as { id: string };
}

describe("账号角色管理 in the console", () => {
  it("R9 R12 an administrator grants 职称经办 on 角色绑定 and the member's 新进账号管理 works; revoked, the open page shows the 403", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市云岩区角色授权示例有限公司");
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "周杰" });
    const member = await createPerson(db, { unitId: unit.id, name: "吴迪" });
    const [first, second] = [await bindingRequestFrom(unit.name), await bindingRequestFrom(unit.name)];

    // 账号角色管理: find the member by full ID number (the manual's way), then 绑定.
    const adminPage = await openAs(admin.id);
    await adminPage.goto(`${stack.url}/portal/account-roles`);
    await adminPage.getByTestId("account-roles-table").waitFor();
    await adminPage.getByTestId("accounts-search-q").fill(member.idNumber);
    await adminPage.getByTestId("accounts-search-submit").click();
    const row = adminPage.getByTestId("account-roles-table").locator(`tr[data-row-key="${member.id}"]`);
    await row.waitFor();
    await expect.poll(() => adminPage.locator(".ant-table-tbody tr.ant-table-row").count()).toBe(1);
    expect(await row.textContent()).toContain(unit.name);
    await adminPage.getByTestId(`account-bind-${member.id}`).click();

    // 角色绑定: 职称评审子系统 → 职称经办, the grey switch on, confirmed.
    await adminPage.getByTestId("role-binding-drawer").waitFor();
    await adminPage.getByTestId("role-subsystem-TITLE_REVIEW").click();
    const handlerSwitch = adminPage.getByTestId("role-switch-TITLE_REVIEW-TITLE_HANDLER");
    expect(await handlerSwitch.getAttribute("data-checked")).toBe("false");
    expect(await adminPage.getByTestId("role-row-TITLE_REVIEW-TITLE_HANDLER").textContent()).toContain(
      "职称经办",
    );
    await handlerSwitch.click();
    await adminPage.getByTestId("role-switch-confirm").click();
    await expect.poll(() => handlerSwitch.getAttribute("data-checked"), { timeout: 15_000 }).toBe("true");
    expect(
      await db.roleBinding.count({ where: { personId: member.id, role: "TITLE_HANDLER", revokedAt: null } }),
    ).toBe(1);
    // UNIT_ADMIN is not switched here (R8): its switch is disabled.
    await adminPage.getByTestId("role-subsystem-PORTAL").click();
    expect(await adminPage.getByTestId("role-switch-PORTAL-UNIT_ADMIN").isDisabled()).toBe(true);
    await adminPage.locator(".ant-drawer-close").click();
    await adminPage.getByTestId("role-binding-drawer").waitFor({ state: "hidden" });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain("职称经办");

    // The member, signed in by QR code, now works 新进账号管理 and accepts the first newcomer.
    const memberPage = await openAs(member.id);
    await memberPage.goto(`${stack.url}/portal/incoming-accounts`);
    await memberPage.getByTestId(`incoming-accept-${first.id}`).click();
    await memberPage.getByTestId("incoming-confirm").click();
    await expect
      .poll(async () => (await db.bindingRequest.findUniqueOrThrow({ where: { id: first.id } })).status, {
        timeout: 15_000,
      })
      .toBe("APPROVED");
    await memberPage.getByTestId(`incoming-accept-${second.id}`).waitFor();

    // The administrator switches the role off again…
    await adminPage.getByTestId(`account-bind-${member.id}`).click();
    await adminPage.getByTestId("role-subsystem-TITLE_REVIEW").click();
    const again = adminPage.getByTestId("role-switch-TITLE_REVIEW-TITLE_HANDLER");
    await expect.poll(() => again.getAttribute("data-checked")).toBe("true");
    await again.click();
    await adminPage.getByTestId("role-switch-confirm").click();
    await expect.poll(() => again.getAttribute("data-checked"), { timeout: 15_000 }).toBe("false");
    await adminPage.locator(".ant-drawer-close").click();
    await adminPage.getByTestId("role-binding-drawer").waitFor({ state: "hidden" });

    // …and the member's open page, trying the next acceptance, shows the API's 403 message, not a crash.
    await memberPage.getByTestId(`incoming-accept-${second.id}`).click();
    await memberPage.getByTestId("incoming-confirm").click();
    await memberPage.locator(".ant-message").filter({ hasText: "您没有执行此操作的角色权限" }).waitFor();
    expect(await memberPage.locator("body").textContent()).not.toContain("页面出错了");
    expect((await db.bindingRequest.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
      "SUBMITTED",
    );

    // R10: with no role left, the member may apply for a title in 职称评审子系统 → 职称申报.
    await memberPage.goto(`${stack.url}/title-review/title-applications`);
    await memberPage.getByTestId("title-application-open").click();
    await memberPage.getByTestId("title-application-open-confirm").click();
    await memberPage
      .getByTestId("title-applications-table")
      .getByTestId("title-application-status")
      .waitFor();
    expect(await db.titleApplication.count({ where: { personId: member.id, status: "IN_PROGRESS" } })).toBe(
      1,
    );

    // R10 the other way: the administrator's switch is refused with the reason, shown in the drawer.
    await adminPage.getByTestId(`account-bind-${member.id}`).click();
    await adminPage.getByTestId("role-subsystem-TITLE_REVIEW").click();
    await adminPage.getByTestId("role-switch-TITLE_REVIEW-TITLE_HANDLER").click();
    await adminPage.getByTestId("role-switch-confirm").click();
    const refusal = adminPage.getByTestId("role-binding-refusal");
    await refusal.waitFor();
    expect(await refusal.getAttribute("data-code")).toBe("CANDIDATE_HAS_TITLE_APPLICATION");
    expect(await refusal.textContent()).toContain("撤回");
  });
});
