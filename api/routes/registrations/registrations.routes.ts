import { z } from "@hono/zod-openapi";
import {
  contactNameField,
  idNumberField,
  mobileField,
  passwordField,
  personNameField,
  usccField,
} from "../../fields.js";
import { defineRoute } from "../../route.js";
import { historyEntrySchema } from "../request-history.js";

const tags = ["registrations"];
const UNIT_TYPES = [
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "GOVERNMENT_AGENCY",
  "SOCIAL_ORGANIZATION",
  "HR_DEPARTMENT",
] as const;

export const submitRegistrationBody = z.object({
  submissionId: z
    .string()
    .uuid()
    .openapi({ description: "Chosen by the form; a retried submission is recognised" }),
  unitName: z.string().trim().min(4).max(100),
  uscc: usccField,
  unitType: z.enum(UNIT_TYPES),
  regionCode: z.string().regex(/^\d{6}$/),
  legalRepName: personNameField,
  legalRepIdNumber: idNumberField,
  legalRepMobile: mobileField.optional(),
  contactName: contactNameField,
  contactMobile: mobileField,
  password: passwordField,
  businessLicenceUploadId: z.string().uuid(),
  authorizationLetterUploadId: z.string().uuid(),
});

const submitted = z
  .object({ requestNumber: z.string(), status: z.string(), usccCheckWarning: z.boolean() })
  .openapi("SubmittedRegistration");

export const submit = defineRoute({
  method: "post",
  path: "/registrations",
  tags,
  summary: "Submit a unit registration (R1); starts the unitRegistration workflow",
  access: { actor: "anonymous" },
  request: { body: { required: true, content: { "application/json": { schema: submitRegistrationBody } } } },
  responses: {
    201: {
      description: "Started",
      content: { "application/json": { schema: z.object({ data: submitted }) } },
    },
    200: {
      description: "Already submitted (same submissionId)",
      content: { "application/json": { schema: z.object({ data: submitted }) } },
    },
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
    200: {
      description: "Availability",
      content: {
        "application/json": {
          schema: z.object({
            data: z.object({
              uscc: z.string(),
              state: z.enum(["AVAILABLE", "REGISTERED", "IN_PROGRESS"]),
              checkCharacterValid: z.boolean(),
            }),
          }),
        },
      },
    },
  },
});

export const requestAccessCode = defineRoute({
  method: "post",
  path: "/registrations/access-code",
  tags,
  summary: "Send a code to the request's contact mobile (the answer never says whether the number exists)",
  access: { actor: "anonymous" },
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ requestNumber: z.string().trim().min(6).max(40) }) },
      },
    },
  },
  responses: { 202: { description: "If the request exists, a code was sent" } },
});

export const registrationView = z
  .object({
    requestNumber: z.string(),
    unitName: z.string(),
    uscc: z.string(),
    status: z.string(),
    submittedAt: z.string(),
    closedAt: z.string().nullable(),
    contactMobileMasked: z.string(),
    mismatchedFields: z.array(z.string()),
    decisionReason: z.string().nullable(),
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
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            requestNumber: z.string().trim().min(6).max(40),
            code: z
              .string()
              .trim()
              .regex(/^\d{6}$/),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Status",
      content: { "application/json": { schema: z.object({ data: registrationView }) } },
    },
  },
});

const requestNumberParam = z.object({ requestNumber: z.string().min(6).max(40) });

export const show = defineRoute({
  method: "get",
  path: "/registrations/{requestNumber}",
  tags,
  summary: "Status and full history of a registration (R25)",
  access: { actor: "anonymous" },
  description: "Needs the status-page cookie from /registrations/access for this request.",
  request: { params: requestNumberParam },
  responses: {
    200: {
      description: "Status",
      content: { "application/json": { schema: z.object({ data: registrationView }) } },
    },
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
    body: {
      required: false,
      content: {
        "application/json": { schema: z.object({ reason: z.string().trim().max(200).optional() }) },
      },
    },
  },
  responses: {
    200: {
      description: "Withdrawn",
      content: { "application/json": { schema: z.object({ data: registrationView }) } },
    },
  },
});
