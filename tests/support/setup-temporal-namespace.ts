// Runs before each test file of the Temporal layers: the file's own namespace (created by the global
// setup) becomes TEMPORAL_NAMESPACE, for testConfig and for the processes a test spawns.
import { expect } from "vitest";
import { testFileNamespace } from "./temporal-namespaces.js";

const file = expect.getState().testPath;
if (!file) throw new Error("setup-temporal-namespace: vitest did not name the test file");
process.env.TEMPORAL_NAMESPACE = testFileNamespace(file);
