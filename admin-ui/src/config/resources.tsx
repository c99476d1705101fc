import {
  AppstoreOutlined,
  AuditOutlined,
  ClusterOutlined,
  SettingOutlined,
  ToolOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ResourceProps } from "@refinedev/core";
import type { ParseKeys, TFunction } from "i18next";
import type { ComponentType, ReactNode } from "react";
import { ComingSoon } from "../components/coming-soon";
import { MeShow } from "../pages/me/show";
import { SmsOutboxList } from "../pages/sms-outbox/list";
import { TaskList } from "../pages/tasks/list";
import { TaskShow } from "../pages/tasks/show";
import { UnitProfilePage } from "../pages/unit-profile/show";
import { UnitList } from "../pages/units/list";
import { TASKS_PATH, UNIT_PROFILE_PATH } from "./paths";

/** Menu groups: the manual's subsystems plus the console's own areas. */
export type ResourceGroup =
  | "portal"
  | "sysconfig"
  | "title-review"
  | "review-workbench"
  | "platform-ops"
  | "dev-tools";

interface ConsoleResource {
  name: string;
  label: ParseKeys;
  /** Top-level entries only: nested items without icons keep the manual's long names readable. */
  icon?: ReactNode;
  parent?: ResourceGroup;
  /** Route of the list page; menu groups have none. */
  list?: string;
  /** Capabilities without a page yet render ComingSoon. */
  page?: ComponentType;
  /** Route of one record's page, with `:id`. */
  show?: string;
  showPage?: ComponentType;
  /** API path under /api when it differs from the resource name. */
  apiPath?: string;
}

const consoleResources: ConsoleResource[] = [
  { name: "portal", label: "resources.portal", icon: <AppstoreOutlined /> },
  {
    name: "incoming-accounts",
    label: "resources.incomingAccounts",
    parent: "portal",
    list: "/portal/incoming-accounts",
  },
  {
    name: "account-exits",
    label: "resources.accountExits",
    parent: "portal",
    list: "/portal/account-exits",
  },
  {
    name: "account-roles",
    label: "resources.accountRoles",
    parent: "portal",
    list: "/portal/account-roles",
  },
  {
    name: "account-info",
    label: "resources.accountInfo",
    parent: "portal",
    list: "/portal/account-info",
  },
  {
    name: "unit-accounts",
    label: "resources.unitAccounts",
    parent: "portal",
    list: "/portal/unit-accounts",
  },
  { name: "sysconfig", label: "resources.sysconfig", icon: <SettingOutlined /> },
  {
    name: "unit-profile",
    label: "resources.unitProfile",
    parent: "sysconfig",
    list: UNIT_PROFILE_PATH,
    page: UnitProfilePage,
  },
  { name: "title-review", label: "resources.titleReview", icon: <TrophyOutlined /> },
  {
    name: "title-applications",
    label: "resources.titleApplications",
    parent: "title-review",
    list: "/title-review/title-applications",
  },
  { name: "review-workbench", label: "resources.reviewWorkbench", icon: <AuditOutlined /> },
  {
    name: "tasks",
    label: "resources.tasks",
    parent: "review-workbench",
    list: TASKS_PATH,
    page: TaskList,
    show: `${TASKS_PATH}/:id`,
    showPage: TaskShow,
  },
  { name: "platform-ops", label: "resources.platformOps", icon: <ClusterOutlined /> },
  {
    name: "units",
    label: "resources.units",
    parent: "platform-ops",
    list: "/platform/units",
    page: UnitList,
  },
  { name: "me", label: "resources.me", icon: <UserOutlined />, list: "/me", page: MeShow },
  { name: "dev-tools", label: "resources.devTools", icon: <ToolOutlined /> },
  {
    name: "sms-outbox",
    label: "resources.smsOutbox",
    parent: "dev-tools",
    list: "/dev/sms-outbox",
    page: SmsOutboxList,
    apiPath: "dev/sms-outbox",
  },
];

/** Refine resources with labels in the current locale. */
export const buildResources = (t: TFunction): ResourceProps[] =>
  consoleResources.map(({ name, label, icon, parent, list, show, apiPath }) => ({
    name,
    list,
    show,
    meta: { label: t(label), icon, parent, apiPath },
  }));

/** One route per resource page. */
export const resourceRoutes = consoleResources.flatMap(({ list, page, show, showPage }) => [
  ...(list ? [{ path: list, Page: page ?? ComingSoon }] : []),
  ...(show ? [{ path: show, Page: showPage ?? ComingSoon }] : []),
]);

/** The menu group a resource belongs to, or its own name when it is a group or stands alone. */
export const resourceGroup = (name: string): string =>
  consoleResources.find((resource) => resource.name === name)?.parent ?? name;
