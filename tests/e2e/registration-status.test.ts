// Issue 13 item 4 in headless Chromium: the registration status page refuses a mistyped request number
// on its field as it is typed, answers a number and mobile that do not belong together without locking
// the send button, and starts the 60-second countdown only once a code was sent.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUscc } from "../../prisma/seed/seed.js";
import { launchBrowser } from "../support/browser.js";
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

const REQUEST_NUMBER = "DW20261127000042";
const MOBILE = "13688880042";

async function storedRegistration() {
  await stack.database.db.unitRegistration.create({
    data: {
      submissionId: crypto.randomUUID(),
      requestNumber: REQUEST_NUMBER,
      uscc: makeUscc("91", "520102", "QF000042"),
      unitName: "贵阳进度查询示例有限公司",
      unitType: "ENTERPRISE",
      regionCode: "520102",
      legalRepName: "杨查询",
      legalRepIdNumber: "520112197103087933",
      contactName: "张联系",
      contactMobile: MOBILE,
      passwordHash: "x",
      businessLicenceUploadId: "a",
      authorizationLetterUploadId: "b",
      workflowId: "UnitRegistration:status-page-test",
      status: "IN_MANUAL_REVIEW",
    },
  });
}

const fieldError = (page: Page, testId: string) =>
  page
    .locator(".ant-form-item", { has: page.getByTestId(testId) })
    .locator(".ant-form-item-explain-error")
    .first();

describe("issue 13.4: the registration status page", () => {
  it("issue 13.4: a mistyped request number is refused on its field at once; a number and mobile that do not belong together leave the send button ready; the countdown starts only when a code was sent", async () => {
    await storedRegistration();
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.url}/registration-status`);
    const number = page.getByTestId("status-request-number");
    const send = page.getByTestId("status-send-code");

    // A digit left out: the field says so while typing, before anything is sent.
    await number.fill("DW2026112700042");
    await fieldError(page, "status-request-number").waitFor();
    expect(await fieldError(page, "status-request-number").textContent()).toContain("申请编号格式不正确");
    await number.fill("BD20261127000042");
    await expect.poll(() => fieldError(page, "status-request-number").textContent()).toContain("以 DW 开头");
    await number.fill("DW20261131000042");
    await expect.poll(() => fieldError(page, "status-request-number").textContent()).toContain("日期");

    // Well-formed, but not this registration's mobile: one answer, no code, the button ready at once.
    await number.fill(REQUEST_NUMBER.replace("42", "43"));
    await page.getByTestId("status-contact-mobile").fill(MOBILE);
    await send.click();
    await expect
      .poll(() => fieldError(page, "status-request-number").textContent())
      .toContain("没有申请编号和联系人手机号都与之一致的单位注册申请");
    expect(await send.isEnabled()).toBe(true);
    expect(await send.textContent()).not.toMatch(/\d+\s*秒/);
    expect(await stack.database.db.smsMessage.count({ where: { mobile: MOBILE } })).toBe(0);

    // Both right: the code is sent, and only now does the countdown lock the button.
    await number.fill(REQUEST_NUMBER);
    await send.click();
    await expect.poll(() => send.isDisabled()).toBe(true);
    expect(await send.textContent()).toMatch(/\d+/);
    expect(await stack.database.db.smsMessage.count({ where: { mobile: MOBILE } })).toBe(1);
    const sms = await stack.database.db.smsMessage.findFirstOrThrow({ where: { mobile: MOBILE } });
    await page.getByTestId("status-code").fill(/验证码为(\d{6})/.exec(sms.body)![1]!);
    await page.getByTestId("status-submit").click();
    await page.getByTestId("status-facts").waitFor();
    await context.close();
  });
});
