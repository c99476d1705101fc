// Applies the committed migrations to the configured database (`npm run db:migrate`).
import { loadConfigOrExit } from "../lib/config.js";
import { applyMigrations } from "./lib/prisma-cli.js";

await applyMigrations(loadConfigOrExit());
