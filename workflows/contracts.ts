// Names and shapes shared by workflows, activities and the API: written once, here.
// Workflow ids and histories are visible in the Temporal Web UI, so they carry internal ids
// only, never ID numbers, mobiles or names.
import { defineQuery, defineUpdate } from "@temporalio/workflow";
import type { RegisteredFactsChoice } from "../domain/registered-facts.js";

export const realPersonCheckWorkflowId = (checkId: string) => `RealPersonCheck:${checkId}`;

export type RealPersonCheckInput = {
  checkId: string;
  /** How long the mobile app has to complete the check. */
  ttlSeconds: number;
};

export type RealPersonCheckState = "PENDING" | "SCANNED" | "PASSED" | "FAILED" | "EXPIRED";
export type RealPersonCheckOutcome = "PASSED" | "FAILED" | "EXPIRED";

export type HistoryEntry = { at: string; kind: string; detail?: string };
export type RealPersonCheckStatus = { state: RealPersonCheckState; history: HistoryEntry[] };

export const scanRealPersonCheck = defineUpdate<RealPersonCheckState>("scanRealPersonCheck");
export const completeRealPersonCheck = defineUpdate<RealPersonCheckState, [{ passed: boolean }]>(
  "completeRealPersonCheck",
);
export const realPersonCheckStatus = defineQuery<RealPersonCheckStatus>("realPersonCheckStatus");

/**
 * A real adapter's check: the person is about to go to the vendor's face-check page. Opens a vendor
 * session (or reuses the open one) and answers its URL; the workflow then fetches the verdict from
 * the vendor until one arrives or the check expires.
 */
export const openVendorFaceCheck = defineUpdate<string>("openVendorFaceCheck");
/** ApplicationFailure types that the API maps to 4xx errors. */
export const CHECK_NOT_OPEN = "CHECK_NOT_OPEN";

/** The face-check vendor could not open a session (the API answers 503). */
export const VENDOR_UNAVAILABLE = "REAL_PERSON_VENDOR_UNAVAILABLE";
// ── Unit registration (R1–R4) ──────────────────────────────────────────────────────────────
// The id is the USCC: a unit's code is public business data, and the id is what makes a second
// concurrent registration of the same code impossible.
export const unitRegistrationWorkflowId = (uscc: string) => `UnitRegistration:${uscc}`;

/** Durations are input, fixed when the request starts, so configuration changes never alter running requests. */
export type RegistrationTimings = ReviewTimings & {
  registryMaxAttempts: number;
  registryInitialIntervalSeconds: number;
  legalRepCheckTtlSeconds: number;
  /** The face-check reminder goes out this long before the link expires. */
  legalRepCheckReminderSeconds: number;
  /**
   * R14: an approved unit that must affiliate is reminded by SMS this long after approval if it has
   * not (affiliationMissingReminder). Absent in registrations started before the reminder existed.
   */
  affiliationMissingReminderSeconds?: number;
};

export type ReviewTimings = {
  reviewSlaWorkingDays: number;
  /** YYYY-MM-DD public holidays and make-up working days, for counting working days. */
  holidays?: string[];
  workingWeekends?: string[];
  /** Overrides the working-day SLA (tests, demos). */
  reviewSlaSeconds?: number;
  /** Reviewers are reminded this long before the SLA is due. */
  reviewReminderSeconds: number;
};

export type UnitRegistrationInput = { registrationId: string; timings: RegistrationTimings };

export type RegistrationState =
  | "CHECKING"
  | "AWAITING_REAL_PERSON_AUTH"
  | "IN_MANUAL_REVIEW"
  | "APPROVED"
  | "REJECTED"
  | "WITHDRAWN";

export type ManualReviewReason =
  | "REGISTRY_MISMATCH"
  | "REGISTRY_NOT_FOUND"
  | "REGISTRY_DEREGISTERED"
  | "REGISTRY_UNAVAILABLE"
  | "USCC_CHECK_CHARACTER"
  | "FACE_CHECK_FAILED"
  | "FACE_CHECK_EXPIRED"
  /** The unit could not be registered: its USCC or name was registered meanwhile. */
  | "UNIT_EXISTS";

export type RequestHistoryEntry = {
  at: string;
  kind: string;
  actorId?: string;
  /** What the actor acted as: a role code, APPLICANT or SYSTEM (domain/request-actors.ts). */
  actorRole?: string;
  /** The actor's masked name ("李*"); before actorRole existed, role and name in Chinese ("平台审核员 李*"). */
  actorLabel?: string;
  reason?: string;
  detail?: string;
};

export type RegistrationStatusView = {
  state: RegistrationState;
  reviewReason?: ManualReviewReason;
  mismatchedFields: string[];
  history: RequestHistoryEntry[];
};

/**
 * A human decision as the workflow hands it to the activity that applies it: the effect and its
 * `*.decided` audit row are written in one transaction, so no decision is applied unaudited. Where
 * it was made (client address) is not here but in the DecisionOrigin table, under its key:
 * workflow histories carry no personal data.
 * `decisionKey` is the Update's id, which the API derives from the caller's idempotency key:
 * Temporal answers a repeated id with the first outcome, and the task keeps it for the API.
 */
export type DecisionRecord = {
  actorId: string;
  /** PUSH / RETURN: a node's decision on a title application (R31). */
  decision: "APPROVE" | "REJECT" | "PUSH" | "RETURN";
  reason?: string;
  decisionKey?: string;
};

/** A reviewer's decision on any request in manual review (unit registration, contact mobile change). */
export type ReviewDecision = {
  /** The request decided: a USCC's workflow id runs a later registration after a rejection. */
  requestId?: string;
  decision: "APPROVE" | "REJECT";
  reason?: string;
  /** Set by the workflow to the Update's id (see DecisionRecord); callers need not send it. */
  decisionKey?: string;
  reviewerId: string;
  /**
   * Shown on the applicant's timeline (R25) beside the role: the masked name, e.g. "李*" (no full names in
   * histories). Decisions sent before reviewerRole existed carry "平台审核员 李*".
   */
  reviewerLabel?: string;
  /** The role the reviewer decided as (PLATFORM_REVIEWER or PLATFORM_SUPERVISOR). */
  reviewerRole?: string;
  /** The decider's roles as the API loaded them; the validator refuses anyone but reviewers. */
  reviewerRoles: string[];
  /**
   * R30, a unit registration's approval: per field that differs from the registry's record, which
   * value to register (sources, never values: histories carry no names or ID numbers). Required for
   * every differing field; absent in decisions taken before the choice existed.
   */
  registeredFacts?: RegisteredFactsChoice;
};

/** Every process with a manual-review step answers this Update; it returns the request's final state. */
export const decideReview = defineUpdate<string, [ReviewDecision]>("decideReview");
/** `registrationId` names the request meant: a USCC's workflow id runs a later registration too. */
export const withdrawRegistration = defineUpdate<
  RegistrationState,
  [{ reason?: string; registrationId?: string }]
>("withdrawRegistration");
export const registrationStatus = defineQuery<RegistrationStatusView>("registrationStatus");

export const REVIEW_TASK_KIND = "unitRegistrationReview";
export const REVIEWER_ROLES = ["PLATFORM_REVIEWER", "PLATFORM_SUPERVISOR"];

/** ApplicationFailure types of the registration's Update validators. */
export const NOT_IN_REVIEW = "NOT_IN_REVIEW";
/**
 * An approval that could not be applied (the USCC or the name was registered meanwhile): the
 * request is back in review with the reason, and the reviewer's Update fails with this type.
 */
export const APPROVAL_NOT_APPLICABLE = "APPROVAL_NOT_APPLICABLE";
export const NOT_A_REVIEWER = "NOT_A_REVIEWER";
export const REASON_REQUIRED = "REASON_REQUIRED";
/** R30: an approval chose on a field that agrees with the registry, or a value that was not offered. */
export const REGISTERED_FACT_NOT_OFFERED = "REGISTERED_FACT_NOT_OFFERED";
/** R30: an approval left a field that differs from the registry without a choice. */
export const REGISTERED_FACTS_CHOICE_REQUIRED = "REGISTERED_FACTS_CHOICE_REQUIRED";
export const REQUEST_CLOSED = "REQUEST_CLOSED";

// ── Contact mobile change (R27) ───────────────────────────────────────────────────────────
export const contactMobileChangeWorkflowId = (unitId: string) => `ContactMobileChange:${unitId}`;

export type ContactMobileChangeInput = {
  changeId: string;
  method: "FACE_CHECK" | "MANUAL_REVIEW";
  timings: ReviewTimings & { faceCheckTtlSeconds: number };
};

export type ContactMobileChangeState =
  | "AWAITING_REAL_PERSON_AUTH"
  | "IN_MANUAL_REVIEW"
  | "APPROVED"
  | "REJECTED";

export const CONTACT_MOBILE_REVIEW_TASK_KIND = "contactMobileChangeReview";

// ── Personal registration (R15) ───────────────────────────────────────────────────────────
// The account exists only once the registrant's real-person authentication passed.
export const personRegistrationWorkflowId = (registrationId: string) =>
  `PersonRegistration:${registrationId}`;

export type PersonRegistrationInput = { registrationId: string; checkId: string; ttlSeconds: number };
export type PersonRegistrationOutcome = "REGISTERED" | "FAILED" | "EXPIRED" | "ALREADY_REGISTERED";

// ── Binding request (R16) ─────────────────────────────────────────────────────────────────
// One open request per person: the id is derived from the person, and a closed request's id
// may be used again by the person's next request.
export const bindingRequestWorkflowId = (personId: string) => `BindingRequest:${personId}`;

export type BindingRequestTimings = { expirySeconds: number; reminderSeconds: number };
export type BindingRequestInput = {
  requestId: string;
  personId: string;
  unitId: string;
  timings: BindingRequestTimings;
};

export type BindingRequestState = "AWAITING_DECISION" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "EXPIRED";

/** A decision by the unit's administrator or a handler (R12, R16). */
export type UnitDecision = {
  /** The request decided: the person's workflow id is reused, so a run checks it is the one meant. */
  requestId: string;
  decision: "APPROVE" | "REJECT";
  reason?: string;
  /** Set by the workflow to the Update's id (see DecisionRecord); callers need not send it. */
  decisionKey?: string;
  deciderId: string;
  /** Shown on the applicant's timeline (R25) beside the role: the masked name, e.g. "李*" (older: "单位管理员 李*"). */
  deciderLabel?: string;
  /** The role the decider acted as (UNIT_ADMIN or TITLE_HANDLER). */
  deciderRole?: string;
  /** The decider's grants and session strength as the API loaded them; the validator checks them. */
  deciderRoles: { role: string; unitId: string }[];
  strength: "PASSWORD" | "REAL_PERSON";
};

export const decideBindingRequest = defineUpdate<BindingRequestState, [UnitDecision]>("decideBindingRequest");
export const withdrawBindingRequest = defineUpdate<
  BindingRequestState,
  [{ requestId: string; personId: string; reason?: string }]
>("withdrawBindingRequest");
export const bindingRequestStatus = defineQuery<{
  state: BindingRequestState;
  history: RequestHistoryEntry[];
}>("bindingRequestStatus");

export const BINDING_TASK_KIND = "bindingRequestReview";

/** ApplicationFailure types of the binding request's Update validators. */
export const NOT_A_UNIT_DECIDER = "NOT_A_UNIT_DECIDER";
export const REAL_PERSON_REQUIRED = "REAL_PERSON_REQUIRED";
export const NOT_THE_REQUESTER = "NOT_THE_REQUESTER";
/** The run under the person's workflow id is an earlier (or later) request's. */
export const OTHER_REQUEST = "OTHER_REQUEST";

// ── Affiliation request (R13) ─────────────────────────────────────────────────────────────
// A unit asks a superior unit to accept it (关联上级单位 / 归口). One open request per unit: the id is
// derived from the unit, and a closed request's id is used again by the unit's next request.
export const affiliationRequestWorkflowId = (unitId: string) => `AffiliationRequest:${unitId}`;

/** Durations are input, fixed when the request starts (see RegistrationTimings). */
export type AffiliationRequestTimings = { expirySeconds: number; reminderSeconds: number };
export type AffiliationRequestInput = {
  requestId: string;
  /** The requesting unit. */
  unitId: string;
  /** The unit asked to become its superior: its administrator and handlers decide. */
  superiorUnitId: string;
  timings: AffiliationRequestTimings;
};

export type AffiliationRequestState = "AWAITING_DECISION" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "EXPIRED";

/** A withdrawal by the requesting unit's administrator or a handler, in a real-person session (R12). */
export type AffiliationWithdrawal = Pick<UnitDecision, "requestId" | "deciderRoles" | "strength"> & {
  personId: string;
  /** Shown on both units' timelines (R25) beside the role: the masked name (older: "单位管理员 李*"). */
  personLabel?: string;
  /** The role the person withdrew as (UNIT_ADMIN or TITLE_HANDLER). */
  personRole?: string;
  reason?: string;
};

/**
 * The superior's decision. An approval that would close a cycle (R13: another approval made the
 * superior a subordinate of the unit meanwhile) is not applied: the Update fails with
 * AFFILIATION_CYCLE and the request waits for the next decision.
 */
export const decideAffiliationRequest = defineUpdate<AffiliationRequestState, [UnitDecision]>(
  "decideAffiliationRequest",
);
export const withdrawAffiliationRequest = defineUpdate<AffiliationRequestState, [AffiliationWithdrawal]>(
  "withdrawAffiliationRequest",
);
export const affiliationRequestStatus = defineQuery<{
  state: AffiliationRequestState;
  history: RequestHistoryEntry[];
}>("affiliationRequestStatus");

export const AFFILIATION_TASK_KIND = "affiliationRequestReview";

/** ApplicationFailure type of an approval refused because it would close a cycle (R13). */
export const AFFILIATION_CYCLE = "AFFILIATION_CYCLE";

// ── Title application on the push chain (R31) ─────────────────────────────────────────────
// Each application is its own process: the id is the application's, so it is never reused.
export const titleApplicationWorkflowId = (applicationId: string) => `TitleApplication:${applicationId}`;

/**
 * The chain at submission is stored as the application's steps (position 0 = `unitId`, the
 * applicant's unit); the workflow starts at step 0 and reads the chain again at every push.
 */
export type TitleApplicationInput = { applicationId: string; personId: string; unitId: string };

export type TitleApplicationState = "IN_PROGRESS" | "COMPLETED" | "RETURNED" | "WITHDRAWN";

/** Where the application is: its state and the step (position, node) whose handlers act now. */
export type TitleApplicationProgress = {
  state: TitleApplicationState;
  position: number;
  unitId: string;
  /** In an Update's answer: whether this Update's decision or withdrawal was the one applied. */
  applied?: boolean;
};

/** A node's decision (R31): its handler (TITLE_HANDLER, not the administrator: R7) in a real-person session (R12). */
export type TitleApplicationDecision = {
  applicationId: string;
  /** The step the decider decides: a decision for a step that has moved on is stale. */
  position: number;
  decision: "PUSH" | "RETURN";
  /** Required to return; shown to the applicant (R25) and sent by SMS. */
  reason?: string;
  /** Set by the workflow to the Update's id (see DecisionRecord); callers need not send it. */
  decisionKey?: string;
  deciderId: string;
  /** Shown on the timeline (R25) beside the role: the masked name, e.g. "李*" (older: "单位经办员 李*"). */
  deciderLabel?: string;
  /** The role the decider acted as (TITLE_HANDLER). */
  deciderRole?: string;
  /** The decider's grants and session strength as the API loaded them; the validator checks them. */
  deciderRoles: { role: string; unitId: string }[];
  strength: "PASSWORD" | "REAL_PERSON";
};

export const decideTitleApplication = defineUpdate<TitleApplicationProgress, [TitleApplicationDecision]>(
  "decideTitleApplication",
);
export const withdrawTitleApplication = defineUpdate<
  TitleApplicationProgress,
  [{ applicationId: string; personId: string; reason?: string }]
>("withdrawTitleApplication");
export const titleApplicationStatus = defineQuery<
  TitleApplicationProgress & { history: RequestHistoryEntry[] }
>("titleApplicationStatus");

export const TITLE_APPLICATION_TASK_KIND = "titleApplicationPush";

/** ApplicationFailure type: the decider is not a handler (TITLE_HANDLER) of the node that has the application. */
export const NOT_A_TITLE_HANDLER = "NOT_A_TITLE_HANDLER";

// ── R14 affiliation reminder ──────────────────────────────────────────────────────────────
// A unit registered in 2024 or later must affiliate (关联上级单位); a while after its registration is
// approved it is reminded by SMS unless it has a superior or an affiliation request waiting by then.
// One per unit: the registration workflow starts it as a child it abandons when it completes.
export const affiliationMissingReminderWorkflowId = (unitId: string) =>
  `AffiliationMissingReminder:${unitId}`;

export type AffiliationMissingReminderInput = { unitId: string; afterSeconds: number };

/** SENT: the reminder went out; NOT_NEEDED: the unit had affiliated, asked to, or needs not. */
export type AffiliationMissingReminderOutcome = "SENT" | "NOT_NEEDED";

/** patched() id of the registration workflow's start of the reminder (saved histories predate it). */
export const AFFILIATION_MISSING_REMINDER_PATCH = "affiliation-missing-reminder";
