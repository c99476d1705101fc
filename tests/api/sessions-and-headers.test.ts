// Issue 11 items 5 (sessions and headers) and 7 (logs), on the real app and a real SQLite file.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { Client, Connection } from "@temporalio/client";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createPorts } from "../../lib/ports/index.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
import { createTestApp, testConfig } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin } from "../support/people.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const sessionCookieOf = (response: Response) =>
  response.headers.getSetCookie().find((set) => set.startsWith("zc_session="));

describe("issue 11.5: sessions and headers", () => {
  it("a login replaces an older session in the same browser (the old one ends)", async () => {
    const { app } = createTestApp(database);
    const first = await createPerson(database.db);
    const second = await createPerson(database.db);
    const browser = await passwordLogin(app, first.idNumber);
    const older = browser.headers();
    const login = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { ...older, origin: "http://localhost", "content-type": "application/json" },
      body: JSON.stringify({ account: second.idNumber, password: "Person#2026" }),
    });
    expect(login.status).toBe(200);
    browser.take(login);
    const me = await (await app.request("/api/auth/me", { headers: browser.headers() })).json();
    expect(me.data.personId ?? me.data.person?.id).toBe(second.id);
    // The older token no longer opens anything, and its row says it ended.
    expect((await app.request("/api/auth/me", { headers: older })).status).toBe(401);
    const rows = await database.db.session.findMany({ where: { personId: first.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).not.toBeNull();
  });

  it("Secure cookies by default whenever PUBLIC_URL is https", async () => {
    const person = await createPerson(database.db);
    const login = (env: Record<string, string>) =>
      createTestApp(database, { env }).app.request("http://localhost/api/auth/login", {
        method: "POST",
        headers: { origin: "http://localhost", "content-type": "application/json" },
        body: JSON.stringify({ account: person.idNumber, password: "Person#2026" }),
      });
    expect(sessionCookieOf(await login({ PUBLIC_URL: "https://zc.example.gov.cn" }))).toMatch(/;\s*Secure/i);
    expect(sessionCookieOf(await login({ PUBLIC_URL: "http://127.0.0.1:3000" }))).not.toMatch(/Secure/i);
    // An explicit setting still wins (e.g. TLS ended in front of a test address).
    const off = await login({ PUBLIC_URL: "https://zc.example.gov.cn", COOKIE_SECURE: "false" });
    expect(sessionCookieOf(off)).not.toMatch(/Secure/i);
  });

  it("Content-Security-Policy with frame-ancestors 'none', Referrer-Policy and X-Content-Type-Options on the console and the API", async () => {
    const consoleDir = await mkdtemp(path.join(tmpdir(), "console-"));
    await writeFile(path.join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
    const { app } = createTestApp(database, { consoleDir });
    for (const url of ["/api/regions", "/api/no-such-route", "/", "/workbench/tasks"]) {
      const response = await app.request(url);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get("referrer-policy"), url).toBe("same-origin");
      expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
    }
  });

  it("uploaded materials served with a sandboxing CSP", async () => {
    const { app, ports } = createTestApp(database);
    const unit = await createUnit(database.db);
    const reviewer = await createPerson(database.db);
    await bindWithRole(database.db, reviewer.id, unit.id, {
      role: "PLATFORM_REVIEWER",
      subsystem: "PLATFORM",
    });
    const bytes = new TextEncoder().encode("%PDF-1.4\n<script>alert(1)</script>");
    await ports.fileStorage.put("csp-test", bytes);
    const upload = await database.db.upload.create({
      data: {
        kind: "BUSINESS_LICENCE",
        originalName: "licence.pdf",
        mediaType: "application/pdf",
        size: bytes.length,
        sha256: "0".repeat(64),
        storageKey: "csp-test",
      },
    });
    const jar = await passwordLogin(app, reviewer.idNumber);
    const response = await app.request(`/api/uploads/${upload.id}/content`, { headers: jar.headers() });
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^sandbox;/);
    expect(csp).toContain("default-src 'none'");
    // Only the console's own PDF preview may frame it.
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("request ids generated by the server (a client's id is logged beside it, never instead of it)", async () => {
    const lines: Record<string, unknown>[] = [];
    const { app } = loggedApp(lines);
    const response = await app.request("/api/regions", { headers: { "x-request-id": "client-chosen-id" } });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe("client-chosen-id");
    const logged = lines.find((line) => line.msg === "request");
    expect(logged).toMatchObject({ requestId: id, clientRequestId: "client-chosen-id" });
    const error = await (await app.request("/api/no-such", { headers: { "x-request-id": "mine" } })).json();
    expect(error.error.requestId).not.toBe("mine");
  });

  it("the QR-challenge limit answers QR_CHALLENGES_TOO_MANY, not 'too many failed logins'", async () => {
    const { app } = createTestApp(database);
    // The limit counts the challenges an address asked for; 60 recent ones are already there.
    const recent = Array.from({ length: 60 }, (_, i) => ({
      purpose: "QR_LOGIN" as const,
      token: `qr-limit-token-${i}-abcdefghijkl`,
      status: "PENDING" as const,
      expiresAt: new Date(Date.now() + 60_000),
      // app.request has no socket: its client address is "unknown".
      originIp: "unknown",
    }));
    await database.db.realPersonCheck.createMany({ data: recent });
    const response = await app.request("http://localhost/api/auth/qr-challenges", {
      method: "POST",
      headers: { origin: "http://localhost", "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(429);
    const body = await response.json();
    expect(body.error.code).toBe("QR_CHALLENGES_TOO_MANY");
    expect(body.error.message.en).not.toMatch(/failed logins/);
  });
});

describe("issue 11.7: logs", () => {
  it("tokens in logged request paths are redacted", async () => {
    const lines: Record<string, unknown>[] = [];
    const { app } = loggedApp(lines);
    const token = "Xk3_9fQz-LmP2vR8tY6wB4nC1dE7gH0jK5sA";
    await app.request(`/api/real-person-checks/${token}`);
    await app.request(`/api/real-person-checks/${token}%EF%BC%8C7%E5%A4%A9/vendor-session`);
    await app.request(`/api/mobile/checks/${token}/scan`, { method: "POST" });
    await app.request(`/api/anything/${token}`);
    const paths = lines.filter((line) => line.msg === "request").map((line) => line.path);
    expect(paths).toEqual([
      "/api/real-person-checks/:redacted",
      "/api/real-person-checks/:redacted/vendor-session",
      "/api/mobile/checks/:redacted/scan",
      "/api/anything/:redacted",
    ]);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

/** The app with its logs captured, as the access log writes them. */
function loggedApp(lines: Record<string, unknown>[]) {
  const config = testConfig(database);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const connection = Connection.lazy({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({
    config,
    db: database.db,
    temporal,
    ...createPorts(config, database.db),
    logger: pino({ level: "info" }, sink),
  });
  return { app };
}
