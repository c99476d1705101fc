// Issue 12 item 5: what GET /api/real-person-checks/{token} shows whoever holds a face check's link:
// the unit, the request number and the purpose, never an ID number or a mobile; and the token is
// read with the SMS's text glued after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheck } from "../../lib/ports/real-person-auth.js";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];
const inADay = () => new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  ({ app } = createTestApp(database));
});
afterAll(() => database.close());

const view = async (token: string) => {
  const response = await app.request(`/api/real-person-checks/${encodeURIComponent(token)}`);
  return { status: response.status, body: await response.text() };
};

describe("issue 12.5: a face check's public view names what it authorises", () => {
  it("R27: a contact mobile change's check names the unit, has no request number, and shows no ID number or mobile", async () => {
    const seeded = await database.db.unit.findFirstOrThrow({ where: { uscc: { not: null } } });
    const unit = await database.db.unit.update({
      where: { id: seeded.id },
      data: { legalRepName: "杨光辉", legalRepIdNumber: "520112197103087933" },
    });
    const change = await database.db.contactMobileChange.create({
      data: {
        unitId: unit.id,
        previousMobile: unit.contactMobile,
        newMobile: "13600013001",
        method: "FACE_CHECK",
        workflowId: "contact-mobile-change-view-test",
      },
    });
    const { token } = await createCheck(database.db, {
      purpose: "LEGAL_REP_VERIFICATION",
      subjectName: unit.legalRepName ?? undefined,
      subjectIdNumber: unit.legalRepIdNumber ?? undefined,
      requestId: change.id,
      expiresAt: inADay(),
    });
    // As a phone opens the old SMS's link: the text after it glued on.
    const { status, body } = await view(`${token}，7天内有效。`);
    expect(status).toBe(200);
    expect(JSON.parse(body).data).toMatchObject({
      purpose: "LEGAL_REP_VERIFICATION",
      requestType: "CONTACT_MOBILE_CHANGE",
      requestNumber: null,
      unitName: unit.name,
      status: "PENDING",
    });
    for (const secret of [unit.legalRepIdNumber!, unit.contactMobile, "13600013001", unit.legalRepName!]) {
      expect(body).not.toContain(secret);
    }
  });

  it("a personal registration's check says so; a login's names no request", async () => {
    const registration = await database.db.personRegistration.create({
      data: { name: "张三丰", idNumber: "520102198505051234", mobile: "13600013002" },
    });
    const personal = await createCheck(database.db, {
      purpose: "PERSON_REGISTRATION",
      subjectName: "张三丰",
      requestId: registration.id,
      expiresAt: inADay(),
    });
    expect(JSON.parse((await view(`${personal.token}.`)).body).data).toMatchObject({
      requestType: "PERSON_REGISTRATION",
      requestNumber: null,
      unitName: null,
    });
    const login = await createCheck(database.db, { purpose: "QR_LOGIN", expiresAt: inADay() });
    expect(JSON.parse((await view(login.token)).body).data).toMatchObject({
      requestType: null,
      requestNumber: null,
      unitName: null,
    });
  });

  it.each([
    ["a token never issued, with text glued on", `${"Q".repeat(32)}，7天内有效`],
    ["a cut-off link", "abc，7天内有效"],
    ["nothing but the SMS's text", "，7天内有效"],
  ])("answers REAL_PERSON_CHECK_NOT_FOUND (404) for %s", async (_, token) => {
    const { status, body } = await view(token);
    expect(status).toBe(404);
    expect(JSON.parse(body).error.code).toBe("REAL_PERSON_CHECK_NOT_FOUND");
  });
});
