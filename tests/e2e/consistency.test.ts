// Issue 13.7 in Chromium: one platform name, the staff's way in, the unit session's label, no
// registration-only hints when editing, English actor roles and region names, messages on screen that
// follow a language switch, the loading mask's text, no /api/auth/me without a session, and a
// password reset's end page with one way on. And WCAG 2.3.3: no motion for a browser that asks for less.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_NAME } from "../../domain/platform.js";
import { launchBrowser, sessionCookies, signedInPage } from "../support/browser.js";
import { createPerson, createUnit, PASSWORD, passwordLogin, qrLogin } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type Stack, startStack } from "../support/stack.js";
import { lastSmsCode } from "../support/unit-login.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const HAN = /\p{Script=Han}/u;

/** A browser context in `locale` (the console's language chosen before it loads). */
async function contextIn(locale: "zh-CN" | "en"): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  await context.addInitScript((chosen) => localStorage.setItem("console.locale", chosen), locale);
  return context;
}

/** The requests to /api/auth/me a page makes from now on. */
function meRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/me") seen.push(request.url());
  });
  return seen;
}

/** A page signed in as the unit itself (a unit login, R5), in `locale`. */
async function unitSessionPage(unitId: string, locale: "zh-CN" | "en"): Promise<Page> {
  const token = randomBytes(32).toString("base64url");
  await stack.database.db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "UNIT",
      unitId,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const context = await contextIn(locale);
  await context.addCookies(sessionCookies(stack.url, token));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function switchTo(page: Page, label: "English" | "中文") {
  await page.getByTestId("locale-switch").getByText(label, { exact: true }).click();
}

describe("issue 13.7: consistency and polish", () => {
  it("issue 13.7: an anonymous visit to login and registration makes no /api/auth/me request; a login and a logout set and clear the session marker", async () => {
    const context = await contextIn("zh-CN");
    const page = await context.newPage();
    const asked = meRequests(page);
    for (const path of ["/login", "/register/unit", "/register/person", "/registration-status", "/"]) {
      await page.goto(`${stack.url}${path}`);
      await page.getByTestId("platform-footer").waitFor();
    }
    expect(asked).toEqual([]);
    expect(page.url()).toContain("/login");

    const person = await createPerson(stack.database.db);
    await page.getByTestId("login-method-password").click();
    await page.getByTestId("login-account").fill(person.idNumber);
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("current-user").waitFor();
    const cookies = await context.cookies(stack.url);
    expect(cookies.find((c) => c.name === "zc_session")?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === "zc_signed_in")).toMatchObject({ value: "1", httpOnly: false });
    // Reloading a signed-in page asks who is signed in.
    await page.reload();
    await page.getByTestId("current-user").waitFor();
    expect(asked.length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByTestId("login-submit").waitFor();
    expect((await context.cookies(stack.url)).map((c) => c.name)).not.toContain("zc_signed_in");
    const before = asked.length;
    await page.reload();
    await page.getByTestId("login-submit").waitFor();
    expect(asked.length).toBe(before);
    await context.close();
  });

  it("issue 13.7: a session that ended elsewhere takes its marker with it: the next page asks once, then never again", async () => {
    const person = await createPerson(stack.database.db);
    const page = await signedInPage(browser, stack, person.id);
    await page.goto(`${stack.url}/user-center/profile`);
    await page.getByTestId("current-user").waitFor();
    await stack.database.db.session.updateMany({
      where: { personId: person.id },
      data: { revokedAt: new Date() },
    });
    const asked = meRequests(page);
    await page.reload();
    await expect.poll(() => page.url()).toContain("/login");
    await page.getByTestId("login-submit").waitFor();
    // The questions already on their way when the first answer came (the session check, the identity).
    const gone = asked.length;
    expect(gone).toBeGreaterThan(0);
    expect((await page.context().cookies(stack.url)).map((c) => c.name)).not.toContain("zc_signed_in");
    expect((await page.context().cookies(stack.url)).map((c) => c.name)).not.toContain("zc_session");
    for (const path of ["/register/person", "/login"]) {
      await page.goto(`${stack.url}${path}`);
      await page.getByTestId("platform-footer").waitFor();
    }
    expect(asked.length).toBe(gone);
    await page.context().close();
  });

  it("issue 13.7: one platform name, naming 贵州省, on the login page, in the title, the sider and the footer, in zh-CN and en", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const name = PLATFORM_NAME[locale];
      const context = await contextIn(locale);
      const page = await context.newPage();
      await page.goto(`${stack.url}/login`);
      await page.getByTestId("platform-footer").waitFor();
      expect(await page.locator(".ant-card .ant-typography").first().textContent()).toBe(name);
      expect(await page.title()).toBe(name);
      expect(await page.getByTestId("platform-footer").textContent()).toBe(name);
      await page.close();
      await context.close();
    }
    const seeded = stack.people.find((p) => p.role === "PLATFORM_OPERATOR")!;
    const operator = await stack.database.db.person.findUniqueOrThrow({
      where: { idNumber: seeded.idNumber },
    });
    const page = await signedInPage(browser, stack, operator.id);
    await page.goto(`${stack.url}/`);
    await page.getByTestId("platform-title").waitFor();
    expect(await page.getByTestId("platform-title").textContent()).toBe(PLATFORM_NAME["zh-CN"]);
    expect(await page.getByTestId("platform-footer").textContent()).toBe(PLATFORM_NAME["zh-CN"]);
    await expect
      .poll(() => page.title())
      .toMatch(new RegExp(`\\| ${PLATFORM_NAME["zh-CN"]}$|^${PLATFORM_NAME["zh-CN"]}$`));
    await switchTo(page, "English");
    await expect.poll(() => page.getByTestId("platform-title").textContent()).toBe(PLATFORM_NAME.en);
    await page.context().close();
  });

  it("issue 13.7: the login page tells administrators and handlers that their way in is 个人登录 → 扫码登录, and opens it", async () => {
    const context = await contextIn("zh-CN");
    const page = await context.newPage();
    await page.goto(`${stack.url}/login?tab=unit`);
    const hint = page.getByTestId("login-staff-hint");
    const text = (await hint.textContent()) ?? "";
    expect(text).toContain("个人登录 → 扫码登录");
    expect(text).toContain("实人认证");
    await page.getByTestId("login-staff-qr").click();
    await page.getByRole("tab", { name: "个人登录", selected: true }).waitFor();
    await expect
      .poll(() => page.locator(".ant-tabs-tabpane-active .ant-segmented-item-selected").textContent())
      .toBe("扫码登录");
    // On the QR login itself the hint has said what it had to.
    expect(await hint.count()).toBe(0);
    await context.close();
  });

  it("issue 13.7: a unit session is labelled 单位登录; its edit dialog shows no registration-only hint; its region reads in English", async () => {
    const unit = await createUnit(stack.database.db);
    const page = await unitSessionPage(unit.id, "zh-CN");
    await page.goto(`${stack.url}/sysconfig/unit-profile`);
    const tag = page.getByTestId("session-strength");
    expect(await tag.textContent()).toBe("单位登录");
    expect(await tag.getAttribute("data-session-way")).toBe("UNIT");
    const region = page.getByTestId("unit-profile-region-name");
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toBe("贵阳市 / 南明区");

    await page.getByTestId("unit-profile-edit").click();
    const dialog = page.locator(".ant-modal-content");
    await dialog.getByTestId("unit-profile-type").waitFor();
    const dialogText = (await dialog.textContent()) ?? "";
    expect(dialogText).not.toContain("不能在此注册");
    expect(dialogText).toContain("不能改为人社部门");
    await page.locator(".ant-modal-footer .ant-btn:not(.ant-btn-primary)").click();
    await dialog.waitFor({ state: "hidden" });

    await switchTo(page, "English");
    await expect.poll(() => tag.textContent()).toBe("Unit login");
    await expect.poll(() => region.textContent()).toBe("Guiyang City (贵阳市) / Nanming District (南明区)");
    await page.context().close();
  });

  it("issue 13.7: the English console names who decided a request by role in English, also for an event recorded before roles", async () => {
    const { db } = stack.database;
    const unit = await createUnit(db);
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const person = await createPerson(db);
    const asked = await postJson(
      stack.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
      (await passwordLogin(stack.app, person.idNumber)).headers(),
    );
    expect(asked.status, await asked.clone().text()).toBe(201);
    const { data: request } = await asked.json();
    await expect
      .poll(async () => (await db.humanTask.findFirst({ where: { requestId: request.id } }))?.status, {
        timeout: 15_000,
      })
      .toBe("OPEN");
    const decided = await postJson(
      stack.app,
      `/api/units/${unit.id}/binding-requests/decisions`,
      { requestIds: [request.id], decision: "APPROVE" },
      (await qrLogin(stack.app, admin.idNumber)).headers(),
    );
    expect(decided.status).toBe(200);
    await expect
      .poll(() => db.requestEvent.count({ where: { requestId: request.id, kind: "APPROVED" } }))
      .toBe(1);
    // An event written the old way: the role in Chinese words inside the label.
    await db.requestEvent.create({
      data: {
        requestType: "BINDING_REQUEST",
        requestId: request.id,
        sequence: 99,
        kind: "REMINDED",
        actorLabel: "单位经办员 王*",
        at: new Date(),
      },
    });

    const page = await signedInPage(browser, stack, person.id);
    await page.addInitScript(() => localStorage.setItem("console.locale", "en"));
    await page.goto(`${stack.url}/user-center/requests`);
    const row = page.locator(`tr[data-row-key="${request.id}"]`);
    await row.locator(".ant-table-row-expand-icon").click();
    const items = page.getByTestId("history-item");
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
    const text = async (kind: string) =>
      (await page.locator(`[data-testid="history-item"][data-kind="${kind}"]`).first().textContent()) ?? "";
    expect(await text("APPROVED")).toMatch(/By: Unit administrator 测\*+/);
    expect(await text("REMINDED")).toContain("By: Unit handler 王*");
    expect(await text("SUBMITTED")).not.toMatch(HAN);
    await page.context().close();
  });

  it("issue 13.7: after a language switch, field errors and an alert from the API already on screen switch too", async () => {
    const context = await contextIn("zh-CN");
    const page = await context.newPage();
    await page.goto(`${stack.url}/login?method=password`);
    // The form's own rules.
    await page.getByTestId("login-submit").click();
    const errors = page.locator(".ant-form-item-explain-error");
    await expect.poll(() => errors.allTextContents()).toContain("请输入密码");
    await switchTo(page, "English");
    await expect.poll(async () => (await errors.allTextContents()).join(" ")).not.toMatch(HAN);
    expect(await errors.count()).toBe(2);

    // The API's refusal on a field.
    const person = await createPerson(stack.database.db);
    await switchTo(page, "中文");
    await page.getByTestId("login-account").fill(person.idNumber);
    await page.getByTestId("login-password").fill("Wrong#Password1");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => errors.allTextContents()).toContain("账号或密码不正确");
    await switchTo(page, "English");
    await expect.poll(() => errors.allTextContents()).toContain("The account or password is incorrect");

    // The API's refusal in an alert (a disabled account names no field).
    await stack.database.db.person.update({ where: { id: person.id }, data: { status: "DISABLED" } });
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    const alert = page.locator(".ant-alert-error").first();
    await expect.poll(async () => (await alert.textContent()) ?? "").toMatch(/disabled/i);
    await switchTo(page, "中文");
    await expect.poll(async () => (await alert.textContent()) ?? "").toMatch(/停用|禁用/);
    await context.close();
  });

  it("issue 13.7: on a 390 px phone the menu button covers nothing of the page: breadcrumb and title start below it", async () => {
    const admin = stack.people.find((p) => p.role === "UNIT_ADMIN")!;
    const person = await stack.database.db.person.findUniqueOrThrow({ where: { idNumber: admin.idNumber } });
    const page = await signedInPage(browser, stack, person.id);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/portal/unit-accounts`);
    const breadcrumb = page.locator(".ant-breadcrumb li").first();
    await breadcrumb.waitFor();
    const button = (await page.locator(".ant-layout > .ant-btn").first().boundingBox())!;
    for (const part of [breadcrumb, page.locator(".ant-page-header-heading-title").first()]) {
      const box = (await part.boundingBox())!;
      const overlaps =
        box.x < button.x + button.width &&
        button.x < box.x + box.width &&
        box.y < button.y + button.height &&
        button.y < box.y + box.height;
      expect(overlaps, `${JSON.stringify(box)} under the menu button ${JSON.stringify(button)}`).toBe(false);
    }
    await page.close();
  });

  it("issue 13.7: on a 390 px phone in English the region picker keeps both columns on screen, long prefecture names included", async () => {
    const context = await contextIn("en");
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/register/unit`);
    await page.getByTestId("reg-region").click();
    await page
      .locator(".ant-cascader-dropdown:visible .ant-cascader-menu-item", { hasText: "Qianxinan" })
      .click();
    const columns = page.locator(".ant-cascader-dropdown:visible .ant-cascader-menu");
    await expect.poll(() => columns.count()).toBe(2);
    // The dropdown realigns after its second column opens (antd's popup aligns on resize): poll.
    const offScreen = async () => {
      const boxes = await Promise.all((await columns.all()).map((column) => column.boundingBox()));
      return boxes.filter((box) => !box || box.x < 0 || box.x + box.width > 390);
    };
    await expect.poll(offScreen).toEqual([]);
    await context.close();
  });

  it("issue 13.7: the grey loading mask says 加载中… (Loading… in English)", async () => {
    const person = await createPerson(stack.database.db);
    for (const [locale, text] of [
      ["zh-CN", "加载中…"],
      ["en", "Loading…"],
    ] as const) {
      const page = await signedInPage(browser, stack, person.id);
      await page.addInitScript((chosen) => localStorage.setItem("console.locale", chosen), locale);
      // Hold the session's answer, so the mask stays while it is looked at.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/api/auth/me", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${stack.url}/user-center/profile`);
      const mask = page.locator(".ant-spin-fullscreen");
      await expect.poll(async () => (await mask.textContent()) ?? "").toContain(text);
      release();
      await page.getByTestId("current-user").waitFor();
      await page.context().close();
    }
  });

  it("issue 13.7: a finished password reset offers one way to unit login, not two", async () => {
    const { db } = stack.database;
    const unit = await createUnit(db);
    const mobile = `137${String(Date.now()).slice(-8)}`;
    await db.unit.update({ where: { id: unit.id }, data: { contactMobile: mobile } });
    const context = await contextIn("zh-CN");
    const page = await context.newPage();
    await page.goto(`${stack.url}/unit-password-reset`);
    expect(await page.getByTestId("public-card-back").count()).toBe(1);
    await page.getByTestId("reset-account").fill(unit.accountName);
    await page.getByTestId("reset-send-code").click();
    await page.getByTestId("reset-code").waitFor();
    await expect.poll(() => db.smsMessage.count({ where: { mobile } })).toBe(1);
    await page.getByTestId("reset-code").fill(await lastSmsCode(db, mobile));
    await page.getByTestId("reset-new-password").fill("Unit#Reset2026");
    await page.getByTestId("reset-new-password-confirm").fill("Unit#Reset2026");
    await page.getByTestId("reset-submit").click();
    await page.getByTestId("reset-done-login").waitFor();
    expect(await page.getByTestId("public-card-back").count()).toBe(0);
    expect(await page.getByText("返回单位登录").count()).toBe(0);
    expect(await page.getByText("去单位登录").count()).toBe(1);
    await context.close();
  });
});

describe("WCAG 2.3.3 reduced motion", () => {
  it("WCAG 2.3.3: pop-ups open and close with motion, and at once when the browser asks for reduced motion", async () => {
    /** The motions (`…-appear-active`, `…-leave-active`: an animation running) a Select's dropdown shows. */
    const motionsRun = async (reducedMotion: "reduce" | "no-preference") => {
      const context = await browser.newContext({ locale: "zh-CN", reducedMotion });
      await context.addInitScript(() => {
        const motions = new Set<string>();
        (window as unknown as { motions: Set<string> }).motions = motions;
        const note = (node: Node) => {
          if (!(node instanceof Element)) return;
          for (const name of node.classList)
            if (/-(appear|enter|leave)-active$/.test(name)) motions.add(name);
        };
        new MutationObserver((records) => {
          for (const record of records) {
            note(record.target);
            record.addedNodes.forEach(note);
          }
        }).observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ["class"],
        });
      });
      const page = await context.newPage();
      await page.goto(`${stack.url}/register/unit`);
      const dropdown = page.locator(".ant-select-dropdown");
      await page.getByTestId("reg-unitType").click();
      await dropdown.locator(".ant-select-item-option", { hasText: "企业" }).waitFor();
      await page.keyboard.press("Escape");
      await dropdown.waitFor({ state: "hidden" });
      const seen = await page.evaluate(() => [...(window as unknown as { motions: Set<string> }).motions]);
      await context.close();
      return seen.sort();
    };

    expect(await motionsRun("no-preference")).toEqual([
      "ant-slide-up-appear-active",
      "ant-slide-up-leave-active",
    ]);
    expect(await motionsRun("reduce")).toEqual([]);
  });
});
