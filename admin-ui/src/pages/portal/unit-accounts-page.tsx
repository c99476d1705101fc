import { CheckCircleOutlined, StopOutlined } from "@ant-design/icons";
import { Alert, App, Button, Popconfirm } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitAccount, UnitAccountStatus } from "../../api/types";
import { WhyNotTooltip, withRemedy } from "../../components/why-not";
import { useWhyNot } from "../../hooks/use-why-not";
import { accountDisplayName } from "./account-display-name";
import { useUnitAccountsTable } from "./accounts-shared";
import { AccountsTable, BlockableActionButton } from "./accounts-table";
import { type PortalContext, PortalShell } from "./portal-shell";
import { ReasonModal } from "./reason-modal";
import { useAccountAction } from "./use-portal-action";

const REASON_MAX = 200;

interface StatusChange {
  status: UnitAccountStatus;
  reason?: string;
}

/**
 * Why the signed-in person may not change this account's status, or undefined when they may (R18),
 * with the API's remedy: the administrator to ask, by name (masked).
 */
export const useStatusBlock = ({ me, isAdmin, unit }: PortalContext) => {
  const { t } = useTranslation();
  const { whyNot } = useWhyNot(isAdmin ? [] : ["ONLY_ADMIN", "ONLY_ADMIN_ENABLES"], unit.id);
  return (account: UnitAccount) => {
    if (account.personId === me.person?.id) return t("unitAccounts.blocked.ownAccount");
    if (account.unit.id !== unit.id) return t("accountRoles.status.otherUnit", { unit: account.unit.name });
    if (account.roles.includes("UNIT_ADMIN") && !isAdmin) {
      return withRemedy(t("unitAccounts.blocked.administrator"), whyNot("ONLY_ADMIN"));
    }
    if (account.status === "DISABLED" && !isAdmin) {
      return withRemedy(t("unitAccounts.blocked.onlyAdminEnables"), whyNot("ONLY_ADMIN_ENABLES"));
    }
    return undefined;
  };
};

const UnitAccountsTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { unit } = context;
  const table = useUnitAccountsTable("unit-accounts", unit.id);
  const blockOf = useStatusBlock(context);
  const [disabling, setDisabling] = useState<UnitAccount>();
  const { run, pending } = useAccountAction<StatusChange>(unit.id, "status", table.tableQuery.refetch);

  const change = (account: UnitAccount, values: StatusChange) =>
    run(account, values, () => {
      const name = accountDisplayName(account);
      void message.success(
        values.status === "DISABLED"
          ? t("unitAccounts.disable.done", { name })
          : t("unitAccounts.enable.done", { name }),
      );
      setDisabling(undefined);
    });

  const renderAction = (account: UnitAccount) => {
    const blocked = blockOf(account);
    if (account.status === "ENABLED") {
      return (
        <BlockableActionButton
          blocked={blocked}
          icon={<StopOutlined />}
          onClick={() => setDisabling(account)}
          testId={`account-disable-${account.personId}`}
        >
          {t("unitAccounts.disable.button")}
        </BlockableActionButton>
      );
    }
    return (
      <Popconfirm
        title={t("unitAccounts.enable.confirmTitle", { name: accountDisplayName(account) })}
        description={t("unitAccounts.enable.confirmDescription")}
        okText={t("unitAccounts.enable.button")}
        cancelText={t("unitAccounts.cancel")}
        okButtonProps={{ "data-testid": "account-enable-confirm", loading: pending }}
        onConfirm={() => change(account, { status: "ENABLED" })}
        disabled={blocked !== undefined}
        destroyOnHidden
      >
        <WhyNotTooltip reason={blocked}>
          <Button
            size="small"
            icon={<CheckCircleOutlined />}
            disabled={blocked !== undefined}
            data-testid={`account-enable-${account.personId}`}
          >
            {t("unitAccounts.enable.button")}
          </Button>
        </WhyNotTooltip>
      </Popconfirm>
    );
  };

  return (
    <AccountsTable
      table={table}
      testId="unit-accounts-table"
      emptyText={t("unitAccounts.empty")}
      renderAction={renderAction}
    >
      <ReasonModal
        open={disabling !== undefined}
        title={t("unitAccounts.disable.title", { name: disabling ? accountDisplayName(disabling) : "" })}
        description={<Alert type="warning" showIcon message={t("unitAccounts.disable.warning")} />}
        label={t("unitAccounts.disable.reasonLabel")}
        placeholder={t("unitAccounts.disable.reasonPlaceholder")}
        maxLength={REASON_MAX}
        okText={t("unitAccounts.disable.button")}
        danger
        loading={pending}
        testId="account-disable"
        onSubmit={(reason) => disabling && change(disabling, { status: "DISABLED", reason })}
        onCancel={() => setDisabling(undefined)}
      />
    </AccountsTable>
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
