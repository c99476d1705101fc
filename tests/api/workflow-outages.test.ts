// Issue 8 items 4 and 5 under Temporal outages and lost answers, on real SQLite files with a fake
// Temporal client (tests/support/fake-workflow-starts.ts) that keeps one run per workflow id like the
// server: a stored request is never deleted while its workflow may run, and the next touch starts it.
import { randomUUID } from "node:crypto";
import { Client, Connection, WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequestActivities } from "../../activities/request.activities.js";
import { createUnitRegistrationActivities } from "../../activities/unit-registration.activities.js";
import { createApp } from "../../api/app.js";
import { createDependencyProbe } from "../../api/routes/health/health.probe.js";
import { createLogger } from "../../lib/logger.js";
import { createPorts } from "../../lib/ports/index.js";
import { makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { NOT_IN_REVIEW, REVIEW_TASK_KIND } from "../../workflows/contracts.js";
import { cookieJar, createTestApp, testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fakeWorkflowStarts } from "../support/fake-workflow-starts.js";
import { postJson, registrationBody } from "../support/registration.js";
import { unitWithLogin } from "../support/unit-login.js";

const SEED_PASSWORD = "Guizhou@2026";
let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;
let runs: ReturnType<typeof fakeWorkflowStarts>;

beforeEach(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  built = createTestApp(database);
  runs = fakeWorkflowStarts(built.temporal);
});
afterEach(() => database.close());

const uscc = (n: number) => makeUscc("91", "520102", `MA6K${String(n).padStart(4, "0")}`);
const unavailable = () => Object.assign(new Error("14 UNAVAILABLE: No connection established"), { code: 14 });
const errorOf = async (r: Response) => (await r.json()).error as { code: string };

describe("Item 5: a registration is kept when Temporal does not answer", () => {
  it("a retried submission (same submissionId) during a Temporal outage keeps the registration whose workflow runs", async () => {
    const body = await registrationBody(built.app, { uscc: uscc(1), unitName: "贵州重试删除示例有限公司" });
    const first = await postJson(built.app, "/api/registrations", body);
    expect(first.status).toBe(201);
    const { requestNumber } = (await first.json()).data;
    const workflowId = [...runs.keys()][0]!;
    // The worker is down, so the registration is still SUBMITTED; then Temporal becomes unreachable
    // and the applicant's browser retries the submission whose answer it did not see.
    const start = built.temporal.workflow.start;
    Object.assign(built.temporal.workflow, { start: async () => Promise.reject(unavailable()) });
    const retry = await postJson(built.app, "/api/registrations", body);
    Object.assign(built.temporal.workflow, { start });
    expect(retry.status).toBe(503);
    expect(await database.db.unitRegistration.findUnique({ where: { requestNumber } })).not.toBeNull();
    expect(runs.has(workflowId)).toBe(true);
    // Once Temporal is back, the retry finds its own registration and its run.
    const back = await postJson(built.app, "/api/registrations", body);
    expect(back.status).toBe(200);
    expect((await back.json()).data.requestNumber).toBe(requestNumber);
  });

  it("a new submission with the same unit name during a Temporal outage keeps the older open registration", async () => {
    const name = "贵州同名删除示例有限公司";
    const first = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(2), unitName: name }),
    );
    expect(first.status).toBe(201);
    const { requestNumber } = (await first.json()).data;
    // Worker down for a while: still SUBMITTED, older than 2 × TEMPORAL_START_TIMEOUT_SECONDS.
    await database.db.unitRegistration.update({
      where: { requestNumber },
      data: { submittedAt: new Date(Date.now() - 60_000) },
    });
    Object.assign(built.temporal.workflow, { start: async () => Promise.reject(unavailable()) });
    const other = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(3), unitName: name }),
    );
    expect(other.status).toBe(409);
    expect((await errorOf(other)).code).toBe("UNIT_NAME_IN_REGISTRATION");
    expect(await database.db.unitRegistration.findUnique({ where: { requestNumber } })).not.toBeNull();
  });

  it("a start the server took but did not confirm in time keeps the registration; its retry gets it, another submission of the USCC is told it is in progress", async () => {
    const start = built.temporal.workflow.start;
    Object.assign(built.temporal.workflow, {
      async start(type: string, options: { workflowId: string }) {
        await start.call(built.temporal.workflow, type as never, options as never); // the server started it…
        throw Object.assign(new Error("4 DEADLINE_EXCEEDED: Deadline exceeded"), { code: 4 }); // …the answer was lost
      },
    });
    const body = await registrationBody(built.app, { uscc: uscc(4), unitName: "贵州超时示例有限公司" });
    const first = await postJson(built.app, "/api/registrations", body);
    Object.assign(built.temporal.workflow, { start });
    expect(first.status).toBe(503);
    expect(await database.db.unitRegistration.count({ where: { uscc: uscc(4) } })).toBe(1);
    const retried = await postJson(built.app, "/api/registrations", body);
    expect(retried.status).toBe(200);
    const again = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: uscc(4), unitName: "贵州超时示例二有限公司" }),
    );
    expect((await errorOf(again)).code).toBe("REGISTRATION_IN_PROGRESS");
  });
});

describe("Item 4: a legacy unit whose account name is the USCC (R5)", () => {
  it("refuses the registration at submission, and an approval meanwhile goes back to review instead of retrying for ever", async () => {
    const code = uscc(5);
    // Submitted before the legacy unit is imported…
    const submitted = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: code, unitName: "贵州新注册示例有限公司" }),
    );
    expect(submitted.status).toBe(201);
    // Imported legacy unit (R5): custom account name, here the unit's code, uscc column left empty.
    await database.db.unit.create({
      data: {
        name: "贵州旧系统导入示例单位",
        uscc: null,
        accountName: code,
        passwordHash: "x",
        type: "ENTERPRISE",
        origin: "IMPORTED",
        regionCode: "520102",
        contactName: "甲",
        contactMobile: "13700000001",
      },
    });
    // …approved after it: the unit cannot take its account name.
    const registration = await database.db.unitRegistration.findFirstOrThrow({ where: { uscc: code } });
    const activities = createUnitRegistrationActivities({ db: database.db, ports: built.ports });
    const outcome = await activities.registerUnit({ registrationId: registration.id }).catch((e: Error) => e);
    expect(outcome).toEqual({ unitExists: "USCC" });
    const later = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { uscc: code, unitName: "贵州新注册示例二有限公司" }),
    );
    expect((await errorOf(later)).code).toBe("UNIT_ALREADY_REGISTERED");
  });
});

describe("Item 4: a decision racing a withdrawal", () => {
  it("the decision route's claim never turns a cancelled task back into a claimed one", async () => {
    const requestId = randomUUID();
    const task = await database.db.humanTask.create({
      data: {
        workflowId: "UnitRegistration:x",
        kind: REVIEW_TASK_KIND,
        requestType: "UNIT_REGISTRATION",
        requestId,
        queue: "PLATFORM_REVIEW",
        title: "race",
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    // The workflow's changeTask(CANCELLED) after a withdrawal lands between the route's read and its
    // claim (a raw conditional UPDATE, issue 14): armed just before the decision is sent.
    const cancel = async () => {
      await createRequestActivities({ db: database.db, ports: built.ports } as never).changeTask({
        requestId,
        kind: REVIEW_TASK_KIND,
        change: "CANCELLED",
        outcome: "WITHDRAWN",
      });
    };
    let hook: (() => Promise<void>) | undefined;
    const real = database.db;
    const db = new Proxy(real, {
      get(target, prop) {
        if (prop === "$executeRaw") {
          return async (...args: Parameters<typeof real.$executeRaw>) => {
            const h = hook;
            hook = undefined;
            if (h) await h();
            return target.$executeRaw(...args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const config = testConfig(database);
    const temporal = new Client({
      connection: Connection.lazy({ address: config.temporal.address }),
      namespace: "default",
    });
    // The workflow's validator refuses: the request was withdrawn.
    Object.assign(temporal.workflow, {
      getHandle: (workflowId: string) => ({
        workflowId,
        startUpdate: async () => {
          throw new WorkflowUpdateFailedError(
            "Workflow Update failed",
            ApplicationFailure.create({
              type: NOT_IN_REVIEW,
              message: "The request is WITHDRAWN",
              nonRetryable: true,
            }),
          );
        },
      }),
    });
    const app = createApp({
      health: createDependencyProbe({ config, db: db as never, temporal }),
      config,
      db: db as never,
      temporal,
      ...createPorts(config, real),
      logger: createLogger({ level: "silent", name: "test" }),
    });
    const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const jar = cookieJar();
    const login = await postJson(app, "/api/auth/login", {
      account: reviewer.idNumber,
      password: SEED_PASSWORD,
    });
    jar.take(login);
    hook = cancel;
    const decided = await postJson(
      app,
      `/api/tasks/${task.id}/decision`,
      { decision: "APPROVE" },
      jar.headers(),
    );
    expect((await errorOf(decided)).code).toBe("TASK_NOT_IN_REVIEW");
    const after = await real.humanTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toMatchObject({ status: "CANCELLED", outcome: "WITHDRAWN" });
    // The race was run: the cancellation landed inside the route, at its claim.
    expect(hook).toBeUndefined();
  });
});

describe("Item 5: contact mobile changes (R27) when Temporal does not answer", () => {
  it("a change whose start answer was lost stays stored and running; the next change is told one is in progress", async () => {
    const { unit, askContactMobileChange: ask } = await unitWithLogin(built.app, database.db, {
      uscc: uscc(6),
      name: "贵阳手机变更攻击示例有限公司",
      contactMobile: "13700006666",
    });
    const start = built.temporal.workflow.start;
    Object.assign(built.temporal.workflow, {
      async start(type: string, options: { workflowId: string }) {
        await start.call(built.temporal.workflow, type as never, options as never);
        throw Object.assign(new Error("4 DEADLINE_EXCEEDED: Deadline exceeded"), { code: 4 });
      },
    });
    const first = await ask("13700007777");
    Object.assign(built.temporal.workflow, { start });
    expect(first.status).toBe(503);
    expect(await database.db.contactMobileChange.count({ where: { unitId: unit.id } })).toBe(1);
    const second = await ask("13700008888");
    expect((await errorOf(second)).code).toBe("CONTACT_MOBILE_CHANGE_IN_PROGRESS");
  });

  it("a change stored by an API that stopped before starting its workflow is started by the unit's next attempt", async () => {
    const { unit, askContactMobileChange } = await unitWithLogin(built.app, database.db, {
      uscc: uscc(7),
      name: "贵阳手机变更孤儿示例有限公司",
      contactMobile: "13700006667",
    });
    // What contact-mobile-change.ts stores before startWorkflowWithin (the API is killed in between).
    await database.db.contactMobileChange.create({
      data: {
        unitId: unit.id,
        openUnitId: unit.id,
        previousMobile: "13700006667",
        newMobile: "13700009999",
        method: "MANUAL_REVIEW",
        explanation: "x",
        workflowId: `ContactMobileChange:${unit.id}`,
        submittedAt: new Date(Date.now() - 7 * 86_400_000),
      },
    });
    const again = await askContactMobileChange("13700005555");
    expect((await errorOf(again)).code).toBe("CONTACT_MOBILE_CHANGE_IN_PROGRESS");
    expect(runs.has(`ContactMobileChange:${unit.id}`)).toBe(true);
  });
});
