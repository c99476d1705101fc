// Creates the next migration from a change of prisma/schema.prisma:
//   npm run db:migration -- <name>
// It works on a scratch database brought up to date first (`migrate dev` refuses a database
// without migration history, P1014), so your data/ is never touched.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runPrisma } from "./lib/prisma-cli.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const scratch = await mkdtemp(path.join(os.tmpdir(), "zc-migration-"));
const env = { DATA_DIR: scratch, DATABASE_URL: `file:${path.join(scratch, "scratch.db")}` };
try {
  await runPrisma(["migrate", "deploy"], env);
  const output = await runPrisma(["migrate", "dev", "--create-only", "--skip-generate", "--name", name], env);
  console.log(output.trim());
} finally {
  await rm(scratch, { recursive: true, force: true });
}
