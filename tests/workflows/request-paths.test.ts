// Issue 14 item 2: a request's short database steps are local activities, so they cost no round trip
// through the Temporal server. A binding request opens its task in its first workflow task, and the
// steps that follow a decision, its SMS notice included, finish in the workflow task of the Update
// that carried it, which also completes the workflow.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { temporal } from "@temporalio/proto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePorts } from "../../lib/free-port.js";
import { SMS_TEMPLATES } from "../../lib/ports/sms-templates.js";
import { resolveTemporalCli } from "../../lib/temporal-cli.js";
import { startTemporalDevServer } from "../../lib/temporal-dev-server.js";
import {
  BINDING_MERGED_STEPS,
  LOCAL_DATABASE_STEPS,
  LOCAL_NOTICES,
} from "../../workflows/activity-options.js";
import { BINDING_DECISION_NOTICE } from "../../workflows/binding-request.workflow.js";
import {
  type AliyunSmsStandIn,
  aliyunSmsEnv,
  startAliyunSmsStandIn,
} from "../support/aliyun-sms-stand-in.js";
import { createTestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { recordHistory } from "../support/histories.js";
import { createPerson, createUnit, passwordLogin, qrLogin } from "../support/people.js";
import { postJson } from "../support/registration.js";
import { type RunningWorker, startTestWorker } from "../support/worker.js";

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const {
  EVENT_TYPE_WORKFLOW_TASK_SCHEDULED: TASK_SCHEDULED,
  EVENT_TYPE_WORKFLOW_TASK_COMPLETED: TASK_COMPLETED,
  EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: ACTIVITY_SCHEDULED,
  EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: UPDATE_ACCEPTED,
  EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: UPDATE_COMPLETED,
  EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: WORKFLOW_COMPLETED,
  EVENT_TYPE_TIMER_STARTED: TIMER_STARTED,
} = temporal.api.enums.v1.EventType;

let database: TestDatabase;
let worker: RunningWorker;
let built: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  built = createTestApp(database, {
    temporalAddress: inject("temporalAddress"),
    env: { TEMPORAL_TASK_QUEUE: `paths-${randomUUID()}` },
  });
  worker = await startTestWorker({ database, config: built.config, ports: built.ports });
});
afterAll(async () => {
  await worker.stop();
  await database.close();
});

describe("issue 14: database steps are local activities", () => {
  it("a binding request's task is opened in its first workflow task; the decision's steps and SMS notice finish in the Update's", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const adminSession = await qrLogin(built.app, admin.idNumber);
    const person = await createPerson(database.db);
    const session = await passwordLogin(built.app, person.idNumber);

    const submitted = await postJson(
      built.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
      session.headers(),
    );
    expect(submitted.status).toBe(201);
    const { data: request } = await submitted.json();
    await expect
      .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status)
      .toBe("OPEN");
    const decided = await postJson(
      built.app,
      `/api/units/${unit.id}/binding-requests/decisions`,
      { requestIds: [request.id], decision: "APPROVE" },
      adminSession.headers(),
    );
    expect((await decided.json()).data[0]).toMatchObject({ ok: true, state: "APPROVED" });

    const { workflowId } = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } });
    const handle = built.temporal.workflow.getHandle(workflowId);
    await handle.result();
    const events = (await handle.fetchHistory()).events ?? [];

    // What each workflow task decided: the events after each WorkflowTaskCompleted, up to the next task.
    const tasks: HistoryEvent[][] = [];
    let current: HistoryEvent[] | undefined;
    for (const event of events) {
      if (event.eventType === TASK_COMPLETED) {
        current = [];
        tasks.push(current);
      } else if (event.eventType === TASK_SCHEDULED) current = undefined;
      else current?.push(event);
    }
    const markers = (batch: HistoryEvent[], name: string) =>
      batch.filter((event) => event.markerRecordedEventAttributes?.markerName === name);
    const localSteps = (batch: HistoryEvent[]) => markers(batch, "core_local_activity").length;
    const types = (batch: HistoryEvent[]) => batch.map((event) => event.eventType);

    // First task: the patch markers, then the timeline entry and the unit's task in ONE local step
    // (issue 14, BINDING_MERGED_STEPS), no activity scheduled.
    const [first, decision] = tasks;
    expect(first?.[0]?.markerRecordedEventAttributes?.markerName).toBe("core_patch");
    expect(localSteps(first!)).toBe(1);
    expect(types(first!)).not.toContain(ACTIVITY_SCHEDULED);
    // The decision's task: the Update accepted; the task completed, the person bound, the timeline
    // entry and the SMS notice in ONE local step (after BINDING_DECISION_NOTICE's marker, the only
    // one: the notice needed no step of its own); the Update answered and the workflow completed;
    // no activity task, two workflow tasks in all.
    expect(types(decision!)[0]).toBe(UPDATE_ACCEPTED);
    expect(localSteps(decision!)).toBe(1);
    expect(markers(decision!, "core_patch")).toHaveLength(1);
    expect(types(decision!)).toContain(UPDATE_COMPLETED);
    expect(types(decision!).at(-1)).toBe(WORKFLOW_COMPLETED);
    expect(events.filter((event) => event.eventType === ACTIVITY_SCHEDULED)).toEqual([]);
    expect(events.filter((event) => event.eventType === TASK_COMPLETED)).toHaveLength(2);
    const notice = await database.db.smsMessage.findUnique({
      where: { idempotencyKey: `BindingRequest:${request.id}:APPROVED` },
    });
    expect(notice?.mobile).toBe(person.mobile);
    const timeline = await database.db.requestEvent.findMany({
      where: { requestId: request.id },
      orderBy: { sequence: "asc" },
    });
    expect(timeline.map((e) => [e.sequence, e.kind, e.actorRole, e.actorId])).toEqual([
      [1, "SUBMITTED", "APPLICANT", null],
      [2, "APPROVED", "UNIT_ADMIN", admin.id],
    ]);
    await recordHistory(handle, "binding-request-approved-decision-notice");
    expect(BINDING_DECISION_NOTICE).toBe("binding-decision-notice");
    expect(LOCAL_NOTICES).toBe("local-notices");
    expect(LOCAL_DATABASE_STEPS).toBe("local-database-steps");
    expect(BINDING_MERGED_STEPS).toBe("binding-merged-steps");
  });
});

describe("issue 14: the dev server's settings (lib/temporal-dev-server.ts)", () => {
  it("a task queue has one partition, so matching forwards no tasks or polls between partitions", async () => {
    const [port, uiPort] = await freePorts(2);
    const server = await startTemporalDevServer({
      cliPath: await resolveTemporalCli(built.config.temporal, () => undefined),
      dbFile: path.join(database.dir, "temporal-dev-server.db"),
      port: port!,
      uiPort: uiPort!,
      namespace: "partitions",
      headless: true,
    });
    const connection = await Connection.connect({ address: server.address });
    try {
      const { workflowTaskQueuePartitions, activityTaskQueuePartitions } =
        await connection.workflowService.listTaskQueuePartitions({
          namespace: "partitions",
          taskQueue: { name: "account-platform" },
        });
      expect(workflowTaskQueuePartitions).toHaveLength(1);
      expect(activityTaskQueuePartitions).toHaveLength(1);
    } finally {
      await connection.close();
      await server.stop();
    }
  }, 60_000);

  it("the visibility indexes of the custom search attributes the platform does not register are dropped; listing still works", async () => {
    const [port, uiPort] = await freePorts(2);
    const dbFile = path.join(database.dir, "temporal-visibility.db");
    const server = await startTemporalDevServer({
      cliPath: await resolveTemporalCli(built.config.temporal, () => undefined),
      dbFile,
      port: port!,
      uiPort: uiPort!,
      namespace: "visibility",
      headless: true,
    });
    const connection = await Connection.connect({ address: server.address });
    try {
      const file = new Database(dbFile, { readonly: true });
      const indexes = file
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'executions_visibility'")
        .all()
        .map((row) => (row as { name: string }).name);
      file.close();
      expect(indexes.filter((name) => /^by_(bool|datetime|double|int|keyword)_\d\d$/.test(name))).toEqual([]);
      expect(indexes).toEqual(
        expect.arrayContaining([
          "default_idx",
          "by_workflow_id",
          "by_workflow_type",
          "by_status",
          "by_task_queue",
        ]),
      );
      expect(indexes).toHaveLength(45 - 22 + 1); // the primary key's automatic index is listed too

      const client = new Client({ connection, namespace: "visibility" });
      const workflowId = `visibility-${randomUUID()}`;
      await client.workflow.start("bindingRequestWorkflow", {
        taskQueue: "nobody-polls",
        workflowId,
        args: [],
      });
      await expect
        .poll(async () => {
          const found = [];
          for await (const execution of client.workflow.list({
            query: `WorkflowType = 'bindingRequestWorkflow' AND ExecutionStatus = 'Running'`,
          }))
            found.push(execution.workflowId);
          return found;
        })
        .toEqual([workflowId]);
    } finally {
      await connection.close();
      await server.stop();
    }
  }, 60_000);

  it("a start that loses a port is retried; when every start loses it, the error gives the server's cause", async () => {
    const [port, uiPort] = await freePorts(2);
    // Another process's server on the port (it hangs up on whoever connects).
    const holder = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const start = startTemporalDevServer({
        cliPath: await resolveTemporalCli(built.config.temporal, () => undefined),
        dbFile: path.join(database.dir, "temporal-port-taken.db"),
        port: port!,
        uiPort: uiPort!,
        namespace: "port-taken",
        headless: true,
      });
      await expect(start).rejects.toThrow(
        new RegExp(`127\\.0\\.0\\.1:${port}[^\\n]*address already in use[\\s\\S]*3 starts`),
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 60_000);
});

describe("issue 14: an SMS notice is stored by a local activity and sent by the worker's notice sender", () => {
  let sms: AliyunSmsStandIn;
  let viaAliyun: ReturnType<typeof createTestApp>;
  let aliyunWorker: RunningWorker;
  beforeAll(async () => {
    sms = await startAliyunSmsStandIn();
    viaAliyun = createTestApp(database, {
      temporalAddress: inject("temporalAddress"),
      env: { ...aliyunSmsEnv(sms, SMS_TEMPLATES), TEMPORAL_TASK_QUEUE: `paths-sms-${randomUUID()}` },
    });
    aliyunWorker = await startTestWorker({ database, config: viaAliyun.config, ports: viaAliyun.ports });
  });
  afterAll(async () => {
    await aliyunWorker?.stop();
    await sms?.close();
  });

  it("R16: a gateway outage does not hold the decision; the notice sender retries the notice until sent", async () => {
    const unit = await createUnit(database.db);
    const admin = await createPerson(database.db, { unitId: unit.id, role: "UNIT_ADMIN" });
    const adminSession = await qrLogin(viaAliyun.app, admin.idNumber);
    const person = await createPerson(database.db);
    const session = await passwordLogin(viaAliyun.app, person.idNumber);
    const submitted = await postJson(
      viaAliyun.app,
      "/api/binding-requests",
      { unitName: unit.name, pledgeAccepted: true, submissionId: randomUUID() },
      session.headers(),
    );
    const { data: request } = await submitted.json();
    await expect
      .poll(async () => (await database.db.humanTask.findFirst({ where: { requestId: request.id } }))?.status)
      .toBe("OPEN");

    // The gateway's first two answers are an outage (retryable), the next one OK: the decision's step
    // only stores the notice; the notice sender's first two attempts fail and it retries with backoff.
    const outage = { code: "ServiceUnavailable", message: "down for a moment" };
    sms.script(person.mobile, outage, outage);
    const decided = await postJson(
      viaAliyun.app,
      `/api/units/${unit.id}/binding-requests/decisions`,
      { requestIds: [request.id], decision: "APPROVE" },
      adminSession.headers(),
    );
    expect((await decided.json()).data[0]).toMatchObject({ ok: true, state: "APPROVED" });
    const toPerson = () => sms.received.filter((message) => message.phoneNumbers === person.mobile);
    // Answered before the notice could go out (its retries back off 1 s, then 2 s).
    expect(toPerson()).toEqual([]);

    const { workflowId } = await database.db.bindingRequest.findUniqueOrThrow({ where: { id: request.id } });
    const handle = viaAliyun.temporal.workflow.getHandle(workflowId);
    expect(await handle.result()).toBe("APPROVED");
    // The row, not the stand-in's inbox: the gateway has the message a moment before SENT is stored.
    const notice = () =>
      database.db.smsMessage.findUniqueOrThrow({
        where: { idempotencyKey: `BindingRequest:${request.id}:APPROVED` },
      });
    await expect.poll(async () => (await notice()).status, { timeout: 20_000 }).toBe("SENT");
    expect(await notice()).toMatchObject({ attempts: 3, nextAttemptAt: null });
    expect(toPerson()).toHaveLength(1);
    const events = (await handle.fetchHistory()).events ?? [];
    // Only the reminder's timer: the gateway's retries are the sender's, not the workflow's.
    const timers = events
      .filter((event) => event.eventType === TIMER_STARTED)
      .map((event) => Number(event.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0));
    expect(timers.filter((seconds) => seconds <= 2)).toEqual([]);
    expect(events.filter((event) => event.eventType === ACTIVITY_SCHEDULED)).toEqual([]);
  });
});
