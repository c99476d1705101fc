// R13 stored ancestry (UnitAncestor) through the real affiliation workflow on the Temporal dev
// server: an approved change of superior moves the ancestry of the unit's whole subtree, the
// subtree-scoped lists (accounts withSubordinates) follow it, and the cycle rule still holds.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { superiorChain, unitAndSubordinates } from "../../lib/unit-hierarchy.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: `ancestry-${randomUUID()}` },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

/** A unit with an administrator in a real-person session (its own contact mobile). */
async function staffedUnit() {
  const unit = await createUnit(database.db);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return { unit, admin, session: await realPersonSession(database.db, admin.id) };
}
type Staffed = Awaited<ReturnType<typeof staffedUnit>>;

async function call(s: Staffed, path: string, body?: unknown) {
  const headers = s.session.headers();
  const response =
    body === undefined
      ? await built.app.request(path, { headers })
      : await postJson(built.app, path, body, headers);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

/** The unit asks to be placed under `superior`, whose administrator approves once the task is open. */
async function affiliate(unit: Staffed, superior: Staffed) {
  const asked = await call(unit, `/api/units/${unit.unit.id}/affiliation-requests`, {
    superiorUnitId: superior.unit.id,
    submissionId: randomUUID(),
  });
  expect(asked.status, asked.text).toBe(201);
  const id = asked.body.data.id as string;
  await expect
    .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: id } }))?.status, {
      timeout: 10_000,
    })
    .toBe("OPEN");
  const approved = await call(superior, `/api/affiliation-requests/${id}/decision`, { decision: "APPROVE" });
  expect(approved.status, approved.text).toBe(200);
}

/** The accounts the administrator of `root` lists with withSubordinates (账号角色管理). */
async function accountsUnder(root: Staffed) {
  const listed = await call(root, `/api/units/${root.unit.id}/accounts?withSubordinates=true&pageSize=100`);
  expect(listed.status, listed.text).toBe(200);
  return (listed.body.data as { personId: string }[]).map((a) => a.personId).sort();
}

describe("R13 stored ancestry", () => {
  it("R13 an approved change of superior moves the ancestry of the unit's whole subtree; a cycle is still refused", async () => {
    const oldTop = await staffedUnit();
    const middle = await staffedUnit();
    const bottom = await staffedUnit();
    const newTop = await staffedUnit();
    await affiliate(middle, oldTop);
    await affiliate(bottom, middle);
    expect(await superiorChain(database.db, bottom.unit.id)).toEqual([
      bottom.unit.id,
      middle.unit.id,
      oldTop.unit.id,
    ]);
    expect((await unitAndSubordinates(database.db, oldTop.unit.id)).sort()).toEqual(
      [oldTop.unit.id, middle.unit.id, bottom.unit.id].sort(),
    );
    expect(await accountsUnder(oldTop)).toEqual([oldTop.admin.id, middle.admin.id, bottom.admin.id].sort());

    // 主管部门更改: the middle unit moves under the new top, its subordinate with it.
    await affiliate(middle, newTop);
    expect(await superiorChain(database.db, bottom.unit.id)).toEqual([
      bottom.unit.id,
      middle.unit.id,
      newTop.unit.id,
    ]);
    expect(await unitAndSubordinates(database.db, oldTop.unit.id)).toEqual([oldTop.unit.id]);
    expect(await accountsUnder(oldTop)).toEqual([oldTop.admin.id]);
    expect(await accountsUnder(newTop)).toEqual([newTop.admin.id, middle.admin.id, bottom.admin.id].sort());
    const rows = await database.db.unitAncestor.findMany({
      where: { unitId: bottom.unit.id },
      orderBy: { depth: "asc" },
    });
    expect(rows.map((r) => [r.ancestorId, r.depth])).toEqual([
      [bottom.unit.id, 0],
      [middle.unit.id, 1],
      [newTop.unit.id, 2],
    ]);

    // R13: the new top cannot go under a unit now below it, read from the moved ancestry.
    const cycle = await call(newTop, `/api/units/${newTop.unit.id}/affiliation-requests`, {
      superiorUnitId: bottom.unit.id,
      submissionId: randomUUID(),
    });
    expect(cycle.status, cycle.text).toBe(409);
    expect(cycle.body.error).toMatchObject({ code: "AFFILIATION_CYCLE", details: { rule: "R13" } });
    // …and the old top can go under the bottom unit now that it is no longer above it.
    await affiliate(oldTop, bottom);
    expect(await superiorChain(database.db, oldTop.unit.id)).toEqual([
      oldTop.unit.id,
      bottom.unit.id,
      middle.unit.id,
      newTop.unit.id,
    ]);
  });
});
