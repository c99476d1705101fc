// A second process writing the test's SQLite file, as the worker does beside the API: it runs
// `count` read-then-write transactions on one counter row and prints how many failed.
import { createDatabase, preparePragmas } from "../../lib/database.js";
import { incrementCounter } from "./sqlite-writer-lib.js";

const [url, prefix, day, count] = process.argv.slice(2);
const db = createDatabase(url!);
await preparePragmas(db);
// Start together with the test process: it says "go" once it is ready too.
console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
let failures = 0;
await Promise.all(
  Array.from({ length: Number(count) }, () =>
    incrementCounter(db, prefix!, day!).catch((error) => {
      failures++;
      console.error(String(error));
    }),
  ),
);
await db.$disconnect();
console.log(JSON.stringify({ failures }));
