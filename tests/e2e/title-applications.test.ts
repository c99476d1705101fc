// 职称申报 on the push chain end to end in headless Chromium (R31): an applicant opens one on
// 职称评审子系统 → 职称申报 and sees its path; the unit's handler reads the facts in the workbench and
// presses 推送上级; the next unit changes its superior meanwhile, so the application goes to the new
// superior, whose handler 退回 with a reason; the applicant's page shows every node (pushed, skipped,
// returned with the reason), the chain change and the history, in China time; 我的申请 lists it too.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitType } from "../../prisma/generated/client.js";
import { TITLE_APPLICATION_TASK_KIND } from "../../workflows/contracts.js";
import { confirmDecision, launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
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

async function unitUnder(name: string, parentUnitId: string | null, type: UnitType = "PUBLIC_INSTITUTION") {
  const db = stack.database.db;
  const unit = await createUnit(db, name);
  return db.unit.update({ where: { id: unit.id }, data: { parentUnitId, type } });
}

async function taskAt(applicationId: string, step: number) {
  const db = stack.database.db;
  const where = { requestId: applicationId, kind: TITLE_APPLICATION_TASK_KIND, step };
  await expect.poll(() => db.humanTask.count({ where }), { timeout: 15_000 }).toBe(1);
  return db.humanTask.findFirstOrThrow({ where });
}

describe("职称申报 in the console", () => {
  it("R31 an application goes up the chain: 推送上级 in the workbench, a changed superior, 退回 with a reason; the applicant sees the path", async () => {
    const db = stack.database.db;
    const hr = await unitUnder("贵州省推送示例人力资源和社会保障厅", null, "HR_DEPARTMENT");
    const upper = await unitUnder("贵阳市推送示例教育局", hr.id);
    const newUpper = await unitUnder("贵阳市推送示例卫生健康局", hr.id);
    const bottom = await unitUnder("贵阳市推送示例第一中学", upper.id);
    const applicant = await createPerson(db, { unitId: bottom.id, name: "赵明远" });
    const bottomHandler = await createPerson(db, { unitId: bottom.id, role: "TITLE_HANDLER", name: "钱立" });
    const upperHandler = await createPerson(db, { unitId: upper.id, role: "TITLE_HANDLER" });
    const newUpperHandler = await createPerson(db, {
      unitId: newUpper.id,
      role: "TITLE_HANDLER",
      name: "孙红",
    });

    // The applicant opens it: the path is the chain of the unit, the first node has it.
    const page = await signedInPage(browser, stack, applicant.id);
    await page.goto(`${stack.url}/title-review/title-applications`);
    await page.getByTestId("title-application-open").click();
    await page.getByTestId("title-application-open-confirm").click();
    const table = page.getByTestId("title-applications-table");
    await table.getByTestId("title-application-status").waitFor();
    const application = await db.titleApplication.findFirstOrThrow({ where: { personId: applicant.id } });
    expect(await table.textContent()).toContain(application.requestNumber!);
    const progress = page.getByTestId(`title-application-progress-${application.id}`);
    const steps = progress.getByTestId("title-application-step");
    await expect.poll(() => steps.count()).toBe(3);
    expect(await steps.allTextContents()).toEqual([bottom.name, upper.name, hr.name]);
    await expect.poll(() => progress.textContent()).toContain("申报在此环节");

    // The unit's handler: the facts and the path in the workbench, 推送上级.
    const first = await taskAt(application.id, 0);
    const handlerPage = await signedInPage(browser, stack, bottomHandler.id);
    await handlerPage.goto(`${stack.url}/workbench/tasks/${first.id}`);
    const facts = handlerPage.getByTestId("task-title-application");
    await facts.waitFor();
    expect(await facts.textContent()).toContain(application.requestNumber!);
    expect(await facts.textContent()).toContain("赵*");
    expect(await facts.textContent()).not.toContain("赵明远");
    const approve = handlerPage.getByTestId("task-approve");
    expect(await approve.textContent()).toContain("推送上级");
    expect(await handlerPage.getByTestId("task-reject").textContent()).toContain("退回");
    await confirmDecision(handlerPage, "task-approve");
    await expect
      .poll(
        async () =>
          (await db.titleApplication.findUniqueOrThrow({ where: { id: application.id } })).currentUnitId,
      )
      .toBe(upper.id);

    // The next unit changes its superior (an approved affiliation request, R13), then pushes it.
    await db.$transaction(async (tx) => {
      await tx.hierarchyLock.upsert({ where: { id: 1 }, update: { version: { increment: 1 } }, create: {} });
      await tx.unit.update({ where: { id: upper.id }, data: { parentUnitId: newUpper.id } });
    });
    const pushed = await postJson(
      stack.app,
      `/api/title-applications/${application.id}/decision`,
      { decision: "PUSH" },
      (await realPersonSession(db, upperHandler.id)).headers(),
    );
    expect(pushed.status).toBe(200);

    // The new superior's handler returns it with a reason.
    const third = await taskAt(application.id, 3);
    expect(third.unitId).toBe(newUpper.id);
    const newUpperPage = await signedInPage(browser, stack, newUpperHandler.id);
    await newUpperPage.goto(`${stack.url}/workbench/tasks/${third.id}`);
    await newUpperPage.getByTestId("task-title-application").waitFor();
    await newUpperPage.getByTestId("task-reject").click();
    await newUpperPage.getByText("退回时必须填写退回原因").waitFor();
    await newUpperPage.getByTestId("task-reason").fill("缺少近五年业绩材料");
    await confirmDecision(newUpperPage, "task-reject");
    await expect
      .poll(
        async () => (await db.titleApplication.findUniqueOrThrow({ where: { id: application.id } })).status,
      )
      .toBe("RETURNED");

    // The applicant's page: returned, every node of the path, the chain change and the history.
    await page.reload();
    await expect
      .poll(() => table.getByTestId("title-application-status").getAttribute("data-status"))
      .toBe("RETURNED");
    await expect.poll(() => steps.count()).toBe(5);
    const statuses = await steps.evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
    expect(statuses).toEqual(["ACCEPTED", "ACCEPTED", "SKIPPED", "RETURNED", "PENDING"]);
    // The node it never reached says so (not "waiting"): the application is closed.
    expect(await progress.locator(".ant-steps-item").nth(4).textContent()).toContain(
      "申报已结束，未推送至此单位",
    );
    expect(await steps.allTextContents()).toEqual([bottom.name, upper.name, hr.name, newUpper.name, hr.name]);
    expect(await progress.getByTestId("title-application-return-reason").textContent()).toContain(
      "缺少近五年业绩材料",
    );
    const change = progress.getByTestId("title-application-chain-changed");
    expect(await change.textContent()).toContain(`改为推送至“${newUpper.name}”`);
    expect(await progress.textContent()).toContain("单位经办员 孙*");
    expect(await progress.textContent()).toContain("推送路径变更");
    // Times are China time, labelled.
    expect(await progress.textContent()).toContain("（北京时间）");
    expect(await page.getByTestId(`title-application-withdraw-${application.id}`).count()).toBe(0);

    // R25: 用户中心 → 我的申请 lists it among the person's requests (职称申报, its number, returned with
    // the reason), its path and history when opened, and a link to 职称申报.
    await page.goto(`${stack.url}/user-center/requests`);
    const row = page.getByTestId("my-requests-table").locator(`tr[data-row-key="${application.id}"]`);
    await row.getByTestId(`my-requests-title-application-${application.id}`).waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain("职称申报");
    expect(rowText).toContain(application.requestNumber!);
    expect(rowText).toContain("缺少近五年业绩材料");
    expect(await row.getByTestId("title-application-status").getAttribute("data-status")).toBe("RETURNED");
    await row.locator(".ant-table-row-expand-icon").click();
    const expanded = page.getByTestId("my-requests-history");
    await expanded.getByTestId("title-application-path").waitFor();
    expect(await expanded.getByTestId("title-application-step").allTextContents()).toEqual([
      bottom.name,
      upper.name,
      hr.name,
      newUpper.name,
      hr.name,
    ]);
    await row.getByTestId(`my-requests-open-${application.id}`).click();
    await page.waitForURL((url) => url.pathname === "/title-review/title-applications");
  });
});
