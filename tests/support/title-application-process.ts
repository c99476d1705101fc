// Another process on the test's SQLite file, as a second API instance would be: it serves its own
// app and, for each line `{ "cookie": … }` on stdin, opens a title application in that session and
// prints the response status as a line `{ "status": … }`.
import { createInterface } from "node:readline";
import { createDatabase, preparePragmas } from "../../lib/database.js";
import { createTestApp } from "./app.js";
import { postJson } from "./registration.js";

const [url, dir] = process.argv.slice(2);
const db = createDatabase(url!);
await preparePragmas(db);
const { app } = createTestApp({ db, url: url!, dir: dir!, close: () => db.$disconnect() });
console.log("ready");
for await (const line of createInterface({ input: process.stdin })) {
  const { cookie } = JSON.parse(line) as { cookie: string };
  const response = await postJson(app, "/api/title-applications", {}, { cookie });
  console.log(JSON.stringify({ status: response.status }));
}
await db.$disconnect();
