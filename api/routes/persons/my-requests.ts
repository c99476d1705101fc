// R25: a person sees every request they made, its status, and its full history: who decided,
// when, why: their binding requests, the affiliation requests they made for a unit, and their title
// applications (R31) with their path up the push chain; and the exits from a unit (R17) that ended a
// binding.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { maskName } from "../../../domain/masking.js";
import type { Database } from "../../../lib/database.js";
import type { Prisma } from "../../../prisma/generated/client.js";
import type { AppEnv } from "../../context.js";
import { dataResponse, defineRoute } from "../../route.js";
import { requirePerson } from "../../sessions.js";
import {
  AFFILIATION_INCLUDE,
  affiliationRequestView,
  affiliationRequestViews,
} from "../affiliation-requests/affiliation-request-view.js";
import { bindingRequestView, requestView } from "../binding-requests/binding-requests.js";
import { historyEntrySchema, loadRequestHistory } from "../request-history.js";
import {
  titleApplicationView,
  titleApplicationViews,
  WITH_STEPS,
} from "../title-applications/title-application-view.js";

const myBindingRequest = bindingRequestView
  .extend({
    type: z.literal("BINDING_REQUEST"),
    canWithdraw: z.boolean(),
    history: z.array(historyEntrySchema),
  })
  .openapi("MyBindingRequest");

/** An affiliation request the person made for a unit (R13); `canWithdraw` as the view says (R12). */
const myAffiliationRequest = affiliationRequestView
  .extend({
    type: z.literal("AFFILIATION_REQUEST"),
    history: z.array(historyEntrySchema),
  })
  .openapi("MyAffiliationRequest");

/**
 * A title application the person made (R31), as 职称申报 lists it; `submittedAt` (= createdAt) orders
 * it among the other requests; its reason is `returnReason`.
 */
const myTitleApplication = titleApplicationView
  .extend({
    type: z.literal("TITLE_APPLICATION"),
    submittedAt: z.string(),
    history: z.array(historyEntrySchema),
  })
  .openapi("MyTitleApplication");

/**
 * R17: the unit ended the person's binding (退出单位). Not a request the person made, but it ends
 * what their binding request began, so 我的申请 shows it beside them (issue 13.6): when, which unit,
 * who (masked) and why. `submittedAt` (= the exit) orders it among the requests.
 */
const myUnitExit = z
  .object({
    type: z.literal("UNIT_EXIT"),
    /** The binding that ended. */
    id: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    submittedAt: z.string(),
    closedAt: z.string(),
    reason: z.string().nullable(),
    /** Who exited the person, masked (domain/masking.ts). */
    exitedByName: z.string().nullable(),
  })
  .openapi("MyUnitExit");

const myRequest = z
  .discriminatedUnion("type", [myBindingRequest, myAffiliationRequest, myTitleApplication, myUnitExit])
  .openapi("MyRequest");

const list = defineRoute({
  method: "get",
  path: "/me/requests",
  tags: ["persons"],
  summary:
    "Every request the logged-in person made (binding requests, affiliation requests, title applications), newest first, each with its history (R25)",
  access: { actor: "person" },
  responses: {
    200: dataResponse("Requests", z.array(myRequest)),
  },
});

export const myRequestsRouter = new OpenAPIHono<AppEnv>().openapi(list, async (c) => {
  const { actor } = requirePerson(c);
  const { db } = c.get("deps");
  const [bindings, affiliations, titleApplications, exits] = await Promise.all([
    db.bindingRequest.findMany({
      where: { personId: actor.personId },
      include: { unit: true },
      orderBy: { submittedAt: "desc" },
      take: 100,
    }),
    db.affiliationRequest.findMany({
      where: { requestedById: actor.personId },
      include: AFFILIATION_INCLUDE,
      orderBy: { submittedAt: "desc" },
      take: 100,
    }),
    db.titleApplication.findMany({
      where: { personId: actor.personId },
      include: WITH_STEPS,
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    db.binding.findMany({
      where: { personId: actor.personId, endReason: "EXITED", endedAt: { not: null } },
      include: { unit: { select: { id: true, name: true } } },
      orderBy: { endedAt: "desc" },
      take: 100,
    }),
  ]);
  const bindingItems = await Promise.all(
    bindings.map(async (row) => ({
      ...requestView(row),
      type: "BINDING_REQUEST" as const,
      canWithdraw: row.openPersonId !== null,
      history: await loadRequestHistory(db, "BINDING_REQUEST", row.id),
    })),
  );
  const affiliationItems = await Promise.all(
    (await affiliationRequestViews(db, affiliations, actor)).map(async (view) => ({
      ...view,
      type: "AFFILIATION_REQUEST" as const,
      history: await loadRequestHistory(db, "AFFILIATION_REQUEST", view.id),
    })),
  );
  const titleApplicationItems = await Promise.all(
    (await titleApplicationViews(db, titleApplications, actor)).map(async (view) => ({
      ...view,
      type: "TITLE_APPLICATION" as const,
      submittedAt: view.createdAt,
      history: await loadRequestHistory(db, "TITLE_APPLICATION", view.id),
    })),
  );
  const exitItems = await unitExits(db, exits);
  const data = [...bindingItems, ...affiliationItems, ...titleApplicationItems, ...exitItems]
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .slice(0, 100);
  return c.json({ data }, 200);
});

/** The exits as 我的申请 lists them: the reason and who, from each exit's audit event (R26). */
async function unitExits(
  db: Database,
  exits: Prisma.BindingGetPayload<{ include: { unit: { select: { id: true; name: true } } } }>[],
): Promise<z.infer<typeof myUnitExit>[]> {
  const [events, people] = await Promise.all([
    db.auditEvent.findMany({
      where: { action: "binding.exited", targetType: "Binding", targetId: { in: exits.map((b) => b.id) } },
      select: { targetId: true, after: true },
    }),
    db.person.findMany({
      where: { id: { in: exits.flatMap((b) => (b.endedById ? [b.endedById] : [])) } },
      select: { id: true, name: true },
    }),
  ]);
  const reasonOf = (bindingId: string): string | null => {
    const after = events.find((e) => e.targetId === bindingId)?.after;
    try {
      const reason = (JSON.parse(after ?? "null") as { reason?: unknown } | null)?.reason;
      return typeof reason === "string" ? reason : null;
    } catch {
      return null;
    }
  };
  return exits.map((binding) => {
    const by = people.find((p) => p.id === binding.endedById);
    return {
      type: "UNIT_EXIT" as const,
      id: binding.id,
      unit: binding.unit,
      submittedAt: binding.endedAt!.toISOString(),
      closedAt: binding.endedAt!.toISOString(),
      reason: reasonOf(binding.id),
      exitedByName: by ? maskName(by.name) : null,
    };
  });
}
