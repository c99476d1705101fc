// The unit's account pages end to end in headless Chromium: the administrator, signed in with a
// real-person session (the QR login itself is covered by personal-accounts.test.ts), disables and
// enables a member in 本单位账号, completes a missing name in 账号信息维护 and exits the member in
// 账号退出管理; every step is checked in the page and in the database.
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_COUNT_LIMIT } from "../../api/routes/list-query.js";
import { maskIdNumber } from "../../domain/masking.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
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

const openAs = (personId: string) => signedInPage(browser, stack, personId);

describe("the unit's accounts in the console", () => {
  it("R17 R18 R19 R24 the unit's administrator manages its accounts in the console", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市南明区账号管理示例有限公司");
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "吴管理" });
    const member = await createPerson(db, { unitId: unit.id, name: "陈成员" });
    const nameless = await createPerson(db, { unitId: unit.id, name: null });
    const page = await openAs(admin.id);
    const status = () =>
      page
        .getByTestId("unit-accounts-table")
        .locator(`tr[data-row-key="${member.id}"]`)
        .getByTestId("account-status");

    // 本单位账号 (R24): the member is listed, the ID number masked.
    const listReads: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/api/units/${unit.id}/accounts`) listReads.push(request.url());
    });
    await page.goto(`${stack.url}/portal/unit-accounts`);
    await page.getByTestId("acting-unit").filter({ hasText: unit.name }).first().waitFor();
    await page.getByTestId(`account-disable-${member.id}`).waitFor();
    // The page reads its list once: the console is React's production build (a development build's
    // StrictMode mounts each page twice, and read every list twice).
    expect(listReads).toHaveLength(1);
    expect(await status().getAttribute("data-status")).toBe("ENABLED");
    const rowText = await page.locator(`tr[data-row-key="${member.id}"]`).textContent();
    expect(rowText).toContain("陈成员");
    expect(rowText).toContain(maskIdNumber(member.idNumber));
    const pageText = await page.locator("body").textContent();
    for (const person of [admin, member, nameless]) expect(pageText).not.toContain(person.idNumber);
    // The administrator cannot disable their own account (R18).
    await expect(page.getByTestId(`account-disable-${admin.id}`).isDisabled()).resolves.toBe(true);

    // Disable with a reason (R18).
    await page.getByTestId(`account-disable-${member.id}`).click();
    await page.getByTestId("account-disable-reason").fill("离职交接期间暂停使用");
    await page.getByTestId("account-disable-confirm").click();
    await expect.poll(() => status().getAttribute("data-status"), { timeout: 15_000 }).toBe("DISABLED");
    expect((await db.person.findUniqueOrThrow({ where: { id: member.id } })).status).toBe("DISABLED");

    // Enable again (the administrator may).
    await page.getByTestId(`account-enable-${member.id}`).click();
    await page.getByTestId("account-enable-confirm").click();
    await expect.poll(() => status().getAttribute("data-status"), { timeout: 15_000 }).toBe("ENABLED");
    expect((await db.person.findUniqueOrThrow({ where: { id: member.id } })).status).toBe("ENABLED");

    // 账号信息维护 (R19): the nameless account is listed first; the administrator completes its name.
    await page.goto(`${stack.url}/portal/account-info`);
    await page.getByTestId("account-info-table").waitFor();
    await page.getByTestId(`complete-name-${nameless.id}`).click();
    await page.getByTestId("complete-name-input").fill("赵补全");
    await page.getByTestId("complete-name-confirm").click();
    await expect
      .poll(async () => (await db.person.findUniqueOrThrow({ where: { id: nameless.id } })).name, {
        timeout: 15_000,
      })
      .toBe("赵补全");
    await expect
      .poll(() => page.getByTestId(`complete-name-${nameless.id}`).count(), { timeout: 15_000 })
      .toBe(0);

    // 账号退出管理 (R17): the member leaves the unit, with a reason; the administrator cannot be exited.
    await page.goto(`${stack.url}/portal/account-exits`);
    await page.getByTestId(`exit-${member.id}`).waitFor();
    await expect(page.getByTestId(`exit-${admin.id}`).isDisabled()).resolves.toBe(true);
    await page.getByTestId(`exit-${member.id}`).click();
    await page.getByTestId("exit-reason").fill("已调离本单位");
    await page.getByTestId("exit-confirm").click();
    await expect
      .poll(
        async () =>
          (await db.binding.findFirstOrThrow({ where: { personId: member.id, unitId: unit.id } })).endReason,
        { timeout: 15_000 },
      )
      .toBe("EXITED");
    const binding = await db.binding.findFirstOrThrow({ where: { personId: member.id, unitId: unit.id } });
    expect(binding.endedAt).not.toBeNull();
    expect(binding.activePersonId).toBeNull();
    await expect.poll(() => page.getByTestId(`exit-${member.id}`).count(), { timeout: 15_000 }).toBe(0);
  });
  it("R24 past the count limit the account list's total reads 10,000+ (the API stopped counting); below it, the exact total", async () => {
    const db = stack.database.db;
    const unit = await createUnit(db, "贵阳市南明区账号计数示例有限公司");
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN", name: "钱管理" });
    const persons = Array.from({ length: LIST_COUNT_LIMIT }, (_, i) => ({
      id: randomUUID(),
      idNumber: `E2E${unit.id.slice(0, 8)}${String(i).padStart(7, "0")}`,
      name: `计数成员${i}`,
      mobile: "13900000000",
      passwordHash: "x",
    }));
    await db.person.createMany({ data: persons });
    await db.binding.createMany({
      data: persons.map((p) => ({ personId: p.id, unitId: unit.id, activePersonId: p.id })),
    });
    const page = await openAs(admin.id);
    await page.goto(`${stack.url}/portal/unit-accounts`);
    await page
      .getByTestId(`account-disable-${persons[0]!.id}`)
      .or(page.getByTestId("unit-accounts-table"))
      .first()
      .waitFor();
    const total = page.locator(".ant-pagination-total-text");
    await expect.poll(() => total.textContent(), { timeout: 15_000 }).toMatch(/10,000\+|超过 10,000 个/);
    // Below the limit (a name search: 计数成员999 and 9990–9999) the total is exact.
    await page.getByTestId("accounts-search-q").fill("计数成员999");
    await page.getByTestId("accounts-search-submit").click();
    await expect.poll(() => total.textContent(), { timeout: 15_000 }).toMatch(/^(共 11 个账号|11 accounts)$/);
  });
});
