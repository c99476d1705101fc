import { Button, Table } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UnitAccount } from "../../api/types";
import { type WhyNotText, WhyNotTooltip } from "../../components/why-not";
import {
  AccountSearchForm,
  type AccountSearchFormProps,
  accountColumns,
  accountsPagination,
  type useUnitAccountsTable,
} from "./accounts-shared";
import { TableEmpty } from "./portal-shell";
import { TableLoadError } from "./table-load-error";

type UnitAccountsTable = Pick<
  ReturnType<typeof useUnitAccountsTable>,
  "tableProps" | "searchFormProps" | "tableQuery" | "sorters"
>;

interface AccountsTableProps {
  /** What `useUnitAccountsTable` returned for the page. */
  table: UnitAccountsTable;
  /** The table's `data-testid`. */
  testId: string;
  emptyText: string;
  /** The page's own action for one account (R17, R18, R19). */
  renderAction: (account: UnitAccount) => ReactNode;
  actionWidth?: number;
  /** Above the search form, e.g. a notice. */
  notice?: ReactNode;
  /** The search form's options: the status filter and extra controls. */
  search?: Omit<AccountSearchFormProps, "formProps">;
  /** After the table: the page's dialogs. */
  children?: ReactNode;
}

/**
 * The account list of a portal page (R24): the search form, the accounts with the page's action
 * column, and the page's dialogs; a list the API refused shows only the error and a retry.
 */
export const AccountsTable = ({
  table: { tableProps, searchFormProps, tableQuery, sorters },
  testId,
  emptyText,
  renderAction,
  actionWidth = 110,
  notice,
  search,
  children,
}: AccountsTableProps) => {
  const { t } = useTranslation();

  if (tableQuery.error) {
    return <TableLoadError error={tableQuery.error} onRetry={() => void tableQuery.refetch()} />;
  }

  const actionColumn = {
    key: "actions",
    title: t("unitAccounts.fields.actions"),
    width: actionWidth,
    fixed: "right" as const,
    render: (_: unknown, account: UnitAccount) => renderAction(account),
  };

  return (
    <>
      {notice}
      <AccountSearchForm formProps={searchFormProps} {...search} />
      <Table<UnitAccount>
        {...tableProps}
        pagination={accountsPagination({ tableProps, tableQuery }, t)}
        rowKey="personId"
        columns={[...accountColumns(t, sorters), actionColumn]}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <TableEmpty description={emptyText} /> }}
        data-testid={testId}
      />
      {children}
    </>
  );
};

interface BlockableActionButtonProps {
  /**
   * Why the signed-in person may not act on this account, with what would make it possible (shown as a
   * tooltip), or undefined when they may.
   */
  blocked: WhyNotText | string | undefined;
  icon: ReactNode;
  onClick: () => void;
  testId: string;
  children: ReactNode;
}

/** A dangerous action on one account that opens its reason dialog; disabled, with the why, when blocked. */
export const BlockableActionButton = ({
  blocked,
  icon,
  onClick,
  testId,
  children,
}: BlockableActionButtonProps) => (
  <WhyNotTooltip reason={blocked}>
    <Button
      size="small"
      danger
      icon={icon}
      disabled={blocked !== undefined}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Button>
  </WhyNotTooltip>
);
