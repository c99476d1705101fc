import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_SCHEMA,
  POSTGRES_SCHEMA_COMMAND,
  postgresSchemaOf,
} from "../../scripts/lib/postgres-schema.js";
import { nextPostgresMigration } from "../../scripts/lib/prisma-cli.js";

describe("issue 14.3: one schema source, the PostgreSQL schema generated from it", () => {
  it("prisma/postgresql/schema.prisma is current with prisma/schema.prisma", async () => {
    const expected = postgresSchemaOf(await readFile("prisma/schema.prisma", "utf8"));
    const actual = await readFile(POSTGRES_SCHEMA, "utf8");
    expect(actual === expected, `${POSTGRES_SCHEMA} is stale: run ${POSTGRES_SCHEMA_COMMAND}`).toBe(true);
  });

  it("the PostgreSQL migrations reach the generated schema and the SQLite migrations' reference data (no migration missing)", async () => {
    const { sql: missing } = await nextPostgresMigration();
    expect(missing, `a PostgreSQL migration is missing: run ${POSTGRES_SCHEMA_COMMAND} -- <name>`).toBe("");
  }, 60_000);

  it("swaps only the provider and refuses SQLite-specific native types", () => {
    const source =
      'datasource db {\n  provider = "sqlite"\n  url = env("DATABASE_URL")\n}\nmodel A {\n  id String @id\n}\n';
    const generated = postgresSchemaOf(source);
    expect(generated).toContain('provider = "postgresql"');
    expect(generated).not.toContain('"sqlite"');
    expect(generated.endsWith("model A {\n  id String @id\n}\n")).toBe(true);
    expect(() => postgresSchemaOf(source.replace("@id", "@id @db.Text"))).toThrow(/native types/);
    expect(() => postgresSchemaOf(source.replace('"sqlite"', '"mysql"'))).toThrow(/sqlite/);
  });
});
