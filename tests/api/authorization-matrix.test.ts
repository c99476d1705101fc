// Every operation of the OpenAPI document × every kind of actor × own / other unit: the gate
// answers exactly what the operation's declared rule (x-access) says, a unit's staff never reach
// another unit's data, and nothing answers 5xx. The answers are written to
// docs/authorization-matrix.md, which must match the committed file (regenerate it with
// `UPDATE_AUTHORIZATION_MATRIX=1 npx vitest run tests/api/authorization-matrix.test.ts`).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessRule, type Actor, checkAccess } from "../../domain/authorization.js";
import { errorStatus } from "../../domain/errors.js";
import { PROVINCIAL_HR_NAME, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit } from "../support/people.js";
import { ORIGIN } from "../support/registration.js";

const DOC = "docs/authorization-matrix.md";
let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;

type ActorKind = {
  name: string;
  /** The actor as the gate sees it, for the expected answer of the declared rule. */
  actor: Actor | null;
  /** A fresh session per call: some operations end theirs (logout, a disabled account). */
  cookie?: () => Promise<string>;
  /** The unit this actor acts for, if any: "own unit" means this one. */
  unitId?: string;
  /** Holds a unit role in exactly one unit: must never reach another unit's data. */
  unitScoped: boolean;
};

let actors: ActorKind[] = [];
let ownUnitId = "";
let otherUnitId = "";

async function sessionCookie(data: {
  kind: "PERSON" | "UNIT";
  personId?: string;
  unitId?: string;
  strength: "PASSWORD" | "REAL_PERSON";
}) {
  const token = randomBytes(32).toString("base64url");
  await database.db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      ...data,
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return `zc_session=${token}`;
}

async function personActor(
  name: string,
  options: { unitId?: string; role?: "UNIT_ADMIN" | "TITLE_HANDLER"; strength: "PASSWORD" | "REAL_PERSON" },
): Promise<ActorKind> {
  const person = await createPerson(database.db, { unitId: options.unitId, role: options.role });
  const grants = await database.db.roleBinding.findMany({ where: { personId: person.id, revokedAt: null } });
  return {
    name,
    actor: {
      kind: "PERSON",
      personId: person.id,
      strength: options.strength,
      roles: grants.map((g) => ({ role: g.role as never, subsystem: g.subsystem, unitId: g.unitId })),
      unitId: options.unitId ?? null,
    },
    cookie: () => sessionCookie({ kind: "PERSON", personId: person.id, strength: options.strength }),
    unitId: options.unitId,
    unitScoped: Boolean(options.role),
  };
}

async function seededActor(name: string, role: string, people: Awaited<ReturnType<typeof seedBaseline>>) {
  const seeded = people.find((p) => p.role === role && p.unitName === PROVINCIAL_HR_NAME)!;
  const person = await database.db.person.findUniqueOrThrow({
    where: { idNumber: seeded.idNumber },
    include: { roleBindings: { where: { revokedAt: null } } },
  });
  return {
    name,
    actor: {
      kind: "PERSON" as const,
      personId: person.id,
      strength: "REAL_PERSON" as const,
      roles: person.roleBindings.map((g) => ({
        role: g.role as never,
        subsystem: g.subsystem,
        unitId: g.unitId,
      })),
      unitId: null,
    },
    cookie: () => sessionCookie({ kind: "PERSON", personId: person.id, strength: "REAL_PERSON" }),
    unitScoped: false,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const people = await seedBaseline(database.db, "Guizhou@2026");
  // Temporal is unreachable: what needs it answers 503 after these (short) waits.
  built = createTestApp(database, {
    env: { TEMPORAL_START_TIMEOUT_SECONDS: "1", TEMPORAL_UPDATE_TIMEOUT_SECONDS: "1" },
  });
  // Own unit U under a superior P, in Guiyang (520102); O is another, unrelated unit.
  const superior = await createUnit(database.db);
  const own = await createUnit(database.db);
  await database.db.unit.update({ where: { id: own.id }, data: { parentUnitId: superior.id } });
  const other = await createUnit(database.db);
  ownUnitId = own.id;
  otherUnitId = other.id;
  const guiyangHr = await database.db.unit.findFirstOrThrow({
    where: { type: "HR_DEPARTMENT", regionCode: { startsWith: "5201" } },
    include: { roleBindings: { where: { role: "UNIT_ADMIN", revokedAt: null } } },
  });
  const hrAdminId = guiyangHr.roleBindings[0]!.personId;
  actors = [
    { name: "anonymous", actor: null, unitScoped: false },
    await personActor("person (password)", { strength: "PASSWORD" }),
    await personActor("person (real-person)", { strength: "REAL_PERSON" }),
    await personActor("handler (password)", { unitId: own.id, role: "TITLE_HANDLER", strength: "PASSWORD" }),
    await personActor("handler (real-person)", {
      unitId: own.id,
      role: "TITLE_HANDLER",
      strength: "REAL_PERSON",
    }),
    await personActor("administrator (real-person)", {
      unitId: own.id,
      role: "UNIT_ADMIN",
      strength: "REAL_PERSON",
    }),
    {
      ...(await personActor("superior unit's administrator", {
        unitId: superior.id,
        role: "UNIT_ADMIN",
        strength: "REAL_PERSON",
      })),
      unitScoped: false,
    },
    {
      name: "regional HR administrator",
      actor: {
        kind: "PERSON",
        personId: hrAdminId,
        strength: "REAL_PERSON",
        roles: [{ role: "UNIT_ADMIN", subsystem: "PORTAL", unitId: guiyangHr.id }],
        unitId: guiyangHr.id,
      },
      cookie: () => sessionCookie({ kind: "PERSON", personId: hrAdminId, strength: "REAL_PERSON" }),
      unitScoped: false,
    },
    await seededActor("platform reviewer", "PLATFORM_REVIEWER", people),
    await seededActor("platform supervisor", "PLATFORM_SUPERVISOR", people),
    await seededActor("platform auditor", "PLATFORM_AUDITOR", people),
    await seededActor("platform operator", "PLATFORM_OPERATOR", people),
    {
      name: "unit login",
      actor: { kind: "UNIT", unitId: own.id, strength: "PASSWORD" },
      cookie: () => sessionCookie({ kind: "UNIT", unitId: own.id, strength: "PASSWORD" }),
      unitId: own.id,
      unitScoped: true,
    },
  ];
});
afterAll(async () => {
  await built.connection.close();
  await database.close();
});

type Operation = { method: string; path: string; rule: AccessRule };
const UNIT_PARAMS = /\{(unitId)\}|^\/units\/\{id\}/;

async function operations(): Promise<Operation[]> {
  const document = (await (await built.app.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { "x-access": AccessRule }>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      rule: op["x-access"],
    })),
  );
}

function concretePath(path: string, unitId: string): string {
  return path
    .replace("{unitId}", unitId)
    .replace(/^\/units\/\{id\}/, `/units/${unitId}`)
    .replace(/\{[^}]+\}/g, () => randomUUID());
}

/** What one actor gets from one operation: the status and, for refusals, the error code. */
async function answer(op: Operation, actor: ActorKind, unitId: string) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (actor.cookie) headers.cookie = await actor.cookie();
  const withBody = ["POST", "PUT", "PATCH"].includes(op.method);
  if (withBody) headers["content-type"] = "application/json";
  const response = await built.app.request(`${ORIGIN}/api${concretePath(op.path, unitId)}`, {
    method: op.method,
    headers,
    body: withBody ? "{}" : undefined,
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    // not JSON (a file, an event stream, the docs page)
  }
  return { status: response.status, code };
}

describe("Authorization: every route × actor kind × own / other unit", () => {
  it("the gate answers as each operation's declared rule says, no unit's staff reach another unit, no 5xx; the matrix is documented", async () => {
    const ops = (await operations()).filter((op) => !op.path.startsWith("/dev/") || op.method === "GET");
    expect(ops.length).toBeGreaterThan(40);
    const problems: string[] = [];
    const rows: string[] = [];
    for (const op of ops) {
      const unitScopedRoute = UNIT_PARAMS.test(op.path);
      const cells: string[] = [];
      for (const actor of actors) {
        const targets = unitScopedRoute ? [ownUnitId, otherUnitId] : [ownUnitId];
        const results = [];
        for (const unitId of targets) {
          const got = await answer(op, actor, unitId);
          results.push(got);
          const label = `${op.method} ${op.path} as ${actor.name}${unitScopedRoute ? (unitId === ownUnitId ? " (own unit)" : " (other unit)") : ""}`;
          // Temporal is unreachable here on purpose: 503 is the right answer of what needs it.
          if (got.status >= 500 && got.status !== 503)
            problems.push(`${label}: ${got.status} ${got.code ?? ""}`);
          const refusal = checkAccess(actor.actor, op.rule);
          if (refusal) {
            if (got.code !== refusal || got.status !== errorStatus(refusal)) {
              problems.push(
                `${label}: expected ${errorStatus(refusal)} ${refusal} (x-access), got ${got.status} ${got.code ?? ""}`,
              );
            }
          } else if (got.code === "AUTH_REQUIRED") {
            problems.push(`${label}: the rule admits this actor, got 401 AUTH_REQUIRED`);
          }
          if (unitScopedRoute && unitId === otherUnitId && actor.unitScoped && got.status < 400) {
            problems.push(`${label}: a unit's staff reached another unit (${got.status})`);
          }
        }
        // ✗: refused by the gate (the declared rule); ✓: let through, then the handler's answer.
        const refused = checkAccess(actor.actor, op.rule);
        cells.push(
          results
            .map((r) => (refused ? `✗ ${r.code}` : `✓ ${r.status}${r.code ? ` ${r.code}` : ""}`))
            .join(" / "),
        );
      }
      rows.push(`| \`${op.method} ${op.path}\` | ${cells.join(" | ")} |`);
    }
    expect(problems).toEqual([]);

    const markdown = [
      "# Authorization matrix",
      "",
      "Generated by `tests/api/authorization-matrix.test.ts` from the OpenAPI document: what each kind of",
      "actor gets from each operation. `✗ CODE`: refused by the operation's declared access rule",
      "(x-access: actor kind, role, session strength). `✓ status`: let through; the status is the",
      "handler's answer to a call with an empty body and made-up ids (often 400 or 404), or 403 when the",
      "handler's own scope check refuses (another unit, a finer role). Routes with a unit in their path",
      "show `own unit / other unit`. Temporal is unreachable in this test, so what needs it answers 503.",
      "Regenerate: `UPDATE_AUTHORIZATION_MATRIX=1 npx vitest run tests/api/authorization-matrix.test.ts`.",
      "",
      `| operation | ${actors.map((a) => a.name).join(" | ")} |`,
      `|---|${actors.map(() => "---").join("|")}|`,
      ...rows,
      "",
    ].join("\n");
    if (process.env.UPDATE_AUTHORIZATION_MATRIX) await writeFile(DOC, markdown);
    expect(await readFile(DOC, "utf8").catch(() => ""), `${DOC} is out of date: regenerate it`).toBe(
      markdown,
    );
  }, 300_000);
});
