import { z } from "@hono/zod-openapi";
import { UNIT_TYPES } from "../../../domain/unit-types.js";
import { RequestStatus } from "../../../prisma/generated/enums.js";
import {
  contactNameField,
  identifierText,
  idNumberField,
  mobileField,
  nameText,
  passwordField,
  personNameField,
  textField,
  usccField,
} from "../../fields.js";
import { requestNumberField } from "../../request-number-field.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { historyEntrySchema } from "../request-history.js";
import { registeredFactsView } from "./registered-facts-view.js";

const tags = ["registrations"];

export const submitRegistrationBody = z
  .object({
    submissionId: z
      .string()
      .uuid()
      .openapi({ description: "Chosen by the form; a retried submission is recognised" }),
    unitName: nameText({ min: 4, max: 100 }),
    uscc: usccField,
    unitType: z.enum(UNIT_TYPES),
    regionCode: identifierText().regex(/^\d{6}$/),
    legalRepName: personNameField,
    legalRepIdNumber: idNumberField,
    legalRepMobile: mobileField.optional(),
    contactName: contactNameField,
    contactMobile: mobileField,
    password: passwordField.optional().openapi({ description: "The password, or preparedPasswordId" }),
    preparedPasswordId: z.string().uuid().optional().openapi({
      description: "Instead of the password: its id from POST /registrations/prepared-passwords",
    }),
    businessLicenceUploadId: z.string().uuid(),
    authorizationLetterUploadId: z.string().uuid(),
  })
  .superRefine((body, ctx) => {
    if ((body.password === undefined) === (body.preparedPasswordId === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: "Give the password or preparedPasswordId, one of them",
        params: {
          message:
            body.password === undefined
              ? { "zh-CN": "请设置登录密码", en: "Set the login password" }
              : {
                  "zh-CN": "登录密码与预先提交的密码只能填写其一",
                  en: "Give the password or preparedPasswordId, not both",
                },
        },
      });
  });

const submitted = z
  .object({ requestNumber: z.string(), status: z.enum(RequestStatus), usccCheckWarning: z.boolean() })
  .openapi("SubmittedRegistration");

export const submit = defineRoute({
  method: "post",
  path: "/registrations",
  tags,
  summary: "Submit a unit registration (R1); starts the unitRegistration workflow",
  access: { actor: "anonymous" },
  request: { body: jsonBody(submitRegistrationBody) },
  responses: {
    201: dataResponse("Started", submitted),
    200: dataResponse("Already submitted (same submissionId)", submitted),
  },
});

export const preparePassword = defineRoute({
  method: "post",
  path: "/registrations/prepared-passwords",
  tags,
  summary:
    "Hash a registration's password (R15) before the registration is submitted, which then names it " +
    "by preparedPasswordId; counts as a registration against the client address's allowance",
  access: { actor: "anonymous" },
  request: { body: jsonBody(z.object({ password: passwordField })) },
  responses: {
    201: dataResponse(
      "Prepared; single use, valid until expiresAt",
      z.object({ id: z.string(), expiresAt: z.string() }).openapi("PreparedPassword"),
    ),
  },
});

export const usccAvailability = defineRoute({
  method: "get",
  path: "/registrations/uscc-availability",
  tags,
  summary: "Whether a USCC can register (R4), and whether its check characters pass",
  access: { actor: "anonymous" },
  request: { query: z.object({ uscc: usccField }) },
  responses: {
    200: dataResponse(
      "Availability",
      z.object({
        uscc: z.string(),
        state: z.enum(["AVAILABLE", "REGISTERED", "IN_PROGRESS"]),
        checkCharacterValid: z.boolean(),
      }),
    ),
  },
});

export const requestAccessCode = defineRoute({
  method: "post",
  path: "/registrations/access-code",
  tags,
  summary:
    "Send a code to the request's contact mobile when the request number and that mobile belong together",
  description:
    "A request number of the wrong form is refused on its field (VALIDATION_FAILED). A well-formed number and a mobile that do not belong to one unit registration get one answer, whichever is wrong (REGISTRATION_ACCESS_NOT_FOUND, 404): knowing both is what lets the caller receive a code anyway. SMS limits answer SMS_SEND_LIMIT with retryAfterSeconds.",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(z.object({ requestNumber: requestNumberField("DW"), contactMobile: mobileField })),
  },
  responses: { 202: { description: "A code was sent to the contact mobile" } },
});

/** A registration's stored material, as POST /uploads answered it. */
const storedMaterial = z.object({
  id: z.string(),
  kind: z.enum(["BUSINESS_LICENCE", "AUTHORIZATION_LETTER"]),
  originalName: z.string(),
  mediaType: z.string(),
  size: z.number(),
});

export const registrationView = z
  .object({
    requestNumber: z.string(),
    unitName: z.string(),
    uscc: z.string(),
    status: z.enum(RequestStatus),
    submittedAt: z.string(),
    closedAt: z.string().nullable(),
    contactMobileMasked: z.string(),
    mismatchedFields: z.array(z.string()),
    /** The reviewer's reason or note (an approval's note too), or the applicant's reason to withdraw. */
    decisionReason: z.string().nullable(),
    /** R30, an approved request: what the unit was registered with; null before approval or otherwise. */
    registered: registeredFactsView.nullable(),
    /**
     * Issue 13 item 4, a request closed without approval (rejected, withdrawn, expired): what it was
     * submitted with, to prefill 重新注册; its materials while they are still stored (null otherwise),
     * reusable by id for a registration of the same USCC. Null for other requests.
     */
    resubmission: z
      .object({
        unitName: z.string(),
        uscc: z.string(),
        unitType: z.enum(UNIT_TYPES),
        regionCode: z.string(),
        legalRepName: z.string(),
        legalRepIdNumber: z.string(),
        legalRepMobile: z.string().nullable(),
        contactName: z.string(),
        contactMobile: z.string(),
        businessLicence: storedMaterial.nullable(),
        authorizationLetter: storedMaterial.nullable(),
      })
      .nullable(),
    canWithdraw: z.boolean(),
    history: z.array(historyEntrySchema),
  })
  .openapi("RegistrationStatus");

export const grantAccess = defineRoute({
  method: "post",
  path: "/registrations/access",
  tags,
  summary: "Verify the SMS code; the browser may then read this request's status for 30 minutes",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        requestNumber: requestNumberField("DW"),
        code: identifierText().regex(/^\d{6}$/),
      }),
    ),
  },
  responses: {
    200: dataResponse("Status", registrationView),
  },
});

const requestNumberParam = z.object({ requestNumber: identifierText().min(6).max(40) });

export const show = defineRoute({
  method: "get",
  path: "/registrations/{requestNumber}",
  tags,
  summary: "Status and full history of a registration (R25)",
  access: { actor: "anonymous" },
  description: "Needs the status-page cookie from /registrations/access for this request.",
  request: { params: requestNumberParam },
  responses: {
    200: dataResponse("Status", registrationView),
  },
});

export const withdraw = defineRoute({
  method: "post",
  path: "/registrations/{requestNumber}/withdraw",
  tags,
  summary: "Withdraw the registration until a decision is made (R2)",
  access: { actor: "anonymous" },
  description: "Needs the status-page cookie from /registrations/access for this request.",
  request: {
    params: requestNumberParam,
    body: jsonBody(z.object({ reason: textField({ max: 200 }).optional() }), false),
  },
  responses: {
    200: dataResponse("Withdrawn", registrationView),
  },
});
