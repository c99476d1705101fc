// Issue 13.7: the console asks /api/auth/me only when a session may exist. The API sets a marker
// cookie (readable by script, no secret) beside the HttpOnly session cookie and clears both together:
// on logout, and on the first request that finds the session gone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, PASSWORD } from "../support/people.js";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const ORIGIN = "http://localhost";

/** The Set-Cookie lines of a response by cookie name, in order. */
const setCookies = (response: Response) =>
  response.headers.getSetCookie().map((line) => ({ name: line.split("=")[0]!, line }));

const post = (app: ReturnType<typeof createTestApp>["app"], url: string, body: unknown, cookie?: string) =>
  app.request(`${ORIGIN}${url}`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("issue 13.7: the session marker cookie", () => {
  it("issue 13.7: a login sets the HttpOnly session cookie and, beside it, a marker readable by the console holding no secret", async () => {
    const { app } = createTestApp(database);
    const person = await createPerson(database.db);
    const login = await post(app, "/api/auth/login", { account: person.idNumber, password: PASSWORD });
    expect(login.status).toBe(200);
    const [session, marker] = setCookies(login);
    expect(session).toMatchObject({ name: "zc_session" });
    expect(session!.line).toMatch(/HttpOnly/i);
    expect(marker).toMatchObject({ name: "zc_signed_in" });
    expect(marker!.line).toMatch(/^zc_signed_in=1;/);
    expect(marker!.line).not.toMatch(/HttpOnly/i);
    // Both live as long: the marker never outlives the session cookie.
    const maxAge = (line: string) => /Max-Age=(\d+)/i.exec(line)?.[1];
    expect(maxAge(marker!.line)).toBe(maxAge(session!.line));
    // The marker alone opens nothing.
    expect((await app.request("/api/auth/me", { headers: { cookie: "zc_signed_in=1" } })).status).toBe(401);
  });

  it("issue 13.7: a logout clears the session cookie and the marker", async () => {
    const { app } = createTestApp(database);
    const person = await createPerson(database.db);
    const login = await post(app, "/api/auth/login", { account: person.idNumber, password: PASSWORD });
    const cookie = setCookies(login)
      .map(({ line }) => line.split(";")[0])
      .join("; ");
    const logout = await post(app, "/api/auth/logout", {}, cookie);
    const cleared = setCookies(logout);
    expect(cleared.map((c) => c.name).sort()).toEqual(["zc_session", "zc_signed_in"]);
    for (const { line } of cleared) expect(line).toMatch(/Max-Age=0/i);
  });

  it("issue 13.7: the first request with a session that is gone clears both cookies; a login in the same request still starts a working session", async () => {
    const { app } = createTestApp(database);
    const person = await createPerson(database.db);
    const login = await post(app, "/api/auth/login", { account: person.idNumber, password: PASSWORD });
    const cookie = setCookies(login)
      .map(({ line }) => line.split(";")[0])
      .join("; ");
    await database.db.session.updateMany({ where: { personId: person.id }, data: { revokedAt: new Date() } });

    const refused = await app.request("/api/auth/me", { headers: { cookie } });
    expect(refused.status).toBe(401);
    expect(
      setCookies(refused)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["zc_session", "zc_signed_in"]);
    for (const { line } of setCookies(refused)) expect(line).toMatch(/Max-Age=0/i);
    // Without any session cookie nothing is set or cleared.
    expect((await app.request("/api/auth/me")).headers.getSetCookie()).toEqual([]);

    // A login from a browser still holding the ended cookie: cleared first, then the new ones, in order.
    const again = await post(
      app,
      "/api/auth/login",
      { account: person.idNumber, password: PASSWORD },
      cookie,
    );
    expect(again.status).toBe(200);
    const lines = setCookies(again);
    const lastSession = lines.filter((c) => c.name === "zc_session").at(-1)!.line;
    const lastMarker = lines.filter((c) => c.name === "zc_signed_in").at(-1)!.line;
    expect(lastSession).not.toMatch(/Max-Age=0/i);
    expect(lastMarker).toMatch(/^zc_signed_in=1;/);
    const token = lastSession.split(";")[0]!;
    const me = await app.request("/api/auth/me", { headers: { cookie: token } });
    expect(me.status).toBe(200);
    expect((await me.json()).data.person.id).toBe(person.id);
  });
});
