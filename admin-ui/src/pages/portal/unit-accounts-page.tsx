import { CheckCircleOutlined, StopOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Button, Popconfirm, Table, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { UnitAccount, UnitAccountStatus } from "../../api/types";
import { accountDisplayName } from "./account-display-name";
import { AccountSearchForm, accountColumns, useUnitAccountsTable } from "./accounts-shared";
import { type PortalContext, PortalShell, TableEmpty } from "./portal-shell";
import { ReasonModal } from "./reason-modal";
import { TableLoadError } from "./table-load-error";
import { useActionError } from "./use-portal-action";

const REASON_MAX = 200;

interface StatusChange {
  status: UnitAccountStatus;
  reason?: string;
}

/** Why the signed-in person may not change this account's status, or undefined when they may (R18). */
const useStatusBlock = ({ me, isAdmin }: PortalContext) => {
  const { t } = useTranslation();
  return (account: UnitAccount): string | undefined => {
    if (account.personId === me.person?.id) return t("unitAccounts.blocked.ownAccount");
    if (account.roles.includes("UNIT_ADMIN") && !isAdmin) return t("unitAccounts.blocked.administrator");
    if (account.status === "DISABLED" && !isAdmin) return t("unitAccounts.blocked.onlyAdminEnables");
    return undefined;
  };
};

const UnitAccountsTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onActionError = useActionError();
  const { unit } = context;
  const { tableProps, searchFormProps, tableQuery, sorters } = useUnitAccountsTable("unit-accounts", unit.id);
  const blockOf = useStatusBlock(context);
  const [disabling, setDisabling] = useState<UnitAccount>();
  const { mutate, mutation } = useCustomMutation<UnitAccount, ApiHttpError, StatusChange>();

  const change = (account: UnitAccount, values: StatusChange) =>
    mutate(
      {
        url: `units/${unit.id}/accounts/${account.personId}/status`,
        method: "post",
        values,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          const name = accountDisplayName(account);
          void message.success(
            values.status === "DISABLED"
              ? t("unitAccounts.disable.done", { name })
              : t("unitAccounts.enable.done", { name }),
          );
          setDisabling(undefined);
          void tableQuery.refetch();
        },
        onError: (error) => {
          onActionError(error);
          void tableQuery.refetch();
        },
      },
    );

  if (tableQuery.error) {
    return <TableLoadError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />;
  }

  const actionColumn = {
    key: "actions",
    title: t("unitAccounts.fields.actions"),
    width: 110,
    fixed: "right" as const,
    render: (_: unknown, account: UnitAccount) => {
      const blocked = blockOf(account);
      if (account.status === "ENABLED") {
        return (
          <Tooltip title={blocked}>
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              disabled={blocked !== undefined}
              onClick={() => setDisabling(account)}
              data-testid={`account-disable-${account.personId}`}
            >
              {t("unitAccounts.disable.button")}
            </Button>
          </Tooltip>
        );
      }
      return (
        <Popconfirm
          title={t("unitAccounts.enable.confirmTitle", { name: accountDisplayName(account) })}
          description={t("unitAccounts.enable.confirmDescription")}
          okText={t("unitAccounts.enable.button")}
          cancelText={t("unitAccounts.cancel")}
          okButtonProps={{ "data-testid": "account-enable-confirm", loading: mutation.isPending }}
          onConfirm={() => change(account, { status: "ENABLED" })}
          disabled={blocked !== undefined}
          destroyOnHidden
        >
          <Tooltip title={blocked}>
            <Button
              size="small"
              icon={<CheckCircleOutlined />}
              disabled={blocked !== undefined}
              data-testid={`account-enable-${account.personId}`}
            >
              {t("unitAccounts.enable.button")}
            </Button>
          </Tooltip>
        </Popconfirm>
      );
    },
  };

  return (
    <>
      <AccountSearchForm formProps={searchFormProps} />
      <Table<UnitAccount>
        {...tableProps}
        rowKey="personId"
        columns={[...accountColumns(t, sorters), actionColumn]}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <TableEmpty description={t("unitAccounts.empty")} /> }}
        data-testid="unit-accounts-table"
      />
      <ReasonModal
        open={disabling !== undefined}
        title={t("unitAccounts.disable.title", { name: disabling ? accountDisplayName(disabling) : "" })}
        description={<Alert type="warning" showIcon message={t("unitAccounts.disable.warning")} />}
        label={t("unitAccounts.disable.reasonLabel")}
        placeholder={t("unitAccounts.disable.reasonPlaceholder")}
        maxLength={REASON_MAX}
        okText={t("unitAccounts.disable.button")}
        danger
        loading={mutation.isPending}
        testId="account-disable"
        onSubmit={(reason) => disabling && change(disabling, { status: "DISABLED", reason })}
        onCancel={() => setDisabling(undefined)}
      />
    </>
  );
};

/** 本单位账号 (R24, R18): who is bound to the unit; disable (administrator or handler), enable (administrator). */
export const UnitAccountsPage = () => {
  const { t } = useTranslation();
  return (
    <PortalShell title={t("resources.unitAccounts")} intro={t("unitAccounts.intro")}>
      {(context) => <UnitAccountsTable key={context.unit.id} context={context} />}
    </PortalShell>
  );
};
