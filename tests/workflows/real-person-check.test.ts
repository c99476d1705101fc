// The realPersonCheck workflow on the real Temporal dev server, with activities on a real SQLite file.
import { randomUUID } from "node:crypto";
import { Client, Connection } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPorts } from "../../lib/ports/index.js";
import {
  completeRealPersonCheck,
  realPersonCheckStatus,
  realPersonCheckWorkflowId,
  scanRealPersonCheck,
} from "../../workflows/contracts.js";
import { testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

let database: TestDatabase;
let worker: RunningWorker;
let client: Client;
const taskQueue = `test-${randomUUID()}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const address = inject("temporalAddress");
  const config = testConfig(database, { temporalAddress: address, env: { TEMPORAL_TASK_QUEUE: taskQueue } });
  worker = await startTestWorker({ database, config });
  // The file's own namespace (tests/support/setup-temporal-namespace.ts), where its worker polls.
  client = new Client({
    connection: await Connection.connect({ address }),
    namespace: config.temporal.namespace,
  });
});

afterAll(async () => {
  await worker.stop();
  await database.close();
});

async function openCheck(ttlSeconds: number) {
  const { realPersonAuth } = createPorts(testConfig(database), database.db);
  const check = await realPersonAuth.startCheck({
    purpose: "STEP_UP",
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  const handle = await client.workflow.start("realPersonCheck", {
    taskQueue,
    workflowId: realPersonCheckWorkflowId(check.checkId),
    args: [{ checkId: check.checkId, ttlSeconds }],
  });
  return { check, handle };
}

describe("realPersonCheck workflow", () => {
  it("passes when the mobile app scans and confirms the face", async () => {
    const { check, handle } = await openCheck(60);
    expect(await handle.executeUpdate(scanRealPersonCheck)).toBe("SCANNED");
    expect(await handle.executeUpdate(completeRealPersonCheck, { args: [{ passed: true }] })).toBe("PASSED");
    expect(await handle.result()).toBe("PASSED");
    const row = await database.db.realPersonCheck.findUniqueOrThrow({ where: { id: check.checkId } });
    expect(row.status).toBe("PASSED");
    expect(row.scannedAt).not.toBeNull();
    const status = await handle.query(realPersonCheckStatus);
    expect(status.history.map((h) => h.kind)).toEqual(["ISSUED", "SCANNED", "PASSED"]);
    await recordHistory(handle, "real-person-check-passed");
  });

  it("fails when the face does not match, and refuses a second verdict", async () => {
    const { check, handle } = await openCheck(60);
    await handle.executeUpdate(completeRealPersonCheck, { args: [{ passed: false }] });
    expect(await handle.result()).toBe("FAILED");
    const row = await database.db.realPersonCheck.findUniqueOrThrow({ where: { id: check.checkId } });
    expect(row.status).toBe("FAILED");
  });

  it("accepts exactly one of two concurrent verdicts", async () => {
    const { check, handle } = await openCheck(60);
    const results = await Promise.allSettled([
      handle.executeUpdate(completeRealPersonCheck, { args: [{ passed: true }] }),
      handle.executeUpdate(completeRealPersonCheck, { args: [{ passed: false }] }),
    ]);
    const accepted = results.filter((r) => r.status === "fulfilled");
    expect(accepted).toHaveLength(1);
    const outcome = (accepted[0] as PromiseFulfilledResult<string>).value;
    expect(await handle.result()).toBe(outcome);
    const row = await database.db.realPersonCheck.findUniqueOrThrow({ where: { id: check.checkId } });
    expect(row.status).toBe(outcome);
  });

  it("expires when nobody completes it in time", async () => {
    const { check, handle } = await openCheck(2);
    expect(await handle.result()).toBe("EXPIRED");
    await recordHistory(handle, "real-person-check-expired");
    const row = await database.db.realPersonCheck.findUniqueOrThrow({ where: { id: check.checkId } });
    expect(row.status).toBe("EXPIRED");
    await expect(handle.executeUpdate(scanRealPersonCheck)).rejects.toThrow();
  });
});
