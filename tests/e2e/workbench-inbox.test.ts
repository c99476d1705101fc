// 审核工作台 as an inbox and work first (issue 12 items 3 and 4), in headless Chromium on the real
// stack: a filter or a new order on page 2 shows page 1, the filters live in the URL (a reload keeps
// them), the tabs 待领取 / 我已领取 / 全部 carry counts and 全部's is the menu's, the page says the one
// claim rule (and 新进账号管理 holds to it), a search without a match says so and clears, no column
// sits behind the fixed 操作 column at 1440×900, and reviewers and unit staff land on their work with
// counts per queue.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindWithRole } from "../../prisma/seed/seed.js";
import { BINDING_TASK_KIND, CONTACT_MOBILE_REVIEW_TASK_KIND } from "../../workflows/contracts.js";
import { launchBrowser, pickSelect, signedInPage } from "../support/browser.js";
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

const HOUR = 3_600_000;
/** The console loads and refetches asynchronously: poll with room for a cold page. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const db = () => stack.database.db;

const openAs = async (personId: string, viewport = { width: 1440, height: 900 }) => {
  const page = await signedInPage(browser, stack, personId, { timeoutMs: 20_000 });
  await page.setViewportSize(viewport);
  return page;
};

/** A platform reviewer (or supervisor) of its own, bound to a unit of its own. */
async function reviewer(
  role: "PLATFORM_REVIEWER" | "PLATFORM_SUPERVISOR" = "PLATFORM_REVIEWER",
  name?: string,
) {
  const province = await createUnit(db());
  const person = await createPerson(db(), { name });
  await bindWithRole(db(), person.id, province.id, { role, subsystem: "PLATFORM" });
  return person;
}

async function platformTask(
  title: string,
  options: { kind?: string; dueInMs?: number; assigneeId?: string } = {},
) {
  const requestId = randomUUID();
  return db().humanTask.create({
    data: {
      workflowId: `wf-${requestId}`,
      kind: options.kind ?? "unitRegistrationReview",
      requestType:
        options.kind === CONTACT_MOBILE_REVIEW_TASK_KIND ? "CONTACT_MOBILE_CHANGE" : "UNIT_REGISTRATION",
      requestId,
      queue: "PLATFORM_REVIEW",
      title,
      status: options.assigneeId ? "CLAIMED" : "OPEN",
      assigneeId: options.assigneeId ?? null,
      dueAt: new Date(Date.now() + (options.dueInMs ?? 24 * HOUR)),
    },
  });
}

/** A binding request to the unit with its task in the unit's queue, as the workflow opens them. */
async function bindingRequest(
  unitId: string,
  number: string,
  options: { claimedBy?: string; closed?: boolean } = {},
) {
  const person = await createPerson(db());
  const request = await db().bindingRequest.create({
    data: {
      requestNumber: number,
      personId: person.id,
      unitId,
      openPersonId: options.closed ? null : person.id,
      status: options.closed ? "REJECTED" : "SUBMITTED",
      decisionReason: options.closed ? "经核对不是本单位在职人员，请绑定到您实际工作的单位后再申请" : null,
      closedAt: options.closed ? new Date() : null,
      pledgeAcceptedAt: new Date(),
      workflowId: `BindingRequest:${person.id}`,
    },
  });
  const task = await db().humanTask.create({
    data: {
      workflowId: request.workflowId,
      kind: BINDING_TASK_KIND,
      requestType: "BINDING_REQUEST",
      requestId: request.id,
      queue: "UNIT",
      unitId,
      title: `测*申请绑定（${number}）`,
      status: options.closed ? "COMPLETED" : options.claimedBy ? "CLAIMED" : "OPEN",
      open: !options.closed,
      assigneeId: options.claimedBy ?? null,
      dueAt: new Date(Date.now() + 7 * 24 * HOUR),
    },
  });
  return { request, task };
}

const rows = (page: Page) => page.getByTestId("task-row");
const tabCount = (page: Page, view: string) =>
  page.getByTestId(`tasks-tab-${view}`).getAttribute("data-count");
const menuCount = (page: Page, resource: string) =>
  page.getByTestId(`menu-count-${resource}`).first().getAttribute("data-count");
const activePage = (page: Page) => page.locator(".ant-pagination-item-active").textContent();
const filtersInUrl = (page: Page) => {
  const url = new URL(page.url());
  const out: Record<string, string> = {};
  for (let i = 0; url.searchParams.has(`filters[${i}][field]`); i++) {
    out[url.searchParams.get(`filters[${i}][field]`)!] = url.searchParams.get(`filters[${i}][value]`)!;
  }
  return { filters: out, currentPage: url.searchParams.get("currentPage") };
};

/** The horizontal extent of a table's header cell by its text, and of its fixed 操作 column. */
async function headerBoxes(page: Page, table: string, title: string) {
  const header = page.locator(`${table} thead th`, { hasText: title }).first();
  const actions = page.locator(`${table} thead th.ant-table-cell-fix-right`).first();
  const content = page.locator(`${table} .ant-table-content, ${table} .ant-table-body`).first();
  const [box, fixed, scroll] = await Promise.all([
    header.boundingBox(),
    actions.count().then((n) => (n ? actions.boundingBox() : null)),
    content.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth })),
  ]);
  return { box: box!, fixed, scroll };
}

describe("issue 12.3: the workbench inbox", () => {
  it("issue 12.3: changing a filter, the tab or the order on page 2 shows page 1; the filters live in the URL and a reload keeps them", async () => {
    await db().humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    for (let i = 0; i < 25; i++) await platformTask(`翻页注册审核${String(i).padStart(2, "0")}`);
    for (let i = 0; i < 14; i++) {
      await platformTask(`翻页手机变更${String(i).padStart(2, "0")}`, {
        kind: CONTACT_MOBILE_REVIEW_TASK_KIND,
      });
    }
    const me = await reviewer();
    const page = await openAs(me.id);
    await page.goto(`${stack.url}/workbench/tasks`);
    await eventually(() => rows(page).count()).toBe(20);
    await page.locator(".ant-pagination-item-2").click();
    await eventually(() => rows(page).count()).toBe(19);
    expect(filtersInUrl(page).currentPage).toBe("2");

    // A filter chosen on page 2: the 14 tasks of that kind, from page 1.
    await pickSelect(page, "task-filter-kind", "联系人手机变更审核");
    await eventually(() => rows(page).count()).toBe(14);
    expect(await activePage(page)).toBe("1");
    expect(filtersInUrl(page)).toEqual({
      filters: { view: "open", kind: CONTACT_MOBILE_REVIEW_TASK_KIND },
      currentPage: "1",
    });
    // A reload keeps the filter (it lives in the URL), and the select shows it.
    await page.reload();
    await eventually(() => rows(page).count()).toBe(14);
    expect(await page.getByTestId("task-filter-kind").textContent()).toContain("联系人手机变更审核");
    expect(await rows(page).first().textContent()).toContain("翻页手机变更");

    // The tab on page 2: 待领取 shows its page 1.
    await pickSelect(page, "task-filter-kind", "单位注册人工审核");
    await eventually(() => rows(page).count()).toBe(20);
    await page.locator(".ant-pagination-item-2").click();
    await eventually(() => rows(page).count()).toBe(5);
    await page.getByTestId("tasks-tab-unclaimed").click();
    await eventually(() => rows(page).count()).toBe(20);
    expect(await activePage(page)).toBe("1");
    expect(filtersInUrl(page).filters.view).toBe("unclaimed");

    // A new order on page 2: page 1 of the new order.
    await page.locator(".ant-pagination-item-2").click();
    await eventually(() => rows(page).count()).toBe(5);
    await page.locator("thead th", { hasText: "创建时间" }).click();
    await eventually(() => activePage(page)).toBe("1");
    await eventually(() => rows(page).count()).toBe(20);
    await page.close();
  });

  it("issue 12.3: 待领取 / 我已领取 / 全部 show their counts, 全部's is the menu's, and claiming moves a task between them", async () => {
    await db().humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    const me = await reviewer();
    const colleague = await reviewer("PLATFORM_REVIEWER", "郑审核");
    await platformTask("计数-待领取一");
    await platformTask("计数-待领取二");
    await platformTask("计数-待领取三", { dueInMs: -HOUR });
    await platformTask("计数-我已领取", { assigneeId: me.id });
    await platformTask("计数-同事已领取", { assigneeId: colleague.id });
    const page = await openAs(me.id);
    await page.goto(`${stack.url}/workbench/tasks`);
    await eventually(() => tabCount(page, "open")).toBe("5");
    expect(await tabCount(page, "unclaimed")).toBe("3");
    expect(await tabCount(page, "mine")).toBe("1");
    await eventually(() => menuCount(page, "tasks")).toBe("5");
    // 全部: every task still to decide, a colleague's claim included, with who holds it.
    expect(await rows(page).count()).toBe(5);
    expect(await rows(page).filter({ hasText: "计数-同事已领取" }).textContent()).toContain("郑审核");

    await page.getByTestId("tasks-tab-unclaimed").click();
    await eventually(() => rows(page).count()).toBe(3);
    await rows(page).filter({ hasText: "计数-待领取一" }).getByTestId("task-claim").click();
    await eventually(() => tabCount(page, "mine")).toBe("2");
    expect(await tabCount(page, "unclaimed")).toBe("2");
    expect(await tabCount(page, "open")).toBe("5");
    await page.getByTestId("tasks-tab-mine").click();
    await eventually(() => rows(page).count()).toBe(2);
    expect(await menuCount(page, "tasks")).toBe("5");
    await page.close();
  });

  it("issue 12.3: the list and the task page say the claim rule — no claim needed, deciding claims; 新进账号管理 keeps to it", async () => {
    const me = await reviewer();
    const row = await platformTask("规则-未领取");
    const page = await openAs(me.id);
    await page.goto(`${stack.url}/workbench/tasks`);
    expect(await page.getByTestId("tasks-claim-rule").textContent()).toContain(
      "无需领取即可处理：作出决定时自动领取",
    );
    await page.goto(`${stack.url}/workbench/tasks/${row.id}`);
    expect(await page.getByTestId("task-claim-rule").textContent()).toContain(
      "无需领取即可处理；处理时自动领取",
    );
    // The decision is offered on an unclaimed task (claiming is not a step before it).
    await page.getByTestId("task-claim").waitFor();
    await page.getByTestId("task-approve").waitFor();
    await page.close();

    // A unit's task: the same rule on its 新进账号管理 row — a colleague's claim is theirs to decide.
    const unit = await createUnit(db(), "贵阳市规则示例有限公司");
    const admin = await createPerson(db(), { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(db(), { unitId: unit.id, role: "TITLE_HANDLER", name: "冯经办" });
    const claimed = await bindingRequest(unit.id, "BD20260301000001", { claimedBy: handler.id });
    const free = await bindingRequest(unit.id, "BD20260301000002");
    const unitPage = await openAs(admin.id);
    await unitPage.goto(`${stack.url}/portal/incoming-accounts`);
    await unitPage.getByTestId(`incoming-claimed-${claimed.request.id}`).waitFor();
    expect(await unitPage.getByTestId(`incoming-claimed-${claimed.request.id}`).textContent()).toBe(
      "已由 冯经办 领取，只有领取人可以处理",
    );
    expect(await unitPage.getByTestId(`incoming-accept-${claimed.request.id}`).count()).toBe(0);
    await unitPage.getByTestId(`incoming-accept-${free.request.id}`).waitFor();
    // The request number leads to the same task in 审核工作台, which offers the same decision.
    await unitPage.getByTestId(`incoming-task-${free.request.id}`).click();
    await unitPage.waitForURL(`${stack.url}/workbench/tasks/${free.task.id}`);
    await unitPage.getByTestId("task-claim-rule").waitFor();
    await unitPage.goto(`${stack.url}/workbench/tasks`);
    expect(await unitPage.getByTestId("tasks-claim-rule").textContent()).toContain("无需领取即可处理");
    expect(await rows(unitPage).filter({ hasText: "BD20260301000001" }).textContent()).toContain("冯经办");
    await unitPage.close();
  });

  it("issue 12.3: a search without a match says so and clears the filter (workbench and 新进账号管理); request numbers and unit names are found", async () => {
    await db().humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    await platformTask("黔东南州检索示例茶业有限公司（ZC20260401000123）");
    await platformTask("黔南州另一示例有限公司（ZC20260401000456）");
    const me = await reviewer();
    const page = await openAs(me.id);
    await page.goto(`${stack.url}/workbench/tasks`);
    await eventually(() => rows(page).count()).toBe(2);
    const search = page.getByTestId("tasks-search");
    await search.fill("000123");
    await search.press("Enter");
    await eventually(() => rows(page).count()).toBe(1);
    expect(await rows(page).textContent()).toContain("ZC20260401000123");
    await search.fill("检索示例茶业");
    await search.press("Enter");
    await eventually(() => rows(page).first().textContent()).toContain("黔东南州检索示例茶业有限公司");
    expect(filtersInUrl(page).filters.q).toBe("检索示例茶业");

    await search.fill("不存在的单位");
    await search.press("Enter");
    const empty = page.getByTestId("tasks-empty");
    await empty.waitFor();
    expect(await empty.getAttribute("data-empty")).toBe("no-match");
    const said = await empty.locator(".ant-empty-description").textContent();
    expect(said).toBe("没有与“不存在的单位”匹配的任务");
    await page.getByTestId("tasks-empty-clear").click();
    await eventually(() => rows(page).count()).toBe(2);
    expect(await search.inputValue()).toBe("");
    expect(filtersInUrl(page).filters).toEqual({ view: "open" });
    // Without any filter, an empty tab says there is nothing (no clear button).
    await page.getByTestId("tasks-tab-mine").click();
    await eventually(() => page.getByTestId("tasks-empty").getAttribute("data-empty")).toBe("none");
    expect(await page.getByTestId("tasks-empty").textContent()).toContain("你没有已领取、待处理的任务");
    await page.close();

    const unit = await createUnit(db(), "遵义市检索示例有限公司");
    const admin = await createPerson(db(), { unitId: unit.id, role: "UNIT_ADMIN" });
    await bindingRequest(unit.id, "BD20260401000009");
    const unitPage = await openAs(admin.id);
    await unitPage.goto(`${stack.url}/portal/incoming-accounts`);
    await unitPage.getByTestId("incoming-table-open").locator("tr.ant-table-row").first().waitFor();
    await unitPage.getByTestId("incoming-search-q").fill("查无此人");
    await unitPage.getByTestId("incoming-search-submit").click();
    const incomingEmpty = unitPage.getByTestId("incoming-empty-open");
    await incomingEmpty.waitFor();
    expect(await incomingEmpty.textContent()).toContain("没有与“查无此人”匹配的记录");
    await unitPage.getByTestId("incoming-empty-open-clear").click();
    await expect
      .poll(() => unitPage.getByTestId("incoming-table-open").locator("tr.ant-table-row").count())
      .toBe(1);
    // 新进账号管理 finds a request by its number too.
    await unitPage.getByTestId("incoming-search-q").fill("0401000009");
    await unitPage.getByTestId("incoming-search-submit").click();
    await expect
      .poll(() => unitPage.getByTestId("incoming-table-open").locator("tr.ant-table-row").count())
      .toBe(1);
    await unitPage.close();
  });

  it("issue 12.3: at 1440×900 处理期限 and 处理意见 are not behind the fixed 操作 column (workbench, 新进账号管理, 我的申请)", async () => {
    for (let i = 0; i < 22; i++)
      await platformTask(`宽度示例${i}（ZC20260501${String(i).padStart(6, "0")}）`);
    const me = await reviewer();
    const page = await openAs(me.id);
    await page.goto(`${stack.url}/workbench/tasks`);
    await rows(page).first().waitFor();
    const workbench = await headerBoxes(page, '[data-testid="tasks-table"]', "处理期限");
    expect(workbench.fixed).not.toBeNull();
    expect(workbench.box.x + workbench.box.width).toBeLessThanOrEqual(workbench.fixed!.x + 1);
    expect(workbench.scroll.scrollWidth).toBeLessThanOrEqual(workbench.scroll.clientWidth + 1);
    await page.close();

    const unit = await createUnit(db(), "六盘水市宽度示例有限公司");
    const admin = await createPerson(db(), { unitId: unit.id, role: "UNIT_ADMIN" });
    const other = await createUnit(db(), "六盘水市宽度示例原单位名称较长的一家有限责任公司");
    for (let i = 0; i < 21; i++) await bindingRequest(unit.id, `BD20260501${String(i).padStart(6, "0")}`);
    const mover = await bindingRequest(unit.id, "BD20260501999999");
    await db().binding.create({
      data: { personId: mover.request.personId, unitId: other.id, activePersonId: mover.request.personId },
    });
    const closed = await bindingRequest(unit.id, "BD20260501888888", { closed: true });
    const unitPage = await openAs(admin.id);
    await unitPage.goto(`${stack.url}/portal/incoming-accounts`);
    await unitPage.getByTestId("incoming-table-open").locator("tr.ant-table-row").first().waitFor();
    const open = await headerBoxes(unitPage, '[data-testid="incoming-table-open"]', "处理期限");
    expect(open.fixed).not.toBeNull();
    expect(open.box.x + open.box.width).toBeLessThanOrEqual(open.fixed!.x + 1);
    expect(open.scroll.scrollWidth).toBeLessThanOrEqual(open.scroll.clientWidth + 1);
    await unitPage.getByTestId("incoming-tab-closed").click();
    await unitPage.getByTestId("incoming-table-closed").locator("tr.ant-table-row").first().waitFor();
    const done = await headerBoxes(unitPage, '[data-testid="incoming-table-closed"]', "处理意见");
    const viewport = unitPage.viewportSize()!;
    expect(done.box.x + done.box.width).toBeLessThanOrEqual(viewport.width);
    expect(done.scroll.scrollWidth).toBeLessThanOrEqual(done.scroll.clientWidth + 1);
    await unitPage.close();

    // 我的申请 of the person whose request was rejected: 处理意见 beside 操作, not under it.
    const applicantPage = await openAs(closed.request.personId);
    await applicantPage.goto(`${stack.url}/user-center/requests`);
    await applicantPage.getByTestId("my-requests-table").locator("tr.ant-table-row").first().waitFor();
    const mine = await headerBoxes(applicantPage, '[data-testid="my-requests-table"]', "处理意见");
    expect(mine.fixed).not.toBeNull();
    expect(mine.box.x + mine.box.width).toBeLessThanOrEqual(mine.fixed!.x + 1);
    expect(mine.scroll.scrollWidth).toBeLessThanOrEqual(mine.scroll.clientWidth + 1);
    await applicantPage.close();
  });
});

describe("issue 12.4: work first", () => {
  it("issue 12.4: a supervisor lands on 我的工作 with 你有 N 条待处理 and the counts of the review and escalated queues per kind; a count opens the filtered workbench", async () => {
    await db().humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    const supervisor = await reviewer("PLATFORM_SUPERVISOR");
    await platformTask("落地-注册一");
    await platformTask("落地-注册二", { dueInMs: -HOUR });
    await platformTask("落地-手机", { kind: CONTACT_MOBILE_REVIEW_TASK_KIND });
    const escalated = await platformTask("落地-升级");
    await db().humanTask.update({ where: { id: escalated.id }, data: { queue: "PLATFORM_SUPERVISOR" } });
    const page = await openAs(supervisor.id);
    await page.goto(stack.url);
    await page.waitForURL(`${stack.url}/work`);
    await eventually(() => page.getByTestId("work-total").textContent()).toBe("你有 4 条待处理");
    expect(await page.getByTestId("work-task-queue-PLATFORM_REVIEW").getAttribute("data-pending")).toBe("3");
    expect(await page.getByTestId("work-task-queue-PLATFORM_SUPERVISOR").getAttribute("data-pending")).toBe(
      "1",
    );
    const mobileChanges = page.getByTestId(`work-kind-PLATFORM_REVIEW-${CONTACT_MOBILE_REVIEW_TASK_KIND}`);
    expect(await mobileChanges.getAttribute("data-pending")).toBe("1");
    expect(
      await page.getByTestId("work-kind-PLATFORM_REVIEW-unitRegistrationReview").textContent(),
    ).toContain("1 条超时");
    expect(await menuCount(page, "my-work")).toBe("4");
    await mobileChanges.click();
    await page.waitForURL((url) => url.pathname === "/workbench/tasks");
    await eventually(() => rows(page).count()).toBe(1);
    expect(await rows(page).textContent()).toContain("落地-手机");
    expect(await page.getByTestId("task-filter-queue").textContent()).toContain("平台审核");
    await page.close();
  });

  it("issue 12.4: a unit's handler lands on its work: binding, affiliation and title applications of each unit counted", async () => {
    const unit = await createUnit(db(), "安顺市落地示例有限公司");
    const handler = await createPerson(db(), { unitId: unit.id, role: "TITLE_HANDLER" });
    await bindingRequest(unit.id, "BD20260601000001");
    await bindingRequest(unit.id, "BD20260601000002");
    const page = await openAs(handler.id);
    await page.goto(stack.url);
    await page.waitForURL(`${stack.url}/work`);
    await eventually(() => page.getByTestId("work-total").textContent()).toBe("你有 2 条待处理");
    const queue = page.getByTestId(`work-task-queue-UNIT-${unit.id}`);
    expect(await queue.getAttribute("data-pending")).toBe("2");
    expect(await queue.textContent()).toContain("安顺市落地示例有限公司");
    expect(
      await page.getByTestId(`work-kind-UNIT-${unit.id}-${BINDING_TASK_KIND}`).getAttribute("data-pending"),
    ).toBe("2");
    expect(
      await page
        .getByTestId(`work-kind-UNIT-${unit.id}-affiliationRequestReview`)
        .getAttribute("data-pending"),
    ).toBe("0");
    expect(
      await page.getByTestId(`work-kind-UNIT-${unit.id}-titleApplicationPush`).getAttribute("data-pending"),
    ).toBe("0");
    await page.getByTestId(`work-kind-UNIT-${unit.id}-${BINDING_TASK_KIND}`).click();
    await page.waitForURL((url) => url.pathname === "/workbench/tasks");
    await eventually(() => rows(page).count()).toBe(2);
    expect(await page.getByTestId("task-filter-unit").textContent()).toContain("安顺市落地示例有限公司");
    await page.close();
  });
});
