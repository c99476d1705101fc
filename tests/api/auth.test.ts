import { hash } from "@node-rs/argon2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/passwords.js";
import { makeIdNumber } from "../../prisma/seed/seed.js";
import { cookieJar, createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const PASSWORD = "Correct#Horse9";
let database: TestDatabase;
let idNumber: string;

beforeEach(async () => {
  database = await createTestDatabase();
  idNumber = makeIdNumber("520102", "19900307", 123);
  await database.db.person.create({
    data: { idNumber, name: "测试员", mobile: "13812345678", passwordHash: await hashPassword(PASSWORD) },
  });
});
afterEach(() => database.close());

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("password login and sessions", () => {
  it("logs in with the ID number, sets an HttpOnly SameSite cookie and reports a PASSWORD session", async () => {
    const { app } = createTestApp(database);
    const response = await app.request(
      "/api/auth/login",
      json({ account: idNumber.toLowerCase(), password: PASSWORD }),
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^zc_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const { data } = await response.json();
    expect(data.kind).toBe("PERSON");
    expect(data.strength).toBe("PASSWORD");
    expect(data.person.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(data.person.mobileMasked).toBe("138****5678");
    expect(JSON.stringify(data)).not.toContain(idNumber);
  });

  it("logs in with the mobile too, and /auth/me then knows the person", async () => {
    const { app } = createTestApp(database);
    const jar = cookieJar();
    const login = await app.request(
      "/api/auth/login",
      json({ account: "+86 138-1234-5678", password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    jar.take(login);
    const me = await app.request("/api/auth/me", { headers: jar.headers() });
    expect(me.status).toBe(200);
    expect((await me.json()).data.person.name).toBe("测试员");
  });

  it("gives the same error for a wrong password and an unknown account (no account enumeration)", async () => {
    const { app } = createTestApp(database);
    const wrong = await app.request("/api/auth/login", json({ account: idNumber, password: "Wrong#Pass1" }));
    const unknown = await app.request(
      "/api/auth/login",
      json({ account: makeIdNumber("520102", "19800101", 999), password: PASSWORD }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()).error;
    const b = (await unknown.json()).error;
    expect(a.code).toBe("AUTH_INVALID_CREDENTIALS");
    expect(a.field).toBe("password");
    expect(a.message["zh-CN"]).toBe("账号或密码不正确");
    expect(a.message.en).toMatch(/incorrect/);
    expect({ ...b, requestId: undefined }).toEqual({ ...a, requestId: undefined });
  });

  it("throttles an account after too many failures, even with the right password", async () => {
    const { app } = createTestApp(database, { env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" } });
    for (let i = 0; i < 3; i++) {
      const r = await app.request("/api/auth/login", json({ account: idNumber, password: `Wrong#Pass${i}` }));
      expect(r.status).toBe(401);
    }
    const blocked = await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD }));
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe("AUTH_THROTTLED");
  });

  it("refuses a disabled person and ends their open sessions", async () => {
    const { app } = createTestApp(database);
    const jar = cookieJar();
    jar.take(await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD })));
    await database.db.person.update({ where: { idNumber }, data: { status: "DISABLED" } });
    const me = await app.request("/api/auth/me", { headers: jar.headers() });
    expect(me.status).toBe(401);
    const again = await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD }));
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe("AUTH_ACCOUNT_DISABLED");
  });

  it("ends the session at logout and after the idle timeout", async () => {
    const { app } = createTestApp(database);
    const jar = cookieJar();
    jar.take(await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD })));
    const out = await app.request("http://localhost/api/auth/logout", {
      method: "POST",
      headers: jar.headers({ origin: "http://localhost" }),
    });
    expect(out.status).toBe(204);
    expect((await app.request("/api/auth/me", { headers: jar.headers() })).status).toBe(401);

    jar.take(await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD })));
    const idleLongAgo = new Date(Date.now() - 31 * 60_000);
    await database.db.session.updateMany({ where: { revokedAt: null }, data: { lastSeenAt: idleLongAgo } });
    const expired = await app.request("/api/auth/me", { headers: jar.headers() });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe("AUTH_REQUIRED");
  });

  it("a login with a hash of the former argon2id setting stores one of today's; a failed login changes nothing", async () => {
    const former = await hash(PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await database.db.person.update({ where: { idNumber }, data: { passwordHash: former } });
    const stored = async () =>
      (await database.db.person.findUniqueOrThrow({ where: { idNumber } })).passwordHash;
    const { app } = createTestApp(database);
    const failed = await app.request(
      "/api/auth/login",
      json({ account: idNumber, password: "Wrong#Horse9" }),
    );
    expect(failed.status).toBe(401);
    expect(await stored()).toBe(former);
    const login = await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD }));
    expect(login.status).toBe(200);
    expect(await stored()).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    const again = await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD }));
    expect(again.status).toBe(200);
  });

  it("stores only a hash of the session token and an argon2id password hash", async () => {
    const { app } = createTestApp(database);
    const response = await app.request("/api/auth/login", json({ account: idNumber, password: PASSWORD }));
    const token = (response.headers.get("set-cookie") ?? "").split(";")[0]!.split("=")[1]!;
    const session = await database.db.session.findFirstOrThrow();
    expect(session.id).not.toContain(token);
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const person = await database.db.person.findUniqueOrThrow({ where: { idNumber } });
    expect(person.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
