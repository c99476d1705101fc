// 单位基础信息管理 on a real SQLite file: the administrator's list of its unit and subordinate units, a
// unit's page, its facts (R7), and renaming it (R20) with the history kept: from then on binding
// requests (R16), unit-name suggestions and account recovery (R22) find it by its new name, and by the
// old one too, marked as a former name.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATCH_LIMIT } from "../../lib/trigram-search.js";
import { makeIdNumber, seedBaseline } from "../../prisma/seed/seed.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { fakeWorkflowStarts } from "../support/fake-workflow-starts.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { ORIGIN, postJson } from "../support/registration.js";

let database: TestDatabase;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedBaseline(database.db, "Guizhou@2026");
  built = createTestApp(database);
  fakeWorkflowStarts(built.temporal);
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };

let names = 0;
/** A distinct unit name of Chinese characters: 遵义红花岗甲乙…实业有限公司. */
const unitName = (stem = "红花岗") =>
  `遵义${stem}${[...String(++names)].map((d) => "甲乙丙丁戊己庚辛壬癸"[Number(d)]).join("")}实业有限公司`;

async function administeredUnit(name = unitName()) {
  const unit = await createUnit(database.db, name);
  const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
  return { unit, admin, session: await realPersonSession(database.db, admin.id) };
}

const rename = (session: Session, unitId: string, name: string) =>
  postJson(built.app, `/api/units/${unitId}/rename`, { name }, session.headers());

const patch = (session: Session, path: string, body: unknown) =>
  built.app.request(`${ORIGIN}${path}`, {
    method: "PATCH",
    headers: session.headers({ "content-type": "application/json", origin: ORIGIN }),
    body: JSON.stringify(body),
  });

const get = (session: Session, path: string) => built.app.request(path, { headers: session.headers() });

const bind = (session: Session, name: string) =>
  postJson(
    built.app,
    "/api/binding-requests",
    { unitName: name, pledgeAccepted: true, submissionId: randomUUID() },
    session.headers(),
  );

describe("R20 the administrator renames the unit, the history kept and shown", () => {
  it("R20 renames, records the former name with who and when, and audits it", async () => {
    const { unit, admin, session } = await administeredUnit();
    const newName = unitName("新蒲");
    const response = await rename(session, unit.id, `  ${newName} `);
    expect(response.status).toBe(200);
    const { data } = await response.json();
    expect(data.name).toBe(newName);
    expect(data.nameHistory).toEqual([
      {
        id: expect.any(String),
        oldName: unit.name,
        newName,
        changedAt: expect.any(String),
        changedBy: { name: admin.name },
      },
    ]);
    const shown = await (await get(session, `/api/units/${unit.id}`)).json();
    expect(shown.data.nameHistory).toHaveLength(1);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.renamed", targetId: unit.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, unitId: unit.id });
    expect(JSON.parse(audit.before!)).toEqual({ name: unit.name });
    expect(JSON.parse(audit.after!)).toMatchObject({ name: newName });
    // A second rename keeps both, newest first.
    const third = unitName("汇川");
    await rename(session, unit.id, third);
    const history = (await (await get(session, `/api/units/${unit.id}`)).json()).data.nameHistory;
    expect(history.map((h: { newName: string }) => h.newName)).toEqual([third, newName]);
  });

  it("R20 refuses the current name, another unit's name, and a registration's name in progress", async () => {
    const { unit, session } = await administeredUnit();
    const same = await rename(session, unit.id, unit.name);
    expect((await same.json()).error).toMatchObject({ code: "UNIT_NAME_UNCHANGED", field: "name" });
    const other = await createUnit(database.db, unitName());
    const taken = await rename(session, unit.id, other.name);
    expect((await taken.json()).error).toMatchObject({ code: "UNIT_NAME_TAKEN", field: "name" });
    const registering = unitName("绥阳");
    await database.db.unitRegistration.create({
      data: {
        requestNumber: `DWTEST${names}`,
        uscc: `91520302MA6TEST${String(names).padStart(3, "0")}`,
        unitName: registering,
        openUnitName: registering,
        unitType: "ENTERPRISE",
        regionCode: "520302",
        legalRepName: "王法人",
        legalRepIdNumber: makeIdNumber("520102", "19700101", 778),
        contactName: "联系人",
        contactMobile: "13700007778",
        submissionId: randomUUID(),
        passwordHash: "x",
        businessLicenceUploadId: randomUUID(),
        authorizationLetterUploadId: randomUUID(),
        workflowId: `UnitRegistration:test${names}`,
      },
    });
    const inRegistration = await rename(session, unit.id, registering);
    expect((await inRegistration.json()).error).toMatchObject({
      code: "UNIT_NAME_IN_REGISTRATION",
      field: "name",
    });
    expect((await database.db.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe(unit.name);
    expect(await database.db.unitNameChange.count({ where: { unitId: unit.id } })).toBe(0);
  });

  it("R20 only the unit's own administrator renames it, in a real-person session (R12)", async () => {
    const superior = await administeredUnit();
    const { unit, admin } = await administeredUnit();
    await database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: superior.unit.id } });
    const bySuperior = await rename(superior.session, unit.id, unitName());
    expect((await bySuperior.json()).error.code).toBe("ONLY_ADMIN");
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    const byHandler = await rename(await realPersonSession(database.db, handler.id), unit.id, unitName());
    expect((await byHandler.json()).error.code).toBe("FORBIDDEN_ROLE");
    const password = await passwordLogin(built.app, admin.idNumber);
    const byPassword = await rename(password, unit.id, unitName());
    expect((await byPassword.json()).error.code).toBe("REAL_PERSON_SESSION_REQUIRED");
    const stranger = await administeredUnit();
    const byStranger = await rename(stranger.session, unit.id, unitName());
    expect((await byStranger.json()).error.code).toBe("UNIT_NOT_FOUND");
    expect(await database.db.unitNameChange.count({ where: { unitId: unit.id } })).toBe(0);
  });
});

describe("R20 the new name finds the unit from then on, the old one too as a former name", () => {
  it("R16 binds by the new name, and by the old name to the same unit under its current name", async () => {
    const { unit, session } = await administeredUnit();
    const newName = unitName("播州");
    await rename(session, unit.id, newName);
    const first = await createPerson(database.db);
    const byNew = await bind(await passwordLogin(built.app, first.idNumber), newName);
    expect(byNew.status).toBe(201);
    expect((await byNew.json()).data).toMatchObject({
      unit: { id: unit.id, name: newName },
      formerName: null,
    });
    const second = await createPerson(database.db);
    const byOld = await bind(await passwordLogin(built.app, second.idNumber), unit.name);
    expect(byOld.status).toBe(201);
    expect((await byOld.json()).data).toMatchObject({
      unit: { id: unit.id, name: newName },
      formerName: unit.name,
    });
    expect(await database.db.bindingRequest.count({ where: { unitId: unit.id } })).toBe(2);
  });

  it("R16 a former name now borne by another unit finds that unit; one borne by two former units asks to choose", async () => {
    const a = await administeredUnit();
    const oldName = a.unit.name;
    await rename(a.session, a.unit.id, unitName("仁怀"));
    // Another unit takes the freed name: the current name wins.
    const b = await administeredUnit(oldName);
    const person = await createPerson(database.db);
    const session = await passwordLogin(built.app, person.idNumber);
    const current = await bind(session, oldName);
    expect((await current.json()).data).toMatchObject({ unit: { id: b.unit.id }, formerName: null });
    await postJson(
      built.app,
      `/api/binding-requests/${(await database.db.bindingRequest.findFirstOrThrow({ where: { personId: person.id } })).id}/withdraw`,
      {},
      session.headers(),
    );
    // Then it renames too: two units once bore the name, so the person picks by a current name.
    const bNew = unitName("赤水");
    await rename(b.session, b.unit.id, bNew);
    const ambiguous = await bind(
      await passwordLogin(built.app, (await createPerson(database.db)).idNumber),
      oldName,
    );
    expect(ambiguous.status).toBe(404);
    const { error } = await ambiguous.json();
    expect(error.code).toBe("UNIT_NAME_NOT_FOUND");
    expect([...error.details.suggestions].sort()).toEqual(
      [bNew, (await database.db.unit.findUniqueOrThrow({ where: { id: a.unit.id } })).name].sort(),
    );
  });

  it("R20 suggestions offer the new name and the former one, marked with the current name", async () => {
    const { unit, session } = await administeredUnit(unitName("桐梓"));
    const newName = unitName("习水");
    await rename(session, unit.id, newName);
    const person = await createPerson(database.db);
    const login = await passwordLogin(built.app, person.idNumber);
    const byOld = await (
      await get(login, `/api/units/name-suggestions?q=${encodeURIComponent(unit.name.slice(0, 6))}`)
    ).json();
    expect(byOld.data).toContainEqual({
      id: unit.id,
      name: unit.name,
      formerName: true,
      currentName: newName,
    });
    const byNew = await (
      await get(login, `/api/units/name-suggestions?q=${encodeURIComponent(newName.slice(0, 6))}`)
    ).json();
    expect(byNew.data).toContainEqual({
      id: unit.id,
      name: newName,
      formerName: false,
      currentName: newName,
    });
    expect(byNew.data.find((s: { name: string }) => s.name === unit.name)).toBeUndefined();
  });

  it("R22 account recovery finds the unit by its new name and by its former one", async () => {
    const { unit, session } = await administeredUnit();
    const legalRepIdNumber = makeIdNumber("520102", "19700101", 777);
    await database.db.unit.update({
      where: { id: unit.id },
      data: { legalRepIdNumber, contactMobile: "13700007777" },
    });
    const newName = unitName("湄潭");
    await rename(session, unit.id, newName);
    for (const usccOrName of [newName, unit.name]) {
      const response = await postJson(built.app, "/api/units/account-recovery", {
        usccOrName,
        legalRepIdNumber,
      });
      expect(response.status).toBe(202);
    }
    const sent = await database.db.smsMessage.findMany({
      where: { mobile: "13700007777", template: "UNIT_ACCOUNT_RECOVERY" },
    });
    expect(sent).toHaveLength(2);
    for (const sms of sent) expect(sms.body).toContain(`${newName}的单位登录账号为${unit.accountName}`);
  });
});

describe("单位基础信息管理: the list, the unit's page and its facts", () => {
  it("R7 lists the administrator's unit first, then its subordinate units at any depth; searchable and paged", async () => {
    const top = await administeredUnit(unitName("凤冈"));
    const child = await createUnit(database.db, unitName("余庆"));
    const grandchild = await createUnit(database.db, unitName("道真"));
    await database.db.unit.update({ where: { id: child.id }, data: { parentUnitId: top.unit.id } });
    await database.db.unit.update({ where: { id: grandchild.id }, data: { parentUnitId: child.id } });
    await createUnit(database.db, unitName("务川"));
    const list = await (await get(top.session, `/api/units/${top.unit.id}/subordinates`)).json();
    expect(list.total).toBe(3);
    expect(list.data.map((u: { id: string }) => u.id)).toEqual([
      top.unit.id,
      ...[child, grandchild].sort((x, y) => x.name.localeCompare(y.name)).map((u) => u.id),
    ]);
    expect(list.data[0]).toMatchObject({ isRoot: true, administrator: { name: top.admin.name } });
    expect(list.data.find((u: { id: string }) => u.id === grandchild.id)).toMatchObject({
      isRoot: false,
      parentUnit: { id: child.id, name: child.name },
      administrator: null,
    });
    const searched = await (
      await get(top.session, `/api/units/${top.unit.id}/subordinates?q=${encodeURIComponent("道真")}`)
    ).json();
    expect(searched.data.map((u: { id: string }) => u.id)).toEqual([grandchild.id]);
    const paged = await (
      await get(top.session, `/api/units/${top.unit.id}/subordinates?pageSize=2&page=2`)
    ).json();
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.data).toHaveLength(1);
    // The unit page of a subordinate: the superior's administrator designates (R8), but does not edit it.
    const page = await (await get(top.session, `/api/units/${grandchild.id}`)).json();
    expect(page.data).toMatchObject({
      succession: { authority: "SUPERIOR_ADMIN", authorityUnit: { id: top.unit.id } },
      permissions: { editFacts: false, rename: false, designateAdministrator: true },
    });
    const stranger = await administeredUnit();
    const refused = await get(stranger.session, `/api/units/${top.unit.id}/subordinates`);
    expect((await refused.json()).error.code).toBe("FORBIDDEN_UNIT_SCOPE");
    expect((await get(stranger.session, `/api/units/${grandchild.id}`)).status).toBe(404);
  });

  it("R7 the administrator edits the unit's facts, audited; a superior's administrator cannot", async () => {
    const superior = await administeredUnit();
    const { unit, session } = await administeredUnit();
    await database.db.unit.update({ where: { id: unit.id }, data: { parentUnitId: superior.unit.id } });
    const own = await (await get(session, `/api/units/${unit.id}`)).json();
    expect(own.data).toMatchObject({
      succession: { authority: "CURRENT_ADMIN" },
      permissions: { editFacts: true, rename: true, designateAdministrator: true },
    });
    const response = await patch(session, `/api/units/${unit.id}`, {
      contactName: "新联系人",
      regionCode: "520302",
      type: "PUBLIC_INSTITUTION",
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toMatchObject({
      contactName: "新联系人",
      regionCode: "520302",
      type: "PUBLIC_INSTITUTION",
    });
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "unit.profile-updated", targetId: unit.id },
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ contactName: "新联系人" });
    const refused = await patch(session, `/api/units/${unit.id}`, { type: "HR_DEPARTMENT" });
    expect((await refused.json()).error.code).toBe("UNIT_TYPE_NOT_ALLOWED");
    const bySuperior = await patch(superior.session, `/api/units/${unit.id}`, { contactName: "上级改" });
    expect((await bySuperior.json()).error.code).toBe("ONLY_ADMIN");
  });

  it("R8 an HR-department administrator finds the units of its region that have no administrator", async () => {
    const orphan = await createUnit(database.db, unitName("正安"));
    const guiyang = await database.db.unit.findUniqueOrThrow({
      where: { name: "贵阳市人力资源和社会保障局" },
    });
    const hrAdmin = await database.db.roleBinding.findUniqueOrThrow({
      where: { exclusiveKey: `UNIT_ADMIN:${guiyang.id}` },
    });
    const session = await realPersonSession(database.db, hrAdmin.personId);
    const list = await (
      await get(session, `/api/units?withinRegion=520100&withoutAdministrator=true&pageSize=100`)
    ).json();
    const ids = list.data.map((u: { id: string }) => u.id);
    expect(ids).toContain(orphan.id);
    expect(
      list.data.every(
        (u: { administrator: unknown; regionCode: string }) =>
          u.administrator === null && u.regionCode.startsWith("5201"),
      ),
    ).toBe(true);
    // The list's q: a name fragment, or a whole USCC in any case (looked up by its unique key).
    const search = async (q: string) =>
      (await (await get(session, `/api/units?q=${encodeURIComponent(q)}&pageSize=100`)).json()).data.map(
        (u: { id: string }) => u.id,
      );
    expect(await search(orphan.name.slice(0, 4))).toContain(orphan.id);
    expect(await search(orphan.uscc!.toLowerCase())).toEqual([orphan.id]);
    expect(await search(`${orphan.uscc!.slice(0, 17)}Z`)).not.toContain(orphan.id);
    const page = await (await get(session, `/api/units/${orphan.id}`)).json();
    expect(page.data).toMatchObject({
      succession: { authority: "REGIONAL_HR_ADMIN", authorityUnit: { id: guiyang.id } },
      permissions: { designateAdministrator: true, editFacts: false },
    });
  });
});

describe("issue 14: a prefecture's units (withinRegion) through each unit's kept prefecture code", () => {
  it("keeps the code on every insert and region change, and lists the prefecture's units in name order", async () => {
    const db = database.db;
    const guiyang = await db.unit.findUniqueOrThrow({ where: { name: "贵阳市人力资源和社会保障局" } });
    const hrAdmin = await db.roleBinding.findUniqueOrThrow({
      where: { exclusiveKey: `UNIT_ADMIN:${guiyang.id}` },
    });
    const session = await realPersonSession(db, hrAdmin.personId);
    const inGuiyang = await createUnit(db, unitName("云岩")); // 520102, a county of 520100
    const movedIn = await createUnit(db, unitName("花溪"));
    const movedOut = await createUnit(db, unitName("乌当"));
    const prefecture = async (id: string) =>
      (await db.unit.findUniqueOrThrow({ where: { id }, select: { prefectureCode: true } })).prefectureCode;
    expect(await prefecture(inGuiyang.id)).toBe("520100");
    // Any writer, the API's profile edit or another: the code follows the region.
    await db.unit.update({ where: { id: movedIn.id }, data: { regionCode: "520302" } });
    expect(await prefecture(movedIn.id)).toBe("520300");
    await db.unit.update({ where: { id: movedIn.id }, data: { regionCode: "520100" } });
    expect(await prefecture(movedIn.id)).toBe("520100");
    await db.unit.update({ where: { id: movedOut.id }, data: { regionCode: "520302" } });
    // A write of the code itself does not stick: it is the region's.
    await db.unit.update({ where: { id: movedOut.id }, data: { prefectureCode: "520100" } });
    expect(await prefecture(movedOut.id)).toBe("520300");

    const listed = async (withinRegion: string) => {
      const body = await (await get(session, `/api/units?withinRegion=${withinRegion}&pageSize=100`)).json();
      return body as { data: Array<{ id: string; name: string; regionCode: string }>; total: number };
    };
    const list = await listed("520100");
    const ids = list.data.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([inGuiyang.id, movedIn.id, guiyang.id]));
    expect(ids).not.toContain(movedOut.id);
    expect(list.data.every((u) => u.regionCode.startsWith("5201"))).toBe(true);
    expect(list.total).toBe(await db.unit.count({ where: { regionCode: { startsWith: "5201" } } }));
    const names = list.data.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A county by its code; the province by its own.
    expect((await listed("520302")).data.map((u) => u.id)).toContain(movedOut.id);
    expect((await listed("520000")).total).toBe(await db.unit.count());
  });
});

describe("issue 14: the units list's name search, through the names' trigram index on PostgreSQL", () => {
  it("lists and counts what the names' own LIKE does: any Latin case, CJK, 2 characters, more than MATCH_LIMIT matches, with a filter and a USCC", async () => {
    const hrAdmin = await database.db.roleBinding.findUniqueOrThrow({
      where: {
        exclusiveKey: `UNIT_ADMIN:${(await database.db.unit.findUniqueOrThrow({ where: { name: "贵阳市人力资源和社会保障局" } })).id}`,
      },
    });
    const session = await realPersonSession(database.db, hrAdmin.personId);
    // MATCH_LIMIT + 20 units sharing a term: past the limit the names are walked as before.
    const many: { id: string; name: string; uscc: string | null }[] = [];
    for (let i = 0; i < MATCH_LIMIT + 20; i++) many.push(await createUnit(database.db, unitName("检索AbC")));
    const few = await createUnit(database.db, unitName("检索XyZ"));
    const terms = [
      "检索abc", // > MATCH_LIMIT, Latin in another case
      "检索xYz", // one unit
      many[7]!.name.slice(2), // one unit by the end of its name
      "检索", // 2 characters: no index
      "不存在的单位名", // a miss
    ];
    for (const q of terms)
      for (const filters of ["", "&type=ENTERPRISE", "&type=PUBLIC_INSTITUTION"])
        for (const page of [1, 6]) {
          const got = await (
            await get(session, `/api/units?q=${encodeURIComponent(q)}${filters}&page=${page}&pageSize=100`)
          ).json();
          const type = /type=(\w+)/.exec(filters)?.[1] as "ENTERPRISE" | undefined;
          const where = { name: { contains: q }, ...(type ? { type } : {}) };
          const want = await database.db.unit.findMany({
            where,
            select: { id: true },
            orderBy: { name: "asc" },
            skip: (page - 1) * 100,
            take: 100,
          });
          expect(got.total, `${q} ${filters}`).toBe(await database.db.unit.count({ where }));
          expect(
            got.data.map((u: { id: string }) => u.id),
            `${q} ${filters} page ${page}`,
          ).toEqual(want.map((u) => u.id));
        }
    // The fixture is not vacuous: the broad term passes the limit, the narrow ones find one unit.
    expect(await database.db.unit.count({ where: { name: { contains: "检索abc" } } })).toBeGreaterThan(
      MATCH_LIMIT,
    );
    const search = async (q: string) =>
      (await (await get(session, `/api/units?q=${encodeURIComponent(q)}&pageSize=100`)).json()).data.map(
        (u: { id: string }) => u.id,
      );
    expect(await search("检索xYz")).toEqual([few.id]);
    expect(await search(many[7]!.name.slice(2))).toEqual([many[7]!.id]);
    // A whole USCC still finds its unit beside the names' matches.
    expect(await search(few.uscc!)).toEqual([few.id]);
  });
});
