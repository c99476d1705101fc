// Issue 9 end to end in headless Chromium, on the demo data: 周杰, the first demo enterprise's administrator,
// logs in by QR code (the login page's code scanned on the simulated mobile app, a second page), grants
// 职称经办 to a member on 账号角色管理 → 角色绑定 (R9, R12); that member's 新进账号管理 then accepts a newcomer
// (R16); 周杰 hands the office to another member on 单位基础信息管理 → 更换管理员 (R8), and the new
// administrator grants 周杰 职称经办 back. Every step is checked on the page and in the database.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_APPLICANTS, seedDemo } from "../../prisma/seed/demo.js";
import { cookieJar } from "../support/app.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { SEED_PASSWORD, type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  await seedDemo(stack.database.db, SEED_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

const openAs = (personId: string) => signedInPage(browser, stack, personId, { timeoutMs: 20_000 });

/** The real QR login: the login page's code, opened and confirmed on the phone (a page of its own). */
async function qrLogin(computer: Page, phone: Page, idNumber: string) {
  await computer.goto(`${stack.url}/login?method=qr`);
  const code = computer.locator('[data-testid="qr-login-code"][data-url]');
  await code.waitFor();
  await phone.goto((await code.getAttribute("data-url"))!);
  await phone.getByTestId("mobile-app-id-number").fill(idNumber);
  await phone.getByTestId("mobile-app-sign-in").click();
  await phone.getByTestId("mobile-login-origin").waitFor();
  await phone.getByTestId("mobile-face-start").click();
  await phone.getByTestId("mobile-face-pass").click();
  await phone.getByTestId("mobile-result").waitFor();
  // The login page notices the confirmation by itself (server-sent events) and enters the console.
  await computer.waitForURL((url) => !url.pathname.startsWith("/login"));
  await computer.getByTestId("session-strength").filter({ hasText: "实人" }).first().waitFor();
}

/** Opens `group` → `item` in the console's menu (the group is unfolded when it is not yet). */
async function openFromMenu(page: Page, group: string, item: string) {
  const menu = page.locator(".ant-layout-sider");
  const title = menu.getByText(group, { exact: true }).first();
  const entry = menu.locator(".ant-menu-item", { hasText: item }).first();
  await title.waitFor();
  // The group may already be open (the current page's group); a click that folded it is undone next round.
  for (let attempt = 1; !(await entry.isVisible()); attempt++) {
    await title.click();
    try {
      await entry.waitFor({ state: "visible", timeout: 3_000 });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  await entry.click();
}

/** 账号角色管理: the account found by full ID number, 绑定 → 职称评审子系统 → 职称经办 switched on, confirmed. */
async function grantHandler(page: Page, personId: string, idNumber: string) {
  const table = page.getByTestId("account-roles-table");
  await table.waitFor();
  await page.getByTestId("accounts-search-q").fill(idNumber);
  await page.getByTestId("accounts-search-submit").click();
  const row = table.locator(`tr[data-row-key="${personId}"]`);
  await row.waitFor();
  await expect.poll(() => table.locator(".ant-table-tbody tr.ant-table-row").count()).toBe(1);
  await page.getByTestId(`account-bind-${personId}`).click();
  await page.getByTestId("role-binding-drawer").waitFor();
  await page.getByTestId("role-subsystem-TITLE_REVIEW").click();
  const handlerSwitch = page.getByTestId("role-switch-TITLE_REVIEW-TITLE_HANDLER");
  expect(await page.getByTestId("role-row-TITLE_REVIEW-TITLE_HANDLER").textContent()).toContain("职称经办");
  expect(await handlerSwitch.getAttribute("data-checked")).toBe("false");
  await handlerSwitch.click();
  await page.getByTestId("role-switch-confirm").click();
  await expect.poll(() => handlerSwitch.getAttribute("data-checked"), { timeout: 20_000 }).toBe("true");
  await page.locator(".ant-drawer-close").click();
  await page.getByTestId("role-binding-drawer").waitFor({ state: "hidden" });
  // The list shows the role on the account's row.
  await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("职称经办");
}

const activeRoles = async (personId: string, unitId: string) =>
  (
    await stack.database.db.roleBinding.findMany({
      where: { personId, unitId, revokedAt: null },
      select: { role: true },
    })
  ).map(({ role }) => role);

describe("unit administration in the console (issue 9)", () => {
  it("周杰 (administrator, QR login) grants the handler role to a member on 角色绑定; that member's 新进账号管理 then works; 周杰 hands the office to another member, who grants 周杰 the handler role back", async () => {
    const db = stack.database.db;
    // The first demo enterprise: 周杰 its administrator, 郑爽 a member without a role (member A).
    const zhou = await db.person.findFirstOrThrow({
      where: { name: "周杰" },
      include: { bindings: { where: { endedAt: null } } },
    });
    const unitId = zhou.bindings[0]!.unitId;
    const unit = await db.unit.findUniqueOrThrow({ where: { id: unitId } });
    expect(await activeRoles(zhou.id, unit.id)).toEqual(["UNIT_ADMIN"]);
    const memberA = await db.person.findFirstOrThrow({ where: { name: "郑爽" } });
    expect(await db.binding.findUnique({ where: { activePersonId: memberA.id } })).toMatchObject({ unitId });
    expect(await activeRoles(memberA.id, unit.id)).toEqual([]);
    // Member B, the next administrator: bound to the unit, no role.
    const memberB = await createPerson(db, { unitId, name: "韩晓梅" });

    // A newcomer (the demo applicant 林晓) asks to join the unit through the API (R16).
    const newcomer = DEMO_APPLICANTS[0]!;
    const jar = cookieJar();
    const login = await postJson(stack.app, "/api/auth/login", {
      account: newcomer.idNumber,
      password: SEED_PASSWORD,
    });
    expect(login.status).toBe(200);
    jar.take(login);
    const asked = await postJson(
      stack.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: true, submissionId: crypto.randomUUID() },
      jar.headers(),
    );
    expect(asked.status).toBe(201);
    const request = (await asked.json()).data as { id: string };

    // 1. 周杰 logs in by QR code and grants 职称经办 to member A on 账号角色管理 → 角色绑定.
    const zhouPage = await newPage();
    const phone = await newPage();
    await qrLogin(zhouPage, phone, zhou.idNumber);
    expect(
      await db.session.count({ where: { personId: zhou.id, strength: "REAL_PERSON", revokedAt: null } }),
    ).toBeGreaterThan(0);
    await openFromMenu(zhouPage, "统一门户子系统", "账号角色管理");
    await grantHandler(zhouPage, memberA.id, memberA.idNumber);
    expect(await activeRoles(memberA.id, unit.id)).toEqual(["TITLE_HANDLER"]);

    // 2. Member A (real-person session) accepts the newcomer in 新进账号管理.
    const memberAPage = await openAs(memberA.id);
    await memberAPage.goto(stack.url);
    await openFromMenu(memberAPage, "统一门户子系统", "新进账号管理");
    const accept = memberAPage.getByTestId(`incoming-accept-${request.id}`);
    await accept.click();
    await memberAPage.getByTestId("incoming-confirm").click();
    await accept.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } })).status, {
        timeout: 20_000,
      })
      .toBe("APPROVED");
    const newcomerPerson = await db.person.findUniqueOrThrow({ where: { idNumber: newcomer.idNumber } });
    expect(await db.binding.findUnique({ where: { activePersonId: newcomerPerson.id } })).toMatchObject({
      unitId,
    });

    // 3. 周杰 hands the office to member B: 系统配置子系统 → 单位基础信息管理 → the unit → 更换管理员.
    await openFromMenu(zhouPage, "系统配置子系统", "单位基础信息管理");
    await zhouPage.getByTestId(`unit-edit-${unit.id}`).click();
    await zhouPage.getByTestId("succession-card").waitFor();
    expect(await zhouPage.getByTestId("succession-current").textContent()).toBe("周杰");
    await zhouPage.getByTestId("succession-idNumber").fill(memberB.idNumber);
    await zhouPage.getByTestId("succession-name").fill("韩晓梅");
    await zhouPage.getByTestId("succession-check").click();
    const confirmation = zhouPage.getByTestId("succession-confirmation");
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain("韩晓梅");
    expect(await confirmation.textContent()).toContain("周杰");
    await zhouPage.getByTestId("succession-confirm").click();
    await zhouPage.locator(".ant-message").filter({ hasText: "韩晓梅" }).waitFor();
    await zhouPage.waitForURL(`${stack.url}/sysconfig/unit-profile`);
    await expect
      .poll(
        async () =>
          (await db.roleBinding.findUnique({ where: { exclusiveKey: `UNIT_ADMIN:${unit.id}` } }))?.personId,
        { timeout: 20_000 },
      )
      .toBe(memberB.id);
    expect(await activeRoles(memberB.id, unit.id)).toEqual(["UNIT_ADMIN"]);
    expect(await activeRoles(zhou.id, unit.id)).toEqual([]);
    expect(await db.binding.findUnique({ where: { activePersonId: zhou.id } })).toMatchObject({ unitId });

    // 4. Member B (real-person session) grants 周杰 职称经办 on 账号角色管理.
    const memberBPage = await openAs(memberB.id);
    await memberBPage.goto(stack.url);
    await openFromMenu(memberBPage, "统一门户子系统", "账号角色管理");
    await grantHandler(memberBPage, zhou.id, zhou.idNumber);
    expect(await activeRoles(zhou.id, unit.id)).toEqual(["TITLE_HANDLER"]);
  });
});
