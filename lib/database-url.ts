// Which database a DATABASE_URL names: a SQLite file (`file:…`) or PostgreSQL
// (`postgresql://…` / `postgres://…`).

/** True for a PostgreSQL connection URL. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** The SQL dialect of a DATABASE_URL. */
export type Dialect = "sqlite" | "postgresql";

/** "postgresql" for a PostgreSQL URL, otherwise "sqlite" (a `file:` URL). */
export function dialectOf(databaseUrl: string): Dialect {
  return isPostgresUrl(databaseUrl) ? "postgresql" : "sqlite";
}
