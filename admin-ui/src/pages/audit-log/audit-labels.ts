import type { ParseKeys, TFunction } from "i18next";
import { i18n } from "../../i18n";
import zhCN from "../../i18n/zh-CN.json";

/** The label of an i18n key when the catalogue has one, else the code as the API sent it. */
const labelOr = (key: string, code: string, t: TFunction): string =>
  i18n.exists(key) ? t(key as ParseKeys) : code;

/** "binding.exited" → 账号退出单位; an action the console does not know yet shows its code. */
export const actionText = (action: string, t: TFunction): string =>
  labelOr(`auditLog.actions.${action}`, action, t);

export const actorTypeText = (type: string, t: TFunction): string =>
  labelOr(`auditLog.actorTypes.${type}`, type, t);

/**
 * The actor's name: a person's or unit's as the API loaded it; a system actor's (a process, the import,
 * a face-check vendor) in the reader's language when the catalogue knows it.
 */
export const actorNameText = (actor: { type: string; name: string | null }, t: TFunction): string | null =>
  actor.type === "SYSTEM" && actor.name
    ? labelOr(`auditLog.systemActors.${actor.name.replace(/[:.]/g, "_")}`, actor.name, t)
    : actor.name;

export const targetTypeText = (type: string, t: TFunction): string =>
  labelOr(`auditLog.targetTypes.${type}`, type, t);

/**
 * The action filter's choices: each category (its leading part, which the API matches as a prefix)
 * followed by its actions, from the catalogue's keys (the same in every locale).
 */
export const actionFilterOptions = (t: TFunction) =>
  Object.entries(zhCN.auditLog.actions).map(([category, actions]) => ({
    label: labelOr(`auditLog.categories.${category}`, category, t),
    title: category,
    options: [
      {
        value: category,
        label: t("auditLog.filters.wholeCategory", {
          category: labelOr(`auditLog.categories.${category}`, category, t),
        }),
      },
      ...Object.keys(actions).map((name) => ({
        value: `${category}.${name}`,
        label: actionText(`${category}.${name}`, t),
      })),
    ],
  }));
