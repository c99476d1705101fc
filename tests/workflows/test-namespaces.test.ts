// The test layers' isolation: workflow ids are business keys (a USCC's registration), so each test
// file runs in its own Temporal namespace, created by the global setup.
import { randomUUID } from "node:crypto";
import { Client, Connection } from "@temporalio/client";
import { expect, inject, it } from "vitest";
import { testFileNamespace } from "../support/temporal-namespaces.js";

it("each test file has its own namespace: the same workflow id starts in two files' namespaces at once", async () => {
  const mine = process.env.TEMPORAL_NAMESPACE;
  expect(mine).toBe("t-workflows-test-namespaces");
  const other = testFileNamespace("tests/workflows/unit-registration.test.ts");
  expect(other).toBe("t-workflows-unit-registration");
  const connection = await Connection.connect({ address: inject("temporalAddress") });
  try {
    const workflowId = `UnitRegistration:isolation-${randomUUID()}`;
    const handles = await Promise.all(
      [mine!, other].map((namespace) =>
        new Client({ connection, namespace }).workflow.start("unitRegistration", {
          workflowId,
          taskQueue: `nobody-polls-${randomUUID()}`,
          args: [],
        }),
      ),
    );
    expect(handles.map((handle) => handle.workflowId)).toEqual([workflowId, workflowId]);
    await Promise.all(handles.map((handle) => handle.terminate("isolation test")));
  } finally {
    await connection.close();
  }
});
