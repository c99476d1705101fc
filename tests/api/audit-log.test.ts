// Issue 9 item 4, R26: the audit log on a real SQLite file. The hash chain holds under concurrent
// writers (two processes), `audit:verify` names an edited, a re-hashed and a deleted row, the CSV
// export of 10,000 events streams (BOM, formula cells neutralised, constant memory), and each kind
// of actor reads exactly its scope.
import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { chinaDateDigits } from "../../domain/china-time.js";
import { type AuditEventInput, chainedAuditEvent, writeAuditEvent } from "../../lib/audit.js";
import { sealMigratedAuditEvents, verifyAuditChain } from "../../lib/audit-chain.js";
import type { Database } from "../../lib/database.js";
import { grantRole } from "../../lib/memberships.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function fresh() {
  database = await createTestDatabase();
  return { db: database.db, app: createTestApp(database).app, url: database.url };
}

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type App = ReturnType<typeof createTestApp>["app"];

const event = (n: number, extra: Partial<AuditEventInput> = {}): AuditEventInput => ({
  action: "test.changed",
  actor: { type: "SYSTEM", label: "test" },
  target: { type: "Test", id: String(n) },
  after: { n },
  ...extra,
});

/** Appends `count` events through the writer, `perTransaction` to a transaction. */
async function writeMany(
  db: Database,
  count: number,
  make: (n: number) => AuditEventInput,
  perTransaction = 1000,
) {
  for (let start = 0; start < count; start += perTransaction) {
    await db.$transaction(
      async (tx) => {
        for (let n = start; n < Math.min(count, start + perTransaction); n++)
          await writeAuditEvent(tx, make(n));
      },
      { timeout: 60_000 },
    );
  }
}

/** Appends `count` events in bulk, chained and hashed as the writer does it (fixtures of thousands). */
async function appendInBulk(db: Database, count: number, make: (n: number) => AuditEventInput) {
  let head = await db.auditEvent.findFirst({
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  // 40 rows of 18 columns a statement: within SQLite's bind limit as Prisma uses it.
  for (let start = 0; start < count; start += 40) {
    const rows = [];
    for (let n = start; n < Math.min(count, start + 40); n++) {
      const row = chainedAuditEvent(
        make(n),
        head?.sequence ? { sequence: head.sequence, hash: head.hash } : null,
      );
      rows.push(row);
      head = row;
    }
    await db.auditEvent.createMany({ data: rows });
  }
}

async function chain(db: Database) {
  return db.auditEvent.findMany({
    orderBy: { sequence: "asc" },
    select: { id: true, sequence: true, prevHash: true, hash: true, after: true },
  });
}

const today = () => {
  const d = chinaDateDigits(new Date());
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
};

async function auditor(db: Database) {
  const home = await createUnit(db);
  const person = await createPerson(db, { unitId: home.id });
  await grantRole(db, {
    personId: person.id,
    unitId: home.id,
    role: "PLATFORM_AUDITOR",
    subsystem: "PLATFORM",
  });
  return person;
}

/** A unit login's session, written directly (its SMS-code login is tested elsewhere). */
async function unitSession(db: Database, unitId: string): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "UNIT",
      unitId,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { headers: (extra = {}) => ({ cookie: `zc_session=${token}`, ...extra }) };
}

const getJson = async (app: App, session: Session, path: string) => {
  const response = await app.request(path, { headers: session.headers() });
  return { status: response.status, body: await response.json() };
};

/** Starts tests/support/audit-writer.ts in a process of its own; `go()` starts its writes. */
async function anotherProcess(url: string, count: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/audit-writer.ts", url, String(count)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let out = "";
  const ready = new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.startsWith("ready")) resolve();
    }),
  );
  const failures = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`audit writer exited with ${code}`));
      resolve((JSON.parse(out.trim().split("\n").at(-1)!) as { failures: number }).failures);
    });
  });
  await ready;
  return { go: () => child.stdin.end("go\n"), failures };
}

const verifyCli = (url: string) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe("R26 the audit log's hash chain", () => {
  it("R26 concurrent audited changes from the API, this process and another process form one unbroken chain", async () => {
    const { db, app, url } = await fresh();
    const unit = await createUnit(db);
    const admin = await createPerson(db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const members = await Promise.all(
      Array.from({ length: 20 }, () => createPerson(db, { unitId: unit.id })),
    );
    const session = await realPersonSession(db, admin.id);
    const other = await anotherProcess(url, 15);

    other.go();
    const [responses] = await Promise.all([
      // 20 accounts disabled at once through the API (R18), each audited in its change's transaction.
      Promise.all(
        members.map((m) =>
          postJson(
            app,
            `/api/units/${unit.id}/accounts/${m.id}/status`,
            { status: "DISABLED" },
            session.headers(),
          ),
        ),
      ),
      // 15 events written with the root client: writeAuditEvent opens the transaction itself.
      Promise.all(Array.from({ length: 15 }, (_, n) => writeAuditEvent(db, event(n)))),
    ]);
    expect(responses.map((r) => r.status)).toEqual(members.map(() => 200));
    expect(await other.failures).toBe(0);

    const rows = await chain(db);
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(db)).toEqual({
      ok: true,
      count: 50,
      head: { sequence: 50, hash: rows[49]!.hash },
    });
    // The API's rows say who acted through which session, from where.
    const disabled = await db.auditEvent.findMany({ where: { action: "person.disabled" } });
    expect(disabled).toHaveLength(20);
    expect(disabled.every((e) => e.sessionStrength === "REAL_PERSON" && e.actorId === admin.id)).toBe(true);
    expect(disabled.every((e) => e.ipAddress && e.requestId)).toBe(true);
  }, 90_000);

  it("R26 audit:verify passes, then names an edited row, a row re-hashed to hide its edit, and a deleted row", async () => {
    const { db, url } = await fresh();
    await writeMany(db, 30, (n) => event(n));
    expect(await verifyAuditChain(db, 7)).toMatchObject({ ok: true, count: 30 });
    const passed = await verifyCli(url);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/^OK: 30 audit event\(s\)/);

    const rows = await chain(db);
    const row17 = rows[16]!;
    // Someone with write access to the database changes what an event says.
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{"n":999}' WHERE "sequence" = 17`);
    const edited = await verifyAuditChain(db, 7);
    expect(edited).toMatchObject({
      ok: false,
      checked: 16,
      break: { sequence: 17, id: row17.id, problem: "HASH_MISMATCH" },
    });
    const failed = await verifyCli(url);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`BROKEN at sequence 17 (event ${row17.id}): HASH_MISMATCH`);

    // …and recomputes that event's own hash: the next event's link no longer matches.
    const { auditEventHash } = await import("../../lib/audit.js");
    const stored = await db.auditEvent.findUniqueOrThrow({ where: { id: row17.id } });
    const rehash = auditEventHash(stored.prevHash, { ...stored, sequence: 17 });
    await db.auditEvent.update({ where: { id: row17.id }, data: { hash: rehash } });
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      break: { sequence: 18, id: rows[17]!.id, problem: "PREV_HASH_MISMATCH" },
    });

    // Put back as written: intact again. Then an event disappears.
    await db.auditEvent.update({ where: { id: row17.id }, data: { after: row17.after, hash: row17.hash } });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 30 });
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "sequence" = 9`);
    const deleted = await verifyAuditChain(db);
    expect(deleted).toMatchObject({
      ok: false,
      checked: 8,
      break: { sequence: 9, id: rows[9]!.id, problem: "MISSING" },
    });
    const cli = await verifyCli(url);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain("BROKEN at sequence 9");
    expect(cli.stdout).toContain("event(s) 9 are missing");
  }, 90_000);

  it("R26 events numbered by the migration are sealed by the first write, or by audit:verify --seal", async () => {
    const { db } = await fresh();
    // As the unit_administration migration leaves them: numbered, not hashed.
    for (let sequence = 1; sequence <= 5; sequence++) {
      await db.auditEvent.create({
        data: { sequence, action: "legacy", actorType: "SYSTEM", actorLabel: "old", targetType: "Test" },
      });
    }
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      break: { sequence: 1, problem: "NOT_SEALED" },
    });
    await writeAuditEvent(db, event(6));
    const rows = await chain(db);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 6 });

    const other = await createTestDatabase();
    try {
      for (let sequence = 1; sequence <= 3; sequence++) {
        await other.db.auditEvent.create({
          data: { sequence, action: "legacy", actorType: "SYSTEM", actorLabel: "old", targetType: "Test" },
        });
      }
      expect(await sealMigratedAuditEvents(other.db)).toBe(3);
      expect(await sealMigratedAuditEvents(other.db)).toBe(0);
      expect(await verifyAuditChain(other.db)).toMatchObject({ ok: true, count: 3 });
    } finally {
      await other.close();
    }
  }, 90_000);
});

describe("R26 export of the audit log", () => {
  it("R26 exports 10,000 events as a streamed CSV: BOM, every row, formula cells neutralised, masked, constant memory", async () => {
    const { db, app } = await fresh();
    const person = await auditor(db);
    const session = await realPersonSession(db, person.id);
    const dangerous = ['=HYPERLINK("http://evil.example","x")', "+SUM(1,2)", "-2+3", "@cmd", "\tTAB", "\rCR"];
    await appendInBulk(db, 10_000, (n) =>
      n % 1000 === 0
        ? event(n, {
            actor: { type: "SYSTEM", label: dangerous[(n / 1000) % dangerous.length]! },
            after: { idNumber: person.idNumber, note: `联系 ${person.mobile}`, n },
          })
        : // A change with a long description: ~1.5 kB of CSV per event, 15 MB in all.
          event(n, { after: { n, note: "单位基础信息变更说明".repeat(40) } }),
    );

    // Live memory (JS heap and array buffers) after full collections, taken at each read: what the
    // export holds at that moment, its queued chunks included, minus the chunks the test keeps.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const live = () => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const baseline = live();
    let peak = 0;
    let held = 0;

    const response = await app.request("/api/audit-events/export.csv", { headers: session.headers() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-log-\d{8}\.csv"/,
    );
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let index = 0; ; index++) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      held += value.byteLength;
      peak = Math.max(peak, live() - baseline - held);
      if (index === 2) {
        // Written while the export runs: a stream that reads the database as it goes includes it.
        await writeAuditEvent(db, event(10_000, { after: { late: true } }));
      }
    }
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Kept by the export: a batch or two, not the 10,000 rows nor the whole 14 MB file.
    expect(bytes.length).toBeGreaterThan(10_000_000);
    expect(peak).toBeLessThan(4 * 1024 * 1024);
    // Header, then one chunk per batch of 500: the body was produced piece by piece.
    expect(chunks.length).toBeGreaterThanOrEqual(1 + 10_001 / 500);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(bytes.length / 10);

    const records: string[][] = parse(bytes, { bom: true, relax_column_count: false });
    const [header, ...rows] = records;
    expect(header!.slice(0, 3)).toEqual(["序号", "时间（北京时间）", "操作"]);
    expect(rows).toHaveLength(10_001);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 10_001 }, (_, i) => i + 1));
    expect(rows.at(-1)![13]).toBe('{"late":true}');
    expect(rows[0]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const actors = rows.filter((r) => r[4] !== "test").map((r) => r[4]);
    expect(actors).toEqual(Array.from({ length: 10 }, (_, i) => `'${dangerous[i % dangerous.length]}`));
    // No cell of the file starts a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const text = bytes.toString("utf8");
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.mobile);
    expect(text).toContain(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`);
    // The bulk fixture is a valid chain, and verifying 10,001 events walks them in batches.
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 10_001 });
  }, 120_000);
});

describe("R26 who reads the audit log", () => {
  async function hierarchy() {
    const { db, app } = await fresh();
    const province = await createUnit(db);
    const city = await createUnit(db);
    const county = await createUnit(db);
    const elsewhere = await createUnit(db);
    await db.unit.update({ where: { id: city.id }, data: { parentUnitId: province.id } });
    await db.unit.update({ where: { id: county.id }, data: { parentUnitId: city.id } });
    const cityAdmin = await createPerson(db, { unitId: city.id, role: "UNIT_ADMIN", name: "市管理员" });
    const cityHandler = await createPerson(db, { unitId: city.id, role: "TITLE_HANDLER" });
    const cityMember = await createPerson(db, { unitId: city.id });
    const platformAuditor = await auditor(db);
    const units = { province, city, county, elsewhere };
    for (const [name, unit] of Object.entries(units)) {
      await writeAuditEvent(db, {
        action: "unit.profile-updated",
        actor: { type: "PERSON", id: cityAdmin.id },
        origin: { sessionStrength: "REAL_PERSON", ipAddress: "10.0.0.1" },
        target: { type: "Unit", id: unit.id },
        unitId: unit.id,
        before: { contactName: `${name} before`, contactMobile: "13912345678" },
        after: { contactName: `${name} after`, legalRepIdNumber: "520102199003071236" },
      });
    }
    await writeAuditEvent(db, event(0, { action: "binding.exited", unitId: county.id }));
    return { db, app, units, cityAdmin, cityHandler, cityMember, platformAuditor };
  }
  const unitIdsOf = (body: { data: { unit: { id: string } | null }[] }) =>
    new Set(body.data.map((e) => e.unit?.id));

  it("R26 a platform auditor reads every unit's events, in any session; masked, with China-time filters", async () => {
    const { app, units, platformAuditor, cityAdmin, db } = await hierarchy();
    const session = await realPersonSession(db, platformAuditor.id);
    const { status, body } = await getJson(app, session, "/api/audit-events?pageSize=100");
    expect(status).toBe(200);
    expect(body.total).toBe(5);
    expect(unitIdsOf(body)).toEqual(new Set(Object.values(units).map((u) => u.id)));
    const first = body.data.find((e: { action: string }) => e.action === "unit.profile-updated");
    expect(first.before.contactMobile).toBe("139****5678");
    expect(first.after.legalRepIdNumber).toBe("520102********1236");
    expect(first.actor).toMatchObject({ type: "PERSON", id: cityAdmin.id, name: "市管理员" });
    expect(first.actor.idNumberMasked).not.toBe(cityAdmin.idNumber);
    expect(first.sessionStrength).toBe("REAL_PERSON");
    // Newest first by default; paging and total.
    const sequences = body.data.map((e: { sequence: number }) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a: number, b: number) => b - a));
    const page = await getJson(app, session, "/api/audit-events?pageSize=2&page=3&order=asc");
    expect(page.body).toMatchObject({ total: 5 });
    expect(page.body.data.map((e: { sequence: number }) => e.sequence)).toEqual([5]);

    const q = (query: string) => getJson(app, session, `/api/audit-events?${query}`).then((r) => r.body);
    expect((await q(`unitId=${units.county.id}`)).total).toBe(2);
    expect((await q("action=binding")).total).toBe(1);
    expect((await q("action=unit.profile-updated")).total).toBe(4);
    expect((await q("action=unit.profile")).total).toBe(0);
    expect((await q(`actor=${cityAdmin.idNumber}`)).total).toBe(4);
    expect((await q(`actor=${encodeURIComponent("市管理")}`)).total).toBe(4);
    expect((await q(`actor=${cityAdmin.id}`)).total).toBe(4);
    expect((await q(`from=${today()}&to=${today()}`)).total).toBe(5);
    expect((await q("from=2020-01-01&to=2020-12-31")).total).toBe(0);
    const backwards = await getJson(app, session, `/api/audit-events?from=${today()}&to=2020-01-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "to" });
    // The unit filter's choices: every unit.
    const choices = await getJson(app, session, "/api/audit-events/units");
    expect(choices.body.data.length).toBeGreaterThanOrEqual(4);
    // Auditors are platform staff, not unit staff (R12): a password session reads the log too, and
    // sees its own login, an event of no unit.
    const password = await passwordLogin(app, platformAuditor.idNumber);
    const all = await getJson(app, password, "/api/audit-events");
    expect(all.body.total).toBe(6);
    expect(all.body.data[0]).toMatchObject({
      action: "session.login",
      sessionStrength: "PASSWORD",
      unit: null,
    });
  });

  it("R26 a unit administrator reads their unit and its subordinates at any depth, nothing else", async () => {
    const { app, units, cityAdmin } = await hierarchy();
    const session = await realPersonSession(database!.db, cityAdmin.id);
    const { status, body } = await getJson(app, session, "/api/audit-events");
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(unitIdsOf(body)).toEqual(new Set([units.city.id, units.county.id]));
    // A filter on a unit outside the scope narrows to nothing; it never widens the scope.
    const outside = await getJson(app, session, `/api/audit-events?unitId=${units.elsewhere.id}`);
    expect(outside.body).toEqual({ data: [], total: 0 });
    const choices = await getJson(app, session, "/api/audit-events/units");
    expect(new Set(choices.body.data.map((u: { id: string }) => u.id))).toEqual(
      new Set([units.city.id, units.county.id]),
    );
    const byName = await getJson(
      app,
      session,
      `/api/audit-events/units?q=${encodeURIComponent(units.county.name)}`,
    );
    expect(byName.body.data).toEqual([{ id: units.county.id, name: units.county.name }]);
    const outsideByName = `/api/audit-events/units?q=${encodeURIComponent(units.elsewhere.name)}`;
    expect((await getJson(app, session, outsideByName)).body.data).toEqual([]);
    const csv = await app.request("/api/audit-events/export.csv?locale=en", { headers: session.headers() });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parse(await csv.text(), { bom: true }) as string[][];
    expect(header!.slice(0, 3)).toEqual(["Sequence", "Time (China)", "Action"]);
    expect(new Set(rows.map((r) => r[11]))).toEqual(new Set([units.city.id, units.county.id]));
    expect(rows).toHaveLength(3);
  });

  it("R26 R12 handlers, plain persons, unit logins, an administrator's password session and strangers are refused", async () => {
    const { app, db, units, cityAdmin, cityHandler, cityMember } = await hierarchy();
    const refusals: [Session, number, string][] = [
      [await realPersonSession(db, cityHandler.id), 403, "FORBIDDEN_ROLE"],
      [await realPersonSession(db, cityMember.id), 403, "FORBIDDEN_ROLE"],
      [await passwordLogin(app, cityAdmin.idNumber), 403, "REAL_PERSON_SESSION_REQUIRED"],
      [await unitSession(db, units.city.id), 403, "UNIT_SESSION_NOT_ALLOWED"],
      [{ headers: (extra = {}) => extra }, 401, "AUTH_REQUIRED"],
    ];
    for (const [session, status, code] of refusals) {
      for (const path of ["/api/audit-events", "/api/audit-events/export.csv", "/api/audit-events/units"]) {
        const response = await app.request(path, { headers: session.headers() });
        expect([path, response.status]).toEqual([path, status]);
        expect((await response.json()).error.code).toBe(code);
      }
    }
  });
});
