// The hierarchy in the console, end to end in headless Chromium on the real stack (Temporal, worker,
// SQLite): a subordinate unit's handler asks for its superior on 单位基础信息管理 → 主管部门更改 (R13,
// reached from the R14 banner); the superior's handler approves it on its own 单位基础信息管理 page;
// both units' pages show the push chain (R31: before the affiliation it ends at the HR department of
// the unit's region, marked implicit) and the request's history (R25); the superior's
// administrator rejects another unit's request in 审核工作台, whose handler then asks again and withdraws
// (撤回); a unit login is shown its chain and told who makes the request; the tree of units under mine
// is searched (paths, counts) and 新增下级单位 is disabled outside a trusted network (R11), saying from
// where it works.
import { createHash, randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskName } from "../../domain/masking.js";
import type { Database } from "../../lib/database.js";
import type { UnitType } from "../../prisma/generated/client.js";
import { confirmDecision, launchBrowser, sessionCookies, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
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

const openAs = (personId: string) => signedInPage(browser, stack, personId, { timeoutMs: 20_000 });
const unitPage = (unitId: string) => `${stack.url}/sysconfig/unit-profile/${unitId}`;

/** A unit of the given type, optionally under a superior, optionally registered after 2024 (R14). */
async function unitOf(
  db: Database,
  name: string,
  type: UnitType,
  options: { parentUnitId?: string; affiliationRequired?: boolean } = {},
) {
  const unit = await createUnit(db, name);
  return db.unit.update({
    where: { id: unit.id },
    data: {
      type,
      parentUnitId: options.parentUnitId ?? null,
      affiliationRequired: options.affiliationRequired ?? false,
    },
  });
}

/** A browser page signed in as the unit itself (R5's unit login), its session written directly. */
async function unitLoginPage(db: Database, unitId: string): Promise<Page> {
  const token = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "UNIT",
      unitId,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const context = await browser.newContext({ locale: "zh-CN" });
  await context.addCookies(sessionCookies(stack.url, token));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** The request's task, once its workflow opened it (the expiry is known from then on). */
async function taskOf(db: Database, requestId: string) {
  let task = null;
  await expect
    .poll(
      async () => {
        task = await db.humanTask.findFirst({ where: { requestId } });
        return task !== null;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return task!;
}

describe("the hierarchy in the console", () => {
  it("R13 R14 R25 R31 a handler requests affiliation on 单位基础信息管理 → 主管部门更改, the superior's handler approves it on its page, both pages show the chain", async () => {
    const db = stack.database.db;
    const hr = await unitOf(db, "贵阳市南明区人力资源和社会保障局（层级示例）", "HR_DEPARTMENT");
    const superior = await unitOf(db, "贵阳市南明区层级示例卫生健康局", "GOVERNMENT_AGENCY", {
      parentUnitId: hr.id,
    });
    const unit = await unitOf(db, "贵阳市南明区层级示例社区卫生服务中心", "PUBLIC_INSTITUTION", {
      affiliationRequired: true,
    });
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER", name: "钱经办" });
    const superiorHandler = await createPerson(db, {
      unitId: superior.id,
      role: "TITLE_HANDLER",
      name: "孙审核",
    });

    // R14: 单位基础信息管理 says the unit must be affiliated, and its link opens 主管部门更改.
    const page = await openAs(handler.id);
    await page.goto(`${stack.url}/sysconfig/unit-profile`);
    await page.getByTestId("affiliation-required").waitFor();
    await page.getByTestId("affiliation-required-start").click();
    await page.waitForURL((url) => url.pathname === `/sysconfig/unit-profile/${unit.id}`);
    await page.getByTestId("superior-change-dialog").waitFor();
    expect(await page.getByTestId("superior-current").textContent()).toBe("未关联上级单位");
    // R31: until it is affiliated, its title applications go to the HR department of its region,
    // shown after the unit as the implicit last node (the nearest: 南明区's oldest, e.g. this test's).
    const regional = await db.unit.findFirstOrThrow({
      where: { type: "HR_DEPARTMENT", status: "ACTIVE", regionCode: unit.regionCode },
      orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
    });
    const implicit = page.getByTestId("push-chain").locator(".ant-steps-item").nth(1);
    expect(await implicit.textContent()).toContain(regional.name);
    expect(await implicit.getByTestId("push-chain-implicit").textContent()).toBe("由所在地区人社部门接收");
    expect(await page.getByTestId("push-chain-incomplete").textContent()).toContain(
      `完成归口前，职称申报由所在地区人社部门“${regional.name}”接收`,
    );

    // 主管部门更改: the superior is found by its USCC, and by part of its name (a suggestion); choosing it
    // says what will happen.
    await page.getByTestId("superior-search").fill(superior.uscc!);
    await page.getByTestId(`superior-candidate-${superior.id}`).waitFor();
    await page.getByTestId("superior-search").fill("层级示例卫生健康");
    await page.getByTestId(`superior-candidate-${superior.id}`).click();
    const preview = await page.getByTestId("superior-change-preview").textContent();
    expect(preview).toContain(superior.name);
    expect(preview).toContain(superior.uscc!);
    await page.getByTestId("superior-change-confirm").click();

    // The open request: its number, and (once the workflow opened the superior's task) its expiry in China time.
    await page.getByTestId("affiliation-open-request").waitFor();
    const request = await db.affiliationRequest.findFirstOrThrow({ where: { unitId: unit.id } });
    expect(request.superiorUnitId).toBe(superior.id);
    expect(request.status).toBe("SUBMITTED");
    expect(await page.getByTestId("affiliation-open-number").textContent()).toBe(request.requestNumber);
    await taskOf(db, request.id);
    await page.reload();
    await expect
      .poll(() => page.getByTestId("affiliation-open-expires").textContent(), { timeout: 20_000 })
      .toContain("（北京时间）");
    // The superior stays as it was until the request is approved; no second request meanwhile.
    expect(await page.getByTestId("superior-current").textContent()).toBe("未关联上级单位");
    expect(await page.getByTestId("superior-change").isDisabled()).toBe(true);

    // The superior's handler: 查询并选择提交归口申请的单位 on its own page, the history, then 通过.
    const superiorPage = await openAs(superiorHandler.id);
    // 单位基础信息管理 counts it on the 归口申请审核 tab.
    await superiorPage.goto(`${stack.url}/sysconfig/unit-profile`);
    await expect
      .poll(() =>
        superiorPage.getByTestId("affiliation-incoming-count").locator(".ant-badge-count").textContent(),
      )
      .toBe("1");
    await superiorPage.goto(unitPage(superior.id));
    const incoming = superiorPage.getByTestId("affiliation-incoming-card");
    await incoming.getByTestId(`affiliation-approve-${request.id}`).waitFor();
    expect(await incoming.locator(`tr[data-row-key="${request.id}"]`).textContent()).toContain(unit.name);
    await incoming.getByTestId(`affiliation-history-${request.id}`).click();
    await superiorPage.locator('[data-testid="affiliation-history"] [data-kind="SUBMITTED"]').waitFor();
    await superiorPage.locator(".ant-drawer-close").click();
    await superiorPage.getByTestId("affiliation-history").waitFor({ state: "hidden" });
    await incoming.getByTestId(`affiliation-approve-${request.id}`).click();
    await superiorPage.getByTestId("affiliation-approve-confirm").click();
    await expect
      .poll(async () => (await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).parentUnitId, {
        timeout: 20_000,
      })
      .toBe(superior.id);
    expect((await db.affiliationRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "APPROVED",
    );

    // The superior's page: its chain up to the HR department, and the new unit among the units below it.
    await superiorPage.reload();
    const superiorChain = await superiorPage.getByTestId("push-chain").textContent();
    expect(superiorChain).toContain(superior.name);
    expect(superiorChain).toContain(hr.name);
    await superiorPage.getByTestId(`unit-tree-node-${unit.id}`).waitFor();
    await superiorPage.getByTestId("affiliation-incoming-state").getByText("已办结").click();
    await superiorPage
      .getByTestId("affiliation-incoming-closed")
      .locator(`tr[data-row-key="${request.id}"] [data-status="APPROVED"]`)
      .waitFor();

    // The superior's handler sees the subordinate's page, its chain linking up to the superior's page,
    // and why 主管部门更改 is not theirs to do there (the unit's own administrator or handlers do it).
    await superiorPage.goto(unitPage(unit.id));
    await superiorPage.getByTestId(`push-chain-link-${superior.id}`).waitFor();
    expect(await superiorPage.getByTestId("superior-change").isDisabled()).toBe(true);
    expect(await superiorPage.getByTestId("superior-why-not").textContent()).toContain(
      "主管部门更改由本单位的管理员或经办员",
    );

    // The subordinate unit's page: the new superior, the whole chain in order, no R14 banner any more.
    await page.reload();
    await expect.poll(() => page.getByTestId("superior-current").textContent()).toBe(superior.name);
    const chain = (await page.getByTestId("push-chain").textContent()) ?? "";
    expect(chain.indexOf(unit.name)).toBeLessThan(chain.indexOf(superior.name));
    expect(chain.indexOf(superior.name)).toBeLessThan(chain.indexOf(hr.name));
    expect(await page.getByTestId("push-chain-incomplete").count()).toBe(0);
    expect(await page.getByTestId("push-chain-implicit").count()).toBe(0);
    expect(await page.getByTestId("affiliation-required").count()).toBe(0);
    // The superior's page is not the handler's to open (R7: it is above the handler's unit): no link.
    expect(await page.getByTestId(`push-chain-link-${superior.id}`).count()).toBe(0);

    // R25: the requesting unit sees the request's history too, with who decided.
    await page.getByTestId("affiliation-requests-open").click();
    const outgoing = page.getByTestId("affiliation-outgoing-table");
    await outgoing.locator(`tr[data-row-key="${request.id}"] [data-status="APPROVED"]`).waitFor();
    await outgoing.getByTestId(`affiliation-history-${request.id}`).click();
    const approved = page.locator('[data-testid="affiliation-history"] [data-kind="APPROVED"]');
    await approved.waitFor();
    expect(await approved.textContent()).toContain(maskName("孙审核"));

    // 用户中心 → 我的申请 lists the affiliation request the handler made.
    await page.goto(`${stack.url}/user-center/requests`);
    const row = page.getByTestId("my-requests-table").locator(`tr[data-row-key="${request.id}"]`);
    await row.getByTestId(`my-requests-affiliation-${request.id}`).waitFor();
    expect(await row.locator('[data-status="APPROVED"]').count()).toBe(1);
    expect(await row.textContent()).toContain(request.requestNumber);
  });

  it("R13 R12 R25 the superior's administrator rejects a request in 审核工作台 with a reason; the unit asks again and withdraws; the unit login sees its chain and who makes the request", async () => {
    const db = stack.database.db;
    const hr = await unitOf(db, "贵阳市云岩区人力资源和社会保障局（层级示例）", "HR_DEPARTMENT");
    const superior = await unitOf(db, "贵阳市云岩区层级示例教育局", "GOVERNMENT_AGENCY", {
      parentUnitId: hr.id,
    });
    const unit = await unitOf(db, "贵阳市云岩区层级示例实验小学", "PUBLIC_INSTITUTION", {
      affiliationRequired: true,
    });
    await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "冯校长" });
    const handler = await createPerson(db, { unitId: unit.id, role: "TITLE_HANDLER", name: "陈经办" });
    const superiorAdmin = await createPerson(db, { unitId: superior.id, role: "UNIT_ADMIN", name: "褚局长" });

    // The request, made through the API as the console would make it.
    const session = await realPersonSession(db, handler.id);
    const submitted = await stack.app.request(`/api/units/${unit.id}/affiliation-requests`, {
      method: "POST",
      headers: session.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ superiorUnitId: superior.id, submissionId: crypto.randomUUID() }),
    });
    expect(submitted.status).toBe(201);
    const { data: request } = (await submitted.json()) as { data: { id: string; requestNumber: string } };
    const task = await taskOf(db, request.id);

    // 审核工作台: the task names the applicant and the change of superior; 不通过 needs the reason.
    const page = await openAs(superiorAdmin.id);
    await page.goto(`${stack.url}/workbench/tasks/${task.id}`);
    const units = await page.getByTestId("task-affiliation-units").textContent();
    expect(units).toContain("未关联上级单位");
    expect(units).toContain(superior.name);
    await page.getByTestId("task-reject").click();
    await page.getByText("不通过时必须填写审核意见").waitFor();
    await page.getByTestId("task-reason").fill("该校隶属区教育局直属学校名单之外，请向所属主管部门申请");
    await confirmDecision(page, "task-reject");
    await expect
      .poll(
        async () => (await db.affiliationRequest.findUniqueOrThrow({ where: { id: request.id } })).status,
        {
          timeout: 20_000,
        },
      )
      .toBe("REJECTED");
    expect((await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).parentUnitId).toBeNull();

    // The handler sees the outcome with the reason, asks again and withdraws that request (撤回).
    const handlerPage = await openAs(handler.id);
    await handlerPage.goto(unitPage(unit.id));
    await handlerPage.getByTestId("affiliation-requests-open").click();
    await handlerPage
      .getByTestId("affiliation-outgoing-table")
      .locator(`tr[data-row-key="${request.id}"] [data-status="REJECTED"]`)
      .waitFor();
    await handlerPage.locator(".ant-drawer-close").click();
    await handlerPage.getByTestId("superior-change").click();
    await handlerPage.getByTestId("superior-search").fill(superior.uscc!);
    await handlerPage.getByTestId(`superior-candidate-${superior.id}`).click();
    await handlerPage.getByTestId("superior-change-confirm").click();
    await handlerPage.getByTestId("affiliation-open-request").waitFor();
    await handlerPage.getByTestId("affiliation-withdraw").click();
    await handlerPage.getByTestId("affiliation-withdraw-reason").fill("主管部门选择有误");
    await handlerPage.getByTestId("affiliation-withdraw-confirm").click();
    await expect
      .poll(
        async () =>
          (
            await db.affiliationRequest.findFirst({
              where: { unitId: unit.id, id: { not: request.id } },
            })
          )?.status,
        { timeout: 20_000 },
      )
      .toBe("WITHDRAWN");
    await handlerPage.getByTestId("affiliation-open-request").waitFor({ state: "detached" });
    expect(await handlerPage.getByTestId("superior-change").isEnabled()).toBe(true);

    // The unit login (R6): the R14 banner says who makes the request; the chain shows the unit alone.
    const unitLogin = await unitLoginPage(db, unit.id);
    await unitLogin.goto(`${stack.url}/sysconfig/unit-profile`);
    const banner = (await unitLogin.getByTestId("affiliation-required").textContent()) ?? "";
    expect(banner).toContain("管理员或经办员");
    // The unit's own profile names its administrator (as its facts do).
    expect(banner).toContain("本单位管理员：冯校长");
    await unitLogin.getByTestId("push-chain").waitFor();
    expect(await unitLogin.getByTestId(`push-chain-node-${unit.id}`).count()).toBe(1);
    expect(await unitLogin.getByTestId("push-chain-incomplete").textContent()).toContain("尚未关联上级单位");
    // The unit login cannot make the request (R13: a real person of the unit does).
    expect(await unitLogin.getByTestId("superior-change").count()).toBe(0);
    expect(await unitLogin.getByTestId("affiliation-required-start").count()).toBe(0);
  });

  it("R7 R8 R11 the tree of units under mine is searched with paths and counts; 新增下级单位 is disabled outside a trusted network", async () => {
    const db = stack.database.db;
    const root = await unitOf(db, "贵州省层级示例医院集团", "PUBLIC_INSTITUTION");
    const middle = await unitOf(db, "贵州省层级示例医院集团第一分院", "PUBLIC_INSTITUTION", {
      parentUnitId: root.id,
    });
    const deep = await unitOf(db, "贵州省层级示例医院集团第一分院康复科室", "PUBLIC_INSTITUTION", {
      parentUnitId: middle.id,
    });
    const admin = await createPerson(db, { unitId: root.id, role: "UNIT_ADMIN", name: "卫院长" });
    await createPerson(db, { unitId: deep.id, name: "蒋医生" });
    await createPerson(db, { unitId: deep.id, name: "沈护士" });

    const page = await openAs(admin.id);
    await page.goto(`${stack.url}/sysconfig/unit-profile?tab=tree`);

    // Lazily loaded: the first level, then the next one when the node is opened, with its counts.
    await page.getByTestId(`unit-tree-node-${middle.id}`).waitFor();
    expect(await page.getByTestId(`unit-tree-node-${deep.id}`).count()).toBe(0);
    await page
      .locator(".ant-tree-treenode", { has: page.getByTestId(`unit-tree-node-${middle.id}`) })
      .locator(".ant-tree-switcher")
      .click();
    await page.getByTestId(`unit-tree-node-${deep.id}`).waitFor();
    expect(await page.getByTestId(`unit-tree-accounts-${deep.id}`).getAttribute("data-count")).toBe("2");
    expect(await page.getByTestId(`unit-tree-tasks-${deep.id}`).getAttribute("data-count")).toBe("0");

    // Searched by part of the name: the match with the path from my unit down to it.
    await page.getByTestId("unit-tree-q").fill("康复科室");
    await page.getByTestId("unit-tree-q").press("Enter");
    const path = page.getByTestId(`unit-tree-path-${deep.id}`);
    await path.waitFor();
    const pathText = (await path.textContent()) ?? "";
    expect(pathText.indexOf(root.name)).toBeLessThan(pathText.indexOf(middle.name));
    expect(pathText).toContain(middle.name);
    // By USCC too.
    await page.getByTestId("unit-tree-q").fill(middle.uscc!);
    await page.getByTestId("unit-tree-q").press("Enter");
    await page.getByTestId(`unit-tree-path-${middle.id}`).waitFor();
    expect(await page.getByTestId(`unit-tree-path-${deep.id}`).count()).toBe(0);

    // R11: from this (untrusted) network 新增下级单位 is disabled, and the note says from where it works.
    const create = page.getByTestId("subordinate-create");
    await create.waitFor();
    expect(await create.isDisabled()).toBe(true);
    const note = page.getByTestId("subordinate-create-note");
    expect(await note.getAttribute("data-reason")).toBe("UNTRUSTED_NETWORK");
    const noteText = await note.textContent();
    expect(noteText).toContain("政务外网或人社内网");
    expect(noteText).toContain("127.0.0.1");

    // R8 path b: a unit below without an administrator links to its page's 更换管理员.
    await page.getByTestId("unit-tree-q").fill("");
    await page.getByTestId("unit-tree-q").press("Enter");
    await page.getByTestId(`unit-tree-designate-${middle.id}`).click();
    await page.waitForURL((url) => url.pathname === `/sysconfig/unit-profile/${middle.id}`);
    await page.getByTestId("succession-idNumber").waitFor();
  });
});
