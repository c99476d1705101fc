// Issue 14 item 2: before it polls, a starting worker runs a binding request's submission and decision
// steps (lib/worker-warm-up.ts, warmUpDecisionPath) on a throw-away request in a
// transaction that is rolled back: it writes nothing, and its notice reaches no SMS outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAuditEvent } from "../../lib/audit.js";
import { warmUpDecisionPath } from "../../lib/worker-warm-up.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("issue 14.2: the worker's database warm-up (a decision's own steps, rolled back)", () => {
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
    const rows = async () => ({
      head: await head(),
      events: await t.db.auditEvent.count(),
      regions: await t.db.region.count(),
      units: await t.db.unit.count(),
      persons: await t.db.person.count(),
      requests: await t.db.bindingRequest.count(),
      bindings: await t.db.binding.count(),
      tasks: await t.db.humanTask.count(),
      timeline: await t.db.requestEvent.count(),
      sms: await t.db.smsMessage.count(),
    });
    const before = await rows();
    // true: every step ran (up to the notice's outbox row) before the rollback, not a failure early on.
    expect(await warmUpDecisionPath(t.db)).toBe(true);
    expect(await rows()).toEqual(before);
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
