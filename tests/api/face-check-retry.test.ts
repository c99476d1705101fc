// Issue 13.6 as an attacker tries it: a failed face check of a personal registration may be tried
// again once, with the verified mobile and no new SMS code. Each retry opens a face check the vendor
// bills, so "once" must hold when the retry is sent many times at once (a double click, a replay).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { PASSWORD } from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

describe("issue 13.6: a failed face check is retried once", () => {
  it("retries sent at the same moment open one new registration (one billed face check); the others are refused", async () => {
    const { app } = createTestApp(database);
    const idNumber = makeIdNumber("520103", "19920315", 777);
    const failed = await database.db.personRegistration.create({
      data: {
        name: "林晓",
        idNumber,
        mobile: "13555001234",
        passwordHash: await hashPassword(PASSWORD),
        status: "FAILED",
        closedAt: new Date(),
      },
    });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        postJson(app, `/api/persons/registrations/${failed.id}/face-check-retry`, { password: PASSWORD }),
      ),
    );
    const codes = await Promise.all(answers.map(async (answer) => (await answer.json()).error?.code));
    // The test has no Temporal: the one retry let through is stored, then its workflow cannot start.
    expect(codes.filter((code) => code === "FACE_CHECK_RETRY_NOT_AVAILABLE")).toHaveLength(3);
    expect(await database.db.personRegistration.count({ where: { idNumber } })).toBe(2);
    expect(await database.db.realPersonCheck.count({ where: { purpose: "PERSON_REGISTRATION" } })).toBe(1);
  });
});
