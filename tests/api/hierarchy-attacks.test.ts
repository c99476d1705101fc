// The hierarchy's routes (R11 subordinate units, R7 the tree, R31 the push chain) as an attacker and a
// careful tester try them, on a real SQLite file and a real socket: forwarded addresses through
// several proxies, IPv4-mapped IPv6 peers, hostile input on every route (never a 500), and reads
// of units outside the caller's scope.

import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makeUscc, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, realPersonSession } from "../support/people.js";
import { ORIGIN } from "../support/registration.js";

let database: TestDatabase;
const servers: Server[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await database.close();
});

type Session = Awaited<ReturnType<typeof realPersonSession>>;

/**
 * The API on a dual-stack socket ("::"), reached over IPv4: the peer is then the IPv4-mapped
 * address ::ffff:127.0.0.1, as on a production host that listens on all addresses.
 */
async function dualStack(env: { TRUSTED_NETWORKS?: string; TRUSTED_PROXIES?: string }) {
  const { app } = createTestApp(database, { env });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "::" }) as Server;
  servers.push(server);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string, session: Session, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${url}/api${path}`, {
      method: init.body === undefined ? "GET" : "POST",
      headers: session.headers({
        origin: url,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      }),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

/** A public institution with a handler in a real-person session. */
async function institution() {
  const unit = await createUnit(database.db);
  await database.db.unit.update({ where: { id: unit.id }, data: { type: "PUBLIC_INSTITUTION" } });
  const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
  return { unit, handler, session: await realPersonSession(database.db, handler.id) };
}

let sequence = 0;
function newUnit() {
  const n = ++sequence;
  const han = [...String(n)].map((d) => "零一二三四五六七八九"[Number(d)]).join("");
  return {
    name: `攻防测试下级单位${han}`,
    uscc: makeUscc("12", "520102", `MC${String(n).padStart(6, "0")}`),
    type: "PUBLIC_INSTITUTION",
    regionCode: "520102",
    contactName: "联系人",
    contactMobile: `1398700${String(n).padStart(4, "0")}`,
    administrator: {
      idNumber: makeIdNumber("520102", "19800808", 800 + n),
      name: `攻防管理员${han}`,
      mobile: `1398800${String(n).padStart(4, "0")}`,
    },
  };
}

describe("R11 the client address behind proxies and on IPv6 sockets", () => {
  it("R11 an IPv4-mapped peer (::ffff:127.0.0.1) is in the IPv4 network it belongs to", async () => {
    const request = await dualStack({ TRUSTED_NETWORKS: "127.0.0.0/8" });
    const { unit, session } = await institution();
    const check = await request(`/units/${unit.id}/subordinate-creation`, session);
    expect((await check.json()).data).toMatchObject({ allowed: true, reason: null });
    const created = await request(`/units/${unit.id}/subordinates`, session, { body: newUnit() });
    expect(created.status, await created.clone().text()).toBe(201);
  });

  it("R11 through several proxies, the nearest untrusted hop is the client: an intranet address forged at the far end changes nothing", async () => {
    const request = await dualStack({
      TRUSTED_NETWORKS: "10.20.0.0/16",
      TRUSTED_PROXIES: "127.0.0.1, 192.168.9.0/24",
    });
    const { unit, session } = await institution();
    const seen = async (xff: string) =>
      (
        await (
          await request(`/units/${unit.id}/subordinate-creation`, session, {
            headers: { "x-forwarded-for": xff },
          })
        ).json()
      ).data;
    // Intranet client → inner proxy → outer proxy → us: believed hop by hop.
    expect(await seen("10.20.3.4, 192.168.9.7")).toMatchObject({ allowed: true, clientAddress: "10.20.3.4" });
    // The internet client wrote an intranet address itself; the proxies appended the real one.
    expect(await seen("10.20.3.4, 202.96.1.1, 192.168.9.7")).toMatchObject({
      allowed: false,
      clientAddress: "202.96.1.1",
    });
    // A hop that is no address at all is not believed either.
    expect(await seen("10.20.3.4, not-an-address")).toMatchObject({
      allowed: false,
      reason: "UNTRUSTED_NETWORK",
    });
    // An IPv4-mapped intranet address forwarded by a trusted proxy is the intranet address.
    expect(await seen("::ffff:10.20.3.4")).toMatchObject({ allowed: true });
    const body = newUnit();
    const refused = await request(`/units/${unit.id}/subordinates`, session, {
      body,
      headers: { "x-forwarded-for": "10.20.3.4, 202.96.1.1" },
    });
    expect((await refused.json()).error).toMatchObject({
      code: "UNTRUSTED_NETWORK",
      details: { clientAddress: "202.96.1.1" },
    });
    expect(await database.db.unit.count({ where: { name: body.name } })).toBe(0);
  });
});

describe("Hostile input on the hierarchy's routes is refused with a reason, never a 500", () => {
  it("R7 R11 R13 R31 odd ids, text and numbers", async () => {
    const built = createTestApp(database);
    const { unit, session } = await institution();
    const long = "测".repeat(5000);
    const gets = [
      `/units/${unit.id}/superior-candidates?q=${encodeURIComponent(long)}`,
      `/units/${unit.id}/superior-candidates?q=%ED%A0%80`,
      `/units/${unit.id}/superior-candidates?q=%E0%A4%A`,
      `/units/${unit.id}/superior-candidates?q=${encodeURIComponent("😀😀测试 %_\\'\"")}`,
      `/units/${unit.id}/superior-candidates?q=%00%00`,
      `/units/${unit.id}/superior-candidates?q=a&q=b`,
      `/units/not-a-uuid/superior-candidates?q=ab`,
      `/units/${unit.id}/affiliation-requests?q=${encodeURIComponent(long)}`,
      `/units/${unit.id}/affiliation-requests?q=%ED%A0%80&direction=incoming&state=ALL`,
      `/units/${unit.id}/affiliation-requests?pageSize=100000000000&current=-1`,
      `/units/${unit.id}/affiliation-requests?current=1e400`,
      `/units/${unit.id}/affiliation-requests?direction=sideways`,
      `/affiliation-requests/${randomUUID()}`,
      "/affiliation-requests/xyz",
      `/units/${unit.id}/tree?q=${encodeURIComponent(long)}`,
      `/units/${unit.id}/tree?q=%ED%A0%80`,
      `/units/${unit.id}/tree?q=${encodeURIComponent("%_\\")}`,
      `/units/${unit.id}/tree?parentId=${randomUUID()}`,
      `/units/${unit.id}/tree?parentId=x`,
      `/units/${randomUUID()}/push-chain`,
      "/units/x/push-chain",
      `/units/${randomUUID()}/subordinate-creation`,
      `/title-applications/${randomUUID()}`,
      "/title-applications/%00",
    ];
    for (const path of gets) {
      const response = await built.app.request(`${ORIGIN}/api${path}`, {
        headers: session.headers({ origin: ORIGIN }),
      });
      expect(response.status, path).toBeLessThan(500);
      if (response.status !== 200)
        expect((await response.json()).error.code, path).toEqual(expect.any(String));
    }
    const posts: [string, unknown][] = [
      [`/units/${unit.id}/affiliation-requests`, { superiorUnitId: "x", submissionId: "y" }],
      [`/units/${unit.id}/affiliation-requests`, "not json"],
      [
        `/units/${unit.id}/affiliation-requests`,
        { superiorUnitId: randomUUID(), submissionId: randomUUID() },
      ],
      [`/units/${unit.id}/affiliation-requests`, { superiorUnitId: unit.id, submissionId: randomUUID() }],
      [`/units/${unit.id}/affiliation-requests`, [1, 2, 3]],
      [`/affiliation-requests/${randomUUID()}/decision`, { decision: "APPROVE", reason: long }],
      [`/affiliation-requests/${randomUUID()}/decision`, { decision: "MAYBE" }],
      [`/affiliation-requests/${randomUUID()}/withdraw`, { reason: long }],
      [`/units/${unit.id}/subordinates`, { ...newUnit(), name: long }],
      [`/units/${unit.id}/subordinates`, { ...newUnit(), administrator: null }],
      [`/units/${unit.id}/subordinates`, { ...newUnit(), regionCode: "999999" }],
      [`/title-applications/${randomUUID()}/decision`, { decision: "PUSH", reason: long }],
      [`/title-applications/${randomUUID()}/withdraw`, {}],
      ["/title-applications", { submissionId: "x" }],
    ];
    for (const [path, body] of posts) {
      const response = await built.app.request(`${ORIGIN}/api${path}`, {
        method: "POST",
        headers: session.headers({ origin: ORIGIN, "content-type": "application/json" }),
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect((await response.json()).error.code, path).toEqual(expect.any(String));
    }
  });
});

describe("R31 R13 a claim lasts only while its holder may decide", () => {
  async function claimedTask(
    unitId: string,
    assigneeId: string,
    requestType: "TITLE_APPLICATION" | "AFFILIATION_REQUEST",
  ) {
    const requestId = randomUUID();
    return database.db.humanTask.create({
      data: {
        workflowId: `Test:${requestId}`,
        kind: requestType === "TITLE_APPLICATION" ? "titleApplicationPush" : "affiliationRequestReview",
        requestType,
        requestId,
        queue: "UNIT",
        unitId,
        title: "测试任务",
        status: "CLAIMED",
        assigneeId,
      },
    });
  }
  const taskNow = (id: string) => database.db.humanTask.findUniqueOrThrow({ where: { id } });

  it("R31 a handler whose title-handler role is revoked leaves the node's title applications to the other handlers; R13 an administrator keeps the affiliation task claimed", async () => {
    const built = createTestApp(database);
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const title = await claimedTask(unit.id, handler.id, "TITLE_APPLICATION");
    const affiliation = await claimedTask(unit.id, admin.id, "AFFILIATION_REQUEST");
    const role = await database.db.roleBinding.findFirstOrThrow({
      where: { personId: handler.id, role: "TITLE_HANDLER", revokedAt: null },
    });
    const session = await realPersonSession(database.db, admin.id);
    const revoked = await built.app.request(`${ORIGIN}/api/role-bindings/${role.id}`, {
      method: "DELETE",
      headers: session.headers({ origin: ORIGIN }),
    });
    expect(revoked.status, await revoked.clone().text()).toBe(204);
    expect(await taskNow(title.id)).toMatchObject({ status: "OPEN", assigneeId: null });
    expect(await taskNow(affiliation.id)).toMatchObject({ status: "CLAIMED", assigneeId: admin.id });
  });

  it("R17 a person exited from the unit leaves every task of the unit they claimed; another unit's claims stay", async () => {
    const built = createTestApp(database);
    const unit = await createUnit(database.db);
    const other = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const otherHandler = await createPerson(database.db, { unitId: other.id, role: "TITLE_HANDLER" });
    const tasks = [
      await claimedTask(unit.id, handler.id, "TITLE_APPLICATION"),
      await claimedTask(unit.id, handler.id, "AFFILIATION_REQUEST"),
    ];
    const elsewhere = await claimedTask(other.id, otherHandler.id, "TITLE_APPLICATION");
    const session = await realPersonSession(database.db, admin.id);
    const exited = await built.app.request(`${ORIGIN}/api/units/${unit.id}/accounts/${handler.id}/exit`, {
      method: "POST",
      headers: session.headers({ origin: ORIGIN, "content-type": "application/json" }),
      body: JSON.stringify({ reason: "调离本单位" }),
    });
    expect(exited.status, await exited.clone().text()).toBe(204);
    for (const task of tasks)
      expect(await taskNow(task.id)).toMatchObject({ status: "OPEN", assigneeId: null });
    expect(await taskNow(elsewhere.id)).toMatchObject({ status: "CLAIMED", assigneeId: otherHandler.id });
  });
});
