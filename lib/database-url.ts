// Which database a DATABASE_URL names: a SQLite file (`file:…`) or PostgreSQL
// (`postgresql://…` / `postgres://…`).

/** True for a PostgreSQL connection URL. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}
