// Issue 14 item 2: before it polls, a starting worker runs the database statements of a decision
// (lib/worker.ts warmUpDatabase) in a transaction that is rolled back: it writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAuditEvent } from "../../lib/audit.js";
import { warmUpDatabase } from "../../lib/worker.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("issue 14.2: the worker's database warm-up", () => {
  it("leaves the audit chain and every table as they were", async () => {
    await writeAuditEvent(t.db, {
      action: "test.before",
      actor: { type: "SYSTEM", label: "test" },
      target: { type: "Test" },
    });
    const head = () =>
      t.db.auditEvent.findFirst({
        orderBy: { sequence: "desc" },
        select: { sequence: true, hash: true, action: true },
      });
    const before = { head: await head(), events: await t.db.auditEvent.count() };
    await warmUpDatabase(t.db);
    expect({ head: await head(), events: await t.db.auditEvent.count() }).toEqual(before);
    expect(await t.db.auditEvent.count({ where: { action: "worker.warm-up" } })).toBe(0);
    // The chain goes on from the same head: the next event follows the one before the warm-up.
    await writeAuditEvent(t.db, {
      action: "test.after",
      actor: { type: "SYSTEM", label: "test" },
      target: { type: "Test" },
    });
    const next = await t.db.auditEvent.findFirst({ where: { action: "test.after" } });
    expect(next?.sequence).toBe((before.head?.sequence ?? 0) + 1);
    expect(next?.prevHash).toBe(before.head?.hash);
  });
});
