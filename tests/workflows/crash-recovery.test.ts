// Nothing is lost or duplicated when a process stops mid-request: a registration survives a worker
// stop, and a registration stored by an API that stopped before starting its workflow is started
// by the retried submission, exactly once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedRegions } from "../../prisma/seed/seed.js";
import { unitRegistrationWorkflowId } from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { MATCHING, postJson, registrationBody } from "../support/registration.js";
import { startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
const address = () => inject("temporalAddress");

beforeAll(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
  built = createTestApp(database, {
    temporalAddress: address(),
    env: { TEMPORAL_TASK_QUEUE: `crash-${randomUUID()}` },
  });
});
afterAll(() => database.close());

const startWorker = () => startTestWorker({ database, config: built.config, ports: built.ports });

const statusOf = (id: string) => async () =>
  (await database.db.unitRegistration.findUniqueOrThrow({ where: { id } })).status;

describe("crash recovery", () => {
  it("a registration waiting for the face check survives a worker stop and completes on a new worker", async () => {
    const first = await startWorker();
    const body = await registrationBody(built.app);
    const response = await postJson(built.app, "/api/registrations", body);
    expect(response.status).toBe(201);
    const registration = await database.db.unitRegistration.findUniqueOrThrow({
      where: { submissionId: body.submissionId },
    });
    // The link has gone out (the check's workflow runs): now the worker stops.
    await expect
      .poll(() =>
        database.db.requestEvent.count({ where: { requestId: registration.id, kind: "FACE_CHECK_SENT" } }),
      )
      .toBe(1);
    await first.stop();

    const check = await database.db.realPersonCheck.findFirstOrThrow({
      where: { requestId: registration.id },
    });
    const second = await startWorker();
    try {
      expect(
        (await postJson(built.app, `/api/mobile/checks/${check.token}/face`, { passed: true })).status,
      ).toBe(200);
      await expect.poll(statusOf(registration.id), { timeout: 15_000 }).toBe("APPROVED");
      expect(await database.db.unit.count({ where: { uscc: MATCHING.uscc } })).toBe(1);
      await expect
        .poll(() =>
          database.db.smsMessage.count({
            where: { template: "REGISTRATION_APPROVED", mobile: registration.contactMobile },
          }),
        )
        .toBe(1);
    } finally {
      await second.stop();
    }
  });

  it("a registration stored before the API stopped (no workflow yet) is started once by the retried submission", async () => {
    const worker = await startWorker();
    try {
      const body = await registrationBody(built.app, {
        uscc: "91522702756248292Y",
        unitName: "黔南示例医药股份有限公司",
        legalRepName: "韦春燕",
        legalRepIdNumber: "520121196605059862",
        regionCode: "522702",
      });
      // What the API had written when it stopped: the row, without its workflow.
      await database.db.unitRegistration.create({
        data: {
          submissionId: body.submissionId,
          requestNumber: "DW20261127999999",
          uscc: body.uscc,
          unitName: body.unitName,
          unitType: "ENTERPRISE",
          regionCode: body.regionCode,
          legalRepName: body.legalRepName,
          legalRepIdNumber: body.legalRepIdNumber,
          contactName: body.contactName,
          contactMobile: body.contactMobile,
          passwordHash: "x",
          businessLicenceUploadId: body.businessLicenceUploadId,
          authorizationLetterUploadId: body.authorizationLetterUploadId,
          workflowId: unitRegistrationWorkflowId(body.uscc),
        },
      });
      const retried = await postJson(built.app, "/api/registrations", body);
      expect(retried.status).toBe(200);
      expect((await retried.json()).data.requestNumber).toBe("DW20261127999999");
      const again = await postJson(built.app, "/api/registrations", body);
      expect(again.status).toBe(200);
      const registration = await database.db.unitRegistration.findUniqueOrThrow({
        where: { submissionId: body.submissionId },
      });
      await expect.poll(statusOf(registration.id)).toBe("AWAITING_REAL_PERSON_AUTH");
      expect(
        await database.db.requestEvent.count({ where: { requestId: registration.id, kind: "SUBMITTED" } }),
      ).toBe(1);
      await built.temporal.workflow.getHandle(registration.workflowId).terminate("test done");
    } finally {
      await worker.stop();
    }
  });
});
