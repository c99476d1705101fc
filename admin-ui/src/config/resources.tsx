import {
  AppstoreOutlined,
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  SettingOutlined,
  ToolOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ResourceProps } from "@refinedev/core";
import type { ParseKeys, TFunction } from "i18next";
import type { ComponentType, ReactNode } from "react";
import { ComingSoon } from "../components/coming-soon";
import { AUDIT_LOG_PATH, AuditLogPage } from "../pages/audit-log/audit-log-page";
import { MyWorkPage } from "../pages/my-work/my-work-page";
import { AccountExitsPage } from "../pages/portal/account-exits-page";
import { AccountInfoPage } from "../pages/portal/account-info-page";
import { AccountRolesPage } from "../pages/portal/account-roles-page";
import { IncomingAccountsPage } from "../pages/portal/incoming-accounts-page";
import { UnitAccountsPage } from "../pages/portal/unit-accounts-page";
import { SmsOutboxList } from "../pages/sms-outbox/list";
import { TaskList } from "../pages/tasks/list";
import { TaskShow } from "../pages/tasks/show";
import { TitleApplicationsPage } from "../pages/title-review/title-applications-page";
import { UnitPage } from "../pages/unit-management/unit-page";
import { UnitProfilePage } from "../pages/unit-profile/show";
import { UnitList } from "../pages/units/list";
import { MyRequestsPage } from "../pages/user-center/my-requests-page";
import { ProfilePage } from "../pages/user-center/profile-page";
import { PORTAL_PATHS, TASKS_PATH, UNIT_PROFILE_PATH, USER_CENTER_PATHS, WORK_PATH } from "./paths";

/** Menu groups: the manual's subsystems plus the console's own areas. */
export type ResourceGroup =
  // 我的工作 stands alone: the landing page of a person with queues.
  | "my-work"
  | "user-center"
  | "portal"
  | "sysconfig"
  | "title-review"
  | "review-workbench"
  | "platform-ops"
  // 审计日志 stands alone (no group): its own name is its group.
  | "audit-events"
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
  {
    name: "my-work",
    label: "resources.myWork",
    icon: <DashboardOutlined />,
    list: WORK_PATH,
    page: MyWorkPage,
  },
  // Every person's own area; a unit login has none (R6).
  { name: "user-center", label: "resources.userCenter", icon: <UserOutlined /> },
  {
    name: "profile",
    label: "resources.profile",
    parent: "user-center",
    list: USER_CENTER_PATHS.profile,
    page: ProfilePage,
  },
  {
    name: "my-requests",
    label: "resources.myRequests",
    parent: "user-center",
    list: USER_CENTER_PATHS.requests,
    page: MyRequestsPage,
  },
  { name: "portal", label: "resources.portal", icon: <AppstoreOutlined /> },
  {
    name: "incoming-accounts",
    label: "resources.incomingAccounts",
    parent: "portal",
    list: PORTAL_PATHS.incomingAccounts,
    page: IncomingAccountsPage,
  },
  {
    name: "account-exits",
    label: "resources.accountExits",
    parent: "portal",
    list: PORTAL_PATHS.accountExits,
    page: AccountExitsPage,
  },
  {
    name: "account-roles",
    label: "resources.accountRoles",
    parent: "portal",
    list: PORTAL_PATHS.accountRoles,
    page: AccountRolesPage,
  },
  {
    name: "account-info",
    label: "resources.accountInfo",
    parent: "portal",
    list: PORTAL_PATHS.accountInfo,
    page: AccountInfoPage,
  },
  {
    name: "unit-accounts",
    label: "resources.unitAccounts",
    parent: "portal",
    list: PORTAL_PATHS.unitAccounts,
    page: UnitAccountsPage,
  },
  { name: "sysconfig", label: "resources.sysconfig", icon: <SettingOutlined /> },
  {
    name: "unit-profile",
    label: "resources.unitProfile",
    parent: "sysconfig",
    list: UNIT_PROFILE_PATH,
    page: UnitProfilePage,
    show: `${UNIT_PROFILE_PATH}/:id`,
    showPage: UnitPage,
  },
  { name: "title-review", label: "resources.titleReview", icon: <TrophyOutlined /> },
  {
    name: "title-applications",
    label: "resources.titleApplications",
    parent: "title-review",
    list: "/title-review/title-applications",
    page: TitleApplicationsPage,
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
  // R26: a page of its own, for platform auditors and unit administrators.
  {
    name: "audit-events",
    label: "resources.auditLog",
    icon: <FileSearchOutlined />,
    list: AUDIT_LOG_PATH,
    page: AuditLogPage,
  },
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
