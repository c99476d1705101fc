// Issue 11, the real business registry end to end: the stack's worker asks Tianyancha's API 1116
// (a local stand-in of its HTTP API) as production would. Tianyancha does not disclose the legal
// representative's ID number, so R2 compares the other facts: a match goes on to the legal
// representative's face check (R3, which proves the ID number), and the reviewer's comparison in
// Chromium says 未提供 for the ID number, never 一致 or 不一致. Wrong credentials are never a pass:
// the registration goes to manual review at once (REGISTRY_UNAVAILABLE), after one attempt.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makeUscc } from "../../prisma/seed/seed.js";
import { launchBrowser, signedInPage } from "../support/browser.js";
import { realPersonSession } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type Stack, startStack } from "../support/stack.js";
import {
  startTianyanchaStandIn,
  type TianyanchaStandIn,
  tianyanchaEnv,
} from "../support/tianyancha-stand-in.js";

let standIn: TianyanchaStandIn;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  standIn = await startTianyanchaStandIn();
  [stack, browser] = await Promise.all([
    startStack({
      env: { ...tianyanchaEnv(standIn), REGISTRY_MAX_ATTEMPTS: "3", REGISTRY_RETRY_INITIAL_SECONDS: "1" },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await standIn?.close();
});

let serial = 0;
/** An enterprise of its own in the stand-in's registry, and the facts its applicant submits. */
function enterprise() {
  serial += 1;
  const uscc = makeUscc("91", "520102", `MA6E${String(1000 + serial).slice(-4)}`);
  const facts = {
    uscc,
    unitName: `贵阳示例真实工商${serial}号科技有限公司`,
    legalRepName: "龙海波",
    legalRepIdNumber: makeIdNumber("520102", "19800412", 300 + serial),
    regionCode: "520102",
    contactMobile: `1360013${String(1000 + serial).slice(-4)}`,
  };
  standIn.add({
    creditCode: uscc,
    name: facts.unitName,
    legalPersonName: facts.legalRepName,
    regStatus: "存续（在营、开业、在册）",
    estiblishTime: Date.UTC(2019, 5, 30, 16),
  });
  return facts;
}

async function submitted(facts: Record<string, string>) {
  const response = await postJson(stack.app, "/api/registrations", await registrationBody(stack.app, facts));
  expect(response.status, await response.clone().text()).toBe(201);
  const { requestNumber } = (await response.json()).data;
  return stack.database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber } });
}

const registryEvents = (requestId: string) =>
  stack.database.db.requestEvent.findMany({
    where: { requestId, kind: { in: ["REGISTRY_CHECKED", "REGISTRY_UNAVAILABLE", "MANUAL_REVIEW"] } },
    orderBy: { sequence: "asc" },
  });

describe("issue 11: the real business registry (Tianyancha) in the registration", () => {
  it("R2/R3: every disclosed fact matches, so the registration goes on to the legal representative's face check; the ID number is stored as not provided", async () => {
    const facts = enterprise();
    const registration = await submitted(facts);
    await expect
      .poll(async () => (await registryEvents(registration.id)).map((e) => e.kind), { timeout: 20_000 })
      .toContain("REGISTRY_CHECKED");
    expect((await registryEvents(registration.id))[0]?.detail).toBe("MATCH");
    await expect
      .poll(
        () =>
          stack.database.db.realPersonCheck.count({
            where: { purpose: "LEGAL_REP_VERIFICATION", subjectIdNumber: facts.legalRepIdNumber },
          }),
        { timeout: 20_000 },
      )
      .toBe(1);
    const stored = JSON.parse(
      (await stack.database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } }))
        .registryResult ?? "null",
    );
    expect(stored).toMatchObject({
      outcome: "MATCH",
      mismatchedFields: [],
      notProvidedFields: ["legalRepIdNumber"],
      record: { uscc: facts.uscc, legalRepIdNumber: null, registeredOn: "2019-07-01" },
    });
    expect(standIn.received.filter((r) => r.keyword === facts.uscc)).toHaveLength(1);
    expect(await stack.database.db.humanTask.count({ where: { requestId: registration.id } })).toBe(0);
  });

  it("R2 in Chromium: the reviewer's comparison marks the ID number 未提供 (工商数据不提供), neither 一致 nor 不一致, beside a differing legal representative's name", async () => {
    const facts = enterprise();
    const registration = await submitted({ ...facts, legalRepName: "龙海兵" });
    await expect
      .poll(
        () =>
          stack.database.db.humanTask.findFirst({ where: { requestId: registration.id, status: "OPEN" } }),
        { timeout: 20_000 },
      )
      .not.toBeNull();
    const task = await stack.database.db.humanTask.findFirstOrThrow({
      where: { requestId: registration.id },
    });
    const reviewer = stack.people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const reviewerId = (
      await stack.database.db.person.findUniqueOrThrow({ where: { idNumber: reviewer.idNumber } })
    ).id;
    const session = await realPersonSession(stack.database.db, reviewerId);
    const claimed = await postJson(stack.app, `/api/tasks/${task.id}/claim`, {}, session.headers());
    expect(claimed.status, await claimed.clone().text()).toBe(200);
    const page = await signedInPage(browser, stack, reviewerId);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${stack.url}/workbench/tasks/${task.id}`);
    const comparison = page.getByTestId("registry-comparison");
    await comparison.waitFor();
    const row = (field: string) => comparison.locator(`[data-field="${field}"]`);

    await expect.poll(() => row("legalRepIdNumber").getAttribute("data-result")).toBe("notProvided");
    expect(await row("legalRepIdNumber").getByTestId("comparison-result").textContent()).toBe("未提供");
    expect(await row("legalRepIdNumber").textContent()).toContain("工商数据不提供");
    for (const [field, mark] of [
      ["unitName", "一致"],
      ["uscc", "一致"],
      ["legalRepName", "不一致"],
    ] as const) {
      expect(await row(field).getByTestId("comparison-result").textContent()).toBe(mark);
    }
    // The outcome says the ID number was compared by no one, and what the reviewer does about it.
    expect(await page.getByTestId("registry-not-provided").textContent()).toContain("请对照上传的材料核实");
    // The registry's wording of the state is shown with ours.
    expect(await row("registryStatus").textContent()).toContain("存续（在营、开业、在册）");
    // Only the differing name is offered for the reviewer's choice (R30), not the undisclosed ID number.
    const detail = await (
      await stack.app.request(`/api/tasks/${task.id}`, { headers: session.headers() })
    ).json();
    expect(detail.data.registration.factChoices).toEqual(["legalRepName"]);
    expect(detail.data.registration.registry.record.legalRepIdNumberMasked).toBeNull();
    await page.context().close();
  });

  it("R2: a registry that refuses the platform's token is never a pass: manual review at once (REGISTRY_UNAVAILABLE), asked once, not retried", async () => {
    const facts = enterprise();
    standIn.script(facts.uscc, { errorCode: 300002, reason: "账号失效" });
    const registration = await submitted(facts);
    await expect
      .poll(async () => (await registryEvents(registration.id)).map((e) => e.kind), { timeout: 20_000 })
      .toContain("REGISTRY_UNAVAILABLE");
    await expect
      .poll(
        () => stack.database.db.humanTask.count({ where: { requestId: registration.id, status: "OPEN" } }),
        { timeout: 20_000 },
      )
      .toBe(1);
    // REGISTRY_MAX_ATTEMPTS is 3 here: a throttled registry would be asked three times, this one once.
    expect(standIn.received.filter((r) => r.keyword === facts.uscc)).toHaveLength(1);
    expect(
      await stack.database.db.realPersonCheck.count({ where: { subjectIdNumber: facts.legalRepIdNumber } }),
    ).toBe(0);
  });
});
