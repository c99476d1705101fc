// Seeds the configured database (`npm run db:seed`, add `-- --demo` for demo data).
import { loadConfig } from "../lib/config.js";
import { createDatabase } from "../lib/database.js";
import { seedDemo } from "../prisma/seed/demo.js";
import { seedBaseline } from "../prisma/seed/seed.js";

const config = loadConfig();
const db = createDatabase(config.databaseUrl);
const people = await seedBaseline(db, config.seedPassword);
if (config.demoData || process.argv.includes("--demo"))
  people.push(...(await seedDemo(db, config.seedPassword)));
console.table(people.map((p) => ({ name: p.name, account: p.idNumber, role: p.role, unit: p.unitName })));
await db.$disconnect();
