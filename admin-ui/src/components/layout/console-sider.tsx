import { UnorderedListOutlined } from "@ant-design/icons";
import { ThemedSider } from "@refinedev/antd";
import { CanAccess, type TreeMenuItem, useGetIdentity, useLink, useMenu } from "@refinedev/core";
import { Badge, Flex, Menu } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { useRefreshWorkAfterChanges, useWorkSummary, workQueue } from "../../hooks/use-work-summary";
import { reachesPortalThroughAccountManagement } from "../../providers/roles";
import { PlatformTitle } from "./platform-name";

/** The groups that a handler of a unit without an evaluation committee reaches through 账号管理. */
const THROUGH_ACCOUNT_MANAGEMENT = new Set(["portal", "sysconfig"]);

/** The pending counts shown beside the menu entries of the queues, by resource name. */
const useMenuCounts = (): Record<string, number | undefined> => {
  const { data } = useWorkSummary();
  return {
    "my-work": data?.total,
    tasks: workQueue(data, "TASKS")?.pending ?? undefined,
    "incoming-accounts": workQueue(data, "INCOMING_ACCOUNTS")?.pending ?? undefined,
  };
};

const Label = ({ name, label, count }: { name: string; label: ReactNode; count?: number }) =>
  count === undefined ? (
    label
  ) : (
    <Flex component="span" align="center" justify="space-between" gap="small">
      <span>{label}</span>
      <span data-testid={`menu-count-${name}`} data-count={count}>
        <Badge count={count} size="small" overflowCount={999} />
      </span>
    </Flex>
  );

/**
 * The console's menu, built from Refine's resources (useMenu) and the signed-in identity, inside
 * ThemedSider's frame. Two things the stock menu cannot do:
 * - the manual's 账号管理: a handler of a unit that does not form an evaluation committee finds
 *   统一门户子系统 and 系统配置子系统 under 账号管理, everyone else at the top. Resources are static
 *   (their parent cannot depend on who signed in), so the menu moves the two groups, at render time,
 *   into a 账号管理 item group: a heading, always unfolded, so the groups' own open state and
 *   Refine's routes, breadcrumbs and access control stay as they are.
 * - the pending counts of the person's queues as badges beside their entries.
 */
const useMenuItems = (): ReactNode[] => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  const { menuItems } = useMenu();
  const counts = useMenuCounts();
  useRefreshWorkAfterChanges();

  const render = (tree: TreeMenuItem[]): ReactNode[] =>
    tree.map((item) => {
      const { key, name, children, meta, route } = item;
      const label = item.label ?? meta?.label ?? name;
      const guarded = (node: ReactNode) => (
        <CanAccess key={key} resource={name} action="list" params={{ resource: item }}>
          {node}
        </CanAccess>
      );
      if (children.length > 0) {
        return guarded(
          <Menu.SubMenu key={key} icon={meta?.icon ?? <UnorderedListOutlined />} title={label}>
            {render(children)}
          </Menu.SubMenu>,
        );
      }
      return guarded(
        <Menu.Item key={key} icon={meta?.icon}>
          <Link to={route ?? ""}>
            <Label name={name} label={label} count={counts[name]} />
          </Link>
        </Menu.Item>,
      );
    });

  if (!me || !reachesPortalThroughAccountManagement(me)) return render(menuItems);
  const nested = menuItems.filter(({ name }) => THROUGH_ACCOUNT_MANAGEMENT.has(name));
  const others = menuItems.filter(({ name }) => !THROUGH_ACCOUNT_MANAGEMENT.has(name));
  // Last in the menu: a heading has no end, so whatever followed it would look like part of it.
  return [
    ...render(others),
    <Menu.ItemGroup key="account-management" title={t("resources.accountManagement")}>
      {render(nested)}
    </Menu.ItemGroup>,
  ];
};

/**
 * The header carries the logout button, so the sider shows only the menu. The items are the Menu's
 * direct children (not wrapped in a component): rc-menu keys its children by cloning them with their
 * key, and CanAccess passes it on to the item it guards.
 */
export const ConsoleSider = () => {
  const items = useMenuItems();
  return <ThemedSider fixed Title={PlatformTitle} render={() => items} />;
};
