import { LogoutOutlined } from "@ant-design/icons";
import { Alert, App } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitAccount } from "../../api/types";
import { withRemedy } from "../../components/why-not";
import { useWhyNot } from "../../hooks/use-why-not";
import { accountDisplayName } from "./account-display-name";
import { useUnitAccountsTable } from "./accounts-shared";
import { AccountsTable, BlockableActionButton } from "./accounts-table";
import { type PortalContext, PortalShell } from "./portal-shell";
import { ReasonModal } from "./reason-modal";
import { useAccountAction } from "./use-portal-action";

const REASON_MIN = 2;
const REASON_MAX = 200;

const AccountExitsTable = ({ context }: { context: PortalContext }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { unit, me } = context;
  const table = useUnitAccountsTable("account-exits", unit.id);
  const [exiting, setExiting] = useState<UnitAccount>();
  const { run, pending } = useAccountAction<{ reason: string }>(unit.id, "exit", table.tableQuery.refetch);

  // The API's remedies: who hands the office on (R8), who re-enables a disabled account (R18).
  const { whyNot } = useWhyNot(["CANNOT_EXIT_ADMINISTRATOR", "CANNOT_EXIT_DISABLED"], unit.id);

  const blockOf = (account: UnitAccount) => {
    if (account.personId === me.person?.id) return t("unitAccounts.blocked.ownAccount");
    if (account.roles.includes("UNIT_ADMIN")) {
      return withRemedy(t("accountExits.blocked.administrator"), whyNot("CANNOT_EXIT_ADMINISTRATOR"));
    }
    if (account.status === "DISABLED") {
      return withRemedy(t("accountExits.blocked.disabled"), whyNot("CANNOT_EXIT_DISABLED"));
    }
    return undefined;
  };

  const exit = (account: UnitAccount, reason: string) =>
    run(account, { reason }, () => {
      void message.success(t("accountExits.done", { name: accountDisplayName(account), unit: unit.name }));
      setExiting(undefined);
    });

  return (
    <AccountsTable
      table={table}
      testId="account-exits-table"
      emptyText={t("unitAccounts.empty")}
      renderAction={(account) => (
        <BlockableActionButton
          blocked={blockOf(account)}
          icon={<LogoutOutlined />}
          onClick={() => setExiting(account)}
          testId={`exit-${account.personId}`}
        >
          {t("accountExits.button")}
        </BlockableActionButton>
      )}
    >
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
        loading={pending}
        testId="exit"
        onSubmit={(reason) => exiting && reason && exit(exiting, reason)}
        onCancel={() => setExiting(undefined)}
      />
    </AccountsTable>
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
