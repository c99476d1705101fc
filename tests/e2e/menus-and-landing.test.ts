// Menus and landing as the manual describes them (issue 9 item 6), in headless Chromium: a handler
// of a unit that forms no evaluation committee reaches 统一门户子系统 and 系统配置子系统 through 账号管理,
// administrators and a committee-forming unit's handlers at the top; after login a person with queues
// lands on 我的工作 with their pending counts (in the menu too, refreshed after a decision), an
// applicant on 个人资料; platform staff's 个人资料 offers no 更换单位.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar } from "../support/app.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, PASSWORD } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { SEED_PASSWORD, type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
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

/** The console's home signed in as `personId` with a REAL_PERSON session, as after a QR login. */
async function signedInHome(personId: string): Promise<Page> {
  const page = await signedInPage(browser, stack, personId, { timeoutMs: 20_000 });
  await page.goto(stack.url);
  return page;
}

/** Password login through the login page; the console then leads to the account's landing page. */
async function passwordLogin(account: string, password: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${stack.url}/login`);
  await page.getByTestId("login-account").fill(account);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

const menu = (page: Page) => page.locator(".ant-layout-sider ul.ant-menu-root");
/** The menu's top-level groups (their titles), and the ones inside the 账号管理 heading. */
const topLevelGroups = (page: Page) =>
  menu(page).locator(":scope > li.ant-menu-submenu > .ant-menu-submenu-title").allTextContents();
const accountManagement = (page: Page) =>
  menu(page).locator(":scope > li.ant-menu-item-group", { hasText: "账号管理" });
const menuCount = (page: Page, resource: string) =>
  page.getByTestId(`menu-count-${resource}`).first().getAttribute("data-count");

/** A newcomer asks to join the unit through the API (R16); the workflow opens the unit's task. */
async function askToJoin(unitName: string) {
  const newcomer = await createPerson(stack.database.db);
  const jar = cookieJar();
  const login = await postJson(stack.app, "/api/auth/login", {
    account: newcomer.idNumber,
    password: PASSWORD,
  });
  jar.take(login);
  const asked = await postJson(
    stack.app,
    "/api/binding-requests",
    { unitName, pledgeAccepted: true, submissionId: randomUUID() },
    jar.headers(),
  );
  expect(asked.status).toBe(201);
  const request = (await asked.json()).data as { id: string };
  await expect
    .poll(() => stack.database.db.humanTask.count({ where: { requestId: request.id, status: "OPEN" } }), {
      timeout: 20_000,
    })
    .toBe(1);
  return request;
}

describe("menus and landing (issue 9 item 6)", () => {
  it("a handler of a unit without a committee reaches 统一门户子系统 through 账号管理, lands on 我的工作 with the count, and the count follows a decision", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市云岩区菜单示例有限公司");
    expect(unit.formsCommittee).toBe(false);
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER", name: "钱经办" });
    const first = await askToJoin(unit.name);
    await askToJoin(unit.name);

    const page = await signedInHome(handler.id);
    await page.waitForURL(`${stack.url}/work`);
    await expect.poll(() => page.getByTestId("work-total").getAttribute("data-total")).toBe("2");
    expect(await page.getByTestId("work-total").textContent()).toBe("你有 2 条待处理");
    expect(await page.getByTestId("work-pending-INCOMING_ACCOUNTS").getAttribute("data-pending")).toBe("2");
    expect(await page.getByTestId("work-pending-TASKS").getAttribute("data-pending")).toBe("2");
    // Issue 12.4: the unit's own queue, its binding requests counted.
    expect(await page.getByTestId(`work-task-queue-UNIT-${unit.id}`).getAttribute("data-pending")).toBe("2");
    expect(await menuCount(page, "my-work")).toBe("2");

    // 账号管理 → 统一门户子系统 / 系统配置子系统, not at the top.
    const group = accountManagement(page);
    await group.waitFor();
    expect(await group.textContent()).toContain("统一门户子系统");
    expect(await group.textContent()).toContain("系统配置子系统");
    const topLevel = await topLevelGroups(page);
    expect(topLevel).toContain("审核工作台");
    expect(topLevel).not.toContain("统一门户子系统");
    expect(topLevel).not.toContain("系统配置子系统");

    // 账号管理 → 统一门户子系统 → 新进账号管理, with its count; accepting one lowers every count.
    await group.getByText("统一门户子系统", { exact: true }).click();
    const entry = group.locator(".ant-menu-item", { hasText: "新进账号管理" });
    await entry.waitFor();
    expect(await menuCount(page, "incoming-accounts")).toBe("2");
    await entry.locator("a").click();
    await page.waitForURL(`${stack.url}/portal/incoming-accounts`);
    await page.getByTestId(`incoming-accept-${first.id}`).click();
    await page.getByTestId("incoming-confirm").click();
    await expect
      .poll(async () => (await db.bindingRequest.findUniqueOrThrow({ where: { id: first.id } })).status, {
        timeout: 20_000,
      })
      .toBe("APPROVED");
    await expect.poll(() => menuCount(page, "incoming-accounts"), { timeout: 15_000 }).toBe("1");
    await expect.poll(() => menuCount(page, "my-work")).toBe("1");
  });

  it("an administrator, and a committee-forming unit's handler, find 统一门户子系统 at the top", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市南明区管理员菜单示例有限公司");
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const committee = await createUnit(db, "贵州省菜单示例评审委员会组建单位");
    await db.unit.update({ where: { id: committee.id }, data: { formsCommittee: true } });
    const committeeHandler = await createPerson(db, { unitId: committee.id, role: "TITLE_HANDLER" });
    for (const personId of [admin.id, committeeHandler.id]) {
      const page = await signedInHome(personId);
      await page.waitForURL(`${stack.url}/work`);
      // Nothing waits for them yet: the work page says so.
      await expect.poll(() => page.getByTestId("work-total").textContent()).toBe("暂无待处理的工作");
      await expect.poll(() => topLevelGroups(page)).toContain("统一门户子系统");
      expect(await topLevelGroups(page)).toContain("系统配置子系统");
      expect(await accountManagement(page).count()).toBe(0);
      expect(await menu(page).textContent()).not.toContain("账号管理");
      await page.close();
    }
  });

  it("R12 a handler's password session lands on 我的工作, which offers the step-up instead of counts", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市花溪区密码会话示例有限公司");
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await askToJoin(unit.name);
    const page = await passwordLogin(handler.idNumber, PASSWORD);
    await page.waitForURL(`${stack.url}/work`);
    await page.getByTestId("real-person-required").waitFor();
    expect(await page.getByTestId("work-total").textContent()).toBe("完成实人认证后即可查看待处理的工作");
    expect(await page.getByTestId("work-pending-INCOMING_ACCOUNTS").getAttribute("data-pending")).toBe("");
    expect(await page.getByTestId("menu-count-my-work").getAttribute("data-count")).toBe("0");
  });

  it("a reviewer lands on 我的工作 with the review queue's count; the overdue link opens the filtered workbench", async () => {
    const db = stack.database.db;
    const task = (title: string, dueInMs: number, status: "OPEN" | "COMPLETED" = "OPEN") =>
      db.humanTask.create({
        data: {
          workflowId: `wf-${title}`,
          kind: "unitRegistrationReview",
          requestType: "UNIT_REGISTRATION",
          requestId: `req-${randomUUID()}`,
          queue: "PLATFORM_REVIEW",
          title,
          status,
          dueAt: new Date(Date.now() + dueInMs),
        },
      });
    await task("菜单示例一", 86_400_000);
    await task("菜单示例二", 86_400_000);
    await task("菜单示例超时", -3_600_000);
    await task("菜单示例已办结", 86_400_000, "COMPLETED");
    const reviewer = stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const page = await passwordLogin(reviewer.idNumber, SEED_PASSWORD);
    await page.waitForURL(`${stack.url}/work`);
    await expect.poll(() => page.getByTestId("work-total").getAttribute("data-total")).toBe("3");
    expect(await page.getByTestId("work-total").textContent()).toBe("你有 3 条待处理");
    expect(await page.getByTestId("work-pending-TASKS").getAttribute("data-pending")).toBe("3");
    expect(await page.getByTestId("work-queue-INCOMING_ACCOUNTS").count()).toBe(0);
    // Issue 12.4: the count of the review queue, per kind, beside the total.
    expect(await page.getByTestId("work-task-queue-PLATFORM_REVIEW").getAttribute("data-pending")).toBe("3");
    expect(
      await page.getByTestId("work-kind-PLATFORM_REVIEW-unitRegistrationReview").getAttribute("data-pending"),
    ).toBe("3");
    expect(await menuCount(page, "my-work")).toBe("3");
    await page.getByTestId("work-overdue-TASKS").click();
    await page.waitForURL((url) => url.pathname === "/workbench/tasks");
    // The filtered list loads after the navigation: on a busy machine longer than the 1 s default.
    await expect
      .poll(() => page.locator(".ant-table-tbody tr.ant-table-row").count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.locator(".ant-table-tbody").textContent()).toContain("菜单示例超时");
  });

  it("an applicant lands on 个人资料 with the binding form; platform staff's 个人资料 has no 更换单位", async () => {
    const applicant = await createPerson(stack.database.db, { name: "孙申报" });
    const page = await passwordLogin(applicant.idNumber, PASSWORD);
    await page.waitForURL(`${stack.url}/user-center/profile`);
    await page.getByTestId("binding-form").waitFor();
    expect(await menu(page).textContent()).not.toContain("我的工作");

    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const staff = await passwordLogin(operator.idNumber, SEED_PASSWORD);
    await staff.waitForURL(`${stack.url}/user-center/profile`);
    await staff.getByTestId("binding-platform-staff").waitFor();
    expect(await staff.getByTestId("binding-current-unit").textContent()).toBe("贵州省人力资源和社会保障厅");
    expect(await staff.getByTestId("binding-form").count()).toBe(0);
    expect(await staff.locator("main").textContent()).not.toContain("更换单位");
  });
});
