import { EditOutlined } from "@ant-design/icons";
import type { CrudFilter } from "@refinedev/core";
import { Alert, App, Button, Space, Switch, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitAccount } from "../../api/types";
import { isRealPersonSessionRequired } from "../../components/real-person-step-up";
import { useRefreshSession } from "../../hooks/use-refresh-session";
import { accountDisplayName } from "./account-display-name";
import { useUnitAccountsTable } from "./accounts-shared";
import { AccountsTable } from "./accounts-table";
import { CompleteNameModal } from "./complete-name-modal";
import { type PortalContext, PortalShell } from "./portal-shell";

// R19: the accounts without a name first; the switch shows every account.
const nameMissing = (only: boolean): CrudFilter[] => [
  { field: "nameMissing", operator: "eq", value: only ? "true" : undefined },
];
const NAME_MISSING = nameMissing(true);

const AccountInfoTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refreshSession = useRefreshSession();
  const { unit, isAdmin } = context;
  const [missingOnly, setMissingOnly] = useState(true);
  const table = useUnitAccountsTable("account-info", unit.id, NAME_MISSING);
  const { tableQuery, setFilters, setCurrentPage } = table;
  const [completing, setCompleting] = useState<UnitAccount>();

  const renderAction = (account: UnitAccount) => {
    if (account.name?.trim()) {
      return <Typography.Text type="secondary">{t("accountInfo.nameSet")}</Typography.Text>;
    }
    return (
      <Tooltip title={isAdmin ? undefined : t("accountInfo.onlyAdmin")}>
        <Button
          size="small"
          type="primary"
          ghost
          icon={<EditOutlined />}
          disabled={!isAdmin}
          onClick={() => setCompleting(account)}
          data-testid={`complete-name-${account.personId}`}
        >
          {t("accountInfo.complete.button")}
        </Button>
      </Tooltip>
    );
  };

  return (
    <AccountsTable
      table={table}
      testId="account-info-table"
      emptyText={missingOnly ? t("accountInfo.noneMissing") : t("unitAccounts.empty")}
      renderAction={renderAction}
      actionWidth={130}
      notice={
        !isAdmin && (
          <Alert
            type="info"
            showIcon
            message={t("accountInfo.readOnly")}
            data-testid="account-info-read-only"
          />
        )
      }
      search={{
        withStatus: false,
        extra: (
          <Space>
            <Switch
              checked={missingOnly}
              onChange={(on) => {
                setMissingOnly(on);
                setFilters(nameMissing(on), "merge");
                setCurrentPage(1);
              }}
              data-testid="account-info-missing-only"
            />
            <Typography.Text>{t("accountInfo.missingOnly")}</Typography.Text>
          </Space>
        ),
      }}
    >
      <CompleteNameModal
        unitId={unit.id}
        account={completing}
        onClose={() => setCompleting(undefined)}
        onCompleted={(account) => {
          void message.success(t("accountInfo.complete.done", { name: accountDisplayName(account) }));
          setCompleting(undefined);
          void tableQuery.refetch();
        }}
        onError={(error) => {
          if (isRealPersonSessionRequired(error)) void refreshSession();
          void tableQuery.refetch();
        }}
      />
    </AccountsTable>
  );
};

/** 账号信息维护 (R19): accounts without a name; the administrator completes them, handlers only look. */
export const AccountInfoPage = () => {
  const { t } = useTranslation();
  return (
    <PortalShell title={t("resources.accountInfo")} intro={t("accountInfo.intro")}>
      {(context) => <AccountInfoTable key={context.unit.id} context={context} />}
    </PortalShell>
  );
};
