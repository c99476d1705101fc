import { useCustom, useCustomMutation } from "@refinedev/core";
import { App, Drawer, Empty, Flex, Popconfirm, Skeleton, Switch, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { AccountRoleBinding, CatalogueRole, SubsystemCode, UnitAccount } from "../../api/types";
import { WhyNot, WhyNotTooltip, withRemedy } from "../../components/why-not";
import type { ActingUnitOption } from "../../hooks/use-acting-unit";
import { useRoleCatalogue } from "../../hooks/use-role-catalogue";
import { useWhyNot } from "../../hooks/use-why-not";
import { formatDateTime } from "../../utils/format";
import { accountDisplayName } from "./account-display-name";
import { useActionError } from "./use-portal-action";

interface RoleBindingDrawerProps {
  /** The account whose roles are shown; the drawer is closed while undefined. */
  account?: UnitAccount;
  /** The unit the page acts for: the account's unit or a superior one (R7). */
  actingUnit: ActingUnitOption;
  /** The signed-in person: nobody changes their own roles. */
  selfId?: string;
  onClose: () => void;
  /** A role was granted or revoked (or the attempt failed): the account list may have changed. */
  onChanged: () => void;
}

type Change = { kind: "grant" | "revoke"; role: CatalogueRole };

/** The catalogue's subsystems in catalogue order, each with its roles. */
const bySubsystem = (roles: CatalogueRole[]) => {
  const groups = new Map<SubsystemCode, CatalogueRole[]>();
  for (const role of roles) groups.set(role.subsystem, [...(groups.get(role.subsystem) ?? []), role]);
  return [...groups];
};

/**
 * 角色绑定 (R9): every subsystem with its roles from the catalogue, one switch per role. A switch grants
 * or revokes at once after a confirmation; a refusal (R10 业务互斥, scope, a revoked right) stays shown
 * with the API's reason until the next change.
 */
export const RoleBindingDrawer = ({
  account,
  actingUnit,
  selfId,
  onClose,
  onChanged,
}: RoleBindingDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onActionError = useActionError();
  const catalogue = useRoleCatalogue();
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const [pending, setPending] = useState<string>();
  const { query: bindings } = useCustom<AccountRoleBinding[], ApiHttpError>({
    url: "role-bindings",
    method: "get",
    config: { query: { personId: account?.personId } },
    queryOptions: { enabled: account !== undefined },
    errorNotification: false,
  });
  const { mutate } = useCustomMutation<AccountRoleBinding, ApiHttpError>();
  const held = useMemo(() => bindings.data?.data ?? [], [bindings.data]);
  const groups = useMemo(() => bySubsystem(catalogue.roles), [catalogue.roles]);
  const name = account ? accountDisplayName(account) : "";
  const keyOf = (role: CatalogueRole) => `${role.subsystem}-${role.role}`;
  const bindingOf = (role: CatalogueRole) =>
    held.find((b) => b.subsystem === role.subsystem && b.role === role.role);

  // The API's remedy for the refusals a disabled switch stands for: who hands the office on (R8),
  // who grants the role (R9), in the account's unit.
  const { whyNot } = useWhyNot(
    account ? ["ROLE_NOT_GRANTABLE", "FORBIDDEN_ROLE_GRANT"] : [],
    account?.unit.id,
  );

  /** Why the signed-in person may not switch this role, or undefined when they may (the API checks the same). */
  const blockOf = (role: CatalogueRole) => {
    if (account?.personId === selfId) return t("accountRoles.blocked.ownRoles");
    if (role.grantableBy.length === 0) {
      return withRemedy(
        t("accountRoles.blocked.succession", { role: catalogue.label(role.role) }),
        whyNot("ROLE_NOT_GRANTABLE"),
      );
    }
    if (!role.grantableBy.some((granter) => (actingUnit.roles as string[]).includes(granter))) {
      return withRemedy(
        t("accountRoles.blocked.granters", {
          roles: role.grantableBy.map(catalogue.label).join(t("common.listSeparator")),
        }),
        whyNot("FORBIDDEN_ROLE_GRANT"),
      );
    }
    return undefined;
  };

  const apply = ({ kind, role }: Change) => {
    if (!account) return;
    const binding = bindingOf(role);
    const label = catalogue.label(role.role);
    setPending(keyOf(role));
    setRefusal(undefined);
    mutate(
      kind === "grant"
        ? {
            url: "role-bindings",
            method: "post",
            values: {
              personId: account.personId,
              unitId: account.unit.id,
              subsystem: role.subsystem,
              role: role.role,
            },
            successNotification: false,
            errorNotification: false,
          }
        : {
            url: `role-bindings/${binding?.id}`,
            method: "delete",
            values: {},
            successNotification: false,
            errorNotification: false,
          },
      {
        onSuccess: () => {
          void message.success(
            kind === "grant"
              ? t("accountRoles.granted", { name, role: label })
              : t("accountRoles.revoked", { name, role: label }),
          );
        },
        onError: (error) => {
          setRefusal(error);
          onActionError(error);
        },
        onSettled: () => {
          setPending(undefined);
          void bindings.refetch();
          onChanged();
        },
      },
    );
  };

  const roleRow = (role: CatalogueRole) => {
    const binding = bindingOf(role);
    const on = binding !== undefined;
    const blocked = blockOf(role);
    const label = catalogue.label(role.role);
    const testId = `role-switch-${role.subsystem}-${role.role}`;
    return (
      <Flex
        key={keyOf(role)}
        justify="space-between"
        align="center"
        gap="middle"
        style={{ padding: "12px 0", borderBottom: "1px solid rgba(5, 5, 5, 0.06)" }}
        data-testid={`role-row-${role.subsystem}-${role.role}`}
      >
        <Flex vertical gap={4}>
          <Typography.Text strong>{label}</Typography.Text>
          <Flex gap={4} wrap>
            {role.requiresRealPerson && <Tag>{t("accountRoles.tags.realPerson")}</Tag>}
            {role.excludesTitleApplication && <Tag color="orange">{t("accountRoles.tags.exclusion")}</Tag>}
          </Flex>
          {binding && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("accountRoles.grantedAt", {
                at: formatDateTime(binding.grantedAt),
                by: binding.grantedBy?.name ?? t("accountRoles.grantedBySystem"),
              })}
            </Typography.Text>
          )}
        </Flex>
        <Popconfirm
          title={
            on
              ? t("accountRoles.confirm.revokeTitle", { name, role: label })
              : t("accountRoles.confirm.grantTitle", { name, role: label })
          }
          description={
            <Typography.Paragraph style={{ maxWidth: 320, margin: 0 }}>
              {on
                ? t("accountRoles.confirm.revokeDescription")
                : role.excludesTitleApplication
                  ? t("accountRoles.confirm.grantExclusive")
                  : t("accountRoles.confirm.grantDescription")}
            </Typography.Paragraph>
          }
          okText={on ? t("accountRoles.confirm.revoke") : t("accountRoles.confirm.grant")}
          okButtonProps={{ danger: on, "data-testid": "role-switch-confirm" }}
          cancelText={t("unitAccounts.cancel")}
          disabled={blocked !== undefined || pending !== undefined}
          onConfirm={() => apply({ kind: on ? "revoke" : "grant", role })}
          destroyOnHidden
        >
          <WhyNotTooltip reason={blocked}>
            <Switch
              checked={on}
              disabled={blocked !== undefined}
              loading={pending === keyOf(role)}
              checkedChildren={t("accountRoles.switch.on")}
              unCheckedChildren={t("accountRoles.switch.off")}
              data-testid={testId}
              data-checked={on}
            />
          </WhyNotTooltip>
        </Popconfirm>
      </Flex>
    );
  };

  const loadError = catalogue.query.error ?? bindings.error;
  const body = (() => {
    if (loadError) {
      return <WhyNot error={loadError} testId="role-binding-load-error" />;
    }
    if (catalogue.query.isLoading || bindings.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
    if (groups.length === 0) return <Empty description={t("accountRoles.noCatalogue")} />;
    // The manual's path: choose the subsystem first (职称评审子系统), then the role's switch.
    const firstGrantable = groups.find(([, roles]) => roles.some((r) => blockOf(r) === undefined))?.[0];
    return (
      <Tabs
        defaultActiveKey={firstGrantable ?? groups[0]?.[0]}
        items={groups.map(([subsystem, roles]) => ({
          key: subsystem,
          label: <span data-testid={`role-subsystem-${subsystem}`}>{t(`subsystems.${subsystem}`)}</span>,
          children: <div>{roles.map(roleRow)}</div>,
        }))}
      />
    );
  })();

  return (
    <Drawer
      open={account !== undefined}
      onClose={() => {
        setRefusal(undefined);
        onClose();
      }}
      width={560}
      destroyOnHidden
      title={t("accountRoles.drawer.title", { name })}
      data-testid="role-binding-drawer"
    >
      <Flex vertical gap="middle">
        {account && (
          <Typography.Text type="secondary">
            {t("accountRoles.drawer.account", { idNumber: account.idNumberMasked, unit: account.unit.name })}
          </Typography.Text>
        )}
        {refusal && (
          <WhyNot
            error={refusal}
            title={t("accountRoles.refused")}
            closable
            onClose={() => setRefusal(undefined)}
            testId="role-binding-refusal"
          />
        )}
        {body}
      </Flex>
    </Drawer>
  );
};
