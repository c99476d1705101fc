// Issue 8 item 1: the API (this process) and the worker (a process of its own, as under
// `npm start`) write one SQLite file at once: 50 concurrent mixed writes, no 5xx, and every change
// applied exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeIdNumber, makeUscc } from "../../prisma/seed/seed.js";
import { BINDING_TASK_KIND } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, PASSWORD, realPersonSession } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";

const taskQueue = `two-processes-${randomUUID()}`;
let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let worker: ChildProcess;
let workerLog = "";

beforeAll(async () => {
  database = await createTestDatabase();
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_UPDATE_TIMEOUT_SECONDS: "30" },
  });
  // The real worker process (lib/run-worker.ts), on its own connection to the same file.
  worker = spawn(process.execPath, ["--import", "tsx", "lib/run-worker.ts"], {
    env: {
      ...process.env,
      DATA_DIR: database.dir,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: inject("temporalAddress"),
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its log: an activity that failed on a locked database would be retried silently otherwise.
  for (const stream of [worker.stdout!, worker.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      workerLog += chunk;
    });
  }
});
afterAll(async () => {
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM");
  await exited;
  await built.connection.close();
  await database.close();
});

async function login(idNumber: string) {
  const jar = cookieJar();
  const response = await postJson(built.app, "/api/auth/login", { account: idNumber, password: PASSWORD });
  expect(response.status).toBe(200);
  jar.take(response);
  return jar;
}

const ask = (jar: ReturnType<typeof cookieJar>, unitName: string) =>
  postJson(
    built.app,
    "/api/binding-requests",
    { unitName, pledgeAccepted: true, submissionId: randomUUID() },
    jar.headers(),
  );

describe("Item 1: one safe write path to SQLite", () => {
  it("60 concurrent mixed writes from the API and the worker process against one file: 0 5xx, each applied exactly once", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const adminSession = await realPersonSession(database.db, admin.id);
    // 10 members to exit, and 10 requests already waiting for the unit's decision (their tasks
    // written by the worker).
    const members = await Promise.all(
      Array.from({ length: 10 }, () => createPerson(database.db, { unitId: unit.id })),
    );
    const waiting: string[] = [];
    for (let i = 0; i < 10; i++) {
      const person = await createPerson(database.db);
      const response = await ask(await login(person.idNumber), unit.name);
      expect(response.status).toBe(201);
      waiting.push((await response.json()).data.id);
    }
    await expect
      .poll(() => database.db.humanTask.count({ where: { requestId: { in: waiting } } }), { timeout: 30_000 })
      .toBe(10);
    const askers = await Promise.all(
      Array.from({ length: 25 }, async () => login((await createPerson(database.db)).idNumber)),
    );
    const registrations = await Promise.all(
      Array.from({ length: 15 }, async (_, i) =>
        registrationBody(built.app, {
          uscc: makeUscc("91", "520102", `MW${String(i).padStart(6, "0")}`),
          unitName: `两进程示例${i}有限公司`,
          legalRepName: "吴国平",
          legalRepIdNumber: makeIdNumber("520102", "19720202", 200 + i),
          regionCode: "520102",
        }),
      ),
    );

    // The burst: 25 binding requests, 15 unit registrations, 10 decisions and 10 exits at once. Most
    // start or move a workflow, whose activities write the same file from the worker meanwhile.
    const responses = await Promise.all([
      ...askers.map((jar) => ask(jar, unit.name)),
      ...registrations.map((body) => postJson(built.app, "/api/registrations", body)),
      ...waiting.map((requestId) =>
        postJson(
          built.app,
          `/api/units/${unit.id}/binding-requests/decisions`,
          { requestIds: [requestId], decision: "APPROVE" },
          adminSession.headers(),
        ),
      ),
      ...members.map((member) =>
        postJson(
          built.app,
          `/api/units/${unit.id}/accounts/${member.id}/exit`,
          { reason: "调离本单位" },
          adminSession.headers(),
        ),
      ),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(40);
    expect(statuses.slice(50).filter((s) => s === 200 || s === 204)).toHaveLength(10);
    const decisions = await Promise.all(responses.slice(40, 50).map(async (r) => (await r.json()).data[0]));
    expect(decisions.filter((d) => d.ok && d.state === "APPROVED")).toHaveLength(10);

    // Exactly once: one task per request, one binding per accepted person, no event twice.
    const requests = await database.db.bindingRequest.findMany({ where: { unitId: unit.id } });
    expect(requests).toHaveLength(35);
    await expect
      .poll(() => database.db.humanTask.count({ where: { kind: BINDING_TASK_KIND, unitId: unit.id } }), {
        timeout: 30_000,
      })
      .toBe(35);
    const accepted = requests.filter((r) => waiting.includes(r.id));
    expect(accepted.every((r) => r.status === "APPROVED")).toBe(true);
    expect(
      await database.db.binding.count({
        where: { unitId: unit.id, personId: { in: accepted.map((r) => r.personId) }, endedAt: null },
      }),
    ).toBe(10);
    expect(
      await database.db.auditEvent.count({
        where: { action: "binding-request.decided", targetId: { in: waiting } },
      }),
    ).toBe(10);
    await expect
      .poll(
        async () =>
          (
            await database.db.unitRegistration.findMany({ where: { unitName: { startsWith: "两进程示例" } } })
          ).filter((r) => r.status === "IN_MANUAL_REVIEW").length,
        { timeout: 60_000 },
      )
      .toBe(15);
    const events = await database.db.requestEvent.groupBy({
      by: ["requestType", "requestId"],
      where: { kind: "SUBMITTED" },
      _count: { _all: true },
    });
    expect(events.filter((e) => e._count._all !== 1)).toEqual([]);
    expect(events.length).toBeGreaterThanOrEqual(50);
    expect(
      await database.db.binding.count({
        where: { personId: { in: members.map((m) => m.id) }, endReason: "EXITED" },
      }),
    ).toBe(10);
    expect(workerLog).not.toMatch(/locked|SQLITE_BUSY|timed out/i);
  }, 180_000);
});
