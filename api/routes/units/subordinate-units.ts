// R11 直接创建下级单位: the administrator or a handler of a public institution or an HR department,
// from 政务外网 / 人社内网, creates a subordinate unit with its first administrator; it is affiliated
// at once. The console first asks whether it may (and shows why not); both routes apply the same
// rule (lib/subordinate-creation.ts), the creation runs the use case that also creates HR
// departments (lib/create-unit-with-administrator.ts).
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { REAL_PERSON_ROLES } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { createUnitWithAdministrator } from "../../../lib/create-unit-with-administrator.js";
import {
  type SubordinateCreationReason,
  subordinateCreationReason,
  subordinateCreationRefusal,
} from "../../../lib/subordinate-creation.js";
import type { AppEnv } from "../../context.js";
import {
  contactNameField,
  identifierText,
  idNumberField,
  mobileField,
  nameText,
  personNameField,
  usccField,
} from "../../fields.js";
import { dataResponse, defineRoute, jsonBody } from "../../route.js";
import { auditOrigin, clientAddress, requirePerson } from "../../sessions.js";
import { requireUnitVisible } from "./unit-management.js";
import { profileOf } from "./units.handlers.js";
import { UNIT_TYPES, unitProfile } from "./units.routes.js";

const tags = ["units"];
const idParam = z.object({ id: z.string().uuid() });
const REASONS = ["UNTRUSTED_NETWORK", "UNIT_TYPE_NOT_ALLOWED", "NOT_A_DECIDER"] as const;

const creationCheck = defineRoute({
  method: "get",
  path: "/units/{id}/subordinate-creation",
  tags,
  summary:
    "R11: whether the caller may create a subordinate unit of this unit now, from the client address the platform sees, and if not why (the console shows it)",
  access: { actor: "person", strength: "REAL_PERSON" },
  request: { params: idParam },
  responses: {
    200: dataResponse(
      "What the caller may do",
      z
        .object({
          allowed: z.boolean(),
          /** The address the platform believes (a forwarded one only from TRUSTED_PROXIES); "unknown" without a socket. */
          clientAddress: z.string(),
          reason: z.enum(REASONS).nullable(),
        })
        .openapi("SubordinateCreation"),
    ),
  },
});

const create = defineRoute({
  method: "post",
  path: "/units/{id}/subordinates",
  tags,
  summary:
    "R11: the unit's administrator or a handler (public institution or HR department, real-person session, from 政务外网 / 人社内网) creates a subordinate unit with its first administrator; it is affiliated at once. SMS to its contact mobile and to the administrator",
  access: { actor: "person", roles: REAL_PERSON_ROLES, strength: "REAL_PERSON" },
  request: {
    params: idParam,
    body: jsonBody(
      z.object({
        name: nameText({ min: 4, max: 100 }),
        uscc: usccField,
        /** Not HR_DEPARTMENT: HR departments are created by the provincial HR department (R21). */
        type: z.enum(UNIT_TYPES),
        regionCode: identifierText().regex(/^\d{6}$/),
        contactName: contactNameField,
        contactMobile: mobileField,
        administrator: z.object({ idNumber: idNumberField, name: personNameField, mobile: mobileField }),
      }),
    ),
  },
  responses: {
    201: {
      description: "The created unit",
      content: { "application/json": { schema: z.object({ data: unitProfile }) } },
    },
  },
});

/** The unit (visible to the caller, else UNIT_NOT_FOUND) and why the caller may not create under it. */
async function creationFacts(
  c: Context<AppEnv>,
  unitId: string,
): Promise<{
  unit: { id: string; name: string; type: (typeof UNIT_TYPES)[number] };
  address: string;
  reason: SubordinateCreationReason | null;
}> {
  const { actor } = requirePerson(c);
  const { db, config } = c.get("deps");
  await requireUnitVisible(db, actor, unitId);
  const unit = await db.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { id: true, name: true, type: true },
  });
  const address = clientAddress(c);
  const reason = subordinateCreationReason({
    actor,
    unit,
    clientAddress: address,
    trustedNetworks: config.trustedNetworks,
  });
  return { unit, address, reason };
}

export const subordinateUnitsRouter = new OpenAPIHono<AppEnv>()
  .openapi(creationCheck, async (c) => {
    const { address, reason } = await creationFacts(c, c.req.valid("param").id);
    return c.json({ data: { allowed: reason === null, clientAddress: address, reason } }, 200);
  })
  .openapi(create, async (c) => {
    const { actor } = requirePerson(c);
    const { unit: superior, address, reason } = await creationFacts(c, c.req.valid("param").id);
    if (reason === "NOT_A_DECIDER") {
      // Not "your units and their subordinates" (FORBIDDEN_UNIT_SCOPE's general remedy): a superior's
      // staff do not create units under a subordinate unit either.
      throw new AppError("FORBIDDEN_UNIT_SCOPE", {
        details: {
          unitId: superior.id,
          rule: "R11",
          remedy: {
            "zh-CN": `只有${superior.name}本单位的管理员或经办人可以直接创建其下级单位，请由其办理`,
            en: `Only the administrator or a handler of ${superior.name} itself creates its subordinate units directly; ask them`,
          },
        },
      });
    }
    if (reason) {
      throw subordinateCreationRefusal(reason, {
        unitId: superior.id,
        unitType: superior.type,
        clientAddress: address,
      });
    }
    const body = c.req.valid("json");
    if (body.type === "HR_DEPARTMENT") {
      throw new AppError("UNIT_TYPE_NOT_ALLOWED", {
        field: "type",
        message: {
          "zh-CN": "人社部门单位只能由省人社厅创建，请选择其他单位类型",
          en: "HR-department units are created by the provincial HR department only; choose another unit type",
        },
        details: { rule: "R21" },
      });
    }
    const deps = c.get("deps");
    const created = await createUnitWithAdministrator(
      { ...deps, logger: c.get("logger") },
      {
        unit: {
          name: body.name,
          uscc: body.uscc.value,
          type: body.type,
          regionCode: body.regionCode,
          contactName: body.contactName,
          contactMobile: body.contactMobile,
          origin: "CREATED_BY_SUPERIOR",
          parentUnitId: superior.id,
        },
        administrator: body.administrator,
        createdById: actor.personId,
        origin: auditOrigin(c),
        auditAction: "unit.subordinate-created",
        notices: (unit) => [
          {
            mobile: unit.contactMobile,
            template: "SUBORDINATE_UNIT_CREATED",
            params: { superiorName: superior.name, unitName: unit.name },
          },
        ],
      },
    );
    return c.json({ data: await profileOf(deps.db, created.id) }, 201);
  });
