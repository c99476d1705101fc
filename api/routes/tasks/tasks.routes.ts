import { z } from "@hono/zod-openapi";
import { COMPARED_FIELDS, REGISTRY_OUTCOMES } from "../../../domain/registry-comparison.js";
import { UNIT_TYPES } from "../../../domain/unit-types.js";
import { ContactMobileChangeMethod, RequestType, UploadKind } from "../../../prisma/generated/enums.js";
import { textField } from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { idempotencyKeyHeader } from "../../workflow-calls.js";
import { applicantSchema } from "../binding-requests/binding-requests.js";
import { listQuery, listResponse } from "../list-query.js";
import { historyEntrySchema } from "../request-history.js";
import { titleApplicationTaskDetail } from "../title-applications/title-application-view.js";
import { registeredFactsSchema } from "./registered-facts-choice.js";

const tags = ["tasks"];
const WORKBENCH_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR", "UNIT_ADMIN", "TITLE_HANDLER"] as const;
const access = { actor: "person", roles: WORKBENCH_ROLES } as const;
/**
 * The most tasks the inbox counts for its total and each view's count: past it the response says
 * "more" (capped) instead of counting an archive of ~1M closed tasks on every request.
 */
export const TASK_COUNT_LIMIT = 10_000;

/** The workbench's views (tabs) of the caller's tasks; see the list route. */
export const TASK_VIEWS = ["unclaimed", "mine", "open", "closed"] as const;

export const task = z
  .object({
    id: z.string(),
    kind: z.string(),
    requestType: z.enum(RequestType),
    requestId: z.string(),
    title: z.string(),
    queue: z.enum(["PLATFORM_REVIEW", "PLATFORM_SUPERVISOR", "UNIT"]),
    status: z.enum(["OPEN", "CLAIMED", "COMPLETED", "CANCELLED"]),
    assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    remindedAt: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    outcome: z.string().nullable(),
  })
  .openapi("Task");

const upload = z.object({
  id: z.string(),
  kind: z.enum(UploadKind),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  url: z.string(),
});

const registrationDetail = z.object({
  requestNumber: z.string(),
  unitName: z.string(),
  uscc: z.string(),
  unitType: z.enum(UNIT_TYPES),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  legalRepName: z.string(),
  legalRepIdNumberMasked: z.string(),
  legalRepMobileMasked: z.string().nullable(),
  contactName: z.string(),
  contactMobileMasked: z.string(),
  submittedAt: z.string(),
  usccCheckWarning: z.boolean(),
  reviewReason: z.string().nullable(),
  registry: z
    .object({
      outcome: z.enum(REGISTRY_OUTCOMES),
      record: z
        .object({
          name: z.string(),
          legalRepName: z.string(),
          /** Null: the registry does not disclose it (commercial registries never do); R3's face check proves it. */
          legalRepIdNumberMasked: z.string().nullable(),
          status: z.enum(["IN_BUSINESS", "DEREGISTERED"]),
          /** The registry's own wording of the registration state (登记状态, e.g. 吊销，未注销), if any. */
          registryStatus: z.string().nullable(),
          registeredOn: z.string(),
        })
        .nullable(),
      /** Facts the registry does not disclose: neither a match nor a mismatch. */
      notProvidedFields: z.array(z.enum(COMPARED_FIELDS)),
      mismatchedFields: z.array(z.string()),
      checkedAt: z.string(),
    })
    .nullable(),
  /**
   * R30: the facts an approval chooses the registered value of (registry's or applicant's): those
   * that differ, when the registry has a record; empty when the applicant's values are the only ones.
   */
  factChoices: z.array(z.enum(COMPARED_FIELDS)),
  uploads: z.array(upload),
  history: z.array(historyEntrySchema),
});

const bindingRequestDetail = z.object({
  requestNumber: z.string(),
  unitName: z.string(),
  person: applicantSchema,
  submittedAt: z.string(),
  history: z.array(historyEntrySchema),
});

const contactMobileChangeDetail = z.object({
  unitName: z.string(),
  uscc: z.string().nullable(),
  legalRepName: z.string().nullable(),
  previousMobileMasked: z.string(),
  newMobileMasked: z.string(),
  method: z.enum(ContactMobileChangeMethod),
  explanation: z.string().nullable(),
  submittedAt: z.string(),
  history: z.array(historyEntrySchema),
});

const affiliationRequestDetail = z.object({
  requestNumber: z.string(),
  /** The requesting unit. */
  unit: z.object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    type: z.enum(UNIT_TYPES),
    regionName: z.string(),
  }),
  superiorUnit: z.object({ id: z.string(), name: z.string() }),
  /** Its superior when it asked: it stays until this request is approved. */
  previousSuperiorUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  submittedAt: z.string(),
  history: z.array(historyEntrySchema),
});

export const taskDetail = task
  .extend({
    registration: registrationDetail.nullable(),
    contactMobileChange: contactMobileChangeDetail.nullable(),
    bindingRequest: bindingRequestDetail.nullable(),
    /** R13: the affiliation request the superior unit decides. */
    affiliationRequest: affiliationRequestDetail.nullable(),
    /** R31: the title application a node's handler pushes up or returns. */
    titleApplication: titleApplicationTaskDetail.nullable(),
  })
  .openapi("TaskDetail");

export const list = defineRoute({
  method: "get",
  path: "/tasks",
  tags,
  summary: "The workbench: human tasks the caller may act on",
  access,
  request: {
    query: listQuery(["dueAt", "createdAt"]).extend({
      /**
       * The inbox's tabs: unclaimed (待领取: open, nobody claimed it), mine (我已领取: claimed by the
       * caller, not yet decided), open (全部: every task still to decide, whoever claimed it), closed
       * (已办结: completed or cancelled). Absent: every task.
       */
      view: z.enum(TASK_VIEWS).optional(),
      kind: z.string().optional(),
      status: z.enum(["OPEN", "CLAIMED", "COMPLETED", "CANCELLED"]).optional(),
      overdue: z.enum(["true", "false"]).optional(),
      /** Tasks the caller claimed or decided, in any status. */
      mine: z.enum(["true", "false"]).optional(),
      /** One queue: the platform's review queue, the supervisors' queue, or the units' queues. */
      queue: z.enum(["PLATFORM_REVIEW", "PLATFORM_SUPERVISOR", "UNIT"]).optional(),
      /** One unit's queue (a unit whose administrator or handler the caller is). */
      unitId: z.string().uuid().optional(),
      /** Free text: part of a request number or of a unit's name. */
      q: textField({ max: 50 }).optional(),
    }),
  },
  responses: {
    200: {
      description: "Tasks, and the number of tasks in each view under the same filters",
      content: {
        "application/json": {
          schema: listResponse(task).extend({
            counts: z
              .object({
                unclaimed: z.number().int(),
                mine: z.number().int(),
                open: z.number().int(),
                closed: z.number().int(),
              })
              .openapi("TaskViewCounts"),
            /** The most `total` and each view's count say: counting stops there (TASK_COUNT_LIMIT). */
            countLimit: z.number().int(),
            /** The counts that stopped at `countLimit`: there are more tasks ("10000+"). */
            capped: z.array(z.enum(["total", ...TASK_VIEWS])),
          }),
        },
      },
    },
  },
});

const idParam = z.object({ id: z.string().uuid() });
const taskResponse = {
  description: "The task",
  content: { "application/json": { schema: z.object({ data: task }) } },
};

export const show = defineRoute({
  method: "get",
  path: "/tasks/{id}",
  tags,
  summary: "A task with what the decider needs: submitted facts beside the registry's, materials, history",
  access,
  request: { params: idParam },
  responses: {
    200: dataResponse("The task", taskDetail),
  },
});

export const claim = defineRoute({
  method: "post",
  path: "/tasks/{id}/claim",
  tags,
  summary: "Take the task (others see it as claimed)",
  access,
  request: { params: idParam },
  responses: { 200: taskResponse },
});

export const release = defineRoute({
  method: "post",
  path: "/tasks/{id}/release",
  tags,
  summary: "Give a claimed task back to the queue",
  access,
  request: { params: idParam },
  responses: { 200: taskResponse },
});

export const decide = defineRoute({
  method: "post",
  path: "/tasks/{id}/decision",
  tags,
  summary:
    "Approve or reject (a rejection needs a reason); answered once the workflow has applied it. A retry with the same Idempotency-Key gets the first outcome",
  access,
  request: {
    params: idParam,
    headers: idempotencyKeyHeader,
    body: jsonBody(
      z.object({
        decision: z.enum(["APPROVE", "REJECT"]),
        reason: textField({ max: 500 }).optional(),
        registeredFacts: registeredFactsSchema.optional(),
      }),
    ),
  },
  responses: { 200: taskResponse },
});

export const uploadContent = defineRoute({
  method: "get",
  path: "/uploads/{id}/content",
  tags: ["uploads"],
  summary: "An uploaded material's file, for the reviewers deciding its request",
  access: { actor: "person", roles: ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"] },
  request: { params: idParam },
  responses: { 200: { description: "The file (PDF, JPEG or PNG)" } },
});
