// Who may grant and revoke which role for whom (账号角色管理): the catalogue says which roles grant a
// role (grantableBy); the granter holds one in the account's unit or in a superior unit of it (R7:
// an administrator manages its own and its subordinate units), in a real-person session (R12, the
// routes require it); nobody changes their own roles.
import type { Actor } from "../../../domain/authorization.js";
import { AppError } from "../../../domain/errors.js";
import { type CatalogueRole, granterGrant, granterRoles } from "../../../domain/role-catalogue.js";
import { authorityExplanation, successionAuthority } from "../../../lib/admin-succession.js";
import type { Database } from "../../../lib/database.js";
import { grantersExplanation, relatesTo } from "../../../lib/explanations.js";
import { listRoleCatalogue } from "../../../lib/role-catalogue.js";
import { superiorChain } from "../../../lib/unit-hierarchy.js";
import type { Prisma } from "../../../prisma/generated/client.js";

type Person = Extract<Actor, { kind: "PERSON" }>;
type ScopeReader = Pick<Prisma.TransactionClient, "unit" | "unitAncestor" | "roleBinding" | "roleDefinition">;

/**
 * Throws unless the actor manages the accounts of `unitId` and every unit below it on the role page:
 * the actor holds a role there that grants some role of the catalogue. The units themselves are a
 * subquery (`unitSubtreeSql`): a provincial HR department's subtree is the whole province.
 */
export async function requireRoleGranter(db: Database, actor: Person, unitId: string): Promise<void> {
  const granting = granterRoles(await listRoleCatalogue(db));
  const here = actor.roles.filter((g) => g.unitId === unitId);
  if (!here.some((g) => granting.includes(g.role))) {
    throw new AppError(here.length > 0 ? "FORBIDDEN_ROLE_GRANT" : "FORBIDDEN_UNIT_SCOPE", {
      details: { unitId },
    });
  }
}

/** Whether the actor may see the roles of accounts of this unit: a granter role here or above. */
export async function requireRoleViewer(db: ScopeReader, actor: Person, unitId: string): Promise<void> {
  const granting = granterRoles(await listRoleCatalogue(db));
  const chain = await superiorChain(db, unitId);
  if (!granterGrant({ grantableBy: granting }, actor.roles, chain))
    throw new AppError("FORBIDDEN_UNIT_SCOPE", { details: { unitId } });
}

/**
 * Throws unless the actor may grant or revoke `role` for `personId` in `unitId`. Runs inside the
 * transaction of the change and checks the actor's granter role there again: one revoked a moment
 * ago no longer counts.
 */
export async function authorizeRoleChange(
  tx: Prisma.TransactionClient,
  actor: Person,
  target: { personId: string; unitId: string },
  role: CatalogueRole,
): Promise<void> {
  if (target.personId === actor.personId) {
    throw new AppError("CANNOT_CHANGE_OWN_ACCOUNT", {
      message: {
        "zh-CN": "不能授予或解除自己的角色，请由本单位或上级单位的管理员办理",
        en: "You cannot grant or revoke your own roles; the administrator of your unit or a superior unit can",
      },
      details: { unitId: target.unitId },
    });
  }
  if (role.grantableBy.length === 0) {
    throw new AppError("ROLE_NOT_GRANTABLE", {
      message: {
        "zh-CN": `“${role.labelZh}”不在账号角色管理中授予或解除：须由现任${role.labelZh}在“系统配置子系统 → 单位基础信息管理 → 更换管理员”中指定继任者（无现任时由上级单位管理员指定）`,
        en: `"${role.labelEn}" is not granted or revoked on the account roles page: the current holder designates a successor (System configuration → Unit profile → Change administrator), or the superior unit's administrator when there is none`,
      },
      // Who hands the office on: the current administrator, else who designates one (R8).
      details: {
        subsystem: role.subsystem,
        role: role.role,
        // Who runs a unit is told only to those it concerns (its people and superiors).
        ...((await relatesTo(tx, actor, target.unitId))
          ? authorityExplanation(await successionAuthority(tx, target.unitId))
          : {}),
      },
    });
  }
  const chain = await superiorChain(tx, target.unitId);
  const granter = granterGrant(role, actor.roles, chain);
  const stillHeld =
    granter &&
    (await tx.roleBinding.count({
      where: { personId: actor.personId, unitId: granter.unitId, role: granter.role, revokedAt: null },
    })) > 0;
  if (!stillHeld) {
    const catalogue = await listRoleCatalogue(tx);
    const granters = role.grantableBy.map(
      (name) => catalogue.find((r) => r.role === name) ?? { role: name, labelZh: name, labelEn: name },
    );
    throw new AppError("FORBIDDEN_ROLE_GRANT", {
      message: {
        "zh-CN": `您没有授予或解除“${role.labelZh}”的权限：只有该账号所在单位或其上级单位的${granters.map((g) => g.labelZh).join("或")}可以办理`,
        en: `You may not grant or revoke "${role.labelEn}": only the ${granters.map((g) => g.labelEn).join(" or ")} of the account's unit or a superior unit can`,
      },
      details: {
        subsystem: role.subsystem,
        role: role.role,
        grantableBy: role.grantableBy,
        ...((await relatesTo(tx, actor, target.unitId))
          ? await grantersExplanation(tx, target.unitId, role, actor.personId)
          : {}),
      },
    });
  }
}
