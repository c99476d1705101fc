// Tables that grow with every request, registration, code or action must be read through an index
// on every request path, never scanned whole (issue 14: what costs 1 ms on a test database costs
// seconds at province scale). Each test runs real requests on a database client that records the
// statements it sends (DB_STATEMENT_STATS) and checks every recorded statement's SQLite plan. The
// paths were found by planning every statement the API and workflow test layers send.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database, preparePragmas, sqliteFilePath } from "../../lib/database.js";
import { isPostgresUrl } from "../../lib/database-url.js";
import { grantRole } from "../../lib/memberships.js";
import type { StatementCounts } from "../../lib/statement-stats.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { postJson, registrationBody } from "../support/registration.js";

/** Tables with a row per request, registration, code, check or action: never scanned whole. */
const GROWING = [
  "AffiliationRequest",
  "AuditEvent",
  "BindingRequest",
  "HumanTask",
  "Person",
  "RealPersonCheck",
  "RequestEvent",
  "SmsCode",
  "SmsMessage",
  "TitleApplication",
  "Unit",
  "UnitNameChange",
  "UnitRegistration",
];

let database: TestDatabase;
let counted: Database;
let statsFile: string;
beforeEach(async (ctx) => {
  database = await createTestDatabase();
  // SQLite's plans (PostgreSQL has the same indexes from its twin migrations).
  if (isPostgresUrl(database.url)) ctx.skip();
  statsFile = path.join(database.dir, `statements-${randomBytes(4).toString("hex")}.json`);
  counted = createDatabase(database.url, undefined, statsFile);
  await preparePragmas(counted);
});
afterEach(async () => {
  await counted?.$disconnect();
  await database.close();
});

/** The app on the recording client. */
function app() {
  return createTestApp({ ...database, db: counted }).app;
}

/**
 * The statements sent so far (`sent`, one per line) and, for each whose plan scans a growing table,
 * that plan line with the statement (`scans`).
 */
async function plans(): Promise<{ sent: string; scans: string[] }> {
  // The counter rewrites its file at most every 250 ms.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const { bySql } = JSON.parse(await readFile(statsFile, "utf8")) as StatementCounts;
  const sqlite = new Sqlite(sqliteFilePath(database.url), { readonly: true });
  try {
    const problems: string[] = [];
    for (const sql of Object.keys(bySql)) {
      if (!/^\s*(SELECT|UPDATE|DELETE|WITH)\b/i.test(sql)) continue;
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      for (const { detail } of plan) {
        const scanned = /^SCAN (?:main\.)?(\w+)/.exec(detail)?.[1];
        if (scanned && GROWING.includes(scanned) && !/USING (COVERING )?INDEX/.test(detail))
          problems.push(`${detail} :: ${sql.slice(0, 200)}`);
      }
    }
    return { sent: Object.keys(bySql).join("\n"), scans: problems };
  } finally {
    sqlite.close();
  }
}

describe("issue 14: request paths read growing tables through indexes", () => {
  it("a unit registration's submission (its materials' users) and an account recovery by a former name", async () => {
    const api = app();
    const answer = await postJson(api, "/api/registrations", await registrationBody(api));
    expect(answer.status).toBeLessThan(500);
    // No unit has this name now: the recovery looks for a unit that had it (R20).
    const recovery = await postJson(api, "/api/units/account-recovery", {
      usccOrName: "从未注册过的示例单位有限公司",
      legalRepIdNumber: "520112197103087933",
    });
    expect(recovery.status).toBeLessThan(500);
    const { sent, scans } = await plans();
    expect(scans).toEqual([]);
    // The paths this test is about were taken.
    expect(sent).toMatch(/UploadId/);
    expect(sent).toMatch(/UnitNameChange/);
  });

  it("a person's own requests (我的申请) and the QR login's limit per address", async () => {
    const api = app();
    const person = await createPerson(database.db);
    const session = await realPersonSession(database.db, person.id);
    expect(
      (await api.request("http://localhost/api/me/requests", { headers: session.headers() })).status,
    ).toBe(200);
    // Without Temporal the challenge is not issued; its limit is read first.
    await postJson(api, "/api/auth/qr-challenges", {});
    const { sent, scans } = await plans();
    expect(scans).toEqual([]);
    expect(sent).toMatch(/requestedById/);
    expect(sent).toMatch(/originIp/);
  });

  it("a unit's affiliation requests, a title handler's task search and the audit log of one actor", async () => {
    const api = app();
    const unit = await createUnit(database.db);
    await database.db.unit.update({ where: { id: unit.id }, data: { type: "PUBLIC_INSTITUTION" } });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const handlerSession = await realPersonSession(database.db, handler.id);
    const list = await api.request(`http://localhost/api/units/${unit.id}/affiliation-requests?state=ALL`, {
      headers: handlerSession.headers(),
    });
    expect(list.status).toBe(200);
    // A title handler's task search by unit name reads the applications of the units so named.
    const search = await api.request(`http://localhost/api/tasks?q=${encodeURIComponent(unit.name)}`, {
      headers: handlerSession.headers(),
    });
    expect(search.status).toBe(200);
    const auditor = await createPerson(database.db, { unitId: unit.id });
    await grantRole(database.db, {
      personId: auditor.id,
      unitId: unit.id,
      role: "PLATFORM_AUDITOR",
      subsystem: "PLATFORM",
    });
    const session = await realPersonSession(database.db, auditor.id);
    const log = await api.request(`http://localhost/api/audit-events?actor=${auditor.id}`, {
      headers: session.headers(),
    });
    expect(log.status).toBe(200);
    const { sent, scans } = await plans();
    expect(scans).toEqual([]);
    expect(sent).toMatch(/AffiliationRequest/);
    expect(sent).toMatch(/FROM `main`\.`TitleApplication`/);
    expect(sent).toMatch(/"actorId" = /);
  });
});
