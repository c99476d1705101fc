import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

function expectErrorShape(body: { error: Record<string, unknown> }, code: string) {
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual({ "zh-CN": expect.any(String), en: expect.any(String) });
  expect(body.error.requestId).toEqual(expect.any(String));
}

describe("API conventions", () => {
  it("answers an unknown route with the JSON error shape, not HTML", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/no-such-thing");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expectErrorShape(await response.json(), "ROUTE_NOT_FOUND");
  });

  it("answers malformed JSON with MALFORMED_JSON", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expectErrorShape(await response.json(), "MALFORMED_JSON");
  });

  it("names the offending field of a validation error, in zh-CN and en", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: "x" }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expectErrorShape(body, "VALIDATION_FAILED");
    expect(body.error.field).toBe("password");
    // Issue 13.2: a sentence naming the field by its label, not its code name.
    expect(body.error.message["zh-CN"]).toBe("请填写密码。");
    expect(body.error.message.en).toBe("Password is required.");
  });

  it("gives every response a request id", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/regions");
    expect(response.headers.get("x-request-id")).toMatch(/\S{8,}/);
  });

  it("issue 11.5: a CSRF refusal (cross-site form post) answers CSRF_ORIGIN_REFUSED, not FORBIDDEN_ROLE", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("http://localhost/api/auth/logout", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(response.status).toBe(403);
    expectErrorShape(await response.json(), "CSRF_ORIGIN_REFUSED");
  });

  it("reports health: database ready, Temporal unreachable → degraded with 503", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/health");
    expect(response.status).toBe(503);
    const { data } = await response.json();
    expect(data.status).toBe("degraded");
    expect(data.database.ok).toBe(true);
    expect(data.temporal.ok).toBe(false);
  });

  it("publishes an OpenAPI document in which every operation declares its access rule", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = await response.json();
    const operations = Object.entries(
      document.paths as Record<string, Record<string, { "x-access"?: unknown }>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const { path, method, op } of operations) {
      expect(op["x-access"], `${method.toUpperCase()} ${path}`).toMatchObject({ actor: expect.any(String) });
    }
  });

  it("serves interactive docs at /api/docs without any CDN", async () => {
    const { app } = createTestApp(database);
    const page = await app.request("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/docs/scalar.js");
    expect(html).not.toMatch(/cdn\.jsdelivr|unpkg\.com/);
    const script = await app.request("/api/docs/scalar.js");
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
