// Issue 12 items 1 and 2 in headless Chromium: a reviewer reads the registry comparison at a glance
// (一致 on every agreeing row, the USCC's too; the characters that differ highlighted; the materials
// beside the comparison at 1440 px, below it on a 390 px phone), chooses on approval, field by field,
// the registry's value or the applicant's (R30), and the applicant's status page then says what was
// registered and the reviewer's note, without the mismatch warning.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegistryFixtures } from "../../lib/ports/business-registry.js";
import { makeIdNumber, makeUscc } from "../../prisma/seed/seed.js";
import { confirmDecision, launchBrowser, signedInPage } from "../support/browser.js";
import { realPersonSession } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
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

const fixture = (uscc: string) => loadRegistryFixtures().find((r) => r.uscc === uscc)!;

/** Submits a registration through the API and waits until its review task is open; returns both. */
async function inReview(facts: Record<string, string>) {
  const response = await postJson(stack.app, "/api/registrations", await registrationBody(stack.app, facts));
  expect(response.status, await response.clone().text()).toBe(201);
  const { requestNumber } = (await response.json()).data;
  const registration = await stack.database.db.unitRegistration.findUniqueOrThrow({
    where: { requestNumber },
  });
  await expect
    .poll(
      () => stack.database.db.humanTask.findFirst({ where: { requestId: registration.id, status: "OPEN" } }),
      {
        timeout: 20_000,
      },
    )
    .not.toBeNull();
  const task = await stack.database.db.humanTask.findFirstOrThrow({ where: { requestId: registration.id } });
  return { registration, task };
}

const reviewer = () => stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;

/** The reviewer's task page at the given viewport, the task claimed first (whatever the claim rule). */
async function taskPage(
  taskId: string,
  viewport: { width: number; height: number },
  beforeOpening?: (page: Page) => Promise<unknown>,
) {
  const reviewerId = (
    await stack.database.db.person.findUniqueOrThrow({ where: { idNumber: reviewer().idNumber } })
  ).id;
  const session = await realPersonSession(stack.database.db, reviewerId);
  const claimed = await postJson(stack.app, `/api/tasks/${taskId}/claim`, {}, session.headers());
  expect(claimed.status, await claimed.clone().text()).toBe(200);
  const page = await signedInPage(browser, stack, reviewerId);
  await page.setViewportSize(viewport);
  await beforeOpening?.(page);
  await page.goto(`${stack.url}/workbench/tasks/${taskId}`);
  await page.getByTestId("registry-comparison").waitFor();
  return page;
}

/** A fact's row of the comparison: a table row, or on a phone a block of the list. */
const row = (page: Page, field: string) =>
  page.getByTestId("registry-comparison").locator(`[data-field="${field}"]`);
const marks = (page: Page, field: string) => row(page, field).getByTestId("fact-diff-mark").allTextContents();

async function box(page: Page, testId: string) {
  const found = await page.getByTestId(testId).first().boundingBox();
  expect(found, testId).not.toBeNull();
  return found!;
}

describe("issue 12 verified facts in the console", () => {
  it("issue 12.2: the comparison marks 一致 (the USCC too), highlights 叶/业 and 平/萍, and shows the materials beside it at 1440 px and below it at 390 px", async () => {
    const tea = fixture("91520602MA6RXA4Q83");
    const { task } = await inReview({
      uscc: tea.uscc,
      unitName: "铜仁梵净示例茶叶有限公司",
      legalRepName: "田丽平",
      legalRepIdNumber: tea.legalRepIdNumber,
      regionCode: tea.regionCode,
      contactMobile: "13600012001",
    });
    const page = await taskPage(task.id, { width: 1440, height: 900 });

    for (const [field, result] of [
      ["unitName", "mismatch"],
      ["uscc", "match"],
      ["legalRepName", "mismatch"],
      ["legalRepIdNumber", "match"],
    ] as const) {
      await expect.poll(() => row(page, field).getAttribute("data-result")).toBe(result);
      expect(await row(page, field).getByTestId("comparison-result").textContent()).toBe(
        result === "match" ? "一致" : "不一致",
      );
    }
    // The differing characters, on both sides: the applicant's 叶 and the registry's 业.
    expect(await marks(page, "unitName")).toEqual(["叶", "业"]);
    expect(await marks(page, "legalRepName")).toEqual(["平", "萍"]);
    expect(await marks(page, "uscc")).toEqual([]);
    expect(await row(page, "unitName").textContent()).toContain("铜仁梵净示例茶叶有限公司");
    expect(await row(page, "unitName").textContent()).toContain("铜仁梵净示例茶业有限公司");

    // 1440 px: the materials beside the comparison, their tops level.
    await page.getByTestId("task-material-pdf").waitFor();
    const comparison = await box(page, "registry-comparison");
    const materials = await box(page, "task-materials");
    expect(materials.x).toBeGreaterThan(comparison.x + comparison.width);
    expect(materials.y).toBeLessThan(comparison.y + comparison.height);

    // 390 px: stacked, the comparison first, as a list (each mark beside its label).
    await page.setViewportSize({ width: 390, height: 844 });
    const gapBelowComparison = async () => {
      const comparisonBox = await box(page, "registry-comparison");
      return (await box(page, "task-materials")).y - (comparisonBox.y + comparisonBox.height);
    };
    await expect.poll(gapBelowComparison).toBeGreaterThan(0);
    await page.getByTestId("registry-comparison-list").waitFor();
    expect(await row(page, "uscc").getByTestId("comparison-result").textContent()).toBe("一致");
    // Nothing of the comparison sticks out of the phone's screen (codes and names wrap).
    const narrow = await box(page, "registry-comparison");
    expect(narrow.x + narrow.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await marks(page, "unitName")).toEqual(["叶", "业"]);
    await page.context().close();
  });

  it("issue 12.1: on approval the reviewer takes the registry's unit name and keeps the applicant's legal representative; the status page's mismatch warning, shown while in review, then gives way to what was registered and the note", async () => {
    const duyun = fixture("915227015789406059");
    const applicant = {
      uscc: duyun.uscc,
      unitName: "都匀毛尖示例茶业有限责任公司",
      legalRepName: "莫振军",
      legalRepIdNumber: duyun.legalRepIdNumber,
      regionCode: duyun.regionCode,
      contactMobile: "13600012002",
    };
    const { registration, task } = await inReview(applicant);

    // The applicant's status page while the request is in review, opened with the request number and
    // the SMS code: the mismatch warning names the differing facts (it goes once approved, below).
    const context = await browser.newContext({ locale: "zh-CN" });
    const status = await context.newPage();
    status.setDefaultTimeout(15_000);
    await status.goto(`${stack.url}/registration-status?requestNumber=${registration.requestNumber}`);
    await status.getByTestId("status-contact-mobile").fill(applicant.contactMobile);
    await status.getByTestId("status-send-code").click();
    await expect
      .poll(() =>
        stack.database.db.smsMessage.count({
          where: { mobile: applicant.contactMobile, template: "VERIFICATION_CODE" },
        }),
      )
      .toBeGreaterThan(0);
    const sms = await stack.database.db.smsMessage.findFirstOrThrow({
      where: { mobile: applicant.contactMobile, template: "VERIFICATION_CODE" },
      orderBy: { createdAt: "desc" },
    });
    await status.getByTestId("status-code").fill(/验证码为(\d{6})/.exec(sms.body)![1]!);
    await status.getByTestId("status-submit").click();
    expect(await status.getByTestId("status-mismatch").textContent()).toContain(
      "以下信息与市场监管部门登记的数据不一致：单位名称",
    );
    expect(await status.getByTestId("registered-facts").count()).toBe(0);

    const page = await taskPage(task.id, { width: 1440, height: 900 });

    // The registry's value preselected on both differing fields; the ID number agrees, nothing to choose.
    // The test id is on the radio's input; the option's text is in its label.
    const choice = (field: string, source: string) => page.getByTestId(`fact-choice-${field}-${source}`);
    const option = (field: string, source: string) =>
      page.locator("label.ant-radio-wrapper", { has: choice(field, source) });
    await page.getByTestId("fact-choices").waitFor();
    expect(await choice("unitName", "REGISTRY").isChecked()).toBe(true);
    expect(await choice("legalRepName", "REGISTRY").isChecked()).toBe(true);
    expect(await page.getByTestId("fact-choice-legalRepIdNumber").count()).toBe(0);
    expect(await option("unitName", "APPLICANT").getByTestId("fact-diff-mark").allTextContents()).toEqual([
      "业",
    ]);
    expect(await option("unitName", "REGISTRY").getByTestId("fact-diff-mark").allTextContents()).toEqual([
      "叶",
    ]);

    await option("legalRepName", "APPLICANT").click();
    expect(await choice("legalRepName", "APPLICANT").isChecked()).toBe(true);
    await page.getByTestId("task-reason").fill("单位名称以营业执照为准；法定代表人经电话核实为莫振军");
    await page.getByTestId("task-approve").click();
    const summary = page.getByTestId("fact-choice-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      "将登记为：单位名称“都匀毛尖示例茶叶有限责任公司”；法定代表人姓名“莫振军”。",
    );
    await confirmDecision(page, "task-approve", { alreadyOpen: true });
    await expect
      .poll(async () => (await stack.database.db.unit.findUnique({ where: { uscc: duyun.uscc } }))?.name, {
        timeout: 15_000,
      })
      .toBe("都匀毛尖示例茶叶有限责任公司");
    expect(await stack.database.db.unit.findUniqueOrThrow({ where: { uscc: duyun.uscc } })).toMatchObject({
      legalRepName: "莫振军",
    });
    await page.context().close();

    // The applicant's status page, refreshed once the approval is in the history (R25): what was
    // registered, and the warning gone.
    await expect
      .poll(() =>
        stack.database.db.requestEvent.count({ where: { requestId: registration.id, kind: "APPROVED" } }),
      )
      .toBe(1);
    await status.getByTestId("status-refresh").click();
    await status.getByTestId("registered-facts").waitFor();

    expect(await status.getByTestId("status-mismatch").count()).toBe(0);
    expect(await status.getByTestId("registered-facts-note").textContent()).toContain(
      "审核时已按市场监管部门登记信息核定单位名称",
    );
    const fact = (field: string) => status.locator(`[data-testid="registered-fact"][data-field="${field}"]`);
    expect(await fact("unitName").getByTestId("registered-fact-value").textContent()).toBe(
      "都匀毛尖示例茶叶有限责任公司",
    );
    expect(await fact("unitName").getByTestId("registered-fact-source").textContent()).toBe(
      "按市场监管登记信息",
    );
    expect(await fact("legalRepName").getByTestId("registered-fact-value").textContent()).toBe("莫振军");
    expect(await fact("legalRepName").getByTestId("registered-fact-source").textContent()).toBe(
      "按申请填报信息",
    );
    expect(await fact("legalRepIdNumber").getByTestId("registered-fact-value").textContent()).toBe(
      "522601********8752",
    );
    expect(await status.getByTestId("status-decision-reason").textContent()).toBe(
      "单位名称以营业执照为准；法定代表人经电话核实为莫振军",
    );
    expect(await status.getByTestId("status-facts").textContent()).toContain("都匀毛尖示例茶叶有限责任公司");
    // R25: the history's approval names the reviewer, the note and the choice.
    const approved = status.locator('[data-testid="history-item"][data-kind="APPROVED"]');
    const approvedText = await approved.textContent();
    expect(approvedText).toContain("平台审核员");
    expect(approvedText).toContain("审核意见：单位名称以营业执照为准");
    expect(approvedText).toContain("登记采用：单位名称按市场监管登记信息、法定代表人姓名按申请填报信息");
    // The approval SMS says the same.
    const approvalSms = await stack.database.db.smsMessage.findFirstOrThrow({
      where: { mobile: applicant.contactMobile, template: "REGISTRATION_APPROVED" },
    });
    expect(approvalSms.body).toContain("登记的单位名称：都匀毛尖示例茶叶有限责任公司；法定代表人：莫振军。");
    await context.close();
  });

  it("issue 12.2: the PDF preview loading while the reviewer types the reason does not take the typing (Chromium's viewer grabs the focus once loaded)", async () => {
    const { task } = await inReview({
      uscc: makeUscc("91", "520102", "QF000012"),
      unitName: "贵阳预览焦点示例有限公司",
      legalRepName: "杨焦点",
      legalRepIdNumber: makeIdNumber("520102", "19820304", 517),
      regionCode: "520102",
      contactMobile: "13600012004",
    });
    // The materials are held until the reason box has the focus, as on a slow connection.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const page = await taskPage(task.id, { width: 1440, height: 900 }, (page) =>
      page.route("**/api/uploads/*/content", async (route) => {
        await held;
        await route.continue();
      }),
    );
    const reason = page.getByTestId("task-reason");
    await reason.click();
    await page.evaluate(() => {
      window.addEventListener("blur", () => document.body.setAttribute("data-window-blurred", ""));
    });
    release();
    // The viewer took the focus (the page's window lost it); the console gave it back to the reason.
    await page.locator("body[data-window-blurred]").waitFor({ state: "attached", timeout: 20_000 });
    await expect.poll(() => reason.evaluate((box) => box === document.activeElement)).toBe(true);
    await page.keyboard.type("营业执照已核对");
    expect(await reason.inputValue()).toBe("营业执照已核对");
    await page.context().close();
  });

  it("issue 12.1: without a registry record the panel says the applicant's values are the only choice", async () => {
    const { task } = await inReview({
      uscc: makeUscc("91", "520102", "QF000011"),
      unitName: "贵阳核定示例无登记有限公司",
      legalRepName: "杨无记",
      legalRepIdNumber: makeIdNumber("520102", "19810203", 412),
      regionCode: "520102",
      contactMobile: "13600012003",
    });
    const page = await taskPage(task.id, { width: 1440, height: 900 });
    const note = page.getByTestId("fact-choice-applicant-only");
    await note.waitFor();
    expect(await note.textContent()).toContain("通过时只能按申请填报的信息登记");
    expect(await page.getByTestId("fact-choices").count()).toBe(0);
    // No record: no row is marked 一致 or 不一致.
    expect(await page.getByTestId("comparison-result").count()).toBe(0);
    await page.context().close();
  });
});
