// What the load needs besides the seeded baseline, written straight into the platform database
// (sessions, applicants): logins and their limits are not what is measured. Requests themselves
// (registrations, binding requests, decisions, reads) go through the API like the console's.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Sqlite from "better-sqlite3";
import type { Database } from "../../lib/database.js";
import { sqliteFilePath } from "../../lib/database.js";
import { makeIdNumber, makeUscc } from "../../prisma/seed/seed.js";
import type { Api } from "./client.js";

/**
 * A valid ID number for person `i` (unique for i < 14 million): a birth date and a sequence, in a
 * division code no seeded person uses (the baseline seeds people of 5201xx).
 */
export function benchIdNumber(i: number, region = "522799"): string {
  const day = new Date(Date.UTC(1960, 0, 1) + (i % 14_000) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replaceAll("-", "");
  return makeIdNumber(region, birth, Math.floor(i / 14_000) % 1000);
}

/** A mobile number unique for i < 100 million, in the 13x range; `prefix` keeps sets apart. */
export const benchMobile = (i: number, prefix = "13") => `${prefix}${String(i).padStart(9, "0")}`;

/** Opens a session for a person (REAL_PERSON: the strength deciders need, R12); returns the cookie header. */
export async function openSessions(
  db: Database,
  personIds: string[],
  strength: "PASSWORD" | "REAL_PERSON" = "REAL_PERSON",
): Promise<string[]> {
  const tokens = personIds.map(() => randomBytes(32).toString("base64url"));
  const absoluteExpiresAt = new Date(Date.now() + 12 * 3_600_000);
  for (let i = 0; i < personIds.length; i += 1000) {
    await db.session.createMany({
      data: personIds.slice(i, i + 1000).map((personId, j) => ({
        id: createHash("sha256")
          .update(tokens[i + j]!)
          .digest("hex"),
        kind: "PERSON" as const,
        personId,
        strength,
        absoluteExpiresAt,
      })),
    });
  }
  return tokens.map((token) => `zc_session=${token}`);
}

/** Creates `count` people who may ask to join a unit (no binding yet), with sessions. */
export async function createApplicants(
  db: Database,
  count: number,
  offset: number,
): Promise<Array<{ id: string; cookie: string }>> {
  const people = Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    return {
      id: randomUUID(),
      idNumber: benchIdNumber(i, "522798"),
      name: `申请人${i}`,
      mobile: benchMobile(i, "15"),
      passwordHash: "x",
    };
  });
  for (let i = 0; i < people.length; i += 1000)
    await db.person.createMany({ data: people.slice(i, i + 1000) });
  const cookies = await openSessions(
    db,
    people.map((p) => p.id),
    "PASSWORD",
  );
  return people.map((p, i) => ({ id: p.id, cookie: cookies[i]! }));
}

/**
 * The registrations' prepared passwords (POST /api/registrations/prepared-passwords), as the console
 * asks for them when the applicant leaves the password step (issue 14), about a second ahead of
 * registrations sent at `ratePerSecond`: when registration i's id is asked for, the one `rate`
 * registrations later is prepared at a random moment of the next interval (applicants leave that step
 * whenever they do, not in step with other submissions), so the hashes' CPU competes with the
 * submissions as on the day. `idFor(i)` answers registration i's id.
 */
export function passwordsPreparedAhead(
  api: Api,
  total: number,
  ratePerSecond: number,
): (i: number) => Promise<string> {
  const lead = Math.max(1, Math.round(ratePerSecond));
  const intervalMs = 1000 / ratePerSecond;
  const prepared: Array<Promise<string>> = [];
  const prepare = (i: number) =>
    (prepared[i] ??= api
      .post<{ data: { id: string } }>("/api/registrations/prepared-passwords", { password: "Unit#Bench2026" })
      .then((answer) => answer.data.id));
  for (let i = 0; i < Math.min(lead, total); i++) void prepare(i);
  return (i) => {
    if (i + lead < total) setTimeout(() => void prepare(i + lead), Math.random() * intervalMs);
    return prepare(i);
  };
}

/**
 * A registration that the registry does not know (REGISTRY_NOT_FOUND): it needs a reviewer. Its
 * password was prepared (POST /api/registrations/prepared-passwords) as the console does when the
 * applicant leaves the password step.
 */
export function registrationNeedingReview(
  i: number,
  uploads: { licence: string; letter: string },
  preparedPasswordId: string,
) {
  const body = String(i).padStart(8, "0");
  return {
    submissionId: randomUUID(),
    unitName: `基准测试第${i}号示例有限公司`,
    uscc: makeUscc("91", "520102", body),
    unitType: "ENTERPRISE",
    regionCode: "520102",
    legalRepName: "林基准",
    legalRepIdNumber: benchIdNumber(i, "520102"),
    contactName: "周联系",
    contactMobile: benchMobile(i, "16"),
    preparedPasswordId,
    businessLicenceUploadId: uploads.licence,
    authorizationLetterUploadId: uploads.letter,
  };
}

/** The smallest file that file-type recognises as a PDF. */
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

/**
 * How often TaskWatcher looks (ms): what it adds to a "task visible" sample, 0 to POLL_MS (every 5 ms
 * added 2.5 on average; each look costs two indexed reads of microseconds).
 */
const POLL_MS = 1;

/**
 * Sees tasks appear the way the reviewers' inbox does: the HumanTask row the list reads, polled
 * every POLL_MS on a read-only connection of the bench's own (one query for all waiters), only while
 * someone waits.
 */
export class TaskWatcher {
  readonly #sqlite: Sqlite.Database;
  readonly #waiting = new Map<string, Array<(taskId: string) => void>>();
  #timer: NodeJS.Timeout | undefined;
  readonly #byRequestId: Sqlite.Statement;
  readonly #byRequestNumber: Sqlite.Statement;

  constructor(databaseUrl: string) {
    this.#sqlite = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
    this.#byRequestId = this.#sqlite.prepare(
      "SELECT id, requestId AS key FROM HumanTask WHERE requestId IN (SELECT value FROM json_each(?))",
    );
    this.#byRequestNumber = this.#sqlite.prepare(
      `SELECT t.id, r.requestNumber AS key FROM HumanTask t JOIN UnitRegistration r ON r.id = t.requestId
       WHERE r.requestNumber IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Resolves with the task's id once a task for the request (its id, or a registration's number) exists. */
  waitFor(key: string): Promise<string> {
    return new Promise((resolve) => {
      const list = this.#waiting.get(key) ?? [];
      list.push(resolve);
      this.#waiting.set(key, list);
      this.#timer ??= setInterval(() => this.#poll(), POLL_MS);
    });
  }

  #poll() {
    if (this.#waiting.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    const keys = JSON.stringify([...this.#waiting.keys()]);
    const rows = [
      ...(this.#byRequestId.all(keys) as Array<{ id: string; key: string }>),
      ...(this.#byRequestNumber.all(keys) as Array<{ id: string; key: string }>),
    ];
    for (const row of rows) {
      for (const resolve of this.#waiting.get(row.key) ?? []) resolve(row.id);
      this.#waiting.delete(row.key);
    }
  }

  close() {
    clearInterval(this.#timer);
    this.#sqlite.close();
  }
}
