import { z } from "@hono/zod-openapi";
import { UNIT_TYPES } from "../../../domain/unit-types.js";
import { UnitOrigin } from "../../../prisma/generated/enums.js";
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
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { affiliationRequestView } from "../affiliation-requests/affiliation-request-view.js";
import { listQuery, listResponse } from "../list-query.js";

const tags = ["units"];

export { UNIT_TYPES };

const idParam = z.object({ id: z.string().uuid() });

export const unitProfile = z
  .object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    accountName: z.string(),
    type: z.enum(UNIT_TYPES),
    regionCode: z.string(),
    regionName: z.string(),
    legalRepName: z.string().nullable(),
    contactName: z.string(),
    contactMobileMasked: z.string(),
    formsCommittee: z.boolean(),
    parentUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    affiliationRequired: z.boolean(),
    /** R13: the unit's own open affiliation request (主管部门更改), if any. */
    openAffiliationRequest: affiliationRequestView.nullable(),
    administrator: z.object({ name: z.string().nullable(), idNumberMasked: z.string() }).nullable(),
    registeredAt: z.string(),
    /**
     * 主管部门（上级推送节点）: the unit first, then each superior up to the top, then, when the top is
     * not an HR department, the HR department of its region marked `implicit` (R31).
     */
    pushChain: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.enum(UNIT_TYPES),
        implicit: z.literal(true).optional(),
      }),
    ),
  })
  .openapi("UnitProfile");

const profileResponse = {
  description: "The unit's profile",
  content: { "application/json": { schema: z.object({ data: unitProfile }) } },
};

export const showProfile = defineRoute({
  method: "get",
  path: "/units/{id}/profile",
  tags,
  summary: "A unit's basic facts (unit login: its own unit only, R6)",
  access: { actor: "any" },
  request: { params: idParam },
  responses: { 200: profileResponse },
});

export const updateProfile = defineRoute({
  method: "patch",
  path: "/units/{id}/profile",
  tags,
  summary: "Maintain the unit's basic facts (its unit login, R6, or its administrator, R7)",
  access: { actor: "any" },
  request: {
    params: idParam,
    body: jsonBody(
      z.object({
        type: z.enum(UNIT_TYPES).optional(),
        regionCode: identifierText()
          .regex(/^\d{6}$/)
          .optional(),
        contactName: contactNameField.optional(),
      }),
    ),
  },
  responses: { 200: profileResponse },
});

export const designateFirstAdministrator = defineRoute({
  method: "post",
  path: "/units/{id}/first-administrator",
  tags,
  summary: "Designate the unit's first administrator (unit login only, R6, R8)",
  access: { actor: "unit" },
  request: {
    params: idParam,
    body: jsonBody(z.object({ idNumber: idNumberField, name: personNameField })),
  },
  responses: { 200: profileResponse },
});

const unitSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    type: z.enum(UNIT_TYPES),
    regionCode: z.string(),
    regionName: z.string(),
    parentUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    administrator: z.object({ name: z.string().nullable() }).nullable(),
    origin: z.enum(UnitOrigin),
    registeredAt: z.string(),
  })
  .openapi("UnitSummary");

export const list = defineRoute({
  method: "get",
  path: "/units",
  tags,
  summary: "All units (platform staff and HR-department administrators)",
  access: {
    actor: "person",
    roles: [
      "PLATFORM_OPERATOR",
      "PLATFORM_REVIEWER",
      "PLATFORM_SUPERVISOR",
      "PLATFORM_AUDITOR",
      "UNIT_ADMIN",
    ],
  },
  request: {
    query: listQuery(["name", "registeredAt"]).extend({
      type: z.enum(UNIT_TYPES).optional(),
      regionCode: identifierText()
        .regex(/^\d{6}$/)
        .optional(),
      q: textField({ max: 50 }).optional().openapi({ description: "Part of the name, or the USCC" }),
      withinRegion: identifierText()
        .regex(/^\d{6}$/)
        .optional()
        .openapi({ description: "Units in this region or any region below it" }),
      withoutAdministrator: z.enum(["true", "false"]).optional().openapi({
        description: "true: only units that have no administrator (R8: they need one designated)",
      }),
    }),
  },
  responses: {
    200: { description: "Units", content: { "application/json": { schema: listResponse(unitSummary) } } },
  },
});

export const createHrDepartment = defineRoute({
  method: "post",
  path: "/units/hr-departments",
  tags,
  summary: "Create an HR-department unit and its administrator (provincial HR administrator, R21)",
  access: { actor: "person", roles: ["UNIT_ADMIN"], strength: "REAL_PERSON" },
  request: {
    body: jsonBody(
      z.object({
        name: nameText({ min: 4, max: 100 }),
        uscc: usccField,
        regionCode: identifierText().regex(/^\d{6}$/),
        contactName: contactNameField,
        contactMobile: mobileField,
        administrator: z.object({ idNumber: idNumberField, name: personNameField, mobile: mobileField }),
      }),
    ),
  },
  responses: { 201: profileResponse },
});

export const recoverAccount = defineRoute({
  method: "post",
  path: "/units/account-recovery",
  tags,
  summary:
    "R22: send the unit's login account name to its contact mobile (the answer never tells whether it matched)",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        usccOrName: textField({ min: 2, max: 100 }),
        legalRepIdNumber: idNumberField,
      }),
    ),
  },
  responses: { 202: { description: "If the facts match, the account name was sent" } },
});

export const passwordResetCode = defineRoute({
  method: "post",
  path: "/units/password-reset/code",
  tags,
  summary: "R27: send a code to the unit's contact mobile to reset its password",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(z.object({ account: identifierText().min(1).max(64) })),
  },
  responses: {
    200: dataResponse(
      "A challenge (also for unknown accounts, which then never verifies)",
      z.object({ challengeId: z.string() }),
    ),
  },
});

export const resetPassword = defineRoute({
  method: "post",
  path: "/units/password-reset",
  tags,
  summary: "R27: set a new unit password with the SMS code; ends the unit's sessions",
  access: { actor: "anonymous" },
  request: {
    body: jsonBody(
      z.object({
        challengeId: z.string().uuid(),
        code: identifierText().regex(/^\d{6}$/),
        newPassword: passwordField,
      }),
    ),
  },
  responses: { 204: { description: "Password changed" } },
});
