// One real Temporal dev server (the provisioned CLI binary, in memory) for the workflow and
// end-to-end tests, or the external cluster named by TEMPORAL_ADDRESS. Either way every test file
// gets its own namespace (tests/support/temporal-namespaces.ts).
import { TestWorkflowEnvironment } from "@temporalio/testing";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../lib/config.js";
import { freePorts } from "../../lib/free-port.js";
import { resolveTemporalCli } from "../../lib/temporal-cli.js";
import { registerNamespaces } from "../../lib/temporal-cluster.js";
import { temporalTestFiles, testFileNamespace } from "./temporal-namespaces.js";

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const namespaces = (await temporalTestFiles()).map(testFileNamespace);
  if (config.temporal.externalAddress) {
    // Kept when there from an earlier run; each is served (described by the frontend) before tests start.
    await registerNamespaces(config.temporal.externalAddress, namespaces);
    project.provide("temporalAddress", config.temporal.externalAddress);
    return;
  }
  const path = await resolveTemporalCli(config.temporal, (line) => console.log(line));
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: "existing-path", path },
      ip: "127.0.0.1",
      // Not the SDK's pick (an ephemeral port, released before the server binds it): lib/free-port.ts.
      port: (await freePorts(1))[0],
      ui: false,
      extraArgs: namespaces.flatMap((namespace) => ["--namespace", namespace]),
    },
  });
  project.provide("temporalAddress", env.address);
  return async () => {
    await env.teardown();
  };
}
