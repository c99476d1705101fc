// I/O of the unitRegistration workflow (R1–R4). Everything is keyed by the registration id,
// so a retry after a crash of the worker finds its work already done.
import { ApplicationFailure } from "@temporalio/activity";
import { maskIdNumber } from "../domain/masking.js";
import { type RegisteredFactsChoice, registeredFacts } from "../domain/registered-facts.js";
import { compareWithRegistry, type RegistryComparison } from "../domain/registry-comparison.js";
import { writeAuditEvent, writeDecisionAudit } from "../lib/audit.js";
import { RegistryCredentialsError, RegistryUnavailableError } from "../lib/ports/business-registry.js";
import type { SmsTemplate } from "../lib/ports/sms-templates.js";
import { readRegistryResult } from "../lib/registry-result.js";
import { unitHoldingUscc } from "../lib/unit-identity.js";
import type { Prisma } from "../prisma/generated/client.js";
import { type DecisionRecord, type ManualReviewReason, REVIEW_TASK_KIND } from "../workflows/contracts.js";
import { registryCheckedDetail, reviewReasonAfterCheck } from "../workflows/registration-review-reason.js";
import type { StoredOutcome } from "../workflows/stored-outcome.js";
import type { ActivityDependencies } from "./index.js";
import { openLegalRepCheck } from "./legal-rep-check.js";
import {
  createRequestActivities,
  type RequestEventInput,
  settleTask,
  storedOutcome,
  upsertTask,
} from "./request.activities.js";
import { storedEntry } from "./stored-event.js";

const reviewTaskOf = (registrationId: string) => ({ requestId: registrationId, kind: REVIEW_TASK_KIND });

export type RegistrationStatusValue = "CHECKING" | "AWAITING_REAL_PERSON_AUTH" | "IN_MANUAL_REVIEW";

export type RegistrationNotice =
  | { kind: "IN_REVIEW"; reason: string }
  | { kind: "APPROVED" }
  | { kind: "REJECTED"; reason: string }
  | { kind: "WITHDRAWN" }
  | { kind: "FACE_CHECK_LINK"; url: string; days: number }
  | { kind: "FACE_CHECK_REMINDER"; url: string; deadline: string };

/** A timeline entry (R25) a folded step writes for the workflow: the request is the registration. */
export type RegistrationEvent = Omit<RequestEventInput, "requestType" | "requestId">;

export function createUnitRegistrationActivities(deps: ActivityDependencies) {
  const { db, ports } = deps;
  const { recordRequestEvent } = createRequestActivities(deps);
  const recordEvents = async (registrationId: string, events: RegistrationEvent[]) => {
    for (const event of events)
      await recordRequestEvent({ requestType: "UNIT_REGISTRATION", requestId: registrationId, ...event });
  };
  const load = (registrationId: string) =>
    db.unitRegistration.findUniqueOrThrow({ where: { id: registrationId } });
  type Registration = Awaited<ReturnType<typeof load>>;

  /** Whether a unit holds the registration's USCC (R4: registered since the submission). */
  const unitExists = async (registration: Registration) =>
    (await db.unit.findFirst({ where: unitHoldingUscc(registration.uscc), select: { id: true } })) !== null;

  /**
   * Marks a SUBMITTED request open for its USCC (R4), with `also` in the same write; answers whether
   * it wrote. Conditional: a request closed meanwhile (withdrawn, or stopped by an operator while this
   * step was running: a local activity outlives its workflow's termination) stays closed.
   */
  async function markChecking(
    registration: Registration,
    also: Prisma.UnitRegistrationUpdateManyMutationInput = {},
  ): Promise<boolean> {
    if (registration.status !== "SUBMITTED") return false;
    const { count } = await db.unitRegistration.updateMany({
      where: { id: registration.id, status: "SUBMITTED", closedAt: null },
      data: { status: "CHECKING", openUscc: registration.uscc, ...also },
    });
    return count > 0;
  }

  /** Marks the request open for its USCC (R4) unless a unit holds the USCC; answers whether one does. */
  async function open(registration: Registration): Promise<boolean> {
    if (await unitExists(registration)) return true;
    await markChecking(registration);
    return false;
  }

  /**
   * R2: the registry's record and its comparison with the request (no write); an outage is thrown
   * as a retryable failure, a refusal only the operators can mend as a non-retryable one.
   */
  async function askRegistry(registration: Registration) {
    let record: Awaited<ReturnType<typeof ports.businessRegistry.lookup>>;
    try {
      record = await ports.businessRegistry.lookup(registration.uscc);
    } catch (error) {
      if (error instanceof RegistryUnavailableError) {
        throw ApplicationFailure.create({
          type: "REGISTRY_UNAVAILABLE",
          message: error.message,
          nonRetryable: error instanceof RegistryCredentialsError,
        });
      }
      throw error;
    }
    const comparison = compareWithRegistry(registration, record);
    const checkedAt = new Date().toISOString();
    const registryResult = JSON.stringify({ ...comparison, record, checkedAt });
    return { comparison, registryResult, checkedAt };
  }

  /** R2: the registry's record compared and stored with the request; an outage is thrown (retried). */
  async function checkRegistry(registration: Registration): Promise<RegistryComparison> {
    const { comparison, registryResult } = await askRegistry(registration);
    await db.unitRegistration.update({
      where: { id: registration.id },
      data: { registryResult },
      select: { id: true },
    });
    return comparison;
  }

  /** The reviewers' task (keyed: a retry hits its key). */
  async function openReviewTask(
    workflowId: string,
    registration: Pick<Registration, "id" | "unitName" | "requestNumber">,
    dueAt: string,
  ) {
    await upsertTask(db, {
      workflowId,
      kind: REVIEW_TASK_KIND,
      requestType: "UNIT_REGISTRATION",
      requestId: registration.id,
      queue: "PLATFORM_REVIEW",
      title: `${registration.unitName}（${registration.requestNumber}）`,
      requestNumber: registration.requestNumber,
      dueAt,
    });
  }

  /** The status IN_MANUAL_REVIEW, written after the task exists; a request closed meanwhile keeps its status. */
  async function markInReview(registrationId: string) {
    await db.unitRegistration.updateMany({
      where: { id: registrationId, closedAt: null },
      data: { status: "IN_MANUAL_REVIEW" },
    });
  }

  /**
   * The reviewers' task, then the status IN_MANUAL_REVIEW, so the task exists before the status
   * says "in review".
   */
  async function openReview(
    workflowId: string,
    registration: Pick<Registration, "id" | "unitName" | "requestNumber">,
    dueAt: string,
  ) {
    await openReviewTask(workflowId, registration, dueAt);
    await markInReview(registration.id);
  }

  async function notify(
    registrationId: string,
    key: string,
    template: SmsTemplate,
    params: Record<string, string>,
    mobile?: string,
  ) {
    const registration = await load(registrationId);
    await ports.sms.queue({
      idempotencyKey: `UnitRegistration:${registrationId}:${key}`,
      mobile: mobile ?? registration.contactMobile,
      template,
      params: { unitName: registration.unitName, requestNumber: registration.requestNumber, ...params },
    });
  }

  return {
    /**
     * Marks the request open for its USCC (R4). Returns whether the USCC's check characters failed,
     * and whether a unit with this USCC exists already (created since the submission): the
     * workflow then closes the request with a notice instead of failing. `submitted`: the timeline's
     * first entry, written first (issue 14: one step instead of two before the review task opens).
     */
    async openRegistration({
      registrationId,
      submitted,
    }: {
      registrationId: string;
      submitted?: RegistrationEvent;
    }) {
      if (submitted) await recordEvents(registrationId, [submitted]);
      const registration = await load(registrationId);
      return { usccCheckWarning: registration.usccCheckWarning, unitExists: await open(registration) };
    },

    /**
     * Issue 14 (patch registration-checked-opening): the registration's first step in one local
     * activity — openRegistration's writes, the registry check (R2, as checkBusinessRegistry) and,
     * when the workflow's rule (reviewReasonAfterCheck) sends it to review, openManualReview's — so
     * the review task's row is written by the first step instead of the third. `submitted` is the
     * timeline's first entry; the registry's answer and MANUAL_REVIEW take the next positions, dated
     * when the registry answered. Returns the comparison, the entries written after `submitted` (the
     * workflow keeps them as they are) and the review reason it applied;
     * `unitExists` (no check then) as openRegistration. A registry outage is thrown
     * as by checkBusinessRegistry; every write is keyed or conditional, so a retry (or the workflow's
     * openRegistration after the last one failed) completes what an attempt began.
     */
    async openCheckedRegistration(input: {
      workflowId: string;
      registrationId: string;
      submitted: RegistrationEvent;
      /** The review task's due time (ISO), should the check send the request to review. */
      dueAt: string;
    }): Promise<
      | { unitExists: true }
      | {
          unitExists: false;
          usccCheckWarning: boolean;
          comparison: RegistryComparison;
          written: RegistrationEvent[];
          /**
           * The review's reason when the check opened one (the rule applied here), else null. Absent
           * from results recorded before it was returned: the workflow then applies the rule itself.
           */
          reviewReason: ManualReviewReason | null;
        }
    > {
      const { registrationId, submitted } = input;
      const registration = await load(registrationId);
      if (await unitExists(registration)) {
        await recordEvents(registrationId, [submitted]);
        return { unitExists: true };
      }
      // A retry of this step after a failed write takes the answer the registry gave the attempt
      // before (stored first): the registry is not asked (nor paid) twice, and the retry writes the
      // same entries, where another answer would leave the first attempt's rows standing.
      const stored = readRegistryResult(registration.registryResult);
      const asked = stored ? undefined : await askRegistry(registration);
      const comparison: RegistryComparison = asked?.comparison ?? {
        outcome: stored!.outcome,
        mismatchedFields: stored!.mismatchedFields,
        notProvidedFields: stored!.notProvidedFields ?? [],
      };
      // The registry's answer and the review it leads to are dated when the registry answered (the
      // stored time on a retry, so the retry's entries are the rows the attempt wrote), not submitted.
      const checkedAt = asked?.checkedAt ?? stored!.checkedAt;
      // Issue 14: the request marked open for its USCC (R4) and the registry's answer in one write,
      // then the review task, so the task's row is the fourth statement, not the eighth; the timeline
      // entries follow it and the status IN_MANUAL_REVIEW comes last. A request closed meanwhile
      // (withdrawn, or stopped by an operator: a local activity outlives its workflow) stays closed.
      const registryResult = asked && { registryResult: asked.registryResult };
      if (!(await markChecking(registration, registryResult)) && registryResult)
        await db.unitRegistration.update({
          where: { id: registrationId },
          data: registryResult,
          select: { id: true },
        });
      const reason = reviewReasonAfterCheck(comparison, registration.usccCheckWarning);
      const { sequence } = submitted;
      const at = checkedAt;
      const written: RegistrationEvent[] = [
        { at, sequence: sequence + 1, kind: "REGISTRY_CHECKED", detail: registryCheckedDetail(comparison) },
      ];
      if (reason) written.push({ at, sequence: sequence + 2, kind: "MANUAL_REVIEW", reason });
      if (reason) await openReviewTask(input.workflowId, registration, input.dueAt);
      await recordEvents(registrationId, [submitted, ...written]);
      if (reason) await markInReview(registrationId);
      const { usccCheckWarning } = registration;
      return { unitExists: false, usccCheckWarning, comparison, written, reviewReason: reason ?? null };
    },

    /**
     * R2: compares with the business registry; an outage is thrown, so Temporal retries with backoff.
     * A refusal only the operators can mend (token, contract) is not retried: the registration goes
     * to manual review at once (the adapter has logged why).
     */
    async checkBusinessRegistry({ registrationId }: { registrationId: string }): Promise<RegistryComparison> {
      return checkRegistry(await load(registrationId));
    },

    async setRegistrationStatus({
      registrationId,
      status,
    }: {
      registrationId: string;
      status: RegistrationStatusValue;
    }) {
      await db.unitRegistration.updateMany({
        where: { id: registrationId, closedAt: null },
        data: { status },
      });
    },

    /** R3: opens the legal representative's face check (its link goes out once its workflow runs). */
    async openLegalRepCheck({ registrationId, ttlSeconds }: { registrationId: string; ttlSeconds: number }) {
      const registration = await load(registrationId);
      return openLegalRepCheck(deps, {
        requestId: registrationId,
        legalRepName: registration.legalRepName,
        legalRepIdNumber: registration.legalRepIdNumber,
        ttlSeconds,
      });
    },

    async sendRegistrationNotice({
      registrationId,
      notice,
    }: {
      registrationId: string;
      notice: RegistrationNotice;
    }) {
      switch (notice.kind) {
        case "IN_REVIEW":
          return notify(registrationId, "in-review", "REGISTRATION_IN_REVIEW", { reason: notice.reason });
        case "APPROVED": {
          // R30: the values the unit was registered with, which may be the registry's.
          const registration = await db.unitRegistration.findUniqueOrThrow({
            where: { id: registrationId },
            include: { unit: true },
          });
          return notify(registrationId, "approved", "REGISTRATION_APPROVED", {
            unitName: registration.unit?.name ?? registration.unitName,
            legalRepName: registration.unit?.legalRepName ?? registration.legalRepName,
            accountName: registration.unit?.accountName ?? registration.uscc,
          });
        }
        case "REJECTED":
          return notify(registrationId, "rejected", "REGISTRATION_REJECTED", { reason: notice.reason });
        case "WITHDRAWN":
          return notify(registrationId, "withdrawn", "REGISTRATION_WITHDRAWN", {});
        case "FACE_CHECK_LINK": {
          const registration = await load(registrationId);
          return notify(
            registrationId,
            "face-check-link",
            "LEGAL_REP_FACE_CHECK",
            { legalRepName: registration.legalRepName, url: notice.url, days: String(notice.days) },
            registration.legalRepMobile ?? undefined,
          );
        }
        case "FACE_CHECK_REMINDER": {
          const registration = await load(registrationId);
          return notify(
            registrationId,
            "face-check-reminder",
            "LEGAL_REP_FACE_CHECK_REMINDER",
            { url: notice.url, deadline: notice.deadline },
            registration.legalRepMobile ?? undefined,
          );
        }
      }
    },

    /** The reviewers' task for this request, titled with the unit's name and request number. */
    async openReviewTask(input: { workflowId: string; kind: string; registrationId: string; dueAt: string }) {
      const registration = await load(input.registrationId);
      await upsertTask(db, {
        workflowId: input.workflowId,
        kind: input.kind,
        requestType: "UNIT_REGISTRATION",
        requestId: input.registrationId,
        queue: "PLATFORM_REVIEW",
        title: `${registration.unitName}（${registration.requestNumber}）`,
        requestNumber: registration.requestNumber,
        dueAt: input.dueAt,
      });
    },

    /**
     * Issue 14: the timeline entry of an outcome adopted from another path's attempt, written once
     * (keyed by its sequence); answers the entry as stored — that attempt's decider, when it wrote the
     * row first — for the workflow's status query (activities/stored-event.ts).
     */
    async recordAdoptedRegistrationEvent(input: RegistrationEvent & { registrationId: string }) {
      const { registrationId, ...event } = input;
      await recordEvents(registrationId, [event]);
      return storedEntry(db, {
        requestType: "UNIT_REGISTRATION",
        requestId: registrationId,
        sequence: event.sequence,
      });
    },

    /**
     * Issue 14: the manual review opened in one step — the timeline's `events` (the registry's answer,
     * MANUAL_REVIEW), the reviewers' task, then the status IN_MANUAL_REVIEW — where it took four
     * local activities. Each write is keyed (events by sequence, the task by its kind), so a retry
     * after a crash completes what the first attempt began; the task exists before the status says
     * "in review". No transaction: a keyed INSERT that hits its key would end it on PostgreSQL.
     */
    async openManualReview(input: {
      workflowId: string;
      registrationId: string;
      dueAt: string;
      events: RegistrationEvent[];
    }) {
      const { registrationId } = input;
      await recordEvents(registrationId, input.events);
      const registration = await db.unitRegistration.findUniqueOrThrow({
        where: { id: registrationId },
        select: { id: true, unitName: true, requestNumber: true },
      });
      await openReview(input.workflowId, registration, input.dueAt);
    },

    /**
     * Creates the unit (account name = USCC, R5; it must affiliate, R14) and closes the request, in
     * one transaction with its audit rows (and the reviewer's decision, when a reviewer approved).
     * R30: a field the reviewer chose takes its value from the registry's stored record or the
     * applicant's form; the choice is recorded with the `registration.decided` row. Returns the unit,
     * or which key a unit registered meanwhile holds (the workflow sends the request back to review).
     * Issue 14: `stored` is the request's stored outcome — on a request closed without a unit
     * (withdrawn or rejected by another path's attempt) nothing is created and only it is returned.
     */
    async registerUnit({
      registrationId,
      decided,
      registeredFacts: choice,
    }: {
      registrationId: string;
      decided?: DecisionRecord;
      registeredFacts?: RegisteredFactsChoice;
    }): Promise<
      | { unitId: string; affiliationRequired: boolean; stored?: StoredOutcome }
      | { unitExists: "USCC" | "NAME" }
      | { closed: StoredOutcome }
    > {
      return db.$transaction(async (tx) => {
        const registration = await tx.unitRegistration.findUniqueOrThrow({ where: { id: registrationId } });
        if (registration.unitId) {
          const registered = await tx.unit.findUniqueOrThrow({ where: { id: registration.unitId } });
          const stored = await storedOutcome(tx, registration.status, reviewTaskOf(registrationId));
          return { unitId: registered.id, affiliationRequired: registered.affiliationRequired, stored };
        }
        if (registration.closedAt !== null) {
          const stored = await storedOutcome(tx, registration.status, reviewTaskOf(registrationId));
          return { closed: { ...stored, reason: registration.decisionReason } };
        }
        const stored = readRegistryResult(registration.registryResult);
        const facts = registeredFacts(registration, stored?.record ?? null, choice);
        const clash = await tx.unit.findFirst({
          where: { OR: [unitHoldingUscc(registration.uscc), { name: facts.unitName }] },
        });
        if (clash) return { unitExists: clash.name === facts.unitName ? "NAME" : "USCC" };
        const unit = await tx.unit.create({
          data: {
            name: facts.unitName,
            uscc: registration.uscc,
            accountName: registration.uscc,
            passwordHash: registration.passwordHash,
            type: registration.unitType,
            origin: "SELF_REGISTERED",
            regionCode: registration.regionCode,
            legalRepName: facts.legalRepName,
            legalRepIdNumber: facts.legalRepIdNumber,
            contactName: registration.contactName,
            contactMobile: registration.contactMobile,
            affiliationRequired: true,
          },
        });
        // The review task agrees with the request (issue 14: another path's attempt may have closed it).
        await settleTask(tx, reviewTaskOf(registrationId), { status: "APPROVED", decided });
        await tx.unitRegistration.update({
          where: { id: registrationId },
          data: {
            status: "APPROVED",
            unitId: unit.id,
            openUscc: null,
            openUnitName: null,
            closedAt: new Date(),
            decidedById: decided?.actorId ?? null,
            decisionReason: decided?.reason ?? null,
          },
        });
        if (decided) {
          await writeDecisionAudit(tx, {
            action: "registration.decided",
            target: { type: "UnitRegistration", id: registrationId },
            unitId: unit.id,
            decided,
            // R30: what was registered and from where (the ID number masked, as the log shows it).
            details: {
              registeredFacts: {
                unitName: { value: facts.unitName, source: facts.sources.unitName },
                legalRepName: { value: facts.legalRepName, source: facts.sources.legalRepName },
                legalRepIdNumber: {
                  value: maskIdNumber(facts.legalRepIdNumber),
                  source: facts.sources.legalRepIdNumber,
                },
              },
            },
          });
        }
        await writeAuditEvent(tx, {
          action: "unit.registered",
          actor: decided
            ? { type: "PERSON", id: decided.actorId }
            : { type: "SYSTEM", label: "unitRegistration" },
          target: { type: "Unit", id: unit.id },
          unitId: unit.id,
          after: { name: unit.name, uscc: unit.uscc, type: unit.type, regionCode: unit.regionCode },
        });
        return { unitId: unit.id, affiliationRequired: unit.affiliationRequired };
      });
    },

    /**
     * Closes a request that registers no unit; a reviewer's rejection is audited with it. On a closed
     * request it changes nothing and answers the stored outcome (issue 14, workflows/stored-outcome.ts).
     */
    async closeRegistration(input: {
      registrationId: string;
      status: "REJECTED" | "WITHDRAWN";
      decided?: DecisionRecord;
      reason?: string;
    }): Promise<StoredOutcome & { unit?: { unitId: string; affiliationRequired: boolean } }> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.unitRegistration.updateMany({
          where: { id: input.registrationId, closedAt: null },
          data: {
            status: input.status,
            openUscc: null,
            openUnitName: null,
            closedAt: new Date(),
            decidedById: input.decided?.actorId ?? null,
            decisionReason: input.reason ?? null,
          },
        });
        if (count === 0) {
          const registration = await tx.unitRegistration.findUniqueOrThrow({
            where: { id: input.registrationId },
            select: {
              status: true,
              decisionReason: true,
              unit: { select: { id: true, affiliationRequired: true } },
            },
          });
          const stored = await storedOutcome(tx, registration.status, reviewTaskOf(input.registrationId));
          // Registered by another path's attempt: the workflow reminds the unit to affiliate (R14).
          const { unit } = registration;
          return {
            ...stored,
            reason: registration.decisionReason,
            ...(unit ? { unit: { unitId: unit.id, affiliationRequired: unit.affiliationRequired } } : {}),
          };
        }
        await settleTask(tx, reviewTaskOf(input.registrationId), {
          status: input.status,
          decided: input.decided,
        });
        if (input.decided) {
          await writeDecisionAudit(tx, {
            action: "registration.decided",
            target: { type: "UnitRegistration", id: input.registrationId },
            decided: input.decided,
          });
        }
        return {
          status: input.status,
          decisionKey: input.decided?.decisionKey ?? null,
          reason: input.reason,
        };
      });
    },
  };
}
