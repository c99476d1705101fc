import { LinkOutlined } from "@ant-design/icons";
import type { CrudFilter } from "@refinedev/core";
import {
  App,
  Button,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitAccount, UnitAccountStatus } from "../../api/types";
import { WhyNotTooltip } from "../../components/why-not";
import { useRoleCatalogue } from "../../hooks/use-role-catalogue";
import { accountDisplayName } from "./account-display-name";
import { AccountName, AccountSearchForm, accountsPagination, useUnitAccountsTable } from "./accounts-shared";
import { type PortalContext, PortalShell, TableEmpty } from "./portal-shell";
import { RoleBindingDrawer } from "./role-binding-drawer";
import { TableLoadError } from "./table-load-error";
import { useStatusBlock } from "./unit-accounts-page";
import { useAccountAction } from "./use-portal-action";

// R7: the administrator manages the accounts of its own and its subordinate units.
const WITH_SUBORDINATES: CrudFilter[] = [{ field: "withSubordinates", operator: "eq", value: "true" }];

const AccountRolesTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { unit, me } = context;
  const catalogue = useRoleCatalogue();
  const { tableProps, searchFormProps, tableQuery } = useUnitAccountsTable(
    "account-roles",
    unit.id,
    WITH_SUBORDINATES,
  );
  const statusBlock = useStatusBlock(context);
  const [binding, setBinding] = useState<UnitAccount>();
  const [switching, setSwitching] = useState<string>();
  const { run, pending } = useAccountAction<{ status: UnitAccountStatus }>(
    unit.id,
    "status",
    tableQuery.refetch,
  );

  if (tableQuery.error) {
    return <TableLoadError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />;
  }

  const switchStatus = (account: UnitAccount, status: UnitAccountStatus) => {
    setSwitching(account.personId);
    run(account, { status }, () => {
      const name = accountDisplayName(account);
      void message.success(
        status === "DISABLED"
          ? t("unitAccounts.disable.done", { name })
          : t("unitAccounts.enable.done", { name }),
      );
    });
  };

  const statusSwitch = (account: UnitAccount) => {
    const blocked = statusBlock(account);
    const enabled = account.status === "ENABLED";
    const name = accountDisplayName(account);
    return (
      <Popconfirm
        title={
          enabled
            ? t("accountRoles.status.disableTitle", { name })
            : t("unitAccounts.enable.confirmTitle", { name })
        }
        description={
          <Typography.Paragraph style={{ maxWidth: 300, margin: 0 }}>
            {enabled ? t("unitAccounts.disable.warning") : t("unitAccounts.enable.confirmDescription")}
          </Typography.Paragraph>
        }
        okText={enabled ? t("unitAccounts.disable.button") : t("unitAccounts.enable.button")}
        okButtonProps={{ danger: enabled, "data-testid": "account-status-confirm" }}
        cancelText={t("unitAccounts.cancel")}
        disabled={blocked !== undefined}
        onConfirm={() => switchStatus(account, enabled ? "DISABLED" : "ENABLED")}
        destroyOnHidden
      >
        <WhyNotTooltip reason={blocked}>
          <Switch
            checked={enabled}
            disabled={blocked !== undefined}
            loading={pending && switching === account.personId}
            checkedChildren={t("unitAccounts.statuses.ENABLED")}
            unCheckedChildren={t("unitAccounts.statuses.DISABLED")}
            data-testid={`account-status-switch-${account.personId}`}
            data-status={account.status}
          />
        </WhyNotTooltip>
      </Popconfirm>
    );
  };

  const columns: TableColumnsType<UnitAccount> = [
    {
      key: "name",
      title: t("unitAccounts.fields.name"),
      width: 130,
      render: (_, account) => <AccountName name={account.name} />,
    },
    {
      key: "idNumberMasked",
      dataIndex: "idNumberMasked",
      title: t("unitAccounts.fields.idNumber"),
      width: 190,
    },
    {
      key: "unit",
      title: t("accountRoles.fields.unit"),
      width: 220,
      render: (_, account) =>
        account.unit.id === unit.id ? (
          account.unit.name
        ) : (
          <Space size={4}>
            {account.unit.name}
            <Tag>{t("accountRoles.subordinate")}</Tag>
          </Space>
        ),
    },
    {
      key: "roles",
      title: t("unitAccounts.fields.roles"),
      width: 200,
      render: (_, account) =>
        account.roles.length === 0 ? (
          <Typography.Text type="secondary">{t("unitAccounts.noRoles")}</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap data-testid="account-roles">
            {account.roles.map((role) => {
              const entry = catalogue.roles.find((r) => r.role === role);
              return (
                <Tag key={role} color={entry?.grantableBy.length === 0 ? "gold" : "blue"} data-role={role}>
                  {catalogue.label(role)}
                </Tag>
              );
            })}
          </Space>
        ),
    },
    {
      key: "status",
      title: t("unitAccounts.fields.status"),
      width: 110,
      render: (_, account) => statusSwitch(account),
    },
    {
      key: "actions",
      title: t("unitAccounts.fields.actions"),
      width: 100,
      fixed: "right",
      render: (_, account) => (
        <Button
          size="small"
          type="primary"
          ghost
          icon={<LinkOutlined />}
          onClick={() => setBinding(account)}
          data-testid={`account-bind-${account.personId}`}
        >
          {t("accountRoles.bind")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <AccountSearchForm formProps={searchFormProps} />
      <Table<UnitAccount>
        {...tableProps}
        pagination={accountsPagination({ tableProps, tableQuery }, t)}
        rowKey="personId"
        columns={columns}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <TableEmpty description={t("unitAccounts.empty")} /> }}
        data-testid="account-roles-table"
      />
      <RoleBindingDrawer
        account={binding}
        actingUnit={unit}
        selfId={me.person?.id}
        onClose={() => setBinding(undefined)}
        onChanged={() => void tableQuery.refetch()}
      />
    </>
  );
};

/** Only those who grant some role of the catalogue use this page (the API refuses the others). */
const AccountRolesBody = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const catalogue = useRoleCatalogue();
  if (catalogue.query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (catalogue.query.error) {
    return <TableLoadError error={catalogue.query.error} onRetry={() => void catalogue.query.refetch()} />;
  }
  if (!context.unit.roles.some((role) => catalogue.granterRoles.includes(role))) {
    return (
      <Result
        status="403"
        title={t("accountRoles.notGranter.title")}
        subTitle={t("accountRoles.notGranter.description")}
        data-testid="account-roles-not-granter"
      />
    );
  }
  return <AccountRolesTable context={context} />;
};

/**
 * 账号角色管理 (R9, R18): the accounts of the unit and its subordinate units, searchable by full ID number
 * or name; the status switch (启用/禁用) and 绑定, which opens 角色绑定 for the account.
 */
export const AccountRolesPage = () => {
  const { t } = useTranslation();
  return (
    <PortalShell title={t("resources.accountRoles")} intro={t("accountRoles.intro")}>
      {(context) => <AccountRolesBody key={context.unit.id} context={context} />}
    </PortalShell>
  );
};
