// R14 on the real Temporal dev server: a unit registered in 2024 or later must affiliate; once its
// registration is approved, the registration workflow starts the affiliationMissingReminder as a
// child it abandons, which reminds the unit's contact mobile after the configured time unless the
// unit has affiliated, or asked to, meanwhile.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { affiliationMissingReminderWorkflowId } from "../../workflows/contracts.js";
import type { affiliationMissingReminder } from "../../workflows/index.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createUnit } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

// Registry fixture enterprises no other workflow test registers (the workflow id is the USCC's).
const KAILI = {
  uscc: "91522601MA6T44CB3K",
  unitName: "凯里苗岭示例民族工艺品有限公司",
  legalRepName: "潘金花",
  legalRepIdNumber: "522601199404110569",
  regionCode: "522601",
  contactMobile: "13688881401",
};
const LIPING = {
  uscc: "91522631MAAJLR625L",
  unitName: "黎平侗乡示例旅游文化有限公司",
  legalRepName: "吴小芳",
  legalRepIdNumber: "522201196501037820",
  regionCode: "522631",
  contactMobile: "13688881402",
};

let database: TestDatabase;
let worker: RunningWorker;
const taskQueue = `affiliation-reminder-${randomUUID()}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  const { config, ports } = appWith("4");
  worker = await startTestWorker({ database, config, ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

/** The API whose registrations remind this many seconds after approval, on the shared worker. */
function appWith(reminderSeconds: string) {
  return createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: taskQueue, AFFILIATION_MISSING_REMINDER_SECONDS: reminderSeconds },
  });
}

/** Registers the enterprise through the API and the legal representative's face check; the new unit. */
async function register(built: ReturnType<typeof appWith>, facts: typeof KAILI) {
  const submitted = await postJson(built.app, "/api/registrations", await registrationBody(built.app, facts));
  expect(submitted.status, await submitted.clone().text()).toBe(201);
  const { requestNumber } = (await submitted.json()).data;
  const registration = await database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber } });
  await expect
    .poll(() => database.db.realPersonCheck.count({ where: { requestId: registration.id } }), {
      timeout: 15_000,
    })
    .toBe(1);
  const check = await database.db.realPersonCheck.findFirstOrThrow({ where: { requestId: registration.id } });
  await expect
    .poll(
      async () =>
        (await database.db.requestEvent.findMany({ where: { requestId: registration.id } })).some(
          (e) => e.kind === "FACE_CHECK_SENT",
        ),
      { timeout: 15_000 },
    )
    .toBe(true);
  expect((await postJson(built.app, `/api/mobile/checks/${check.token}/face`, { passed: true })).status).toBe(
    200,
  );
  const handle = built.temporal.workflow.getHandle(registration.workflowId);
  expect(await handle.result()).toBe("APPROVED");
  const unit = await database.db.unit.findUniqueOrThrow({ where: { uscc: facts.uscc } });
  return { handle, unit };
}

const reminders = (mobile: string) =>
  database.db.smsMessage.findMany({ where: { mobile, template: "AFFILIATION_MISSING_REMINDER" } });

describe("R14 the reminder to affiliate", () => {
  it("R14 an approved unit registered in 2024 or later without a superior is reminded by SMS after the configured time", async () => {
    const built = appWith("4");
    const { handle, unit } = await register(built, KAILI);
    expect(unit).toMatchObject({ affiliationRequired: true, parentUnitId: null });
    // The registration is closed; its child goes on (ParentClosePolicy ABANDON) and has not reminded yet.
    const reminder = built.temporal.workflow.getHandle<typeof affiliationMissingReminder>(
      affiliationMissingReminderWorkflowId(unit.id),
    );
    const described = await reminder.describe();
    expect(described.status.name).toBe("RUNNING");
    expect(described.parentExecution?.workflowId).toBe(handle.workflowId);
    expect(await reminders(KAILI.contactMobile)).toHaveLength(0);

    expect(await reminder.result()).toBe("SENT");
    const sent = await reminders(KAILI.contactMobile);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain(KAILI.unitName);
    expect(sent[0]!.body).toContain("主管部门（上级推送节点）");
    await recordHistory(handle, "unit-registration-affiliation-reminder-started");
    await recordHistory(reminder, "affiliation-missing-reminder-sent");
  });

  it("R14 no reminder when the unit has affiliated meanwhile", async () => {
    const built = appWith("3");
    const { unit } = await register(built, LIPING);
    const superior = await database.db.unit.findFirstOrThrow({
      where: { type: "HR_DEPARTMENT", regionCode: "522600" },
    });
    await database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: superior.id } });
    const reminder = built.temporal.workflow.getHandle<typeof affiliationMissingReminder>(
      affiliationMissingReminderWorkflowId(unit.id),
    );
    expect(await reminder.result()).toBe("NOT_NEEDED");
    expect(await reminders(LIPING.contactMobile)).toHaveLength(0);
    await recordHistory(reminder, "affiliation-missing-reminder-not-needed");
  });

  it("R14 none while its affiliation request waits for the superior; once it is rejected, one reminder however often it runs", async () => {
    const built = appWith("1");
    const unit = await createUnit(database.db);
    await database.db.unit.update({
      where: { id: unit.id },
      data: { affiliationRequired: true, contactMobile: "13688881403" },
    });
    const superior = await createUnit(database.db);
    const request = await database.db.affiliationRequest.create({
      data: {
        requestNumber: `GKTEST${unit.id.slice(0, 8)}`,
        unitId: unit.id,
        superiorUnitId: superior.id,
        openUnitId: unit.id,
        requestedById: randomUUID(),
        workflowId: `AffiliationRequest:${unit.id}`,
      },
    });
    const run = () =>
      built.temporal.workflow.execute("affiliationMissingReminder", {
        taskQueue,
        workflowId: affiliationMissingReminderWorkflowId(unit.id),
        args: [{ unitId: unit.id, afterSeconds: 1 }],
      });
    expect(await run()).toBe("NOT_NEEDED");
    await database.db.affiliationRequest.update({
      where: { id: request.id },
      data: { openUnitId: null, status: "REJECTED", closedAt: new Date() },
    });
    expect(await run()).toBe("SENT");
    expect(await run()).toBe("SENT");
    expect(await reminders("13688881403")).toHaveLength(1);
  });

  it("R14 a unit that need not affiliate (created under its superior, or imported) is never reminded", async () => {
    const built = appWith("1");
    const unit = await createUnit(database.db);
    await database.db.unit.update({ where: { id: unit.id }, data: { contactMobile: "13688881404" } });
    const outcome = await built.temporal.workflow.execute("affiliationMissingReminder", {
      taskQueue,
      workflowId: affiliationMissingReminderWorkflowId(unit.id),
      args: [{ unitId: unit.id, afterSeconds: 1 }],
    });
    expect(outcome).toBe("NOT_NEEDED");
    expect(await reminders("13688881404")).toHaveLength(0);
  });
});
