// 审计日志 end to end in headless Chromium (R26): a unit administrator (real-person session) reads
// the events of their unit and its subordinate unit, masked, opens one event's before/after, filters
// by action and downloads the CSV; a platform auditor reads every unit's events.
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAuditEvent } from "../../lib/audit.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { createUnit } from "../support/people.js";
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

const openAs = (personId: string) => signedInPage(browser, stack, personId, { acceptDownloads: true });

const personOf = (role: string, unitNameIncludes = "") => {
  const seeded = stack.people.find((p) => p.role === role && p.unitName.includes(unitNameIncludes))!;
  return stack.database.db.person.findUniqueOrThrow({ where: { idNumber: seeded.idNumber } });
};

describe("审计日志 in the console", () => {
  it("R26 an administrator reads their unit and its subordinate's events, views one, filters and exports; an auditor reads all", async () => {
    const db = stack.database.db;
    const admin = await personOf("UNIT_ADMIN", "市人力资源和社会保障局");
    const { unitId: city } = await db.binding.findFirstOrThrow({ where: { activePersonId: admin.id } });
    const { parentUnitId: province } = await db.unit.findUniqueOrThrow({ where: { id: city } });
    const county = await createUnit(db, "审计日志示例下级单位有限公司");
    await db.unit.update({ where: { id: county.id }, data: { parentUnitId: city } });
    const write = (unitId: string, action: string, contactName: string) =>
      writeAuditEvent(db, {
        action,
        actor: { type: "PERSON", id: admin.id },
        origin: { sessionStrength: "REAL_PERSON", ipAddress: "10.20.30.40" },
        target: { type: "Unit", id: unitId },
        unitId,
        before: { contactName: "旧联系人", contactMobile: "13912345678" },
        after: { contactName, contactMobile: "13987654321" },
      });
    await write(city, "unit.profile-updated", "市局新联系人");
    await write(county.id, "unit.profile-updated", "下级新联系人");
    await write(county.id, "person.disabled", "禁用示例");
    await write(province!, "unit.profile-updated", "省厅新联系人");

    const page = await openAs(admin.id);
    await page.goto(`${stack.url}/audit-log`);
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const text = await page.locator("body").textContent();
    expect(text).toContain("审计日志示例下级单位有限公司");
    expect(text).toContain("修改单位基础信息");

    // The before/after view: field by field, mobiles masked.
    await page
      .locator('[data-testid="audit-row"][data-sequence]')
      .first()
      .getByTestId("audit-row-open")
      .click();
    const changes = page.getByTestId("audit-event-changes");
    await changes.waitFor();
    const changeText = await changes.textContent();
    expect(changeText).toContain("139****5678");
    expect(changeText).toContain("139****4321");
    expect(changeText).not.toContain("13912345678");
    await page.locator(".ant-drawer-close").click();
    await changes.waitFor({ state: "hidden" });

    // Filter by action: only the disabled account.
    // (typed: the grouped list is virtual, so an option far down is not rendered until searched)
    await page.getByTestId("audit-filter-action").click();
    await page.keyboard.type("禁用账号");
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "禁用账号" })
      .first()
      .click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);

    // The export carries the same filter: a UTF-8 CSV with BOM and one event.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("audit-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{8}\.csv$/);
    const csv = await readFile((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("person.disabled");

    // The platform auditor sees the province's event too.
    const auditor = await personOf("PLATFORM_AUDITOR");
    const provinceName = (await db.unit.findUniqueOrThrow({ where: { id: province! } })).name;
    const auditorPage = await openAs(auditor.id);
    await auditorPage.goto(`${stack.url}/audit-log`);
    await auditorPage.getByTestId("audit-row").first().waitFor();
    expect(await auditorPage.getByTestId("audit-row").count()).toBeGreaterThanOrEqual(4);
    expect(await auditorPage.locator("body").textContent()).toContain(provinceName);
  });
});
