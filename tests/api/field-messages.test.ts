// Issue 13 item 2: every field error the API answers is a translated sentence about that field (its
// label, never its code name or a validator's raw wording), lengths counted in characters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { validationError } from "../../api/errors.js";
import { FIELD_LABELS, fieldLabel, GENERIC_FIELD_LABEL } from "../../domain/field-messages.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { postJson, registrationBody } from "../support/registration.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = createTestApp(database);
});
afterAll(async () => {
  await built?.health.stop();
  await database?.close();
});

type Zod = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** The string-typed leaves of a request schema, with their paths (array items as index 0). */
function stringLeaves(schema: Zod, at: string[] = [], depth = 0): Array<{ path: string[]; schema: Zod }> {
  if (depth > 6) return [];
  const def = schema._zod.def;
  switch (def.type) {
    case "object":
      return Object.entries(def.shape as Record<string, Zod>).flatMap(([key, value]) =>
        stringLeaves(value, [...at, key], depth + 1),
      );
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return stringLeaves(def.innerType as Zod, at, depth + 1).map((leaf) =>
        leaf.path === at ? { path: at, schema } : leaf,
      );
    case "pipe": {
      const inner = stringLeaves(def.in as Zod, at, depth + 1);
      return inner.length > 0 && inner.every((leaf) => leaf.path === at) ? [{ path: at, schema }] : inner;
    }
    case "array":
      return stringLeaves(def.element as Zod, [...at, "0"], depth + 1);
    case "string":
      return [{ path: at, schema }];
    default:
      return [];
  }
}

type RouteDefinition = {
  type: string;
  route?: {
    method: string;
    path: string;
    request?: {
      body?: { content?: Record<string, { schema?: Zod }> };
      query?: Zod;
      params?: Zod;
    };
  };
};

/** Values that a string field may refuse: empty, one rare character, far too long, control characters. */
const BAD_VALUES = ["", "𠮷", "测".repeat(1001), "\u0001\u200b", "not valid!"];

// Raw validator wording, in either language, that must never reach a user.
const RAW_WORDING =
  /expected|Invalid input|Invalid option|Too small|Too big|Unrecognized|received|数值过|无效输入|期望|>=|<=|字符串|string\b/i;

describe("issue 13.2: field errors are sentences about the field", () => {
  it("issue 13.2: every string field of every operation answers a bad value with a translated sentence naming it", () => {
    const definitions = (built.app as unknown as { openAPIRegistry: { definitions: RouteDefinition[] } })
      .openAPIRegistry.definitions;
    const fields: Array<{ where: string; path: string[]; schema: Zod }> = [];
    for (const definition of definitions) {
      const route = definition.route;
      if (definition.type !== "route" || !route?.request) continue;
      const schemas = [
        route.request.body?.content?.["application/json"]?.schema,
        route.request.query,
        route.request.params,
      ];
      for (const schema of schemas) {
        if (!schema?._zod) continue;
        for (const leaf of stringLeaves(schema)) {
          fields.push({ where: `${route.method.toUpperCase()} ${route.path}`, ...leaf });
        }
      }
    }
    expect(fields.length).toBeGreaterThan(100);

    const unlabelled = new Set<string>();
    let refusals = 0;
    for (const { where, path, schema } of fields) {
      if (fieldLabel(path) === GENERIC_FIELD_LABEL) unlabelled.add(`${path.join(".")} (${where})`);
      for (const value of BAD_VALUES) {
        const parsed = schema.safeParse(value);
        if (parsed.success) continue;
        refusals++;
        const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
        const input = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
        const error = validationError(new z.ZodError(issues as z.core.$ZodIssue[]), input);
        const label = `${where} ${path.join(".")} = ${JSON.stringify(value).slice(0, 20)}`;
        const { "zh-CN": zh, en } = error.localized;
        expect(error.code, label).toBe("VALIDATION_FAILED");
        // A string piped into a list (codes=A,B) names the item at fault under the field.
        expect(error.field?.startsWith(path.join(".")), label).toBe(true);
        expect(zh, label).toMatch(/[。）]$/);
        expect(en, label).toMatch(/[.)]$/);
        expect(`${zh} ${en}`, label).not.toMatch(RAW_WORDING);
        // Never the code name followed by a colon ("contactName：…").
        const name = path.at(-1) ?? "";
        expect(zh, label).not.toContain(`${name}：`);
        expect(en, label).not.toContain(`${name}:`);
      }
    }
    expect(refusals).toBeGreaterThan(100);
    expect([...unlabelled], "request fields without a label in FIELD_LABELS").toEqual([]);
  });

  it("issue 13.2: the labels exist in both languages", () => {
    for (const [name, label] of Object.entries(FIELD_LABELS)) {
      expect(label["zh-CN"], name).toMatch(/\S/);
      expect(label.en, name).toMatch(/\S/);
    }
  });

  it("issue 13.2: a contact name of one rare character (𠮷) is refused with a sentence about the contact, counted as 1", async () => {
    const response = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { contactName: "𠮷" }),
    );
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "contactName",
      message: {
        "zh-CN": "联系人至少需要2个字符（现为1个）。",
        en: "Contact name needs at least 2 characters (now 1).",
      },
    });
  });

  it("issue 13.2: a missing field asks for it by name", async () => {
    const body = await registrationBody(built.app);
    delete (body as Record<string, unknown>).contactMobile;
    const { error } = await (await postJson(built.app, "/api/registrations", body)).json();
    expect(error).toMatchObject({
      field: "contactMobile",
      message: { "zh-CN": "请填写联系人手机号。", en: "Contact mobile is required." },
    });
  });

  it("issue 13.1: a misplaced name separator is refused by the API with the person-name rule", async () => {
    for (const [legalRepName, problem] of [
      ["·买买提", "开头或结尾"],
      ["热依拉·", "开头或结尾"],
      ["热依拉··买买提", "不能连用"],
      ["··", "开头或结尾"],
    ] as const) {
      const response = await postJson(
        built.app,
        "/api/registrations",
        await registrationBody(built.app, { legalRepName }),
      );
      expect(response.status, legalRepName).toBe(400);
      const { error } = await response.json();
      expect(error.field, legalRepName).toBe("legalRepName");
      expect(error.message["zh-CN"], legalRepName).toContain("法定代表人姓名");
      expect(error.message["zh-CN"], legalRepName).toContain(problem);
    }
  });

  it("issue 13.1: a refused ID number names the accepted documents, never a province for a 9xx number", async () => {
    const response = await postJson(
      built.app,
      "/api/registrations",
      await registrationBody(built.app, { legalRepIdNumber: "992840198503121002" }),
    );
    const { error } = await response.json();
    expect(error.field).toBe("legalRepIdNumber");
    expect(error.message["zh-CN"]).not.toContain("省级行政区划代码");
    expect(error.message["zh-CN"]).toContain("外国人永久居留身份证");
  });
});
