// Issue 12 item 5 in headless Chromium: the legal representative knows what the face check
// authorises. The computer page an SMS link opens and the phone page (the simulated mobile app)
// name the unit, the request number and the purpose before the check and the outcome after it; a
// link with the old SMS's text glued on ("，7天内有效") opens the right check; the remaining time
// reads as days and hours; polling stops on a final answer, and on a link that is not ours.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";
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

/** Registry records whose facts match (lib/ports/business-registry.fixtures.json): straight to R3. */
const UNITS = {
  zunyi: {
    uscc: "915203827910316465",
    unitName: "遵义赤水河示例酒业有限公司",
    legalRepName: "周德明",
    legalRepIdNumber: "520103197907130857",
    regionCode: "520382",
    legalRepMobile: "13600012001",
    contactMobile: "13600012002",
  },
  anshun: {
    uscc: "91520402MA6KBJAYX1",
    unitName: "安顺黄果树示例旅游开发有限公司",
    legalRepName: "吴秀英",
    legalRepIdNumber: "520201197110156825",
    regionCode: "520402",
    legalRepMobile: "13600012003",
    contactMobile: "13600012004",
  },
};

/** Registers a unit through the API; answers its request number and the link its legal rep's SMS carries. */
async function registerAndReadSmsLink(unit: (typeof UNITS)[keyof typeof UNITS]) {
  const submitted = await postJson(stack.app, "/api/registrations", await registrationBody(stack.app, unit));
  expect(submitted.status).toBe(201);
  const { data } = (await submitted.json()) as { data: { requestNumber: string } };
  await expect
    .poll(
      () =>
        stack.database.db.smsMessage.count({
          where: { mobile: unit.legalRepMobile, template: "LEGAL_REP_FACE_CHECK" },
        }),
      { timeout: 20_000 },
    )
    .toBe(1);
  const sms = await stack.database.db.smsMessage.findFirstOrThrow({
    where: { mobile: unit.legalRepMobile, template: "LEGAL_REP_FACE_CHECK" },
  });
  // The link ends the text: a phone's linkifier, which runs to the first white space, takes it whole.
  const link = /https?:\/\/\S+/.exec(sms.body)![0];
  expect(sms.body.endsWith(link)).toBe(true);
  expect(link).toMatch(/\/face-check\/[\w-]{32}$/);
  return { requestNumber: data.requestNumber, link, token: link.split("/").pop()! };
}

/** Counts the page's reads of face checks from now on. */
function countCheckReads(page: Page) {
  const reads: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/real-person-checks/")) reads.push(request.url());
  });
  return reads;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe("issue 12.5: the face-check pages say what the check authorises", () => {
  it("issue 12.5: an SMS link with '，7天内有效' attached opens the right check, naming unit, request and purpose; both pages then show the outcome and polling stops", async () => {
    const unit = UNITS.zunyi;
    const { requestNumber, link, token } = await registerAndReadSmsLink(unit);
    const computer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const reads = countCheckReads(computer);
    await computer.goto(`${link}，7天内有效。`);

    // Before the check: the unit, the request, the purpose, and days and hours left.
    await computer.getByTestId("face-check-authorises").waitFor();
    expect(await text(computer, "check-unit-name")).toBe(unit.unitName);
    expect(await text(computer, "check-request-number")).toBe(requestNumber);
    expect(await text(computer, "check-purpose")).toBe("单位注册 — 法定代表人确认");
    expect(await text(computer, "face-check-time-left")).toMatch(/^(7天|6天23小时)$/);
    // The address bar shows the clean link, and the API was asked for the token alone.
    expect(computer.url()).toBe(link);
    expect(reads.every((url) => url.endsWith(`/api/real-person-checks/${token}`))).toBe(true);

    // The phone (the simulated mobile app) opens what the QR code carries, here with a full stop glued on.
    const qrTarget = (await computer.getByTestId("face-check-qr").getAttribute("data-url"))!;
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${qrTarget}。`);
    expect(await phone.getByTestId("mobile-check-purpose").textContent()).toBe("单位注册 — 法定代表人确认");
    expect(await text(phone, "check-unit-name")).toBe(unit.unitName);
    expect(await text(phone, "check-request-number")).toBe(requestNumber);
    expect(await text(phone, "mobile-check-time-left")).toMatch(/^(7天|6天23小时)$/);
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-pass").click();

    // After: the outcome and what happens next, naming the unit and the request.
    await expect.poll(() => phone.getByTestId("mobile-result").getAttribute("data-outcome")).toBe("passed");
    expect(await text(phone, "check-outcome-next")).toContain(
      `${unit.unitName}的单位注册（申请编号${requestNumber}）将自动完成`,
    );
    await phone.close();
    await expect
      .poll(() => computer.getByTestId("check-outcome").getAttribute("data-outcome"), { timeout: 10_000 })
      .toBe("PASSED");
    expect(await computer.getByTestId("check-outcome").textContent()).toContain("人脸识别已通过");
    expect(await text(computer, "check-outcome-next")).toContain("将自动完成，结果以短信通知单位联系人");
    expect(await text(computer, "check-unit-name")).toBe(unit.unitName);
    expect(await text(computer, "check-request-number")).toBe(requestNumber);

    // The final answer ends polling: no read in the next 5 s (polling was every 2 s).
    const readsAtOutcome = reads.length;
    await computer.waitForTimeout(5_000);
    expect(reads.length).toBe(readsAtOutcome);
    await computer.close();
  });

  it("issue 12.5: a failed check says 未通过 and that the registration goes to manual review; in English the time left reads in days and hours ('7 d' while the link is less than a second old, then '6 d 23 h')", async () => {
    const unit = UNITS.anshun;
    const { requestNumber, link } = await registerAndReadSmsLink(unit);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => localStorage.setItem("console.locale", "en"));
    const computer = await context.newPage();
    const reads = countCheckReads(computer);
    await computer.goto(`${link}.`);
    await computer.getByTestId("face-check-authorises").waitFor();
    expect(await text(computer, "check-purpose")).toBe(
      "Unit registration — legal representative's confirmation",
    );
    expect(await text(computer, "face-check-time-left")).toMatch(/^(7 d|6 d 23 h)$/);
    expect(await text(computer, "check-unit-name")).toBe(unit.unitName);

    const qrTarget = (await computer.getByTestId("face-check-qr").getAttribute("data-url"))!;
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(qrTarget);
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-fail").click();
    await expect.poll(() => phone.getByTestId("mobile-result").getAttribute("data-outcome")).toBe("failed");
    await phone.close();

    await expect
      .poll(() => computer.getByTestId("check-outcome").getAttribute("data-outcome"), { timeout: 10_000 })
      .toBe("FAILED");
    expect(await computer.getByTestId("check-outcome").textContent()).toContain("Face check failed");
    expect(await text(computer, "check-outcome-next")).toBe(
      `The registration of ${unit.unitName} (request ${requestNumber}) goes to manual review (usually 1–3 working days); the unit's contact is told the result by SMS. No further check is needed.`,
    );
    const readsAtOutcome = reads.length;
    await computer.waitForTimeout(5_000);
    expect(reads.length).toBe(readsAtOutcome);
    await context.close();
  });

  it("issue 12.5: a link that is not ours says 链接无效 and stops asking", async () => {
    const computer = await browser.newPage();
    const reads = countCheckReads(computer);
    await computer.goto(`${stack.url}/face-check/${"Q".repeat(32)}，7天内有效`);
    await computer.getByTestId("face-check-invalid").waitFor();
    expect(await computer.getByTestId("face-check-invalid").textContent()).toContain("链接无效");
    // The token alone was asked for; once answered 404 it is not asked for again (polling was every 2 s).
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([`${stack.url}/api/real-person-checks/${"Q".repeat(32)}`]));
    await computer.waitForTimeout(1_000);
    const readsAtAnswer = reads.length;
    await computer.waitForTimeout(5_000);
    expect(reads.length).toBe(readsAtAnswer);
    await computer.close();
  });
});
