// Prisma over better-sqlite3. SQLite runs in WAL mode with a busy timeout so the API and the
// worker (two processes) can write the same file without "database is locked" errors.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../prisma/generated/client.js";

export type Database = PrismaClient;

export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"];
const BUSY_TIMEOUT_MS = 5000;

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

export function createDatabase(databaseUrl: string): Database {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  return prisma;
}

/** Applies the pragmas; call once after connecting (journal_mode=WAL persists in the file). */
export async function preparePragmas(db: Database): Promise<void> {
  for (const pragma of SQLITE_PRAGMAS) {
    await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
  }
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
}
