// R27: changing a unit's contact mobile, on the real Temporal dev server: the new mobile proves
// itself by code, the legal representative confirms by face check, or a reviewer decides.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { makeIdNumber, makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { decideReview } from "../../workflows/contracts.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;
const OLD = "13700005555";

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
  const address = inject("temporalAddress");
  built = createTestApp(database, {
    temporalAddress: address,
    // The unit logins of every test send their codes to one contact mobile (OLD): a budget for all of them.
    env: {
      TEMPORAL_TASK_QUEUE: `mobile-${randomUUID()}`,
      CONTACT_MOBILE_CHECK_TTL_SECONDS: "30",
      SMS_MAX_PER_MOBILE_PER_HOUR: "20",
    },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

let sequence = 0;
async function unitWithLogin() {
  sequence++;
  const uscc = makeUscc("91", "520102", `MA6DK${String(100 + sequence)}`);
  const unit = await database.db.unit.create({
    data: {
      name: `贵阳换号示例${sequence}有限公司`,
      uscc,
      accountName: uscc,
      passwordHash: await hashPassword("Unit#Pass2026"),
      type: "ENTERPRISE",
      origin: "SELF_REGISTERED",
      regionCode: "520102",
      legalRepName: "王法人",
      legalRepIdNumber: makeIdNumber("520102", "19700101", 100 + sequence),
      contactName: "李联系",
      contactMobile: OLD,
    },
  });
  const step1 = await (
    await postJson(built.app, "/api/auth/unit-login/code", { account: uscc, password: "Unit#Pass2026" })
  ).json();
  const jar = cookieJar();
  jar.take(
    await postJson(built.app, "/api/auth/unit-login", {
      challengeId: step1.data.challengeId,
      code: await lastCode(OLD),
    }),
  );
  return { unit, jar };
}

async function lastCode(mobile: string) {
  const message = await database.db.smsMessage.findFirstOrThrow({
    where: { mobile, template: "VERIFICATION_CODE" },
    orderBy: { createdAt: "desc" },
  });
  return /验证码为(\d{6})/.exec(message.body)![1]!;
}

async function requestChange(
  unitId: string,
  jar: ReturnType<typeof cookieJar>,
  newMobile: string,
  method: string,
) {
  const code = await postJson(
    built.app,
    `/api/units/${unitId}/contact-mobile-change/code`,
    { newMobile },
    jar.headers(),
  );
  expect(code.status).toBe(200);
  const { data } = await code.json();
  const response = await postJson(
    built.app,
    `/api/units/${unitId}/contact-mobile-change`,
    {
      challengeId: data.challengeId,
      code: await lastCode(newMobile),
      method,
      explanation: "法人出国，无法人脸识别",
    },
    jar.headers(),
  );
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
  return (await response.json()).data;
}

const statusOf = async (unitId: string, jar: ReturnType<typeof cookieJar>) =>
  (
    await (
      await built.app.request(`/api/units/${unitId}/contact-mobile-change`, { headers: jar.headers() })
    ).json()
  ).data;

async function reviewerDecides(requestId: string, decision: "APPROVE" | "REJECT", reason?: string) {
  const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
  const jar = cookieJar();
  jar.take(
    await postJson(built.app, "/api/auth/login", { account: reviewer.idNumber, password: "Guizhou@2026" }),
  );
  await expect.poll(() => database.db.humanTask.count({ where: { requestId } })).toBe(1);
  const task = await database.db.humanTask.findFirstOrThrow({ where: { requestId } });
  const detail = await (await built.app.request(`/api/tasks/${task.id}`, { headers: jar.headers() })).json();
  expect(detail.data.contactMobileChange).toMatchObject({ previousMobileMasked: "137****5555" });
  const response = await postJson(
    built.app,
    `/api/tasks/${task.id}/decision`,
    { decision, reason },
    jar.headers(),
  );
  expect(response.status).toBe(200);
}

describe("R27 contact mobile change", () => {
  it("R27 applies the change once the legal representative passes the face check, and tells both mobiles", async () => {
    const { unit, jar } = await unitWithLogin();
    const change = await requestChange(unit.id, jar, "13900006666", "FACE_CHECK");
    await expect.poll(async () => (await statusOf(unit.id, jar)).checkUrl).toMatch(/\/mobile\/check\//);
    const token = (await statusOf(unit.id, jar)).checkUrl.split("/").pop();
    expect((await postJson(built.app, `/api/mobile/checks/${token}/face`, { passed: true })).status).toBe(
      200,
    );
    await expect.poll(async () => (await statusOf(unit.id, jar)).status).toBe("APPROVED");
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactMobile).toBe(
      "13900006666",
    );
    await expect
      .poll(() =>
        database.db.smsMessage.count({
          where: { idempotencyKey: { startsWith: `ContactMobileChange:${change.id}` } },
        }),
      )
      .toBe(2);
    expect(
      await database.db.auditEvent.count({
        where: { action: "unit.contact-mobile-changed", targetId: unit.id },
      }),
    ).toBe(1);
  });

  it("R27 goes to manual review when the face check fails, where a reviewer approves", async () => {
    const { unit, jar } = await unitWithLogin();
    const change = await requestChange(unit.id, jar, "13900007777", "FACE_CHECK");
    await expect.poll(async () => (await statusOf(unit.id, jar)).checkUrl).toBeTruthy();
    const token = (await statusOf(unit.id, jar)).checkUrl.split("/").pop();
    await postJson(built.app, `/api/mobile/checks/${token}/face`, { passed: false });
    await expect.poll(async () => (await statusOf(unit.id, jar)).status).toBe("IN_MANUAL_REVIEW");
    await reviewerDecides(change.id, "APPROVE");
    await expect.poll(async () => (await statusOf(unit.id, jar)).status).toBe("APPROVED");
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactMobile).toBe(
      "13900007777",
    );
    const handle = built.temporal.workflow.getHandle(`ContactMobileChange:${unit.id}`);
    await handle.result();
    await recordHistory(handle, "contact-mobile-change-face-failed-approved");
  });

  it("R27 lets a reviewer reject a manual-review change with a reason, keeping the old mobile", async () => {
    const { unit, jar } = await unitWithLogin();
    const change = await requestChange(unit.id, jar, "13900008888", "MANUAL_REVIEW");
    const again = await postJson(
      built.app,
      `/api/units/${unit.id}/contact-mobile-change/code`,
      { newMobile: "13900008889" },
      jar.headers(),
    );
    const { data } = await again.json();
    const second = await postJson(
      built.app,
      `/api/units/${unit.id}/contact-mobile-change`,
      {
        challengeId: data.challengeId,
        code: await lastCode("13900008889"),
        method: "MANUAL_REVIEW",
        explanation: "再次申请",
      },
      jar.headers(),
    );
    expect((await second.json()).error.code).toBe("CONTACT_MOBILE_CHANGE_IN_PROGRESS");
    await reviewerDecides(change.id, "REJECT", "材料不足");
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "contact-mobile-change.decided", targetId: change.id },
    });
    expect(audit).toMatchObject({ targetType: "ContactMobileChange", targetId: change.id });
    await expect.poll(async () => (await statusOf(unit.id, jar)).status).toBe("REJECTED");
    expect((await statusOf(unit.id, jar)).decisionReason).toBe("材料不足");
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactMobile).toBe(OLD);
  });

  it("Issue 14 an approval whose step finds the change rejected by another reviewer (another path's attempt) is refused as not in review; the workflow adopts the rejection, the old mobile stays, the rejection's notice goes out", async () => {
    const { unit, jar } = await unitWithLogin();
    const change = await requestChange(unit.id, jar, "13900007777", "MANUAL_REVIEW");
    await expect.poll(() => database.db.humanTask.count({ where: { requestId: change.id } })).toBe(1);
    await expect
      .poll(
        async () =>
          (await database.db.contactMobileChange.findUniqueOrThrow({ where: { id: change.id } })).status,
      )
      .toBe("IN_MANUAL_REVIEW");
    const reviewers = people.filter(
      (p) => p.role === "PLATFORM_REVIEWER" || p.role === "PLATFORM_SUPERVISOR",
    );
    const [first, second] = await Promise.all(
      reviewers.slice(0, 2).map(async (r) => ({
        id: (await database.db.person.findUniqueOrThrow({ where: { idNumber: r.idNumber } })).id,
        role: r.role,
      })),
    );
    const storedKey = `decision:${first!.id}:${change.id}:REJECT`;
    // What the first reviewer's attempt wrote before the workflow task was retried on another path.
    await database.db.contactMobileChange.update({
      where: { id: change.id },
      data: {
        status: "REJECTED",
        openUnitId: null,
        closedAt: new Date(),
        decidedById: first!.id,
        decisionReason: "材料不足",
      },
    });
    await database.db.humanTask.updateMany({
      where: { requestId: change.id },
      data: {
        status: "COMPLETED",
        open: false,
        outcome: "REJECT",
        decidedById: first!.id,
        decisionKey: storedKey,
      },
    });
    const row = await database.db.contactMobileChange.findUniqueOrThrow({ where: { id: change.id } });
    const handle = built.temporal.workflow.getHandle(row.workflowId);
    const update = handle.executeUpdate(decideReview, {
      updateId: `decision:${second!.id}:${change.id}:APPROVE`,
      args: [{ decision: "APPROVE", reviewerId: second!.id, reviewerRoles: [second!.role!] }],
    });
    await expect(update).rejects.toMatchObject({ cause: { type: "NOT_IN_REVIEW" } });
    expect(await handle.result()).toBe("REJECTED");
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactMobile).toBe(OLD);
    expect(await database.db.humanTask.findFirstOrThrow({ where: { requestId: change.id } })).toMatchObject({
      decidedById: first!.id,
      decisionKey: storedKey,
    });
    const kinds = (
      await database.db.requestEvent.findMany({
        where: { requestId: change.id },
        orderBy: { sequence: "asc" },
      })
    ).map((e) => e.kind);
    expect(kinds.at(-1)).toBe("REJECTED");
    expect(kinds).not.toContain("APPROVED");
    const rejected = await database.db.smsMessage.findUniqueOrThrow({
      where: { idempotencyKey: `ContactMobileChange:${change.id}:REJECTED:${OLD}` },
    });
    expect(rejected).toMatchObject({ mobile: OLD, template: "CONTACT_MOBILE_CHANGE_REJECTED" });
    expect(rejected.body).toContain("材料不足");
    expect(
      await database.db.smsMessage.count({
        where: { idempotencyKey: { startsWith: `ContactMobileChange:${change.id}:APPROVED` } },
      }),
    ).toBe(0);
  });

  it("R27 asks for an explanation when the unit chooses manual review", async () => {
    const { unit, jar } = await unitWithLogin();
    const { data } = await (
      await postJson(
        built.app,
        `/api/units/${unit.id}/contact-mobile-change/code`,
        { newMobile: "13900005550" },
        jar.headers(),
      )
    ).json();
    const response = await postJson(
      built.app,
      `/api/units/${unit.id}/contact-mobile-change`,
      { challengeId: data.challengeId, code: await lastCode("13900005550"), method: "MANUAL_REVIEW" },
      jar.headers(),
    );
    expect((await response.json()).error).toMatchObject({ code: "VALIDATION_FAILED", field: "explanation" });
  });

  it("refuses a wrong code for the new mobile and the unchanged mobile", async () => {
    const { unit, jar } = await unitWithLogin();
    const same = await postJson(
      built.app,
      `/api/units/${unit.id}/contact-mobile-change/code`,
      { newMobile: OLD },
      jar.headers(),
    );
    expect((await same.json()).error).toMatchObject({ code: "CONTACT_MOBILE_UNCHANGED", field: "newMobile" });
    const { data } = await (
      await postJson(
        built.app,
        `/api/units/${unit.id}/contact-mobile-change/code`,
        { newMobile: "13900009999" },
        jar.headers(),
      )
    ).json();
    const code = await lastCode("13900009999");
    const wrong = await postJson(
      built.app,
      `/api/units/${unit.id}/contact-mobile-change`,
      { challengeId: data.challengeId, code: code === "000000" ? "111111" : "000000", method: "FACE_CHECK" },
      jar.headers(),
    );
    expect((await wrong.json()).error).toMatchObject({ code: "SMS_CODE_INVALID", field: "code" });
    expect(await database.db.contactMobileChange.count({ where: { unitId: unit.id } })).toBe(0);
  });
});
