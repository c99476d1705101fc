// R25: a person sees every request they made, its status, and its full history: who decided,
// when, why: their binding requests, the affiliation requests they made for a unit, and their title
// applications (R31) with their path up the push chain.
import { OpenAPIHono, z } from "@hono/zod-openapi";
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

const myRequest = z
  .discriminatedUnion("type", [myBindingRequest, myAffiliationRequest, myTitleApplication])
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
  const [bindings, affiliations, titleApplications] = await Promise.all([
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
  const data = [...bindingItems, ...affiliationItems, ...titleApplicationItems]
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .slice(0, 100);
  return c.json({ data }, 200);
});
