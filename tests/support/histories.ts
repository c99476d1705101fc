// Saved workflow histories guard determinism: `RECORD_HISTORIES=1 npm test` writes the histories
// of the tests that call recordHistory, and the replay test replays every saved one against the
// current workflow code. Record again only when a change is meant to be incompatible (and then
// running workflows need `patched()`).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { WorkflowHandle } from "@temporalio/client";
import { historyToJSON } from "@temporalio/common/lib/proto-utils.js";

export const HISTORIES_DIR = path.resolve("tests/workflows/histories");

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== "1") return;
  const history = await handle.fetchHistory();
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}
