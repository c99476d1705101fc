// Issue 8 item 2 (a decision or withdrawal reaches only the request it names): a USCC's workflow id
// runs its next registration after a withdrawal, and the old request's status page must not reach it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { MATCHING, postJson, registrationBody } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;
const taskQueue = `attack-${randomUUID()}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: taskQueue },
  });
  worker = await startTestWorker({ database, config: built.config });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

async function submit(contactMobile: string) {
  const response = await postJson(
    built.app,
    "/api/registrations",
    await registrationBody(built.app, { ...MATCHING, contactMobile }),
  );
  expect(response.status).toBe(201);
  const { requestNumber } = (await response.json()).data;
  return database.db.unitRegistration.findUniqueOrThrow({ where: { requestNumber } });
}
async function statusOf(id: string, status: string) {
  await expect
    .poll(async () => (await database.db.unitRegistration.findUniqueOrThrow({ where: { id } })).status, {
      timeout: 20_000,
      interval: 200,
    })
    .toBe(status);
}
async function statusSession(requestNumber: string, mobile: string) {
  await postJson(built.app, "/api/registrations/access-code", { requestNumber, contactMobile: mobile });
  const sms = await database.db.smsMessage.findFirstOrThrow({
    where: { mobile, template: "VERIFICATION_CODE" },
    orderBy: { createdAt: "desc" },
  });
  const code = /验证码为(\d{6})/.exec(sms.body)![1]!;
  const access = await postJson(built.app, "/api/registrations/access", { requestNumber, code });
  expect(access.status).toBe(200);
  return access.headers.get("set-cookie")!.split(";")[0]!;
}

it("the old request's status page cannot withdraw the next registration of the same USCC; re-registering right after a withdrawal works", async () => {
  // Someone (an impostor, or a first attempt with wrong facts) registers the USCC and withdraws it.
  const old = await submit("13600000001");
  await statusOf(old.id, "AWAITING_REAL_PERSON_AUTH");
  const oldCookie = await statusSession(old.requestNumber, "13600000001");
  const first = await postJson(
    built.app,
    `/api/registrations/${old.requestNumber}/withdraw`,
    {},
    { cookie: oldCookie },
  );
  expect(first.status).toBe(200);
  await statusOf(old.id, "WITHDRAWN");
  // The unit registers the USCC properly, with its own contact mobile.
  const current = await submit("13600000002");
  await statusOf(current.id, "AWAITING_REAL_PERSON_AUTH");
  // The holder of the OLD request's session (its SMS codes go to the old contact mobile) withdraws again.
  const again = await postJson(
    built.app,
    `/api/registrations/${old.requestNumber}/withdraw`,
    {},
    { cookie: oldCookie },
  );
  expect(again.status).toBe(409);
  expect((await again.json()).error.code).toBe("REQUEST_CLOSED");
  const after = await database.db.unitRegistration.findUniqueOrThrow({ where: { id: current.id } });
  expect(after.status).toBe("AWAITING_REAL_PERSON_AUTH");
});
