// One real Temporal dev server (the provisioned CLI binary, in memory) for the workflow and
// end-to-end tests, or the external cluster named by TEMPORAL_ADDRESS.
import { TestWorkflowEnvironment } from "@temporalio/testing";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../lib/config.js";
import { resolveTemporalCli } from "../../lib/temporal-cli.js";

export default async function setup(project: TestProject) {
  const config = loadConfig();
  if (config.temporal.externalAddress) {
    project.provide("temporalAddress", config.temporal.externalAddress);
    return;
  }
  const path = await resolveTemporalCli(config.temporal, (line) => console.log(line));
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: "existing-path", path }, ip: "127.0.0.1", ui: false },
  });
  project.provide("temporalAddress", env.address);
  return async () => {
    await env.teardown();
  };
}
