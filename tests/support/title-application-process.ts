// Another process on the test's SQLite file, as a second API instance would be: it serves its own
// app (Temporal's starts recorded, not run) and, for each line `{ "cookie": … }` on stdin, opens a
// title application in that session and prints the response status as a line `{ "status": … }`.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { createDatabase, preparePragmas } from "../../lib/database.js";
import { createTestApp } from "./app.js";
import { fakeWorkflowStarts } from "./fake-workflow-starts.js";
import { postJson } from "./registration.js";

const [url, dir] = process.argv.slice(2);
const db = createDatabase(url!);
await preparePragmas(db);
const { app, temporal } = createTestApp({ db, url: url!, dir: dir!, close: () => db.$disconnect() });
// No Temporal here: an opened application's workflow start is recorded, not run.
fakeWorkflowStarts(temporal);
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  const { cookie } = JSON.parse(line) as { cookie: string };
  const response = await postJson(app, "/api/title-applications", { submissionId: randomUUID() }, { cookie });
  console.log(JSON.stringify({ status: response.status }));
}
await db.$disconnect();
