// People and units for the personal-account tests: created directly in the database, and logged in
// through the real API (password login, or QR login through the simulated mobile app).
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../../domain/authorization.js";
import type { Database } from "../../lib/database.js";
import { hashPassword } from "../../lib/passwords.js";
import { bindWithRole, makeIdNumber, makeUscc, seedRegions } from "../../prisma/seed/seed.js";
import { cookieJar } from "./app.js";
import { type AppLike, postJson } from "./registration.js";

export const PASSWORD = "Person#2026";
// Each test file has its own database and its own copy of this module: a counter keeps every
// generated ID number, USCC and name unique within the file's database.
let sequence = 0;
const next = () => ++sequence;

/** A distinct valid ID number for each n (birth dates 1960–1999, then the sequence code). */
function idNumberFor(n: number): string {
  const year = 1960 + (n % 40);
  const month = 1 + (Math.floor(n / 40) % 12);
  const day = 1 + (Math.floor(n / 480) % 28);
  // From 500: the seeded people (seedBaseline) have sequence codes below it, e.g. 520102 19800101 100.
  const code = 500 + (Math.floor(n / 13_440) % 499);
  return makeIdNumber(
    "520102",
    `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`,
    code,
  );
}

const withRegions = new WeakSet<Database>();

export async function createUnit(db: Database, name = `测试单位${next()}有限公司`) {
  if (!withRegions.has(db)) {
    await seedRegions(db);
    withRegions.add(db);
  }
  const n = next();
  const uscc = makeUscc("91", "520102", `MA6${String(n % 100_000).padStart(5, "0")}`);
  return db.unit.create({
    data: {
      name,
      uscc,
      accountName: uscc,
      passwordHash: "x",
      type: "ENTERPRISE",
      origin: "SEED",
      regionCode: "520102",
      contactName: "联系人",
      // Unique in the file's database: a test counting a unit's SMS by its mobile counts only its own.
      contactMobile: `147${String(n).padStart(8, "0")}`,
    },
  });
}

export async function createPerson(
  db: Database,
  options: { name?: string | null; unitId?: string; role?: Role; mobile?: string } = {},
) {
  const n = next();
  const person = await db.person.create({
    data: {
      idNumber: idNumberFor(n),
      name: options.name === undefined ? `测试${n}` : options.name,
      mobile: options.mobile ?? `139${String(n).padStart(8, "0").slice(-8)}`,
      passwordHash: await hashPassword(PASSWORD),
    },
  });
  if (options.unitId) {
    await bindWithRole(
      db,
      person.id,
      options.unitId,
      options.role
        ? { role: options.role, subsystem: options.role === "UNIT_ADMIN" ? "PORTAL" : "TITLE_REVIEW" }
        : undefined,
    );
  }
  return person;
}

/** A password session through the real login route. */
export async function passwordLogin(app: AppLike, idNumber: string) {
  const jar = cookieJar();
  const response = await postJson(app, "/api/auth/login", { account: idNumber, password: PASSWORD });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  jar.take(response);
  return jar;
}

/**
 * A REAL_PERSON session as a QR login establishes it, written directly (for API tests that run
 * without Temporal; the QR login itself is tested on the real dev server).
 */
export async function realPersonSession(db: Database, personId: string) {
  const token = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "PERSON",
      personId,
      strength: "REAL_PERSON",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { headers: (extra: Record<string, string> = {}) => ({ cookie: `zc_session=${token}`, ...extra }) };
}

/** The full QR login: challenge, scan by the app's user, face check, exchange. */
export async function qrLogin(app: AppLike, idNumber: string) {
  const jar = cookieJar();
  const issued = await postJson(app, "/api/auth/qr-challenges", {});
  jar.take(issued);
  const { data: challenge } = await issued.json();
  const token = challenge.qrUrl.split("/").pop();
  const scan = await postJson(app, `/api/mobile/checks/${token}/scan`, { idNumber });
  if (scan.status !== 200) throw new Error(`scan failed: ${scan.status} ${await scan.text()}`);
  const face = await postJson(app, `/api/mobile/checks/${token}/face`, { passed: true, idNumber });
  if (face.status !== 200) throw new Error(`face check failed: ${face.status} ${await face.text()}`);
  const session = await postJson(
    app,
    `/api/auth/qr-challenges/${challenge.challengeId}/session`,
    {},
    jar.headers(),
  );
  if (session.status !== 200) throw new Error(`exchange failed: ${session.status} ${await session.text()}`);
  jar.take(session);
  return jar;
}
