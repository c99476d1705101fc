// A second process appending to the audit log, as the worker's activities do beside the API: it
// writes `count` events at once through lib/audit.ts and prints how many failed.
import { writeAuditEvent } from "../../lib/audit.js";
import { createDatabase, preparePragmas } from "../../lib/database.js";

const [url, count] = process.argv.slice(2);
const db = createDatabase(url!);
await preparePragmas(db);
console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
let failures = 0;
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    writeAuditEvent(db, {
      action: "test.other-process",
      actor: { type: "SYSTEM", label: "audit-writer" },
      target: { type: "Test", id: String(i) },
    }).catch((error) => {
      failures++;
      console.error(String(error));
    }),
  ),
);
await db.$disconnect();
console.log(JSON.stringify({ failures }));
