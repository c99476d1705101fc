// Runs before each console test file: a failed test gets a second error saying what the console
// showed (tests/support/browser.ts consoleDiagnostics), for CI's summary, which keeps errors only.
import { afterEach } from "vitest";
import { consoleDiagnostics, forgetClosedContexts } from "./browser.js";

afterEach(async ({ task }) => {
  const shown = task.result?.state === "fail" ? await consoleDiagnostics() : "";
  forgetClosedContexts();
  if (shown) throw new Error(`What the console showed when the test failed:\n${shown}`);
});
