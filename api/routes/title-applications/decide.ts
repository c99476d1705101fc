// A node's decision on a title application (R31), from 职称申报 or the workbench: the API refuses
// what it can tell at once with the reason (R7 administrators, another unit, a step that moved on);
// the workflow's Update validator is the arbiter, so of two handlers at once exactly one decides.
import type { Actor } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { maskName } from "../../../domain/masking.js";
import { type AuditOrigin, recordDecisionOrigin } from "../../../lib/audit.js";
import {
  decideTitleApplication,
  NOT_A_TITLE_HANDLER,
  NOT_IN_REVIEW,
  OTHER_REQUEST,
  REAL_PERSON_REQUIRED,
  REASON_REQUIRED,
  TITLE_APPLICATION_TASK_KIND,
} from "../../../workflows/contracts.js";
import type { AppDependencies } from "../../context.js";
import { decisionKey, executeUpdateWithin, mapWorkflowErrors } from "../../workflow-calls.js";
import { claimForDecision } from "../tasks/task-claims.js";
import { WITH_STEPS } from "./title-application-view.js";
import { sendToTitleApplicationWorkflow } from "./workflow.js";

/**
 * `clientKey`: the request's Idempotency-Key header, if any (see decisionKey). `position`: the step
 * the decider acts on (a task's); by default the step the application is at.
 */
export type TitleApplicationDecisionInput = {
  decision: "PUSH" | "RETURN";
  reason?: string;
  clientKey?: string;
  position?: number;
};

/** R7: an administrator's refusal says who does title business instead. */
const administratorRefusal = () =>
  new AppError("TITLE_BUSINESS_NOT_FOR_ADMINISTRATOR", {
    details: {
      rule: "R7",
      remedy: {
        "zh-CN":
          "请由本单位的单位经办员在“审核工作台”推送或退回；本单位尚无经办员时，请在“账号角色管理”中为本单位人员授予职称经办角色",
        en: "Let a title handler of the unit push or return it in the workbench; if the unit has none, grant the title handler role to one of its people (account roles)",
      },
    },
  });

/**
 * Pushes the application up or returns it as a handler (TITLE_HANDLER) of the node that has it,
 * in a real-person session (R12). Answers once the workflow has applied it; a retry with the same
 * key gets the first outcome. Errors: TITLE_APPLICATION_NOT_FOUND (not on its path),
 * TITLE_BUSINESS_NOT_FOR_ADMINISTRATOR (R7), TITLE_APPLICATION_NOT_AT_UNIT (another node has it),
 * REQUEST_ALREADY_DECIDED (decided, withdrawn or closed meanwhile), DECISION_REASON_REQUIRED,
 * REAL_PERSON_SESSION_REQUIRED, FORBIDDEN_UNIT_SCOPE (the role was revoked meanwhile).
 */
export async function decideTitleApplicationAs(
  deps: AppDependencies,
  actor: Extract<Actor, { kind: "PERSON" }>,
  applicationId: string,
  input: TitleApplicationDecisionInput,
  origin: AuditOrigin,
): Promise<void> {
  const application = await deps.db.titleApplication.findUnique({
    where: { id: applicationId },
    include: WITH_STEPS,
  });
  const holds = (role: string, unitId: string) =>
    actor.roles.some((g) => g.role === role && g.unitId === unitId);
  const steps = application?.steps ?? [];
  const onPath = (role: string) => steps.some((s) => holds(role, s.unitId));
  if (!application || !(onPath("TITLE_HANDLER") || onPath("UNIT_ADMIN"))) {
    throw new AppError("TITLE_APPLICATION_NOT_FOUND");
  }
  const current =
    application.status === "IN_PROGRESS" ? steps.find((s) => s.status === "PENDING") : undefined;
  const position = input.position ?? current?.position ?? -1;
  const keyAt = (at: number) =>
    decisionKey(actor.personId, {
      requestId: `${application.id}:${at}`,
      decision: input.decision,
      clientKey: input.clientKey,
    });
  // A retry of a decision already applied gets its outcome (the application has moved on since).
  const mineNow = current?.position === position && holds("TITLE_HANDLER", current.unitId);
  const applied = steps.some(
    (s) => (input.position ?? s.position) === s.position && s.decisionKey === keyAt(s.position),
  );
  if (!mineNow && applied) return;
  const key = keyAt(position);
  if (!onPath("TITLE_HANDLER")) throw administratorRefusal();
  if (!current) throw new AppError("REQUEST_ALREADY_DECIDED");
  if (position !== current.position) {
    const step = steps.find((s) => s.position === position);
    throw new AppError(
      step && step.status !== "PENDING" ? "REQUEST_ALREADY_DECIDED" : "TITLE_APPLICATION_NOT_AT_UNIT",
    );
  }
  if (!holds("TITLE_HANDLER", current.unitId)) {
    if (holds("UNIT_ADMIN", current.unitId)) throw administratorRefusal();
    const decidedHere = steps.some(
      (s) => holds("TITLE_HANDLER", s.unitId) && (s.status === "ACCEPTED" || s.status === "RETURNED"),
    );
    throw new AppError(decidedHere ? "REQUEST_ALREADY_DECIDED" : "TITLE_APPLICATION_NOT_AT_UNIT");
  }
  if (actor.strength !== "REAL_PERSON") throw new AppError("REAL_PERSON_SESSION_REQUIRED");
  const reason = input.reason?.trim() || undefined;
  if (input.decision === "RETURN" && !reason)
    throw new AppError("DECISION_REASON_REQUIRED", { field: "reason" });
  // The workbench's claim rule holds in 职称申报 too: deciding claims the node's task; a colleague's claim refuses.
  const task = await deps.db.humanTask.findUnique({
    where: {
      requestId_kind_step: { requestId: application.id, kind: TITLE_APPLICATION_TASK_KIND, step: position },
    },
  });
  await claimForDecision(deps, actor, task);
  const person = await deps.db.person.findUniqueOrThrow({ where: { id: actor.personId } });
  await recordDecisionOrigin(deps.db, key, origin);
  // Issue 14: refused in a retried workflow task although this decision's steps were applied: the
  // step records its key, and the database is the arbiter.
  const appliedHere = async () =>
    (
      await deps.db.titleApplicationStep.findUnique({
        where: { applicationId_position: { applicationId: application.id, position } },
        select: { decisionKey: true },
      })
    )?.decisionKey === key;
  const progress = await mapWorkflowErrors(
    () =>
      sendToTitleApplicationWorkflow(deps, application, () =>
        executeUpdateWithin(
          deps,
          deps.temporal.workflow.getHandle(application.workflowId!),
          decideTitleApplication,
          {
            updateId: key,
            args: [
              {
                applicationId: application.id,
                position,
                decision: input.decision,
                reason,
                deciderId: actor.personId,
                deciderRole: "TITLE_HANDLER",
                deciderLabel: maskName(person.name),
                deciderRoles: actor.roles.map((g) => ({ role: g.role, unitId: g.unitId })),
                strength: actor.strength,
              },
            ],
          },
        ),
      ),
    {
      byFailureType: {
        [NOT_IN_REVIEW]: "REQUEST_ALREADY_DECIDED",
        [OTHER_REQUEST]: "REQUEST_ALREADY_DECIDED",
        [NOT_A_TITLE_HANDLER]: "FORBIDDEN_UNIT_SCOPE",
        [REAL_PERSON_REQUIRED]: "REAL_PERSON_SESSION_REQUIRED",
        [REASON_REQUIRED]: "DECISION_REASON_REQUIRED",
      },
      closed: "REQUEST_ALREADY_DECIDED",
      details: { unitId: current.unitId },
    },
  ).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "REQUEST_ALREADY_DECIDED" && (await appliedHere())) {
      return { applied: true };
    }
    throw error;
  });
  // Withdrawn while this decision was on its way: it was not applied.
  if (!progress.applied && !(await appliedHere())) throw new AppError("REQUEST_ALREADY_DECIDED");
}
