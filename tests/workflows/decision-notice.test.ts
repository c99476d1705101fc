// Issue 14: a reviewer's decision is answered once it is durably accepted, not after the SMS gateway.
// With the real SMS adapter (Aliyun, here its local stand-in answering after a few seconds, as a real
// gateway sometimes does), the decision Update of a binding request and of a unit registration answers
// while the outcome's notice is still on its way (stored, QUEUED); the notice then goes out once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import { makeIdNumber, seedBaseline } from "../../prisma/seed/seed.js";
import { decideReview } from "../../workflows/contracts.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, qrLogin } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

/** How long the gateway takes to answer the decision's notice: longer than any decision may wait. */
const GATEWAY_MS = 5_000;

let database: TestDatabase;
let sms: AliyunSmsStandIn;
let built: ReturnType<typeof createTestApp>;
let worker: RunningWorker;

beforeAll(async () => {
  [database, sms] = await Promise.all([createTestDatabase(), startAliyunSmsStandIn()]);
  await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: {
      ...aliyunSmsEnv(sms, SMS_TEMPLATES),
      TEMPORAL_TASK_QUEUE: `decision-notice-${randomUUID()}`,
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
  await sms?.close();
  await database?.close();
});

const message = (idempotencyKey: string) =>
  database.db.smsMessage.findUnique({ where: { idempotencyKey }, select: { status: true } });

describe("issue 14: a decision does not wait for the SMS gateway", () => {
  it("R16: a binding request's decision is answered before its notice's slow gateway answers; the notice is then sent once", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const adminSession = await qrLogin(built.app, admin.idNumber);
    const person = await createPerson(database.db);
    const session = await passwordLogin(built.app, person.idNumber);
    const submitted = await postJson(
      built.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
      session.headers(),
    );
    const { data: request } = await submitted.json();
    await expect
      .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status)
      .toBe("OPEN");

    sms.script(person.mobile, { hangMs: GATEWAY_MS });
    const started = Date.now();
    const decided = await postJson(
      built.app,
      `/api/units/${unit.id}/binding-requests/decisions`,
      { requestIds: [request.id], decision: "APPROVE" },
      adminSession.headers(),
    );
    const answeredMs = Date.now() - started;
    expect((await decided.json()).data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    const key = `BindingRequest:${request.id}:APPROVED`;
    // Answered while the gateway still holds the notice: stored, not yet sent.
    expect({ answeredMs, notice: await message(key) }).toMatchObject({ notice: { status: "QUEUED" } });
    expect(answeredMs).toBeLessThan(GATEWAY_MS);

    await expect.poll(async () => (await message(key))?.status, { timeout: 20_000 }).toBe("SENT");
    const { workflowId } = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(await built.temporal.workflow.getHandle(workflowId).result()).toBe("APPROVED");
    expect(await database.db.smsMessage.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("R2: a unit registration's approval is answered before its notice's slow gateway answers; the notice is then sent once", async () => {
    const contactMobile = `1368${String(Date.now()).slice(-7)}`;
    const body = await registrationBody(built.app, {
      uscc: "91520103MA6YD9X55J", // the registry knows 罗志远 as legal representative: manual review
      unitName: "贵州黔山示例建设工程有限公司",
      legalRepName: "陈国栋",
      legalRepIdNumber: makeIdNumber("520102", "19750101", 123),
      regionCode: "520103",
      contactMobile,
    });
    const response = await postJson(built.app, "/api/registrations", body);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    const { data } = await response.json();
    const registration = await database.db.unitRegistration.findUniqueOrThrow({
      where: { requestNumber: data.requestNumber },
    });
    await expect
      .poll(
        async () =>
          (await database.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } })).status,
        { timeout: 20_000 },
      )
      .toBe("IN_MANUAL_REVIEW");
    await expect
      .poll(async () => (await message(`UnitRegistration:${registration.id}:in-review`))?.status, {
        timeout: 20_000,
      })
      .toBe("SENT");

    sms.script(contactMobile, { hangMs: GATEWAY_MS });
    const handle = built.temporal.workflow.getHandle(registration.workflowId);
    const started = Date.now();
    const state = await handle.executeUpdate(decideReview, {
      args: [
        {
          decision: "APPROVE",
          registeredFacts: { legalRepName: "REGISTRY", legalRepIdNumber: "REGISTRY" },
          reviewerId: "reviewer-1",
          reviewerRoles: ["PLATFORM_REVIEWER"],
        },
      ],
    });
    const answeredMs = Date.now() - started;
    expect(state).toBe("APPROVED");
    const key = `UnitRegistration:${registration.id}:approved`;
    expect({ answeredMs, notice: await message(key) }).toMatchObject({ notice: { status: "QUEUED" } });
    expect(answeredMs).toBeLessThan(GATEWAY_MS);

    await expect.poll(async () => (await message(key))?.status, { timeout: 20_000 }).toBe("SENT");
    expect(await handle.result()).toBe("APPROVED");
    expect(await database.db.smsMessage.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});
