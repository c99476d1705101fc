import { LogoutOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Button, Table, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { UnitAccount } from "../../api/types";
import { accountDisplayName } from "./account-display-name";
import { AccountSearchForm, accountColumns, useUnitAccountsTable } from "./accounts-shared";
import { type PortalContext, PortalShell, TableEmpty } from "./portal-shell";
import { ReasonModal } from "./reason-modal";
import { TableLoadError } from "./table-load-error";
import { useActionError } from "./use-portal-action";

const REASON_MIN = 2;
const REASON_MAX = 200;

const AccountExitsTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onActionError = useActionError();
  const { unit, me } = context;
  const { tableProps, searchFormProps, tableQuery, sorters } = useUnitAccountsTable("account-exits", unit.id);
  const [exiting, setExiting] = useState<UnitAccount>();
  const { mutate, mutation } = useCustomMutation<Record<string, never>, ApiHttpError, { reason: string }>();

  const blockOf = (account: UnitAccount): string | undefined => {
    if (account.personId === me.person?.id) return t("unitAccounts.blocked.ownAccount");
    if (account.roles.includes("UNIT_ADMIN")) return t("accountExits.blocked.administrator");
    if (account.status === "DISABLED") return t("accountExits.blocked.disabled");
    return undefined;
  };

  const exit = (account: UnitAccount, reason: string) =>
    mutate(
      {
        url: `units/${unit.id}/accounts/${account.personId}/exit`,
        method: "post",
        values: { reason },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          void message.success(
            t("accountExits.done", { name: accountDisplayName(account), unit: unit.name }),
          );
          setExiting(undefined);
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
      return (
        <Tooltip title={blocked}>
          <Button
            size="small"
            danger
            icon={<LogoutOutlined />}
            disabled={blocked !== undefined}
            onClick={() => setExiting(account)}
            data-testid={`exit-${account.personId}`}
          >
            {t("accountExits.button")}
          </Button>
        </Tooltip>
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
        data-testid="account-exits-table"
      />
      <ReasonModal
        open={exiting !== undefined}
        title={t("accountExits.title", { name: exiting ? accountDisplayName(exiting) : "" })}
        description={
          <Alert type="warning" showIcon message={t("accountExits.warning", { unit: unit.name })} />
        }
        label={t("accountExits.reasonLabel")}
        placeholder={t("accountExits.reasonPlaceholder")}
        required
        minLength={REASON_MIN}
        maxLength={REASON_MAX}
        okText={t("accountExits.confirm")}
        danger
        loading={mutation.isPending}
        testId="exit"
        onSubmit={(reason) => exiting && reason && exit(exiting, reason)}
        onCancel={() => setExiting(undefined)}
      />
    </>
  );
};

/** 账号退出管理 (R17): the administrator or a handler removes a person from the unit, with a reason. */
export const AccountExitsPage = () => {
  const { t } = useTranslation();
  return (
    <PortalShell title={t("resources.accountExits")} intro={t("accountExits.intro")}>
      {(context) => <AccountExitsTable key={context.unit.id} context={context} />}
    </PortalShell>
  );
};
