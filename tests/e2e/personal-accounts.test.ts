// Personal accounts end to end in headless Chromium, with a computer and a phone as two pages:
// a person registers (face check on the simulated mobile app), logs in by QR code, and asks to be
// bound to a unit; the unit's administrator, logged in by QR code too, accepts in 新进账号管理; the
// person then sees the unit.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { launchBrowser } from "../support/browser.js";
import { createPerson, createUnit } from "../support/people.js";
import { type Stack, startStack } from "../support/stack.js";

const PASSWORD = "Lin#Xiao2026";
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function latestCode(mobile: string) {
  const where = { mobile, template: "VERIFICATION_CODE" };
  await expect
    .poll(() => stack.database.db.smsMessage.count({ where }), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const message = await stack.database.db.smsMessage.findFirstOrThrow({
    where,
    orderBy: { createdAt: "desc" },
  });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

/** The phone: opens what the QR code carries, and passes the face check (as `idNumber` for a QR login). */
async function scanWithPhone(phone: Page, qrUrl: string, idNumber?: string) {
  await phone.goto(qrUrl);
  if (idNumber) {
    await phone.getByTestId("mobile-app-id-number").fill(idNumber);
    await phone.getByTestId("mobile-app-sign-in").click();
    await phone.getByTestId("mobile-login-origin").waitFor();
  }
  await phone.getByTestId("mobile-face-start").click();
  await phone.getByTestId("mobile-face-pass").click();
  await phone.getByTestId("mobile-result").waitFor();
}

async function qrLogin(computer: Page, phone: Page, idNumber: string) {
  await computer.goto(`${stack.url}/login?method=qr`);
  // The code's container is there at once; its URL once the challenge is issued.
  const code = computer.locator('[data-testid="qr-login-code"][data-url]');
  await code.waitFor();
  await scanWithPhone(phone, (await code.getAttribute("data-url"))!, idNumber);
  // The login page notices the confirmation by itself and enters the console.
  await computer.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
}

async function newPage(context: BrowserContext) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe("personal accounts in the console", () => {
  it("a person registers, logs in by QR code and binds to a unit whose administrator accepts", async () => {
    const unit = await createUnit(stack.database.db, "贵阳市观山湖区示例科技有限公司");
    const admin = await createPerson(stack.database.db, {
      unitId: unit.id,
      role: "UNIT_ADMIN",
      name: "周管理",
    });
    const idNumber = makeIdNumber("520103", "19930408", 512);
    const mobile = "13655501234";

    const personContext = await browser.newContext({ locale: "zh-CN" });
    const phone = await newPage(await browser.newContext({ locale: "zh-CN" }));
    const computer = await newPage(personContext);

    // Registration (R15): the account exists once the face check passed on the phone.
    await computer.goto(`${stack.url}/register/person`);
    await computer.getByTestId("person-name").fill("林晓");
    await computer.getByTestId("person-id-number").fill(idNumber);
    await computer.getByTestId("person-mobile").fill(mobile);
    await computer.getByTestId("person-send-code").click();
    await computer.getByTestId("person-code").fill(await latestCode(mobile));
    await computer.getByTestId("person-password").fill(PASSWORD);
    await computer.getByTestId("person-password-confirm").fill(PASSWORD);
    await computer.getByTestId("person-register-submit").click();
    const qr = computer.locator('[data-testid="person-registration-qr"][data-url]');
    await qr.waitFor();
    await scanWithPhone(phone, (await qr.getAttribute("data-url"))!);
    await computer.getByTestId("person-registration-done").waitFor();
    expect(await stack.database.db.person.count({ where: { idNumber } })).toBe(1);

    // QR login (R12): a real-person session, shown in the header.
    await qrLogin(computer, phone, idNumber);
    await computer.getByTestId("session-strength").filter({ hasText: "实人" }).first().waitFor();

    // Binding request (R16) from 用户中心 → 个人资料: asked, withdrawn with a reason, asked again.
    await computer.goto(`${stack.url}/user-center/profile`);
    const askToBind = async () => {
      await computer.getByTestId("binding-unit-name").fill(unit.name);
      await computer.getByTestId("binding-pledge").check();
      await computer.getByTestId("binding-submit").click();
      await computer.getByTestId("binding-open-request").waitFor();
    };
    await askToBind();
    await computer.getByTestId("binding-withdraw").click();
    await computer.getByTestId("binding-withdraw-reason").fill("填错了，稍后重新申请");
    await computer.getByTestId("binding-withdraw-confirm").click();
    await computer.getByTestId("binding-form").waitFor();
    const withdrawn = await stack.database.db.bindingRequest.findFirstOrThrow({ where: { unitId: unit.id } });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", decisionReason: "填错了，稍后重新申请" });
    await askToBind();
    const request = await stack.database.db.bindingRequest.findFirstOrThrow({
      where: { unitId: unit.id, status: "SUBMITTED" },
    });

    // The administrator logs in by QR code on another computer and accepts in 新进账号管理.
    const adminPage = await newPage(await browser.newContext({ locale: "zh-CN" }));
    await qrLogin(adminPage, phone, admin.idNumber);
    await adminPage.goto(`${stack.url}/portal/incoming-accounts`);
    await adminPage.getByTestId(`incoming-accept-${request.id}`).click();
    await adminPage.getByTestId("incoming-confirm").click();
    await expect
      .poll(
        async () =>
          (await stack.database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } })).status,
        {
          timeout: 15_000,
        },
      )
      .toBe("APPROVED");

    // The person sees the unit.
    await expect
      .poll(() => computer.getByTestId("binding-current-unit").textContent(), { timeout: 15_000 })
      .toContain(unit.name);
  });
});
