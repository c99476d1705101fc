// Issue 11 item 6: every operation of the OpenAPI document, driven with hostile strings in every
// string parameter and every string field of its JSON body, answers without a 5xx and, when it refuses,
// in the documented error shape. CI runs a reduced size (each field gets a few of the hostile values,
// in turn); INPUT_FUZZ_FULL=1 gives every field every value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { ORIGIN } from "../support/registration.js";

const FULL = process.env.INPUT_FUZZ_FULL === "1";
/** Values per field in the reduced run. */
const REDUCED_PER_FIELD = 3;

/** The hostile corpus: what an attacker or a careless copy-paste sends. */
const HOSTILE: ReadonlyArray<[string, string]> = [
  ["lone high surrogate", "\ud800"],
  ["lone low surrogate in text", "测试\udc00单位"],
  ["NUL", "a\u0000b"],
  ["CR LF", "测试\r\n单位"],
  ["bidi override", "\u202e单位测试\u202c"],
  ["zero-width space", "测试\u200b单位"],
  ["100k characters", "测".repeat(100_000)],
  ["full-width ID number", "５２０１０２１９９００３０７１２３６"],
  ["full-width USCC", "９１５２０１０２ＭＡ６ＤＫ１Ｂ２８Ｗ"],
  ["confusables", "Аdmin ｍobile 一二三"],
  ["emoji and combining", "e\u0301😀👩‍👩‍👧"],
  ["SQL and LIKE wildcards", "%_\\' OR 1=1 --"],
  ["empty", ""],
];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  example?: unknown;
  format?: string;
  $ref?: string;
};
type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let unitId: string;
type Session = Awaited<ReturnType<typeof realPersonSession>>;
/** A unit's administrator and the platform operator, so that both kinds of route reach their validation. */
let sessions: Session[];

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
  const unit = await createUnit(database.db);
  unitId = unit.id;
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  const operatorIdNumber = seeded.find((person) => person.role === "PLATFORM_OPERATOR")?.idNumber;
  const operator = await database.db.person.findUniqueOrThrow({ where: { idNumber: operatorIdNumber } });
  sessions = [
    await realPersonSession(database.db, admin.id),
    await realPersonSession(database.db, operator.id),
  ];
});
afterAll(async () => {
  await built?.health.stop();
  await database?.close();
});

function resolve(document: Document, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split("/").pop() ?? "";
  return resolve(document, document.components?.schemas?.[name]);
}

/** A value the schema accepts, as near as a generic reading can say, for the fields not under test. */
function plausible(document: Document, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(document, raw);
  if (!schema || depth > 4) return "x";
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return plausible(document, variant, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, value]) => [
        key,
        plausible(document, value, depth + 1),
      ]),
    );
  }
  if (type === "array") return [plausible(document, schema.items, depth + 1)];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (schema.format === "uuid") return unitId;
  return "测试";
}

/** Paths (in a body) of every string-typed field, nested objects and first array items included. */
function stringFields(document: Document, raw: Schema | undefined, at: string[] = [], depth = 0): string[][] {
  const schema = resolve(document, raw);
  if (!schema || depth > 4) return [];
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (variants.length) return variants.flatMap((v) => stringFields(document, v, at, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, value]) =>
      stringFields(document, value, [...at, key], depth + 1),
    );
  }
  if (types.includes("array")) return stringFields(document, schema.items, [...at, "0"], depth + 1);
  if (types.includes("string") || !schema.type) return [at];
  return [];
}

function setAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head = "", ...rest] = path;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(target)
    ? [...target]
    : { ...((typeof target === "object" && target) || {}) };
  (copy as Record<string, unknown>)[head] = setAt((copy as Record<string, unknown>)[head], rest, value);
  return copy;
}

/** Which hostile values a field gets: all of them, or a few in turn so that every value is used. */
function valuesFor(fieldIndex: number): ReadonlyArray<[string, string]> {
  if (FULL) return HOSTILE;
  return Array.from(
    { length: REDUCED_PER_FIELD },
    (_, k) => HOSTILE[(fieldIndex * REDUCED_PER_FIELD + k) % HOSTILE.length],
  ) as Array<[string, string]>;
}

/**
 * Percent-encodes a value for a URL, a lone surrogate as the bytes a careless encoder sends for it
 * (ED A0 80 for U+D800), which are not UTF-8.
 */
function encodeHostile(value: string): string {
  return value.replace(/[\s\S]/gu, (char) => {
    if (char.length === 1 && /[\ud800-\udfff]/.test(char)) {
      const code = char.charCodeAt(0);
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    }
    return encodeURIComponent(char);
  });
}

type Probe = { label: string; method: string; url: string; body?: string };

function probesFor(
  document: Document,
  path: string,
  method: string,
  operation: Operation,
  counter: { n: number },
): Probe[] {
  const parameters = (operation.parameters ?? []).filter((p) => p.in === "path" || p.in === "query");
  const baseParams = Object.fromEntries(
    parameters.map((p) => [p.name, p.in === "path" ? unitId : String(plausible(document, p.schema))]),
  );
  const jsonSchema = operation.requestBody?.content?.["application/json"]?.schema;
  const baseBody = jsonSchema ? plausible(document, jsonSchema) : undefined;
  const url = (values: Record<string, string>) => {
    let filled = path;
    const query: string[] = [];
    for (const p of parameters) {
      const value = encodeHostile(values[p.name] ?? "");
      if (p.in === "path") filled = filled.replace(`{${p.name}}`, value);
      else query.push(`${encodeURIComponent(p.name)}=${value}`);
    }
    return `${ORIGIN}/api${filled}${query.length ? `?${query.join("&")}` : ""}`;
  };
  const body = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const probes: Probe[] = [];
  for (const p of parameters) {
    for (const [label, value] of valuesFor(counter.n++)) {
      probes.push({
        label: `${p.in} ${p.name}: ${label}`,
        method,
        url: url({ ...baseParams, [p.name]: value }),
        body: body(baseBody),
      });
    }
  }
  for (const field of stringFields(document, jsonSchema)) {
    for (const [label, value] of valuesFor(counter.n++)) {
      probes.push({
        label: `body ${field.join(".")}: ${label}`,
        method,
        url: url(baseParams),
        body: body(setAt(baseBody, field, value)),
      });
    }
  }
  return probes;
}

function expectDocumentedError(probe: Probe, status: number, body: unknown) {
  const where = `${probe.method.toUpperCase()} ${probe.url.slice(0, 160)} — ${probe.label}`;
  expect(status, where).toBeLessThan(500);
  if (status < 400) return;
  expect(body, where).toMatchObject({
    error: {
      code: expect.stringMatching(/^[A-Z_]+$/),
      message: { "zh-CN": expect.any(String), en: expect.any(String) },
      requestId: expect.any(String),
    },
  });
}

describe("Issue 11 item 6: hostile strings in every field of every operation", () => {
  it("no operation of the OpenAPI document answers a 5xx, and each refusal has the documented error shape", async () => {
    const documentResponse = await built.app.request(`${ORIGIN}/api/openapi.json`);
    expect(documentResponse.status).toBe(200);
    const document = (await documentResponse.json()) as Document;
    const counter = { n: 0 };
    const probes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        probesFor(document, path, method, operation, counter),
      ),
    );
    expect(probes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const [index, probe] of probes.entries()) {
      // The reduced run takes the two sessions in turn; the full one sends each probe with both.
      for (const session of FULL ? sessions : [sessions[index % sessions.length] as Session]) {
        const response = await built.app.request(probe.url, {
          method: probe.method.toUpperCase(),
          headers: session.headers({
            origin: ORIGIN,
            ...(probe.body ? { "content-type": "application/json" } : {}),
          }),
          body: probe.body,
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {}
        try {
          expectDocumentedError(probe, response.status, parsed);
        } catch {
          failures.push(
            `${response.status} ${probe.method.toUpperCase()} ${probe.url.slice(0, 120)} — ${probe.label}: ${text.slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
