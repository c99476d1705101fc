// Issue 14: a unit registration's password hashed before the registration is submitted
// (POST /api/registrations/prepared-passwords), then named by preparedPasswordId: single use,
// expiring, swept away when abandoned, and counted once against the client address's allowance.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../lib/passwords.js";
import { seedRegions } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson, postJsonFrom, registrationBody } from "../support/registration.js";

const PASSWORD = "Unit#Prepared2026";
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeEach(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
  // No Temporal: a stored registration answers 503 (its workflow cannot start) and stays for its retry.
  app = createTestApp(database, { env: { REGISTRATIONS_PER_ADDRESS_PER_HOUR: "3" } }).app;
});
afterEach(() => database.close());

const post = (path: string, body: unknown, address?: string) =>
  address ? postJsonFrom(app, address, path, body) : postJson(app, path, body);

const prepare = (password = PASSWORD, address?: string) =>
  post("/api/registrations/prepared-passwords", { password }, address);

async function preparedId(): Promise<string> {
  const response = await prepare();
  expect(response.status).toBe(201);
  const { data } = await response.json();
  const expiresIn = Date.parse(data.expiresAt) - Date.now();
  expect(expiresIn).toBeGreaterThan(59 * 60_000);
  expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);
  return data.id;
}

/** The prepared password's hour has passed. */
const expire = (id: string) =>
  database.db.preparedPassword.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });

async function submitWith(overrides: Record<string, unknown>) {
  const { password: _, ...body } = await registrationBody(app, overrides);
  return postJson(app, "/api/registrations", body);
}

async function expectError(response: Response, status: number, code: string, field: string) {
  const { error } = await response.json();
  expect(response.status).toBe(status);
  expect(error).toMatchObject({ code, field });
  expect(error.message["zh-CN"]).toBeTruthy();
  expect(error.message.en).toBeTruthy();
  return error;
}

describe("issue 14: a registration names a password hashed before it was submitted", () => {
  it("stores the prepared hash with the registration and uses the prepared password up", async () => {
    const id = await preparedId();
    // Stored, then 503: this test has no Temporal to start the workflow.
    expect((await submitWith({ preparedPasswordId: id })).status).toBe(503);
    const [registration] = await database.db.unitRegistration.findMany({ select: { passwordHash: true } });
    expect(await verifyPassword(registration!.passwordHash, PASSWORD)).toBe(true);
    expect(await database.db.preparedPassword.count()).toBe(0);
  });

  it("a prepared password serves one registration: a second one naming it is refused on the password", async () => {
    const id = await preparedId();
    await submitWith({ preparedPasswordId: id });
    await expectError(
      await submitWith({
        preparedPasswordId: id,
        uscc: "91520102MA6DMEXQ5G",
        unitName: "贵阳示例科技有限公司",
      }),
      400,
      "PREPARED_PASSWORD_NOT_FOUND",
      "password",
    );
    expect(await database.db.unitRegistration.count()).toBe(1);
  });

  it("an expired or unknown prepared password is refused and stores nothing", async () => {
    const id = await preparedId();
    await expire(id);
    await expectError(
      await submitWith({ preparedPasswordId: id }),
      400,
      "PREPARED_PASSWORD_NOT_FOUND",
      "password",
    );
    await expectError(
      await submitWith({ preparedPasswordId: "00000000-0000-4000-8000-000000000000" }),
      400,
      "PREPARED_PASSWORD_NOT_FOUND",
      "password",
    );
    expect(await database.db.unitRegistration.count()).toBe(0);
  });

  it("a registration refused for another reason keeps its prepared password for the corrected one", async () => {
    const id = await preparedId();
    await expectError(
      await submitWith({ preparedPasswordId: id, regionCode: "999999" }),
      400,
      "VALIDATION_FAILED",
      "regionCode",
    );
    expect(await database.db.preparedPassword.count()).toBe(1);
    expect((await submitWith({ preparedPasswordId: id })).status).toBe(503);
    expect(await database.db.unitRegistration.count()).toBe(1);
  });

  it("a registration gives the password or a prepared one: neither, or both, is refused on the password", async () => {
    const neither = await expectError(await submitWith({}), 400, "VALIDATION_FAILED", "password");
    expect(neither.message["zh-CN"]).toContain("请设置登录密码");
    const id = await preparedId();
    const both = await postJson(
      app,
      "/api/registrations",
      await registrationBody(app, { preparedPasswordId: id }),
    );
    expect((await expectError(both, 400, "VALIDATION_FAILED", "password")).message.en).toContain("not both");
    expect(await database.db.unitRegistration.count()).toBe(0);
  });

  it("R15: preparing checks the password policy like a registration, and keeps nothing when it fails", async () => {
    const error = await expectError(await prepare("weakpass"), 400, "VALIDATION_FAILED", "password");
    expect(error.message["zh-CN"]).toContain("大写字母");
    expect(await database.db.preparedPassword.count()).toBe(0);
  });

  it("abandoned prepared passwords are deleted once expired, by the next preparation", async () => {
    const old = await preparedId();
    await expire(old);
    const fresh = await preparedId();
    expect((await database.db.preparedPassword.findMany({ select: { id: true } })).map((p) => p.id)).toEqual([
      fresh,
    ]);
  });

  it("issue 11.4: a preparation counts as the registration against the address; the registration naming it does not count again", async () => {
    const address = "203.0.113.20";
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await (await prepare(PASSWORD, address)).json()).data.id);
    const refused = await (await prepare(PASSWORD, address)).json();
    expect(refused.error).toMatchObject({
      code: "ADDRESS_RATE_LIMITED",
      details: { action: "REGISTRATION" },
    });
    const { password: _, ...body } = await registrationBody(app, { preparedPasswordId: ids[0] });
    expect((await post("/api/registrations", body, address)).status).toBe(503);
    expect(await database.db.unitRegistration.count()).toBe(1);
  });
});
