// The hierarchy's views on a real SQLite file: the tree of units under a unit (lazy levels, search
// across the subtree with paths, counts of accounts and open tasks), who sees it (R7), the push chain
// up to the provincial HR department on its own route and on the unit's profile (R31), and the
// tree's action: a superior's administrator designates a subordinate's administrator (R8 path b).
// A chain whose top is not an HR department ends at the HR department of the top's region (implicit).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskName } from "../../domain/masking.js";
import { makeUscc, PROVINCIAL_HR_NAME, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { ORIGIN, postJson } from "../support/registration.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;
let people: Awaited<ReturnType<typeof seedBaseline>>;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };

/** A unit login session (R5), as the unit-login route establishes it. */
async function unitSession(unitId: string): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  await database.db.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      kind: "UNIT",
      unitId,
      strength: "PASSWORD",
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { headers: (extra = {}) => ({ cookie: `zc_session=${token}`, ...extra }) };
}

const get = (session: Session, path: string) =>
  built.app.request(`${ORIGIN}/api${path}`, { headers: session.headers({ origin: ORIGIN }) });

async function data(session: Session, path: string) {
  const response = await get(session, path);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).data;
}

/** A unit named so, under `parent`. */
async function unitUnder(parentUnitId: string | null, name: string) {
  const unit = await createUnit(database.db, name);
  return database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId } });
}

async function task(
  unitId: string,
  status: "OPEN" | "CLAIMED" | "COMPLETED",
  queue: "UNIT" | "PLATFORM_REVIEW",
) {
  const requestId = randomUUID();
  await database.db.humanTask.create({
    data: {
      workflowId: `Test:${requestId}`,
      kind: "bindingRequestReview",
      requestType: "BINDING_REQUEST",
      requestId,
      queue,
      unitId,
      title: "测试任务",
      status,
    },
  });
}

/**
 * 示例局 (with an administrator) → 一处, 二处; 一处 → 一处甲科 (no administrator) → 一处甲科小组.
 * 一处 has two accounts bound and one that left, two open and one claimed UNIT task, and tasks that do
 * not count (completed, another queue).
 */
async function hierarchy(prefix: string) {
  const root = await unitUnder(null, `${prefix}示例局`);
  const rootAdmin = await createPerson(database.db, { unitId: root.id, role: "UNIT_ADMIN", name: "周局长" });
  const first = await unitUnder(root.id, `${prefix}示例局一处`);
  const second = await unitUnder(root.id, `${prefix}示例局二处`);
  const firstA = await unitUnder(first.id, `${prefix}示例局一处甲科`);
  const group = await unitUnder(firstA.id, `${prefix}示例局一处甲科小组`);
  const firstAdmin = await createPerson(database.db, {
    unitId: first.id,
    role: "UNIT_ADMIN",
    name: "吴处长",
  });
  await createPerson(database.db, { unitId: first.id });
  const left = await createPerson(database.db, { unitId: first.id });
  await database.db.binding.updateMany({
    where: { activePersonId: left.id },
    data: { activePersonId: null, endedAt: new Date(), endReason: "EXITED" },
  });
  await task(first.id, "OPEN", "UNIT");
  await task(first.id, "OPEN", "UNIT");
  await task(first.id, "CLAIMED", "UNIT");
  await task(first.id, "COMPLETED", "UNIT");
  await task(first.id, "OPEN", "PLATFORM_REVIEW");
  return {
    root,
    first,
    second,
    firstA,
    group,
    rootAdmin,
    firstAdmin,
    rootSession: await realPersonSession(database.db, rootAdmin.id),
    firstSession: await realPersonSession(database.db, firstAdmin.id),
  };
}

describe("R7 the tree of units under a unit", () => {
  it("R7 loads one level at a time, each unit with its administrator (masked) and counts of active accounts and open tasks", async () => {
    const h = await hierarchy("懒加载");
    const level1 = await data(h.rootSession, `/units/${h.root.id}/tree`);
    expect(level1.map((n: { name: string }) => n.name)).toEqual([h.first.name, h.second.name]);
    expect(level1[0]).toEqual({
      id: h.first.id,
      name: h.first.name,
      uscc: h.first.uscc,
      type: "ENTERPRISE",
      parentUnitId: h.root.id,
      hasChildren: true,
      accountCount: 2,
      openTaskCount: 3,
      administrator: { name: maskName("吴处长") },
    });
    expect(level1[1]).toMatchObject({
      hasChildren: false,
      accountCount: 0,
      openTaskCount: 0,
      administrator: null,
    });
    const level2 = await data(h.rootSession, `/units/${h.root.id}/tree?parentId=${h.first.id}`);
    expect(level2).toEqual([
      expect.objectContaining({ id: h.firstA.id, hasChildren: true, administrator: null }),
    ]);
    expect(level2[0].path).toBeUndefined();
    const level3 = await data(h.rootSession, `/units/${h.root.id}/tree?parentId=${h.firstA.id}`);
    expect(level3).toEqual([expect.objectContaining({ id: h.group.id, hasChildren: false })]);
  });

  it("R7 searches the whole subtree by part of the name or by USCC, each match with its path from the tree's root", async () => {
    const h = await hierarchy("搜索");
    const byName = await data(h.rootSession, `/units/${h.root.id}/tree?q=${encodeURIComponent("甲科")}`);
    expect(byName.map((n: { name: string }) => n.name)).toEqual([h.firstA.name, h.group.name]);
    expect(byName[1].path).toEqual([
      { id: h.root.id, name: h.root.name },
      { id: h.first.id, name: h.first.name },
      { id: h.firstA.id, name: h.firstA.name },
      { id: h.group.id, name: h.group.name },
    ]);
    const byUscc = await data(h.rootSession, `/units/${h.root.id}/tree?q=${h.group.uscc!.toLowerCase()}`);
    expect(byUscc.map((n: { id: string }) => n.id)).toEqual([h.group.id]);
    // Searched from 一处's own tree, the path starts at 一处.
    const fromFirst = await data(h.firstSession, `/units/${h.first.id}/tree?q=${encodeURIComponent("小组")}`);
    expect(fromFirst[0].path.map((u: { id: string }) => u.id)).toEqual([h.first.id, h.firstA.id, h.group.id]);
    // Units outside the subtree are not found, and LIKE's wildcards are plain text.
    expect(await data(h.firstSession, `/units/${h.first.id}/tree?q=${encodeURIComponent("二处")}`)).toEqual(
      [],
    );
    expect(await data(h.rootSession, `/units/${h.root.id}/tree?q=%25`)).toEqual([]);
  });

  it("R7 a search answers at most 50 units", async () => {
    const root = await unitUnder(null, "多下级示例中心");
    const admin = await createPerson(database.db, { unitId: root.id, role: "UNIT_ADMIN" });
    for (let i = 0; i < 55; i++) await unitUnder(root.id, `多下级示例中心分部${String(i).padStart(2, "0")}`);
    const session = await realPersonSession(database.db, admin.id);
    const found = await data(session, `/units/${root.id}/tree?q=${encodeURIComponent("分部")}`);
    expect(found).toHaveLength(50);
    expect(found[0].name).toBe("多下级示例中心分部00");
  });

  it("R7 a level of more units than SQLite binds in one query (999) loads whole, with its counts", async () => {
    const root = await unitUnder(null, "千家下级示例厅");
    const admin = await createPerson(database.db, { unitId: root.id, role: "UNIT_ADMIN" });
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const uscc = makeUscc("91", "520102", `MC${String(i).padStart(6, "0")}`);
      return {
        name: `千家下级示例厅下级${String(i).padStart(4, "0")}`,
        uscc,
        accountName: uscc,
        passwordHash: "x",
        type: "ENTERPRISE" as const,
        origin: "SEED" as const,
        regionCode: "520102",
        contactName: "联系人",
        contactMobile: "13700000000",
        parentUnitId: root.id,
      };
    });
    await database.db.unit.createMany({ data: rows });
    const last = await database.db.unit.findUniqueOrThrow({ where: { name: rows[1199]!.name } });
    await task(last.id, "OPEN", "UNIT");
    const level = await data(await realPersonSession(database.db, admin.id), `/units/${root.id}/tree`);
    expect(level).toHaveLength(1200);
    expect(level[1199]).toMatchObject({ id: last.id, openTaskCount: 1, accountCount: 0 });
  });

  it("R7 the staff of the unit or of a superior unit at any depth, and platform staff, see it; nobody else, and no unit outside it", async () => {
    const h = await hierarchy("权限");
    const handlerOfRoot = await createPerson(database.db, { unitId: h.root.id, role: "TITLE_HANDLER" });
    // A handler of the root sees 一处甲科's tree two levels down.
    const handler = await realPersonSession(database.db, handlerOfRoot.id);
    expect(await data(handler, `/units/${h.firstA.id}/tree`)).toHaveLength(1);
    const reviewer = people.find((p) => p.role === "PLATFORM_REVIEWER")!;
    const reviewerPerson = await database.db.person.findUniqueOrThrow({
      where: { idNumber: reviewer.idNumber },
    });
    expect(
      await data(await realPersonSession(database.db, reviewerPerson.id), `/units/${h.root.id}/tree`),
    ).toHaveLength(2);
    // 一处's administrator does not see its superior's tree, nor a sibling's part through parentId.
    expect((await (await get(h.firstSession, `/units/${h.root.id}/tree`)).json()).error.code).toBe(
      "UNIT_NOT_FOUND",
    );
    const sibling = await get(h.firstSession, `/units/${h.first.id}/tree?parentId=${h.second.id}`);
    expect((await sibling.json()).error).toMatchObject({ code: "UNIT_NOT_FOUND", field: "parentId" });
    // A stranger; and the administrator in a password session (R12).
    const stranger = await createPerson(database.db, {
      unitId: (await createUnit(database.db)).id,
      role: "UNIT_ADMIN",
    });
    expect(
      (await get(await realPersonSession(database.db, stranger.id), `/units/${h.root.id}/tree`)).status,
    ).toBe(404);
    const password = await passwordLogin(built.app, h.rootAdmin.idNumber);
    expect((await (await get(password, `/units/${h.root.id}/tree`)).json()).error.code).toBe(
      "REAL_PERSON_SESSION_REQUIRED",
    );
  });

  it("R8 path b from the tree: the top unit's administrator designates the administrator of a unit two levels down, and the tree shows it", async () => {
    const h = await hierarchy("指定");
    const [found] = await data(h.rootSession, `/units/${h.root.id}/tree?q=${encodeURIComponent("甲科小组")}`);
    expect(found).toMatchObject({ id: h.group.id, administrator: null });
    const candidate = await createPerson(database.db, { name: "郑新任" });
    // 一处甲科 has no administrator but 一处 has: the nearest superior's administrator designates (R8).
    const refused = await postJson(
      built.app,
      `/api/units/${h.group.id}/admin-succession`,
      { idNumber: candidate.idNumber, name: "郑新任" },
      h.rootSession.headers(),
    );
    expect((await refused.json()).error).toMatchObject({
      code: "SUCCESSION_NOT_AUTHORIZED",
      details: { authority: { kind: "SUPERIOR_ADMIN", unit: { id: h.first.id } } },
    });
    // Once 一处 has none either, the top unit's administrator designates, two levels down.
    await database.db.roleBinding.updateMany({
      where: { unitId: h.first.id, role: "UNIT_ADMIN" },
      data: { revokedAt: new Date(), activeKey: null, exclusiveKey: null },
    });
    const designated = await postJson(
      built.app,
      `/api/units/${h.group.id}/admin-succession`,
      { idNumber: candidate.idNumber, name: "郑新任" },
      h.rootSession.headers(),
    );
    expect(designated.status).toBe(200);
    expect((await designated.json()).data).toMatchObject({ path: "SUPERIOR_ADMIN", boundNow: true });
    const level = await data(h.rootSession, `/units/${h.root.id}/tree?parentId=${h.firstA.id}`);
    expect(level[0]).toMatchObject({
      id: h.group.id,
      administrator: { name: maskName("郑新任") },
      accountCount: 1,
    });
  });
});

describe("R31 the push chain (主管部门 / 上级推送节点)", () => {
  async function chainUnderGuiyang(prefix: string) {
    const guiyangHr = await database.db.unit.findFirstOrThrow({
      where: { type: "HR_DEPARTMENT", regionCode: "520100" },
    });
    const county = await unitUnder(guiyangHr.id, `${prefix}南明区示例卫生健康局`);
    await database.db.unit.update({ where: { id: county.id }, data: { type: "GOVERNMENT_AGENCY" } });
    const hospital = await unitUnder(county.id, `${prefix}南明区示例医院`);
    const admin = await createPerson(database.db, { unitId: hospital.id, role: "UNIT_ADMIN" });
    return { guiyangHr, county, hospital, session: await realPersonSession(database.db, admin.id) };
  }

  it("R31 goes from the unit up to the provincial HR department, on its route and on the unit's profile", async () => {
    const { guiyangHr, county, hospital, session } = await chainUnderGuiyang("甲");
    const { chain, reachesHrDepartment } = await data(session, `/units/${hospital.id}/push-chain`);
    expect(chain).toEqual([
      { id: hospital.id, name: hospital.name, type: "ENTERPRISE", regionName: "南明区" },
      { id: county.id, name: county.name, type: "GOVERNMENT_AGENCY", regionName: "南明区" },
      { id: guiyangHr.id, name: guiyangHr.name, type: "HR_DEPARTMENT", regionName: "贵阳市" },
      expect.objectContaining({ name: PROVINCIAL_HR_NAME, type: "HR_DEPARTMENT" }),
    ]);
    expect(reachesHrDepartment).toBe(true);
    const page = await data(session, `/units/${hospital.id}`);
    expect(page.pushChain.map((n: { id: string }) => n.id)).toEqual(chain.map((n: { id: string }) => n.id));
    expect(page.pushChain[0]).toEqual({ id: hospital.id, name: hospital.name, type: "ENTERPRISE" });
    const profile = await data(session, `/units/${hospital.id}/profile`);
    expect(profile.pushChain).toEqual(page.pushChain);
  });

  it("R14 R31 a unit without a superior: its chain ends at the HR department of its region, marked implicit, on its route and on the unit's profile", async () => {
    const guiyangHr = await database.db.unit.findFirstOrThrow({
      where: { type: "HR_DEPARTMENT", regionCode: "520100" },
    });
    const alone = await unitUnder(null, "无上级示例公司");
    const admin = await createPerson(database.db, { unitId: alone.id, role: "UNIT_ADMIN" });
    const session = await realPersonSession(database.db, admin.id);
    // 南明区 has no HR department of its own: 贵阳市's receives the unit's title applications.
    expect(await data(session, `/units/${alone.id}/push-chain`)).toEqual({
      chain: [
        { id: alone.id, name: alone.name, type: "ENTERPRISE", regionName: "南明区" },
        {
          id: guiyangHr.id,
          name: guiyangHr.name,
          type: "HR_DEPARTMENT",
          regionName: "贵阳市",
          implicit: true,
        },
      ],
      reachesHrDepartment: true,
    });
    expect((await data(session, `/units/${alone.id}`)).pushChain).toEqual([
      { id: alone.id, name: alone.name, type: "ENTERPRISE" },
      { id: guiyangHr.id, name: guiyangHr.name, type: "HR_DEPARTMENT", implicit: true },
    ]);
    // R14's reminder still applies: the unit itself has no superior.
    expect((await data(session, `/units/${alone.id}/profile`)).parentUnit).toBeNull();
  });

  it("R31 a hierarchy whose top is not an HR department ends at the HR department of the top's region", async () => {
    const zunyiHr = await database.db.unit.findFirstOrThrow({
      where: { type: "HR_DEPARTMENT", regionCode: "520300" },
    });
    const top = await unitUnder(null, "遵义示例集团有限公司");
    await database.db.unit.update({ where: { id: top.id }, data: { regionCode: "520302" } });
    const member = await unitUnder(top.id, "南明区示例分公司");
    const admin = await createPerson(database.db, { unitId: member.id, role: "UNIT_ADMIN" });
    const { chain, reachesHrDepartment } = await data(
      await realPersonSession(database.db, admin.id),
      `/units/${member.id}/push-chain`,
    );
    expect(chain.map((n: { id: string; implicit?: boolean }) => [n.id, n.implicit ?? false])).toEqual([
      [member.id, false],
      [top.id, false],
      [zunyiHr.id, true],
    ]);
    expect(reachesHrDepartment).toBe(true);
  });

  it("R7 the unit's own people and login and its superiors' staff see the chain; a stranger does not", async () => {
    const { county, hospital } = await chainUnderGuiyang("乙");
    const unitLogin = await unitSession(hospital.id);
    expect((await data(unitLogin, `/units/${hospital.id}/push-chain`)).chain).toHaveLength(4);
    expect((await get(unitLogin, `/units/${county.id}/push-chain`)).status).toBe(404);
    const countyAdmin = await createPerson(database.db, { unitId: county.id, role: "UNIT_ADMIN" });
    const superiorView = await get(
      await realPersonSession(database.db, countyAdmin.id),
      `/units/${hospital.id}/push-chain`,
    );
    expect(superiorView.status).toBe(200);
    const stranger = await createPerson(database.db, {
      unitId: (await createUnit(database.db)).id,
      role: "TITLE_HANDLER",
    });
    const strangerView = await get(
      await realPersonSession(database.db, stranger.id),
      `/units/${hospital.id}/push-chain`,
    );
    expect((await strangerView.json()).error.code).toBe("UNIT_NOT_FOUND");
  });
});
