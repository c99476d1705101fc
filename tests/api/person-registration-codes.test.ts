// R15's SMS codes are sent to anyone who asks: limited per mobile and per client address, so the
// route cannot be used to send SMS to many numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database, { env: { SMS_MAX_PER_ADDRESS_PER_HOUR: "3" } }).app;
});
afterAll(() => database.close());

describe("R15 registration codes", () => {
  it("R15 limits the codes one address may request, whatever the mobiles", async () => {
    const statuses: number[] = [];
    for (const mobile of ["13800000001", "13800000002", "13800000003", "13800000004"]) {
      statuses.push((await postJson(app, "/api/persons/registration-codes", { mobile })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await (
      await postJson(app, "/api/persons/registration-codes", { mobile: "13800000005" })
    ).json();
    expect(limited.error.message["zh-CN"]).toMatch(/请 \d+ 分钟后再试/);
    expect(limited.error.details.retryAfterSeconds).toBeGreaterThan(3_500);
    expect(await database.db.smsMessage.count({ where: { mobile: "13800000004" } })).toBe(0);
  });
});
