// Issue 14.3, on the scale-out stack only (`npm run test:cluster`): a real Temporal cluster of its
// own (frontend, history, matching and worker as separate processes on PostgreSQL, 4 history
// shards), the platform database on PostgreSQL, the API and a worker. Unit registrations in flight
// live through a kill -9 of the history service and, while their decisions are in flight, a kill -9
// of the frontend: every request completes exactly once — nothing lost (every row, task, audit row
// and message there), nothing duplicated (no second unit, message, event, task or audit row).
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config.js";
import { startTemporalCluster, type TemporalCluster } from "../../lib/temporal-cluster.js";
import { resolveTemporalServer } from "../../lib/temporal-server.js";
import { makeIdNumber, makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { REVIEW_TASK_KIND } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

const SEED_PASSWORD = "Guizhou@2026";
/** Registrations in flight through each fault. */
const REQUESTS = 6;
/** How long a killed service stays down. */
const DOWN_MS = 3000;

let cluster: TemporalCluster;
let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let worker: RunningWorker;
let people: Awaited<ReturnType<typeof seedBaseline>>;

beforeAll(async () => {
  const dataDir = path.resolve(process.env.TEST_DATA_DIR ?? ".test-data", `service-faults-${randomUUID()}`);
  const binaries = await resolveTemporalServer(loadConfig().temporal.cacheDir, () => {});
  cluster = await startTemporalCluster({ dataDir, binaries });
  database = await createTestDatabase();
  people = await seedBaseline(database.db, SEED_PASSWORD);
  built = createTestApp(database, {
    temporalAddress: cluster.address,
    env: {
      TEMPORAL_TASK_QUEUE: `service-faults-${randomUUID()}`,
      TEMPORAL_START_TIMEOUT_SECONDS: "2",
      TEMPORAL_UPDATE_TIMEOUT_SECONDS: "2",
      SMS_MAX_PER_MOBILE_PER_HOUR: "10000",
      SMS_MAX_PER_MOBILE_PER_DAY: "10000",
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: "10000",
      UPLOADS_PER_ADDRESS_PER_HOUR: "10000",
    },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker?.stop();
  await built?.connection.close();
  await database?.close();
  await cluster?.stop();
});

/** Sends again while the answer is 503 (what a client does with the same submission or key), for up to 60 s. */
async function untilAnswered(send: () => Response | Promise<Response>): Promise<Response> {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    const response = await Promise.resolve(send()).catch(() => new Response(null, { status: 503 }));
    if (response.status !== 503 || Date.now() > giveUpAt) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Facts of a unit the business registry does not know: its registration goes to manual review. */
function newUnitFacts(n: number) {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  return {
    uscc: makeUscc("91", "520102", `FC${tag}`),
    unitName: `贵阳集群故障示例${tag}有限公司`,
    legalRepName: "周建国",
    legalRepIdNumber: makeIdNumber("520102", "19700101", 200 + n),
    regionCode: "520102",
    contactMobile: `1360000${String(1000 + n).slice(-4)}`,
  };
}

const registrationStatus = async (id: string) =>
  (await database.db.unitRegistration.findUniqueOrThrow({ where: { id } })).status;

describe("Issue 14.3: a real cluster's services fail mid-flight", () => {
  it("requests in flight survive kill -9 of history and then of the frontend: each completes exactly once", async () => {
    // Uploads first: they touch no workflow.
    const bodies = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, n) => registrationBody(built.app, newUnitFacts(n))),
    );

    // 1. Submissions in flight when the history service dies. Half before the kill (the kill lands
    // once the first is stored), half while history is down: on a slow machine all six sent at once
    // reached review before the kill, and the fault hit none of them.
    const submit = (body: (typeof bodies)[number]) =>
      untilAnswered(() => postJson(built.app, "/api/registrations", body));
    const submissions = bodies.slice(0, REQUESTS / 2).map(submit);
    await expect
      .poll(() => database.db.requestEvent.count({ where: { kind: "SUBMITTED" } }), { interval: 20 })
      .toBeGreaterThan(0);
    await cluster.kill("history");
    const reviewedAtHistoryKill = await database.db.unitRegistration.count({
      where: { status: "IN_MANUAL_REVIEW" },
    });
    submissions.push(...bodies.slice(REQUESTS / 2).map(submit));
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await cluster.restart("history");
    const submitted = await Promise.all(submissions);
    // 201, or 200 when an attempt that got 503 (history down) had stored it: the retry of the same
    // submission answers with the stored request (the exactly-once checks below prove no double).
    for (const response of submitted)
      expect([200, 201], await response.clone().text()).toContain(response.status);
    // The fault hit requests that were still on their way to review.
    expect(reviewedAtHistoryKill).toBeLessThan(REQUESTS);

    const registrations = await Promise.all(
      bodies.map((body) =>
        database.db.unitRegistration.findUniqueOrThrow({ where: { submissionId: body.submissionId } }),
      ),
    );
    for (const registration of registrations) {
      await expect
        .poll(() => registrationStatus(registration.id), { timeout: 60_000, interval: 200 })
        .toBe("IN_MANUAL_REVIEW");
    }
    const tasks = await Promise.all(
      registrations.map((registration) =>
        database.db.humanTask.findUniqueOrThrow({
          where: { requestId_kind_step: { requestId: registration.id, kind: REVIEW_TASK_KIND, step: 0 } },
        }),
      ),
    );

    // 2. Decisions in flight when the frontend dies; the client retries each with its key.
    const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const jar = cookieJar();
    const login = await postJson(built.app, "/api/auth/login", {
      account: reviewer.idNumber,
      password: SEED_PASSWORD,
    });
    expect(login.status).toBe(200);
    jar.take(login);
    const decide = (task: (typeof tasks)[number]) =>
      untilAnswered(() =>
        postJson(
          built.app,
          `/api/tasks/${task.id}/decision`,
          { decision: "APPROVE" },
          jar.headers({ "idempotency-key": `approve-${task.id}` }),
        ),
      );
    // Half before the kill (the first completes, the kill lands among the others), half while the
    // frontend is down: on the faster cluster (pgx driver) all six sent at once completed between
    // the first one's completion and the kill, and none was in flight any more.
    const decisions = tasks.slice(0, REQUESTS / 2).map(decide);
    await expect
      .poll(
        () =>
          database.db.humanTask.count({ where: { id: { in: tasks.map((t) => t.id) }, status: "COMPLETED" } }),
        {
          interval: 20,
        },
      )
      .toBeGreaterThan(0);
    await cluster.kill("frontend");
    const approvedAtFrontendKill = await database.db.unitRegistration.count({
      where: { id: { in: registrations.map((r) => r.id) }, status: "APPROVED" },
    });
    decisions.push(...tasks.slice(REQUESTS / 2).map(decide));
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await cluster.restart("frontend");
    const decided = await Promise.all(decisions);
    for (const response of decided) {
      expect(response.status, await response.clone().text()).toBe(200);
      expect((await response.json()).data).toMatchObject({ status: "COMPLETED", outcome: "APPROVE" });
    }
    expect(approvedAtFrontendKill).toBeLessThan(REQUESTS);

    // 3. Nothing lost, nothing duplicated.
    for (const [n, registration] of registrations.entries()) {
      await expect
        .poll(() => registrationStatus(registration.id), { timeout: 60_000, interval: 200 })
        .toBe("APPROVED");
      const handle = built.temporal.workflow.getHandle(registration.workflowId);
      await handle.result();
      expect(await database.db.unit.count({ where: { uscc: bodies[n]!.uscc } })).toBe(1);
      expect(await database.db.humanTask.findMany({ where: { requestId: registration.id } })).toMatchObject([
        { status: "COMPLETED", outcome: "APPROVE" },
      ]);
      expect(
        await database.db.auditEvent.count({
          where: { action: "registration.decided", targetId: registration.id },
        }),
      ).toBe(1);
      const events = (await database.db.requestEvent.findMany({ where: { requestId: registration.id } })).map(
        (e) => e.kind,
      );
      expect(events).toEqual(expect.arrayContaining(["SUBMITTED", "MANUAL_REVIEW", "APPROVED"]));
      expect(events.length, events.join(", ")).toBe(new Set(events).size);
      const messages = (
        await database.db.smsMessage.findMany({ where: { mobile: registration.contactMobile } })
      ).map((m) => m.template);
      expect(messages).toEqual(expect.arrayContaining(["REGISTRATION_APPROVED"]));
      expect(messages.length, messages.join(", ")).toBe(new Set(messages).size);
    }
  });
});
