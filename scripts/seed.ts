// Seeds the configured database (`npm run db:seed`, add `-- --demo` for demo data, `-- --show-seeded-ids`
// for the accounts' ID numbers in full).
import { loadConfigOrExit } from "../lib/config.js";
import { createDatabase } from "../lib/database.js";
import { seedDemo } from "../prisma/seed/demo.js";
import { seedBaseline } from "../prisma/seed/seed.js";
import { seededAccountRows, showSeededIds } from "./lib/seeded-accounts.js";

const config = loadConfigOrExit();
const db = createDatabase(config.databaseUrl, config.databasePoolSize);
const people = await seedBaseline(db, config.seedPassword);
if (config.demoData) people.push(...(await seedDemo(db, config.seedPassword)));
console.table(seededAccountRows(people, showSeededIds(process.argv)));
await db.$disconnect();
