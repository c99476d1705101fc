// A seeded operator logs in through the console in headless Chromium and sees the operator menus.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.js";
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

async function logIn(page: Page, account: string, password: string) {
  await page.goto(`${stack.url}/login`);
  await page.getByTestId("login-account").fill(account);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

describe("console shell", () => {
  it("lets the seeded platform operator log in and shows the operator's menus in Chinese", async () => {
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const page = await browser.newPage();
    await logIn(page, operator.idNumber, SEED_PASSWORD);
    await expect.poll(() => page.getByTestId("current-user").textContent()).toContain(operator.name);
    expect(await page.getByTestId("session-strength").textContent()).toContain("密码登录");
    const menu = page.locator(".ant-layout-sider");
    await expect.poll(() => menu.textContent()).toContain("平台运维");
    // A platform operator is neither a unit administrator nor a handler: the unit menus stay hidden.
    expect(await menu.textContent()).not.toContain("统一门户子系统");
    await menu.getByText("开发工具").click();
    await menu.getByText("短信发件箱").click();
    await expect.poll(() => page.url()).toContain("/dev/sms-outbox");
    await expect.poll(() => page.locator(".ant-table").count()).toBe(1);
    await page.close();
  });

  it("keeps the signed-in name, the language and logout on screen on a 390 px phone in English", async () => {
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en" });
    await context.addInitScript(() => localStorage.setItem("console.locale", "en"));
    const page = await context.newPage();
    await logIn(page, operator.idNumber, SEED_PASSWORD);
    const name = page.getByTestId("current-user");
    await name.waitFor();
    const header = page.locator(".ant-layout-header");
    for (const part of [name, header.getByRole("button", { name: "Sign out" })]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await context.close();
  });

  it("issue 13.3: the login form takes an ID number typed full-width or a mobile with +86, and refuses a full-width password with 请使用半角字符 before it is sent (no failed login counted)", async () => {
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const page = await browser.newPage();
    const fieldError = (testId: string) =>
      page
        .getByTestId(testId)
        .locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-form-item ')][1]")
        .locator(".ant-form-item-explain-error");
    const toFullWidth = (text: string) =>
      text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const failures = () => stack.database.db.loginAttempt.count({ where: { succeeded: false } });
    const before = await failures();
    await logIn(page, toFullWidth(operator.idNumber), toFullWidth(SEED_PASSWORD));
    await expect
      .poll(() => fieldError("login-password").allTextContents())
      .toEqual(["请使用半角字符（英文字母、数字和键盘符号，关闭全角或中文输入法）"]);
    expect(await fieldError("login-account").count()).toBe(0);
    expect(await failures()).toBe(before);
    // A mobile the API reads (+86 and spaces) is no format error either; the half-width password logs in.
    await page.getByTestId("login-account").fill(`+86 ${operator.mobile}`);
    await page.getByTestId("login-account").blur();
    await expect.poll(() => fieldError("login-account").count()).toBe(0);
    await page.getByTestId("login-account").fill(toFullWidth(operator.idNumber));
    await page.getByTestId("login-password").fill(SEED_PASSWORD);
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toContain(operator.name);
    await page.close();
  });

  it("shows the API's error message on the password field for a wrong password", async () => {
    const operator = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const page = await browser.newPage();
    await logIn(page, operator.idNumber, "Wrong#Password1");
    await expect
      .poll(() => page.locator(".ant-form-item-explain-error").allTextContents())
      .toContain("账号或密码不正确");
    expect(page.url()).toContain("/login");
    await page.close();
  });
});
