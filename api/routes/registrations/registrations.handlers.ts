import type { RouteHandler, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../../domain/errors.js";
import { maskMobile } from "../../../domain/masking.js";
import { hashPassword } from "../../../lib/passwords.js";
import { uniqueViolation } from "../../../lib/unique.js";
import { unitHoldingUscc } from "../../../lib/unit-identity.js";
import type { UnitRegistration } from "../../../prisma/generated/client.js";
import {
  REQUEST_CLOSED,
  unitRegistrationWorkflowId,
  withdrawRegistration,
} from "../../../workflows/contracts.js";
import type { unitRegistration } from "../../../workflows/index.js";
import { consumeAddressAllowance, withinKeyAllowance } from "../../address-limits.js";
import type { AppDependencies, AppEnv } from "../../context.js";
import { newRequestNumber } from "../../request-numbers.js";
import { clientAddress, loadRequestAccess, startSession } from "../../sessions.js";
import { assertNoticeBudget, consumeSmsCode, isSmsNotSent, issueSmsCode } from "../../sms-codes.js";
import {
  answerAppliedWithdrawal,
  ensureRequestWorkflow,
  executeUpdateWithin,
  mapWorkflowErrors,
} from "../../workflow-calls.js";
import { loadRequestHistory } from "../request-history.js";
import { consumePreparedPassword, preparePassword as prepare } from "./prepared-passwords.js";
import { registeredFactsOf } from "./registered-facts-view.js";
import type * as routes from "./registrations.routes.js";

const OPEN_STATUSES = ["SUBMITTED", "CHECKING", "AWAITING_REAL_PERSON_AUTH", "IN_MANUAL_REVIEW"];

/**
 * Starts the workflow of a stored registration. If another registration of the same USCC holds
 * the workflow id, this one is removed (nothing else refers to it) and R4's error is raised. When
 * Temporal is away the registration stays stored (503): a retry of the same submission starts it.
 */
async function startOrDiscard(deps: AppDependencies, registration: UnitRegistration): Promise<void> {
  const runs = await ensureRequestWorkflow<typeof unitRegistration>(
    deps,
    "unitRegistration",
    registration.id,
    {
      taskQueue: deps.config.temporal.taskQueue,
      // A rejected or withdrawn registration may be followed by a corrected one (R2).
      workflowId: registration.workflowId,
      args: [
        {
          registrationId: registration.id,
          timings: {
            ...deps.config.registration,
            affiliationMissingReminderSeconds: deps.config.affiliationMissingReminderSeconds,
          },
        },
      ],
    },
    // The USCC's previous registration may be closed and still sending its last SMS.
    3000,
  );
  if (runs === "other") {
    await deps.db.unitRegistration.delete({ where: { id: registration.id } });
    throw new AppError("REGISTRATION_IN_PROGRESS", { field: "uscc" });
  }
}

function submittedView(registration: UnitRegistration) {
  return {
    requestNumber: registration.requestNumber,
    status: registration.status,
    usccCheckWarning: registration.usccCheckWarning,
  };
}

/**
 * The open registration that reserves this unit name, if any (R4 when it is the same USCC). One
 * whose workflow never started (the API stopped in between) is started now, or dropped when its
 * USCC's workflow belongs to another registration, so it cannot hold the name forever.
 */
async function nameReservation(deps: AppDependencies, unitName: string): Promise<UnitRegistration | null> {
  const holder = await deps.db.unitRegistration.findUnique({ where: { openUnitName: unitName } });
  const settled = Date.now() - 2 * deps.config.temporal.startTimeoutSeconds * 1000;
  if (holder?.status !== "SUBMITTED" || holder.submittedAt.getTime() > settled) return holder;
  await startOrDiscard(deps, holder).catch(() => undefined);
  return deps.db.unitRegistration.findUnique({ where: { id: holder.id } });
}

function nameReserved(holder: UnitRegistration | null, uscc: string, cause?: unknown): AppError {
  return holder?.uscc === uscc
    ? new AppError("REGISTRATION_IN_PROGRESS", { field: "uscc", cause })
    : new AppError("UNIT_NAME_IN_REGISTRATION", { field: "unitName", cause });
}

type SubmitBody = z.output<typeof routes.submitRegistrationBody>;

/** Why this registration cannot be stored (R1, R4, R21, R23), or undefined. */
async function refusal(deps: AppDependencies, body: SubmitBody): Promise<AppError | undefined> {
  const uscc = body.uscc.value;
  if (body.unitType === "HR_DEPARTMENT")
    return new AppError("HR_DEPARTMENT_SELF_REGISTRATION", { field: "unitType" });
  const licence = body.businessLicenceUploadId;
  const letter = body.authorizationLetterUploadId;
  const [region, units, openRegistration, nameHolder, uploads, users] = await Promise.all([
    deps.db.region.findUnique({ where: { code: body.regionCode }, select: { code: true } }),
    // The units holding the USCC or the name, in one read (issue 14): at most three rows, each unique.
    deps.db.unit.findMany({
      where: { OR: [unitHoldingUscc(uscc), { name: body.unitName }] },
      select: { uscc: true, accountName: true, name: true },
    }),
    deps.db.unitRegistration.findUnique({ where: { openUscc: uscc }, select: { id: true } }),
    nameReservation(deps, body.unitName),
    deps.db.upload.findMany({ where: { id: { in: [licence, letter] } }, select: { id: true, kind: true } }),
    // Issue 13 item 4: a material of a registration of the same USCC closed without approval may be
    // submitted again (重新注册); one used by an open or approved request, or another USCC's, may not.
    // Both materials in one read (issue 14: one statement fewer per submission).
    deps.db.unitRegistration.findMany({
      where: {
        OR: [{ businessLicenceUploadId: licence }, { authorizationLetterUploadId: letter }],
        AND: { OR: [{ status: { notIn: ["REJECTED", "WITHDRAWN", "EXPIRED"] } }, { uscc: { not: uscc } }] },
      },
      select: { businessLicenceUploadId: true, authorizationLetterUploadId: true },
    }),
  ]);
  if (!region) {
    return new AppError("VALIDATION_FAILED", {
      field: "regionCode",
      message: { "zh-CN": "所属地区不存在，请从列表中选择", en: "No such region; choose one from the list" },
    });
  }
  if (units.some((unit) => unit.uscc === uscc || unit.accountName === uscc))
    return new AppError("UNIT_ALREADY_REGISTERED", { field: "uscc" });
  if (openRegistration) return new AppError("REGISTRATION_IN_PROGRESS", { field: "uscc" });
  if (units.some((unit) => unit.name === body.unitName))
    return new AppError("UNIT_NAME_TAKEN", { field: "unitName" });
  if (nameHolder) return nameReserved(nameHolder, uscc);
  for (const [field, kind] of [
    ["businessLicenceUploadId", "BUSINESS_LICENCE"],
    ["authorizationLetterUploadId", "AUTHORIZATION_LETTER"],
  ] as const) {
    const upload = uploads.find((u) => u.id === body[field]);
    const usedBy = users.some((user) => user[field] === body[field]);
    if (!upload || upload.kind !== kind || usedBy) return new AppError("UPLOAD_NOT_FOUND", { field });
  }
  return undefined;
}

export const submit: RouteHandler<typeof routes.submit, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const deps = c.get("deps");
  const { db } = deps;

  // A retry of a submission whose answer was lost finds its request instead of a duplicate error.
  const answerRetry = async (previous: UnitRegistration) => {
    // Still SUBMITTED: the API may have stopped between storing it and starting its workflow.
    if (previous.status === "SUBMITTED") await startOrDiscard(deps, previous);
    return c.json({ data: submittedView(previous) }, 200);
  };
  const previous = await db.unitRegistration.findUnique({ where: { submissionId: body.submissionId } });
  if (previous) return answerRetry(previous);
  const { password, preparedPasswordId } = body;
  // A retry of a stored submission is free; each new one counts against the client address, once:
  // a prepared password was counted when it was prepared.
  if (password !== undefined) await consumeAddressAllowance(deps, "REGISTRATION", clientAddress(c));
  // Issue 14: argon2 hashes on libuv's thread pool, so the refusal reads below run meanwhile instead
  // of before it. Started after the address allowance: a flood past it costs no hash; a refused
  // submission's hash is dropped (never awaited, hence the catch). A prepared hash is taken in the
  // transaction that stores the registration.
  const hashing = password !== undefined ? hashPassword(password) : undefined;
  hashing?.catch(() => undefined);

  const refused = await refusal(deps, body);
  if (refused) {
    // The refusal may be this very submission, stored meanwhile by a concurrent retry of it.
    const first = await db.unitRegistration.findUnique({ where: { submissionId: body.submissionId } });
    if (first) return answerRetry(first);
    throw refused;
  }
  // The registration's notices go to mobiles nobody proved: a stranger must not flood a number with them.
  await assertNoticeBudget(deps, [
    { field: "contactMobile", mobile: body.contactMobile },
    ...(body.legalRepMobile ? [{ field: "legalRepMobile", mobile: body.legalRepMobile }] : []),
  ]);

  const uscc = body.uscc.value;
  const hashed = await hashing;
  let registration: UnitRegistration;
  try {
    // One transaction: a registration that is not stored gives its request number back.
    registration = await db.$transaction(async (tx) => {
      const passwordHash = hashed ?? (await consumePreparedPassword(tx, preparedPasswordId!));
      return tx.unitRegistration.create({
        data: {
          submissionId: body.submissionId,
          requestNumber: await newRequestNumber(tx, "DW"),
          uscc,
          unitName: body.unitName,
          // Reserved while the request is open: a second registration of this name is refused.
          openUnitName: body.unitName,
          unitType: body.unitType,
          regionCode: body.regionCode,
          legalRepName: body.legalRepName,
          legalRepIdNumber: body.legalRepIdNumber,
          legalRepMobile: body.legalRepMobile ?? null,
          contactName: body.contactName,
          contactMobile: body.contactMobile,
          passwordHash,
          businessLicenceUploadId: body.businessLicenceUploadId,
          authorizationLetterUploadId: body.authorizationLetterUploadId,
          usccCheckWarning: !body.uscc.checkCharacterValid,
          workflowId: unitRegistrationWorkflowId(uscc),
        },
      });
    });
  } catch (error) {
    // Another submission got in between the checks above and this insert.
    const clash = uniqueViolation(error);
    if (!clash) throw error;
    const first = await db.unitRegistration.findUnique({ where: { submissionId: body.submissionId } });
    if (first) return answerRetry(first);
    if (clash.fields.includes("openUnitName")) {
      const holder = await db.unitRegistration.findUnique({ where: { openUnitName: body.unitName } });
      throw nameReserved(holder, uscc, error);
    }
    throw error;
  }
  await startOrDiscard(deps, registration);
  return c.json({ data: submittedView(registration) }, 201);
};

export const preparePassword: RouteHandler<typeof routes.preparePassword, AppEnv> = async (c) => {
  const { password } = c.req.valid("json");
  const deps = c.get("deps");
  // The hash is what a registration costs the API: counted as one (the registration naming it is not).
  await consumeAddressAllowance(deps, "REGISTRATION", clientAddress(c));
  const prepared = await prepare(deps.db, password);
  return c.json({ data: { id: prepared.id, expiresAt: prepared.expiresAt.toISOString() } }, 201);
};

export const usccAvailability: RouteHandler<typeof routes.usccAvailability, AppEnv> = async (c) => {
  const { uscc } = c.req.valid("query");
  const { db } = c.get("deps");
  const [unit, open] = await Promise.all([
    db.unit.findFirst({ where: unitHoldingUscc(uscc.value) }),
    db.unitRegistration.findUnique({ where: { openUscc: uscc.value } }),
  ]);
  const state = unit ? "REGISTERED" : open ? "IN_PROGRESS" : "AVAILABLE";
  return c.json({ data: { uscc: uscc.value, state, checkCharacterValid: uscc.checkCharacterValid } }, 200);
};

export const requestAccessCode: RouteHandler<typeof routes.requestAccessCode, AppEnv> = async (c) => {
  const { requestNumber, contactMobile } = c.req.valid("json");
  const deps = c.get("deps");
  // Issue 11.4: the answer tells whether a number and a mobile belong together, so guesses are few:
  // per address, and per typed number from any address (existing or not: no tell).
  const address = clientAddress(c);
  await consumeAddressAllowance(deps, "STATUS_LOOKUP", address);
  const truthful = await withinKeyAllowance(deps, "STATUS_LOOKUP_PER_REQUEST", requestNumber);
  const registration = await deps.db.unitRegistration.findUnique({ where: { requestNumber } });
  const belongTogether = registration !== null && registration.contactMobile === contactMobile;
  const issue = () =>
    issueSmsCode(deps, {
      mobile: contactMobile,
      purpose: "REQUEST_STATUS",
      subjectId: registration!.id,
      ipAddress: address,
    });
  if (!truthful) {
    // Past the number's guesses every answer is 202, so strangers learn nothing more and cannot lock
    // the applicant out (R29): only the true pair gets its code, and a refused send is not told.
    if (belongTogether)
      await issue().catch((error) => {
        if (!isSmsNotSent(error)) throw error;
      });
    return c.body(null, 202);
  }
  // Issue 13 item 4: one answer for an unknown number and a wrong mobile, so neither is revealed alone;
  // a caller who knows both may be told the truth, SMS limits included (the console then starts no
  // resend countdown, as no code was sent).
  if (!belongTogether) throw new AppError("REGISTRATION_ACCESS_NOT_FOUND", { field: "requestNumber" });
  await issue();
  return c.body(null, 202);
};

const CLOSED_UNAPPROVED = ["REJECTED", "WITHDRAWN", "EXPIRED"];

/**
 * Issue 13 item 4: what a request closed without approval was submitted with, for 重新注册 (the
 * caller holds this request's status-page access); its materials while still stored.
 */
async function resubmissionOf(deps: AppDependencies, registration: UnitRegistration) {
  if (!CLOSED_UNAPPROVED.includes(registration.status)) return null;
  const uploads = await deps.db.upload.findMany({
    where: { id: { in: [registration.businessLicenceUploadId, registration.authorizationLetterUploadId] } },
    select: { id: true, kind: true, originalName: true, mediaType: true, size: true },
  });
  const material = (id: string) => uploads.find((u) => u.id === id) ?? null;
  return {
    unitName: registration.unitName,
    uscc: registration.uscc,
    unitType: registration.unitType,
    regionCode: registration.regionCode,
    legalRepName: registration.legalRepName,
    legalRepIdNumber: registration.legalRepIdNumber,
    legalRepMobile: registration.legalRepMobile,
    contactName: registration.contactName,
    contactMobile: registration.contactMobile,
    businessLicence: material(registration.businessLicenceUploadId),
    authorizationLetter: material(registration.authorizationLetterUploadId),
  };
}

async function registrationView(deps: AppDependencies, registration: UnitRegistration) {
  const history = await loadRequestHistory(deps.db, "UNIT_REGISTRATION", registration.id);
  const registry = registration.registryResult
    ? (JSON.parse(registration.registryResult) as { mismatchedFields?: string[] })
    : undefined;
  return {
    requestNumber: registration.requestNumber,
    unitName: registration.unitName,
    uscc: registration.uscc,
    status: registration.status,
    submittedAt: registration.submittedAt.toISOString(),
    closedAt: registration.closedAt?.toISOString() ?? null,
    contactMobileMasked: maskMobile(registration.contactMobile),
    mismatchedFields: registry?.mismatchedFields ?? [],
    decisionReason: registration.decisionReason,
    registered: registeredFactsOf(registration, history),
    resubmission: await resubmissionOf(deps, registration),
    canWithdraw: OPEN_STATUSES.includes(registration.status),
    history,
  };
}

export const grantAccess: RouteHandler<typeof routes.grantAccess, AppEnv> = async (c) => {
  const { requestNumber, code } = c.req.valid("json");
  const deps = c.get("deps");
  const registration = await deps.db.unitRegistration.findUnique({ where: { requestNumber } });
  const latest = registration
    ? await deps.db.smsCode.findFirst({
        where: { purpose: "REQUEST_STATUS", subjectId: registration.id },
        orderBy: { createdAt: "desc" },
      })
    : null;
  if (!registration || !latest) throw new AppError("SMS_CODE_INVALID", { field: "code" });
  await consumeSmsCode(deps, {
    codeId: latest.id,
    purpose: "REQUEST_STATUS",
    code,
    subjectId: registration.id,
  });
  await startSession(c, { kind: "REQUEST", requestType: "UNIT_REGISTRATION", requestId: registration.id });
  return c.json({ data: await registrationView(deps, registration) }, 200);
};

async function accessibleRegistration(c: Context<AppEnv>, requestNumber: string) {
  const deps = c.get("deps");
  const [registration, access] = await Promise.all([
    deps.db.unitRegistration.findUnique({ where: { requestNumber } }),
    loadRequestAccess(c),
  ]);
  if (!registration || access?.requestType !== "UNIT_REGISTRATION" || access.requestId !== registration.id) {
    throw new AppError("REQUEST_ACCESS_REQUIRED");
  }
  return registration;
}

export const show: RouteHandler<typeof routes.show, AppEnv> = async (c) => {
  const registration = await accessibleRegistration(c, c.req.valid("param").requestNumber);
  return c.json({ data: await registrationView(c.get("deps"), registration) }, 200);
};

export const withdraw: RouteHandler<typeof routes.withdraw, AppEnv> = async (c) => {
  const registration = await accessibleRegistration(c, c.req.valid("param").requestNumber);
  const deps = c.get("deps");
  const reason = (c.req.valid("json") as { reason?: string } | undefined)?.reason;
  // A closed request's workflow id may run a later registration of the same USCC by now.
  if (!OPEN_STATUSES.includes(registration.status)) throw new AppError("REQUEST_CLOSED");
  const handle = deps.temporal.workflow.getHandle(registration.workflowId);
  const storedStatus = async () =>
    (await deps.db.unitRegistration.findUnique({ where: { id: registration.id }, select: { status: true } }))
      ?.status;
  // Issue 14: the stored status is the arbiter when the workflow answered another outcome (it adopted
  // a decision stored first) or refused a withdrawal its earlier attempt had applied.
  await answerAppliedWithdrawal(
    () =>
      mapWorkflowErrors(
        () =>
          executeUpdateWithin(deps, handle, withdrawRegistration, {
            args: [{ reason, registrationId: registration.id }],
          }),
        {
          byFailureType: { [REQUEST_CLOSED]: "REQUEST_CLOSED" },
          closed: "REQUEST_CLOSED",
        },
      ),
    storedStatus,
  );
  const fresh = await deps.db.unitRegistration.findUniqueOrThrow({ where: { id: registration.id } });
  return c.json({ data: await registrationView(deps, fresh) }, 200);
};
