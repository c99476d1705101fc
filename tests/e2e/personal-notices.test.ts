// Issue 13 items 5 and 6 in headless Chromium: the face check retried from the computer after a
// failure, Esc in the unit-name field, a disabled person told why on the login page, the exit in
// 我的申请, the real-person gate's QR code, and the SMS outbox naming each kind of message.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, PASSWORD, realPersonSession } from "../support/people.js";
import { SEED_PASSWORD, type Stack, startStack } from "../support/stack.js";

const REGISTRANT_PASSWORD = "Lin#Xiao2026";
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(locale: "zh-CN" | "en" = "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ locale });
  if (locale === "en") await context.addInitScript(() => localStorage.setItem("console.locale", "en"));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

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

/** What a unit's staff member does through the API, with a real-person session of their own. */
async function asStaff(staffId: string, path: string, body: unknown) {
  const session = await realPersonSession(stack.database.db, staffId);
  const response = await fetch(`${stack.url}/api${path}`, {
    method: "POST",
    headers: { ...session.headers(), "content-type": "application/json", origin: stack.url },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
}

describe("issue 13.6: personal flows", () => {
  it("issue 13.6: after a failed face check the computer offers the face check again with the verified mobile and the password set again with its confirmation; the new QR code registers the person", async () => {
    const idNumber = makeIdNumber("520103", "19940512", 611);
    const mobile = "13655506110";
    const computer = await newPage();
    const phone = await newPage();
    await computer.goto(`${stack.url}/register/person`);
    await computer.getByTestId("person-name").fill("林晓");
    await computer.getByTestId("person-id-number").fill(idNumber);
    await computer.getByTestId("person-mobile").fill(mobile);
    await computer.getByTestId("person-send-code").click();
    await computer.getByTestId("person-code").fill(await latestCode(mobile));
    await computer.getByTestId("person-password").fill(REGISTRANT_PASSWORD);
    await computer.getByTestId("person-password-confirm").fill(REGISTRANT_PASSWORD);
    await computer.getByTestId("person-register-submit").click();
    const qr = computer.locator('[data-testid="person-registration-qr"][data-url]');
    await qr.waitFor();
    const firstUrl = (await qr.getAttribute("data-url"))!;
    await phone.goto(firstUrl);
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-fail").click();

    // The computer: not only 重新注册 (a new SMS code), but the face check again.
    await computer.getByTestId("person-registration-closed").waitFor();
    const hint = computer.getByTestId("person-registration-retry-hint");
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/^手机号已验证：\d+:\d{2} 内可直接重新人脸识别/);
    expect(await computer.getByTestId("person-registration-restart").isVisible()).toBe(true);
    const codes = await stack.database.db.smsMessage.count({
      where: { mobile, template: "VERIFICATION_CODE" },
    });
    // A wrong password is the field's error, not a new registration.
    await computer.getByTestId("person-registration-retry-password").fill("short");
    await computer.getByTestId("person-registration-retry").click();
    await computer.locator(".ant-form-item-explain-error").first().waitFor();
    // The account gets the password set here: confirmed like at registration, so a typo is caught.
    await computer.getByTestId("person-registration-retry-password").fill(REGISTRANT_PASSWORD);
    await computer.getByTestId("person-registration-retry-confirm").fill(`${REGISTRANT_PASSWORD}x`);
    await computer.getByTestId("person-registration-retry").click();
    await expect
      .poll(() => computer.locator(".ant-form-item-explain-error").allTextContents())
      .toContain("两次输入的密码不一致");
    expect(await computer.getByTestId("person-registration-closed").isVisible()).toBe(true);
    await computer.getByTestId("person-registration-retry-confirm").fill(REGISTRANT_PASSWORD);
    await computer.getByTestId("person-registration-retry").click();
    await expect.poll(() => qr.getAttribute("data-url")).not.toBe(firstUrl);
    await phone.goto((await qr.getAttribute("data-url"))!);
    await phone.getByTestId("mobile-face-start").click();
    await phone.getByTestId("mobile-face-pass").click();
    await computer.getByTestId("person-registration-done").waitFor();
    expect(await stack.database.db.person.count({ where: { idNumber } })).toBe(1);
    expect(
      await stack.database.db.smsMessage.count({ where: { mobile, template: "VERIFICATION_CODE" } }),
    ).toBe(codes);
  });

  it("issue 13.6: Esc in the binding form's unit-name field closes the suggestions and keeps the typed text", async () => {
    await createUnit(stack.database.db, "贵阳市云岩区按键示例有限公司");
    const person = await createPerson(stack.database.db, { name: "吴按键" });
    const page = await signedInPage(browser, stack, person.id);
    await page.goto(`${stack.url}/user-center/profile`);
    const field = page.getByTestId("binding-unit-name");
    await field.fill("贵阳市云岩区按键");
    // The suggestions open; Esc closes them, a second Esc finds them closed: the text stays both times.
    await page.locator(".ant-select-dropdown:visible").waitFor();
    await field.press("Escape");
    await expect.poll(() => page.locator(".ant-select-dropdown:visible").count()).toBe(0);
    expect(await field.inputValue()).toBe("贵阳市云岩区按键");
    await field.press("Escape");
    expect(await field.inputValue()).toBe("贵阳市云岩区按键");
    await page.close();
  });

  it("issue 13.6: a person whose unit disables the account is sent to the login page, which names the unit; in English too", async () => {
    const unit = await createUnit(stack.database.db, "贵阳市南明区停用示例有限公司");
    const handler = await createPerson(stack.database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const person = await createPerson(stack.database.db, { unitId: unit.id, name: "郑停用" });
    const page = await signedInPage(browser, stack, person.id);
    await page.goto(`${stack.url}/user-center/profile`);
    await page.getByTestId("current-user").waitFor();

    await asStaff(handler.id, `/units/${unit.id}/accounts/${person.id}/status`, { status: "DISABLED" });
    await page.reload();
    await page.waitForURL((url) => url.pathname === "/login");
    const notice = page.getByTestId("login-session-end");
    await notice.waitFor();
    expect(await notice.getAttribute("data-code")).toBe("ACCOUNT_DISABLED");
    expect(await notice.textContent()).toContain(`您的账号已被${unit.name}停用，已退出登录`);
    expect(await notice.textContent()).toContain("统一门户子系统 → 本单位账号");
    // The message follows a change of language (it is kept as a code and the unit, not as text).
    await page.evaluate(() => localStorage.setItem("console.locale", "en"));
    await page.reload();
    await expect.poll(() => notice.textContent()).toContain(`Your account was disabled by ${unit.name}`);
    // Dismissed, it stays gone.
    await notice.locator(".ant-alert-close-icon").click();
    await page.reload();
    await page.getByTestId("login-account").waitFor();
    expect(await notice.count()).toBe(0);
    // And the SMS went out.
    const sms = await stack.database.db.smsMessage.findFirstOrThrow({
      where: { mobile: person.mobile, template: "ACCOUNT_DISABLED" },
    });
    expect(sms.body).toContain(`您的个人账号已被${unit.name}停用`);
  });

  it("issue 13.6: the unit's exit shows in the person's 我的申请 with the unit, the reason and who", async () => {
    const unit = await createUnit(stack.database.db, "贵阳市白云区退出示例有限公司");
    const handler = await createPerson(stack.database.db, {
      unitId: unit.id,
      role: "TITLE_HANDLER",
      name: "钱经办",
    });
    const person = await createPerson(stack.database.db, { unitId: unit.id, name: "孙退出" });
    await asStaff(handler.id, `/units/${unit.id}/accounts/${person.id}/exit`, { reason: "调往外省工作" });
    const binding = await stack.database.db.binding.findFirstOrThrow({ where: { personId: person.id } });

    const page = await signedInPage(browser, stack, person.id);
    await page.goto(`${stack.url}/user-center/requests`);
    const tag = page.getByTestId(`my-requests-exit-${binding.id}`);
    await tag.waitFor();
    expect(await tag.textContent()).toBe("已退出");
    const row = page.locator(`tr[data-row-key="${binding.id}"]`);
    expect(await row.textContent()).toContain("退出单位");
    expect(await row.textContent()).toContain(unit.name);
    expect(await row.textContent()).toContain("调往外省工作");
    await row.locator(".ant-table-row-expand-icon").click();
    const detail = page.getByTestId("my-requests-exit-detail");
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(new RegExp(`${unit.name}的 钱\\*+ 为您办理了退出该单位`));
    await page.close();
  });

  it("issue 13.6: the real-person gate shows the QR code it tells the person to scan, and says why once", async () => {
    const unit = await createUnit(stack.database.db, "贵阳市乌当区门禁示例有限公司");
    const handler = await createPerson(stack.database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const page = await newPage();
    await page.goto(`${stack.url}/login?method=password`);
    await page.getByTestId("login-account").fill(handler.idNumber);
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${stack.url}/portal/unit-accounts`);
    const gate = page.getByTestId("real-person-required");
    await gate.waitFor();
    expect(await gate.textContent()).toContain("扫描下方二维码");
    // The QR code is there without another click, below the text that points to it.
    const qr = gate.locator('[data-testid="step-up-qr"][data-url]');
    await qr.waitFor();
    const [textBox, qrBox] = [await gate.locator(".ant-alert").first().boundingBox(), await qr.boundingBox()];
    expect(qrBox!.y).toBeGreaterThan(textBox!.y + textBox!.height);
    expect(await gate.getByTestId("step-up-start").count()).toBe(0);
    // Why is said once: "only in a real-person session" appears a single time.
    expect((await gate.textContent())!.split("只能在实人认证的会话中办理业务")).toHaveLength(2);
    await page.close();
  });
});

describe("issue 13.5: the SMS outbox", () => {
  it("issue 13.5: the outbox shows each message's kind by its name (zh-CN and en), not its raw id", async () => {
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const mobile = "13655506119";
    await stack.app.request("/api/persons/registration-codes", {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.url },
      body: JSON.stringify({ mobile }),
    });
    await latestCode(mobile);
    for (const [locale, name] of [
      ["zh-CN", "验证码"],
      ["en", "Verification code"],
    ] as const) {
      const page = await newPage(locale);
      await page.goto(`${stack.url}/login?method=password`);
      await page.getByTestId("login-account").fill(operator.idNumber);
      await page.getByTestId("login-password").fill(SEED_PASSWORD);
      await page.getByTestId("login-submit").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto(`${stack.url}/dev/sms-outbox`);
      const kind = page.locator('[data-template="VERIFICATION_CODE"]').first();
      await kind.waitFor();
      expect(await kind.textContent()).toBe(name);
      expect(await page.locator(".ant-table-tbody").textContent()).not.toContain("VERIFICATION_CODE");
      await page.close();
    }
  });
});
