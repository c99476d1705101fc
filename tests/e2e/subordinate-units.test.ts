// 新增下级单位 (R11) end to end in headless Chromium, on a stack whose trusted networks (政务外网 /
// 人社内网, TRUSTED_NETWORKS) include the browser's address: a public institution's administrator
// creates a subordinate unit with its first administrator from the unit's 下级单位; the unit is
// affiliated at once and shows in the tree with its administrator. (From an untrusted network the
// button is disabled: hierarchy.test.ts.)
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskName } from "../../domain/masking.js";
import { makeUscc } from "../../prisma/seed/seed.js";
import { launchBrowser, pickCascader, pickSelect, signedInPage } from "../support/browser.js";
import { createPerson, createUnit } from "../support/people.js";
import { type Stack, startStack } from "../support/stack.js";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack({ env: { TRUSTED_NETWORKS: "127.0.0.1/32,::1/128" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("新增下级单位 in the console", () => {
  it("R11 from a trusted network a public institution's administrator creates a subordinate unit with its first administrator; it is affiliated at once", async () => {
    const db = stack.database.db;
    const created = await createUnit(db, "贵州省下级单位示例中心医院");
    const hospital = await db.unit.update({
      where: { id: created.id },
      data: { type: "PUBLIC_INSTITUTION" },
    });
    const admin = await createPerson(db, { unitId: hospital.id, role: "UNIT_ADMIN", name: "韩院长" });
    const firstAdmin = await createPerson(db, { name: "杨主任" });
    const uscc = makeUscc("12", "520102", "MB000017");

    const page = await signedInPage(browser, stack, admin.id, { timeoutMs: 20_000 });
    await page.goto(`${stack.url}/sysconfig/unit-profile/${hospital.id}`);
    const create = page.getByTestId("subordinate-create");
    await expect.poll(() => create.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId("subordinate-create-note").count()).toBe(0);

    await create.click();
    await page.getByTestId("subordinate-name").fill("贵州省下级单位示例中心医院南明分院");
    await page.getByTestId("subordinate-uscc").fill(uscc);
    await pickSelect(page, "subordinate-type", "事业单位");
    await pickCascader(page, "subordinate-region", ["贵阳市", "南明区"]);
    await page.getByTestId("subordinate-contact-name").fill("分院办公室");
    await page.getByTestId("subordinate-contact-mobile").fill("13600012345");
    await page.getByTestId("subordinate-admin-id-number").fill(firstAdmin.idNumber);
    await page.getByTestId("subordinate-admin-name").fill("杨主任");
    await page.getByTestId("subordinate-admin-mobile").fill(firstAdmin.mobile);
    await page.getByTestId("subordinate-submit").click();

    // Affiliated at once, created by its superior, with its first administrator.
    let unitId = "";
    await expect
      .poll(
        async () => {
          const unit = await db.unit.findFirst({ where: { uscc } });
          unitId = unit?.id ?? "";
          return unit?.parentUnitId;
        },
        { timeout: 20_000 },
      )
      .toBe(hospital.id);
    const unit = await db.unit.findUniqueOrThrow({ where: { id: unitId } });
    expect(unit.origin).toBe("CREATED_BY_SUPERIOR");
    expect(unit.type).toBe("PUBLIC_INSTITUTION");
    expect(
      (await db.roleBinding.findUnique({ where: { exclusiveKey: `UNIT_ADMIN:${unitId}` } }))?.personId,
    ).toBe(firstAdmin.id);

    // The tree shows it at once, with its administrator (masked) and the account bound to it.
    const node = page.getByTestId(`unit-tree-node-${unitId}`);
    await node.waitFor();
    expect(await node.textContent()).toContain(maskName("杨主任"));
    expect(await page.getByTestId(`unit-tree-accounts-${unitId}`).getAttribute("data-count")).toBe("1");
  });
});
