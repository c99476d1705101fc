// A password session is raised to REAL_PERSON through the QR code, the simulated mobile app and the
// realPersonCheck workflow, all real: API on SQLite, Temporal dev server, worker.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, passwordLogin } from "../support/people.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

const PASSWORD = "Step#Up2026";
let database: TestDatabase;
let worker: RunningWorker;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const built = createTestApp(database, {
    temporalAddress: address,
    env: { TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`, REAL_PERSON_CHECK_TTL_SECONDS: "3" },
  });
  app = built.app;
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

const origin = "http://localhost";
const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { ...headers, origin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A person of their own (people.ts numbers each one's ID number) with a password session. */
async function loggedInPerson() {
  const person = await createPerson(database.db, { name: "实人测试" });
  return passwordLogin(app, person.idNumber);
}

const tokenOf = (qrUrl: string) => qrUrl.split("/").pop()!;

describe("step-up to a real-person session", () => {
  it("R12 raises a password session to REAL_PERSON once the face check passes on the mobile app", async () => {
    const jar = await loggedInPerson();
    const started = await post("/api/auth/step-up", jar.headers());
    expect(started.status).toBe(201);
    const { data: stepUp } = await started.json();
    expect(stepUp.strength).toBe("PASSWORD");
    const token = tokenOf(stepUp.qrUrl);

    const shown = await (await app.request(`/api/real-person-checks/${token}`)).json();
    expect(shown.data).toMatchObject({ purpose: "STEP_UP", status: "PENDING", subjectNameMasked: "实***" });
    expect((await post(`/api/mobile/checks/${token}/scan`, {})).status).toBe(200);
    const face = await post(`/api/mobile/checks/${token}/face`, {}, { passed: true });
    expect((await face.json()).data.status).toBe("PASSED");

    const progress = await app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: jar.headers() });
    expect((await progress.json()).data).toMatchObject({ status: "CONSUMED", strength: "REAL_PERSON" });
    jar.take(progress); // the raised session's new token (issue 11.5)
    const me = await (await app.request("/api/auth/me", { headers: jar.headers() })).json();
    expect(me.data.strength).toBe("REAL_PERSON");
    const audit = await database.db.auditEvent.findFirst({ where: { action: "session.step-up" } });
    expect(audit?.after).toContain("REAL_PERSON");
  });

  it("issue 11.5: a step-up gives the session a new token, and the token from before the step-up ends", async () => {
    const jar = await loggedInPerson();
    const before = jar.headers();
    const { data: stepUp } = await (await post("/api/auth/step-up", before)).json();
    const token = tokenOf(stepUp.qrUrl);
    expect((await post(`/api/mobile/checks/${token}/scan`, {})).status).toBe(200);
    expect((await post(`/api/mobile/checks/${token}/face`, {}, { passed: true })).status).toBe(200);

    const progress = await app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: before });
    expect((await progress.json()).data.strength).toBe("REAL_PERSON");
    jar.take(progress);
    expect(jar.headers().cookie).not.toBe(before.cookie);
    const renewed = await (await app.request("/api/auth/me", { headers: jar.headers() })).json();
    expect(renewed.data.strength).toBe("REAL_PERSON");
    const stale = await app.request("/api/auth/me", { headers: before });
    expect(stale.status).toBe(401);
  });

  it("R12 raises only the session that showed the QR code, not another session of the same person", async () => {
    const idNumber = makeIdNumber("520102", "19880909", 321);
    await database.db.person.create({
      data: { idNumber, name: "两处登录", mobile: "13900000001", passwordHash: await hashPassword(PASSWORD) },
    });
    const [a, b] = [cookieJar(), cookieJar()];
    a.take(await post("/api/auth/login", {}, { account: idNumber, password: PASSWORD }));
    b.take(await post("/api/auth/login", {}, { account: idNumber, password: PASSWORD }));
    const { data: stepUp } = await (await post("/api/auth/step-up", a.headers())).json();
    await post(`/api/mobile/checks/${tokenOf(stepUp.qrUrl)}/face`, {}, { passed: true });
    const fromB = await app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: b.headers() });
    expect(fromB.status).toBe(404);
    const fromA = await (
      await app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: a.headers() })
    ).json();
    expect(fromA.data.strength).toBe("REAL_PERSON");
    const meB = await (await app.request("/api/auth/me", { headers: b.headers() })).json();
    expect(meB.data.strength).toBe("PASSWORD");
  });

  it("refuses a replayed QR code once the check is decided", async () => {
    const jar = await loggedInPerson();
    const { data: stepUp } = await (await post("/api/auth/step-up", jar.headers())).json();
    const token = tokenOf(stepUp.qrUrl);
    await post(`/api/mobile/checks/${token}/face`, {}, { passed: false });
    const replay = await post(`/api/mobile/checks/${token}/face`, {}, { passed: true });
    expect(replay.status).toBe(409);
    expect((await replay.json()).error.code).toBe("REAL_PERSON_CHECK_CLOSED");
    const me = await (await app.request("/api/auth/me", { headers: jar.headers() })).json();
    expect(me.data.strength).toBe("PASSWORD");
  });

  it("refuses an expired QR code and leaves the session at PASSWORD", async () => {
    const jar = await loggedInPerson();
    const { data: stepUp } = await (await post("/api/auth/step-up", jar.headers())).json();
    const token = tokenOf(stepUp.qrUrl);
    await expect
      .poll(async () => (await (await app.request(`/api/real-person-checks/${token}`)).json()).data.status, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe("EXPIRED");
    const late = await post(`/api/mobile/checks/${token}/scan`, {});
    expect(late.status).toBe(409);
    const progress = await (
      await app.request(`/api/auth/step-up/${stepUp.checkId}`, { headers: jar.headers() })
    ).json();
    expect(progress.data).toMatchObject({ status: "EXPIRED", strength: "PASSWORD" });
  });

  it("answers an unknown QR token with REAL_PERSON_CHECK_NOT_FOUND", async () => {
    const response = await app.request(`/api/real-person-checks/${"x".repeat(32)}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("REAL_PERSON_CHECK_NOT_FOUND");
  });
});
