// Generates both Prisma clients (`npm run db:generate`, run by `postinstall`): SQLite's from
// prisma/schema.prisma and PostgreSQL's from prisma/postgresql/schema.prisma.
import { POSTGRES_GENERATE_URL } from "./lib/postgres-schema.js";
import { generateClient } from "./lib/prisma-clis.js";

for (const url of ["file:./data/platform.db", POSTGRES_GENERATE_URL]) {
  process.stdout.write(await generateClient(url));
}
