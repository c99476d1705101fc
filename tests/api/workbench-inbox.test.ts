// 审核工作台 as an inbox (issue 12 items 3 and 4) on a real SQLite file: the views (待领取 / 我已领取 /
// 全部 / 已办结) with their counts under the same filters, the free-text search over request numbers
// and unit names, the queue and unit filters, the one claim rule wherever a decision is taken, and
// the landing page's counts per queue and kind (GET /me/work).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestActivities, upsertTask } from "../../activities/request.activities.js";
import { TASK_COUNT_LIMIT } from "../../api/routes/tasks/tasks.routes.js";
import { bindWithRole } from "../../prisma/seed/seed.js";
import {
  AFFILIATION_TASK_KIND,
  BINDING_TASK_KIND,
  TITLE_APPLICATION_TASK_KIND,
} from "../../workflows/contracts.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createPerson, createUnit, passwordLogin, realPersonSession } from "../support/people.js";
import { postJson } from "../support/registration.js";

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database).app;
});
afterAll(() => database.close());

type Session = { headers(extra?: Record<string, string>): Record<string, string> };
type TaskList = {
  data: { id: string; title: string; status: string; assignee: { id: string } | null }[];
  total: number;
  counts: { unclaimed: number; mine: number; open: number; closed: number };
};

const HOUR = 3_600_000;

const tasks = async (session: Session, query = "") => {
  const response = await app.request(`/api/tasks${query}`, { headers: session.headers() });
  expect(response.status).toBe(200);
  return (await response.json()) as TaskList;
};
const titles = (list: TaskList) => list.data.map((t) => t.title).sort();

async function task(data: {
  title: string;
  queue?: "PLATFORM_REVIEW" | "PLATFORM_SUPERVISOR" | "UNIT";
  unitId?: string;
  kind?: string;
  requestType?: "UNIT_REGISTRATION" | "BINDING_REQUEST" | "AFFILIATION_REQUEST" | "TITLE_APPLICATION";
  requestId?: string;
  status?: "OPEN" | "CLAIMED" | "COMPLETED" | "CANCELLED";
  assigneeId?: string;
  dueInMs?: number;
}) {
  const requestId = data.requestId ?? randomUUID();
  return database.db.humanTask.create({
    data: {
      workflowId: `wf-${requestId}`,
      kind: data.kind ?? "unitRegistrationReview",
      requestType: data.requestType ?? "UNIT_REGISTRATION",
      requestId,
      queue: data.queue ?? "PLATFORM_REVIEW",
      unitId: data.unitId ?? null,
      title: data.title,
      // As the activities write it: the request number the title ends with, in its own column.
      requestNumber: /（([A-Z]{2}\d+)）$/.exec(data.title)?.[1] ?? null,
      status: data.status ?? "OPEN",
      open: data.status !== "COMPLETED" && data.status !== "CANCELLED",
      assigneeId: data.assigneeId ?? null,
      dueAt: new Date(Date.now() + (data.dueInMs ?? 24 * HOUR)),
    },
  });
}

/** A platform reviewer of its own (so the counts of one test are not another's). */
async function reviewer(role: "PLATFORM_REVIEWER" | "PLATFORM_SUPERVISOR" = "PLATFORM_REVIEWER") {
  const province = await createUnit(database.db);
  const person = await createPerson(database.db);
  await bindWithRole(database.db, person.id, province.id, { role, subsystem: "PLATFORM" });
  return person;
}

describe("issue 12.3: the workbench's views and their counts", () => {
  it("待领取, 我已领取, 全部 and 已办结 list their tasks, and every list answers all four counts under the same filters", async () => {
    await database.db.humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    const me = await reviewer();
    const colleague = await reviewer();
    await task({ title: "视图-待领取一" });
    await task({ title: "视图-待领取二", dueInMs: -HOUR });
    await task({ title: "视图-我已领取", status: "CLAIMED", assigneeId: me.id });
    await task({ title: "视图-同事已领取", status: "CLAIMED", assigneeId: colleague.id });
    await task({ title: "视图-已完成", status: "COMPLETED", assigneeId: me.id });
    await task({ title: "视图-已取消", status: "CANCELLED" });
    const session = await passwordLogin(app, me.idNumber);

    const counts = { unclaimed: 2, mine: 1, open: 4, closed: 2 };
    const unclaimed = await tasks(session, "?view=unclaimed");
    expect(titles(unclaimed)).toEqual(["视图-待领取一", "视图-待领取二"]);
    expect(unclaimed.counts).toEqual(counts);
    const mine = await tasks(session, "?view=mine");
    expect(titles(mine)).toEqual(["视图-我已领取"]);
    expect(mine.counts).toEqual(counts);
    const open = await tasks(session, "?view=open");
    expect(open.total).toBe(4);
    expect(titles(open)).toContain("视图-同事已领取");
    expect(titles(await tasks(session, "?view=closed"))).toEqual(["视图-已取消", "视图-已完成"]);
    // Without a view: every task, as before.
    expect((await tasks(session)).total).toBe(6);

    // The counts follow the other filters: overdue leaves one unclaimed task and nothing closed.
    expect((await tasks(session, "?view=open&overdue=true")).counts).toEqual({
      unclaimed: 1,
      mine: 0,
      open: 1,
      closed: 0,
    });
    // A colleague's view of the same queue: what they claimed is theirs, mine is not.
    const theirs = await tasks(await passwordLogin(app, colleague.idNumber), "?view=mine");
    expect(titles(theirs)).toEqual(["视图-同事已领取"]);
  });

  it("a view on a page past its end answers no rows but the true total, so the console can go back to page 1", async () => {
    const me = await reviewer();
    await database.db.humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    for (let i = 0; i < 3; i++) await task({ title: `翻页-${i}` });
    const session = await passwordLogin(app, me.idNumber);
    const page2 = await tasks(session, "?view=unclaimed&page=2&pageSize=2");
    expect(page2.data).toHaveLength(1);
    const past = await tasks(session, "?view=unclaimed&page=3&pageSize=2");
    expect(past).toMatchObject({ data: [], total: 3 });
  });
});

describe("issue 14.1: counts stop at the documented limit on a province's archive", () => {
  it("a unit's 10,001 closed tasks answer closed = total = 10,000 named as capped; the open views stay exact", async () => {
    const unit = await createUnit(database.db, "安顺市工作台归档计数示例有限公司");
    const person = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const row = (status: "OPEN" | "COMPLETED") => {
      const requestId = randomUUID();
      return {
        workflowId: `wf-${requestId}`,
        kind: BINDING_TASK_KIND,
        requestType: "BINDING_REQUEST" as const,
        requestId,
        queue: "UNIT" as const,
        unitId: unit.id,
        title: status,
        status,
        open: status === "OPEN",
        dueAt: new Date(Date.now() - HOUR),
      };
    };
    await database.db.humanTask.createMany({
      data: [
        ...Array.from({ length: TASK_COUNT_LIMIT + 1 }, () => row("COMPLETED")),
        row("OPEN"),
        row("OPEN"),
      ],
    });
    const session = await realPersonSession(database.db, person.id);
    const closed = (await tasks(session, "?view=closed&pageSize=5")) as TaskList & {
      countLimit: number;
      capped: string[];
    };
    expect(closed.data).toHaveLength(5);
    expect(closed).toMatchObject({
      total: TASK_COUNT_LIMIT,
      counts: { unclaimed: 2, mine: 0, open: 2, closed: TASK_COUNT_LIMIT },
      countLimit: TASK_COUNT_LIMIT,
      capped: ["total", "closed"],
    });
    const open = (await tasks(session, "?view=open")) as TaskList & { capped: string[] };
    expect(open).toMatchObject({ total: 2, capped: ["closed"] });
    // Every task (no view): open + closed passes the limit; a status filter is counted on its own.
    expect(await tasks(session, "?pageSize=1")).toMatchObject({
      total: TASK_COUNT_LIMIT,
      capped: ["total", "closed"],
    });
    expect(await tasks(session, "?status=OPEN")).toMatchObject({ total: 2, capped: ["closed"] });
    expect(await tasks(session, "?view=closed&status=OPEN")).toMatchObject({ total: 0, data: [] });
  });
});

describe("issue 14.1: the open and closed views follow every change of status the workflows make", () => {
  it("a task opened, claimed, escalated, completed, reopened and cancelled by the activities is in 全部 while open and in 已办结 once closed", async () => {
    const me = await reviewer("PLATFORM_SUPERVISOR");
    const session = await realPersonSession(database.db, me.id);
    const { changeTask } = createRequestActivities({ db: database.db } as Parameters<
      typeof createRequestActivities
    >[0]);
    const requestId = randomUUID();
    const kind = "unitRegistrationReview";
    const title = `开关-${requestId.slice(0, 8)}`;
    await upsertTask(database.db, {
      workflowId: `wf-${requestId}`,
      kind,
      requestType: "UNIT_REGISTRATION",
      requestId,
      queue: "PLATFORM_REVIEW",
      title,
      dueAt: new Date(Date.now() + HOUR).toISOString(),
    });
    const where = async () => {
      const [open, closed] = await Promise.all([
        tasks(session, `?view=open&q=${encodeURIComponent(title)}`),
        tasks(session, `?view=closed&q=${encodeURIComponent(title)}`),
      ]);
      return { open: open.data.map((t) => t.status), closed: closed.data.map((t) => t.status) };
    };
    expect(await where()).toEqual({ open: ["OPEN"], closed: [] });
    const [row] = (await tasks(session, `?view=open&q=${encodeURIComponent(title)}`)).data;
    expect((await postJson(app, `/api/tasks/${row!.id}/claim`, {}, session.headers())).status).toBe(200);
    expect(await where()).toEqual({ open: ["CLAIMED"], closed: [] });
    await changeTask({ requestId, kind, change: "ESCALATED", queue: "PLATFORM_SUPERVISOR" });
    expect(await where()).toEqual({ open: ["OPEN"], closed: [] });
    await changeTask({ requestId, kind, change: "COMPLETED", outcome: "APPROVE", decidedById: me.id });
    expect(await where()).toEqual({ open: [], closed: ["COMPLETED"] });
    await changeTask({ requestId, kind, change: "REOPENED" });
    expect(await where()).toEqual({ open: ["OPEN"], closed: [] });
    await changeTask({ requestId, kind, change: "CANCELLED", outcome: "WITHDRAWN" });
    expect(await where()).toEqual({ open: [], closed: ["CANCELLED"] });
    // overdue=true lists open tasks only: the closed one, though past its due time, is not.
    await database.db.humanTask.updateMany({
      where: { requestId },
      data: { dueAt: new Date(Date.now() - HOUR) },
    });
    expect((await tasks(session, `?overdue=true&q=${encodeURIComponent(title)}`)).data).toEqual([]);
  });
});

describe("issue 12.3: the free-text search over request numbers and unit names", () => {
  it("q finds a registration by part of its request number (any letter case) or its unit's name; a miss answers nothing", async () => {
    const me = await reviewer();
    await database.db.humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    await task({ title: "贵阳市搜索示例茶业有限公司（ZC20260101000123）" });
    await task({ title: "遵义市另一示例有限公司（ZC20260101000456）" });
    await task({ title: "铜仁市搜索示例联系人（联系人手机变更）", kind: "contactMobileChangeReview" });
    const session = await passwordLogin(app, me.idNumber);
    expect(titles(await tasks(session, "?q=000123"))).toEqual([
      "贵阳市搜索示例茶业有限公司（ZC20260101000123）",
    ]);
    expect(titles(await tasks(session, "?q=zc20260101000456"))).toEqual([
      "遵义市另一示例有限公司（ZC20260101000456）",
    ]);
    expect(titles(await tasks(session, `?q=${encodeURIComponent("搜索示例")}`))).toHaveLength(2);
    const miss = await tasks(session, `?q=${encodeURIComponent("不存在的单位")}&view=open`);
    expect(miss).toMatchObject({ data: [], total: 0, counts: { unclaimed: 0, mine: 0, open: 0, closed: 0 } });
    // Blank search: no filter.
    expect((await tasks(session, "?q=%20%20")).total).toBe(3);
  });

  it("q finds a unit's binding and affiliation tasks by the deciding unit's name, and a title application by the applicant's unit", async () => {
    const unit = await createUnit(database.db, "六盘水市检索示例人力资源服务有限公司");
    const other = await createUnit(database.db, "安顺市检索示例旅游开发有限公司");
    const applicantUnit = await createUnit(database.db, "毕节市检索示例申报人所在学校");
    const handler = await createPerson(database.db, { unitId: unit.id, role: "TITLE_HANDLER" });
    await database.db.roleBinding.create({
      data: { personId: handler.id, unitId: other.id, role: "TITLE_HANDLER", subsystem: "TITLE_REVIEW" },
    });
    await task({
      title: "张*申请绑定（BD20260101000001）",
      queue: "UNIT",
      unitId: unit.id,
      kind: BINDING_TASK_KIND,
      requestType: "BINDING_REQUEST",
    });
    await task({
      title: "某下级单位申请关联（归口）（GK20260101000002）",
      queue: "UNIT",
      unitId: other.id,
      kind: AFFILIATION_TASK_KIND,
      requestType: "AFFILIATION_REQUEST",
    });
    const applicant = await createPerson(database.db);
    const application = await database.db.titleApplication.create({
      data: {
        requestNumber: "ZC20260101000003",
        personId: applicant.id,
        unitId: applicantUnit.id,
        status: "IN_PROGRESS",
        currentUnitId: unit.id,
        steps: { create: [{ position: 0, unitId: unit.id }] },
      },
    });
    await task({
      title: "李*的职称申报（ZC20260101000003）",
      queue: "UNIT",
      unitId: unit.id,
      kind: TITLE_APPLICATION_TASK_KIND,
      requestType: "TITLE_APPLICATION",
      requestId: application.id,
    });
    const session = await realPersonSession(database.db, handler.id);
    expect(titles(await tasks(session, `?q=${encodeURIComponent("人力资源服务")}`))).toEqual([
      "张*申请绑定（BD20260101000001）",
      "李*的职称申报（ZC20260101000003）",
    ]);
    expect(titles(await tasks(session, `?q=${encodeURIComponent("旅游开发")}`))).toEqual([
      "某下级单位申请关联（归口）（GK20260101000002）",
    ]);
    expect(titles(await tasks(session, `?q=${encodeURIComponent("申报人所在学校")}`))).toEqual([
      "李*的职称申报（ZC20260101000003）",
    ]);
    expect(titles(await tasks(session, "?q=GK2026"))).toEqual([
      "某下级单位申请关联（归口）（GK20260101000002）",
    ]);
    // The unit filter narrows to one of the handler's units; a unit outside the scope shows nothing.
    expect((await tasks(session, `?unitId=${other.id}`)).total).toBe(1);
    expect((await tasks(session, `?unitId=${applicantUnit.id}`)).total).toBe(0);
    expect((await tasks(session, "?queue=PLATFORM_REVIEW")).total).toBe(0);
    // Another unit's staff find none of them, whatever they type.
    const stranger = await createPerson(database.db, { unitId: applicantUnit.id, role: "TITLE_HANDLER" });
    expect(
      (await tasks(await realPersonSession(database.db, stranger.id), `?q=${encodeURIComponent("检索示例")}`))
        .total,
    ).toBe(0);
  });

  it("q longer than 50 characters is refused with the field named", async () => {
    const me = await reviewer();
    const response = await app.request(`/api/tasks?q=${"x".repeat(51)}`, {
      headers: (await passwordLogin(app, me.idNumber)).headers(),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("VALIDATION_FAILED");
  });
});

describe("issue 12.3: binding requests carry the same data in 新进账号管理 and 审核工作台", () => {
  it("the incoming list names the request's workbench task, its deadline and its claimer; both find it by request number", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, {
      unitId: unit.id,
      role: "TITLE_HANDLER",
      name: "吴经办",
    });
    const newcomer = await createPerson(database.db);
    const request = await database.db.bindingRequest.create({
      data: {
        requestNumber: "BD20260202000777",
        personId: newcomer.id,
        unitId: unit.id,
        openPersonId: newcomer.id,
        pledgeAcceptedAt: new Date(),
        workflowId: `BindingRequest:${newcomer.id}`,
      },
    });
    const row = await task({
      title: "测*申请绑定（BD20260202000777）",
      queue: "UNIT",
      unitId: unit.id,
      kind: BINDING_TASK_KIND,
      requestType: "BINDING_REQUEST",
      requestId: request.id,
      status: "CLAIMED",
      assigneeId: handler.id,
    });
    const session = await realPersonSession(database.db, admin.id);
    const incoming = await (
      await app.request(`/api/units/${unit.id}/binding-requests?q=0202000777`, { headers: session.headers() })
    ).json();
    expect(incoming.total).toBe(1);
    expect(incoming.data[0]).toMatchObject({
      id: request.id,
      requestNumber: "BD20260202000777",
      expiresAt: row.dueAt!.toISOString(),
      task: { id: row.id, status: "CLAIMED", assignee: { id: handler.id, name: "吴经办" } },
    });
    const workbench = await tasks(session, "?q=0202000777");
    expect(workbench.data).toEqual([
      expect.objectContaining({
        id: row.id,
        dueAt: row.dueAt!.toISOString(),
        assignee: { id: handler.id, name: "吴经办" },
      }),
    ]);
  });
});

describe("issue 12.3: one claim rule — no claim needed, deciding claims, a colleague's claim stays theirs", () => {
  it("a unit's binding task claimed by a colleague refuses a decision from 审核工作台 and from 新进账号管理 alike, naming the claimer", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const handler = await createPerson(database.db, {
      unitId: unit.id,
      role: "TITLE_HANDLER",
      name: "周经办",
    });
    const newcomer = await createPerson(database.db);
    const request = await database.db.bindingRequest.create({
      data: {
        requestNumber: `BDCLAIM${newcomer.id.slice(0, 8)}`,
        personId: newcomer.id,
        unitId: unit.id,
        openPersonId: newcomer.id,
        pledgeAcceptedAt: new Date(),
        workflowId: `BindingRequest:${newcomer.id}`,
      },
    });
    const row = await task({
      title: "申请绑定",
      queue: "UNIT",
      unitId: unit.id,
      kind: BINDING_TASK_KIND,
      requestType: "BINDING_REQUEST",
      requestId: request.id,
    });
    const handlerSession = await realPersonSession(database.db, handler.id);
    const claimed = await postJson(app, `/api/tasks/${row.id}/claim`, {}, handlerSession.headers());
    expect(claimed.status).toBe(200);

    const adminSession = await realPersonSession(database.db, admin.id);
    const fromWorkbench = await postJson(
      app,
      `/api/tasks/${row.id}/decision`,
      { decision: "APPROVE" },
      adminSession.headers(),
    );
    expect(fromWorkbench.status).toBe(409);
    const body = (await fromWorkbench.json()).error;
    expect(body.code).toBe("TASK_CLAIMED_BY_OTHER");
    expect(body.details.remedy["zh-CN"]).toContain("周*");

    const fromIncoming = await postJson(
      app,
      `/api/units/${unit.id}/binding-requests/decisions`,
      { requestIds: [request.id], decision: "APPROVE" },
      adminSession.headers(),
    );
    expect(fromIncoming.status).toBe(200);
    expect((await fromIncoming.json()).data).toEqual([
      expect.objectContaining({
        requestId: request.id,
        ok: false,
        error: expect.objectContaining({ code: "TASK_CLAIMED_BY_OTHER" }),
      }),
    ]);
    // Nothing moved: the task is still the handler's, the request still open.
    expect(await database.db.humanTask.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "CLAIMED",
      assigneeId: handler.id,
    });
    expect(
      (await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } })).openPersonId,
    ).toBe(newcomer.id);
  });

  it("a platform task claimed by another reviewer refuses the decision; an unclaimed one is claimed by the decider before the workflow is asked", async () => {
    const me = await reviewer();
    const other = await reviewer();
    const theirs = await task({ title: "认领规则-他人", status: "CLAIMED", assigneeId: other.id });
    const session = await passwordLogin(app, me.idNumber);
    const refused = await postJson(
      app,
      `/api/tasks/${theirs.id}/decision`,
      { decision: "REJECT", reason: "材料不全" },
      session.headers(),
    );
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("TASK_CLAIMED_BY_OTHER");

    // No workflow runs this task (Temporal is not reachable here): the decision fails after the claim.
    const open = await task({ title: "认领规则-未领取" });
    const attempted = await postJson(
      app,
      `/api/tasks/${open.id}/decision`,
      { decision: "REJECT", reason: "材料不全" },
      session.headers(),
    );
    expect(attempted.status).toBeGreaterThanOrEqual(400);
    expect(await database.db.humanTask.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      status: "CLAIMED",
      assigneeId: me.id,
    });
  });
});

describe("issue 12.4: the landing page's counts per queue and kind", () => {
  it("a supervisor sees the platform review queue and the escalated queue apart, per kind", async () => {
    await database.db.humanTask.deleteMany({ where: { queue: { not: "UNIT" } } });
    const supervisor = await reviewer("PLATFORM_SUPERVISOR");
    await task({ title: "平台一" });
    await task({ title: "平台二", dueInMs: -HOUR });
    await task({ title: "平台手机", kind: "contactMobileChangeReview" });
    await task({ title: "平台已办", status: "COMPLETED" });
    await task({ title: "升级一", queue: "PLATFORM_SUPERVISOR", dueInMs: -HOUR });
    const response = await app.request("/api/me/work", {
      headers: (await passwordLogin(app, supervisor.idNumber)).headers(),
    });
    const work = (await response.json()).data;
    expect(work.total).toBe(4);
    expect(work.queues[0]).toMatchObject({ queue: "TASKS", pending: 4, unclaimed: 4, mine: 0, overdue: 2 });
    expect(work.taskQueues).toEqual([
      {
        queue: "PLATFORM_REVIEW",
        unit: null,
        pending: 3,
        overdue: 1,
        realPersonRequired: false,
        kinds: [
          { kind: "unitRegistrationReview", pending: 2, overdue: 1 },
          { kind: "contactMobileChangeReview", pending: 1, overdue: 0 },
        ],
      },
      {
        queue: "PLATFORM_SUPERVISOR",
        unit: null,
        pending: 1,
        overdue: 1,
        realPersonRequired: false,
        kinds: [
          { kind: "unitRegistrationReview", pending: 1, overdue: 1 },
          { kind: "contactMobileChangeReview", pending: 0, overdue: 0 },
        ],
      },
    ]);
  });

  it("unit staff see each of their units' queues: binding and affiliation for all, title applications for handlers only (R7); R12 hides the counts of a password session", async () => {
    const first = await createUnit(database.db, "贵阳市工作台计数示例有限公司");
    const second = await createUnit(database.db, "遵义市工作台计数示例有限公司");
    const person = await createPerson(database.db, { unitId: first.id, role: "TITLE_HANDLER" });
    await database.db.roleBinding.create({
      data: { personId: person.id, unitId: second.id, role: "UNIT_ADMIN", subsystem: "PORTAL" },
    });
    const unitTask = (
      unitId: string,
      kind: string,
      requestType: Parameters<typeof task>[0]["requestType"],
      dueInMs?: number,
    ) => task({ title: kind, queue: "UNIT", unitId, kind, requestType, dueInMs });
    await unitTask(first.id, BINDING_TASK_KIND, "BINDING_REQUEST");
    await unitTask(first.id, AFFILIATION_TASK_KIND, "AFFILIATION_REQUEST", -HOUR);
    await unitTask(first.id, TITLE_APPLICATION_TASK_KIND, "TITLE_APPLICATION");
    await unitTask(first.id, TITLE_APPLICATION_TASK_KIND, "TITLE_APPLICATION");
    await unitTask(second.id, BINDING_TASK_KIND, "BINDING_REQUEST");
    // An administrator does no title business (R7): the second unit's title application is not theirs.
    await unitTask(second.id, TITLE_APPLICATION_TASK_KIND, "TITLE_APPLICATION");

    const work = (
      await (
        await app.request("/api/me/work", {
          headers: (await realPersonSession(database.db, person.id)).headers(),
        })
      ).json()
    ).data;
    expect(work.taskQueues).toEqual([
      {
        queue: "UNIT",
        unit: { id: first.id, name: first.name },
        pending: 4,
        overdue: 1,
        realPersonRequired: false,
        kinds: [
          { kind: BINDING_TASK_KIND, pending: 1, overdue: 0 },
          { kind: AFFILIATION_TASK_KIND, pending: 1, overdue: 1 },
          { kind: TITLE_APPLICATION_TASK_KIND, pending: 2, overdue: 0 },
        ],
      },
      {
        queue: "UNIT",
        unit: { id: second.id, name: second.name },
        pending: 1,
        overdue: 0,
        realPersonRequired: false,
        kinds: [
          { kind: BINDING_TASK_KIND, pending: 1, overdue: 0 },
          { kind: AFFILIATION_TASK_KIND, pending: 0, overdue: 0 },
        ],
      },
    ]);
    expect(work.queues.find((q: { queue: string }) => q.queue === "TASKS").pending).toBe(5);

    const password = (
      await (
        await app.request("/api/me/work", { headers: (await passwordLogin(app, person.idNumber)).headers() })
      ).json()
    ).data;
    expect(
      password.taskQueues.map(
        (q: { unit: { name: string }; pending: number | null; realPersonRequired: boolean }) => [
          q.unit.name,
          q.pending,
          q.realPersonRequired,
        ],
      ),
    ).toEqual([
      [first.name, null, true],
      [second.name, null, true],
    ]);
  });
});
