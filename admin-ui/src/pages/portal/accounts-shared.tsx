import { SearchOutlined } from "@ant-design/icons";
import { getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter, CrudFilters, CrudSort } from "@refinedev/core";
import {
  Button,
  Flex,
  Form,
  type FormProps,
  Input,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { RoleCode, UnitAccount, UnitAccountStatus } from "../../api/types";
import { isKnownRole, roleName } from "../../providers/roles";
import { formatDate } from "../../utils/format";
import { characterLimit } from "../../utils/validators";

export const ACCOUNT_STATUSES: UnitAccountStatus[] = ["ENABLED", "DISABLED"];

export interface AccountSearch {
  q?: string;
  status?: UnitAccountStatus;
}

const toFilters = ({ q, status }: AccountSearch): CrudFilters => [
  { field: "q", operator: "eq", value: q?.trim() || undefined },
  { field: "status", operator: "eq", value: status },
];

/**
 * R24: the people bound to the unit, paged on the server, searchable by name or full ID number.
 * `resource` is the page's own resource (it keys the cached list); `initial` filters may be changed later.
 */
export const useUnitAccountsTable = (resource: string, unitId: string, initial: CrudFilter[] = []) =>
  useTable<UnitAccount, ApiHttpError, AccountSearch>({
    resource,
    meta: { apiPath: `units/${unitId}/accounts` },
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "boundAt", order: "desc" }] },
    filters: { initial },
    onSearch: toFilters,
    errorNotification: false,
  });

type AccountsTable = ReturnType<typeof useUnitAccountsTable>;

/**
 * The table's pagination showing the total; past the API's count limit the total is a floor, shown
 * as "10,000+" rather than a wrong number (the response names it in `capped`).
 */
export const accountsPagination = (
  { tableProps, tableQuery }: Pick<AccountsTable, "tableProps" | "tableQuery">,
  t: TFunction,
) => {
  const capped = (tableQuery.data as { capped?: string[] } | undefined)?.capped?.includes("total");
  return (
    tableProps.pagination && {
      ...tableProps.pagination,
      showTotal: (all: number) =>
        t(capped ? "unitAccounts.totalCapped" : "unitAccounts.total", { total: all.toLocaleString() }),
    }
  );
};

export const AccountStatusTag = ({ status }: { status: UnitAccountStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag
      color={status === "ENABLED" ? "success" : "default"}
      data-testid="account-status"
      data-status={status}
    >
      {t(`unitAccounts.statuses.${status}`)}
    </Tag>
  );
};

const ROLE_COLORS: Partial<Record<RoleCode, string>> = { UNIT_ADMIN: "gold", TITLE_HANDLER: "blue" };

/** An account's roles as tags, each named in the reader's language. */
export const AccountRoleTags = ({ roles }: { roles: string[] }) => {
  const { t } = useTranslation();
  if (roles.length === 0)
    return <Typography.Text type="secondary">{t("unitAccounts.noRoles")}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {roles.map((role) => (
        <Tag key={role} color={isKnownRole(role) ? ROLE_COLORS[role] : undefined}>
          {roleName(role, t)}
        </Tag>
      ))}
    </Space>
  );
};

/** A person's name, or a tag that it is missing (R19). */
export const AccountName = ({ name }: { name: string | null }) => {
  const { t } = useTranslation();
  return name?.trim() ? (
    <Typography.Text strong>{name}</Typography.Text>
  ) : (
    <Tag color="warning" data-testid="account-name-missing">
      {t("unitAccounts.nameMissing")}
    </Tag>
  );
};

/** The columns every account list shows; pages add their own action column. */
export const accountColumns = (t: TFunction, sorters: CrudSort[]): TableColumnsType<UnitAccount> => [
  {
    key: "name",
    dataIndex: "name",
    title: t("unitAccounts.fields.name"),
    width: 140,
    render: (_, account) => <AccountName name={account.name} />,
  },
  {
    key: "idNumberMasked",
    dataIndex: "idNumberMasked",
    title: t("unitAccounts.fields.idNumber"),
    width: 190,
  },
  { key: "mobileMasked", dataIndex: "mobileMasked", title: t("unitAccounts.fields.mobile"), width: 140 },
  {
    key: "roles",
    dataIndex: "roles",
    title: t("unitAccounts.fields.roles"),
    width: 200,
    render: (_, account) => <AccountRoleTags roles={account.roles} />,
  },
  {
    key: "status",
    dataIndex: "status",
    title: t("unitAccounts.fields.status"),
    width: 100,
    render: (_, account) => <AccountStatusTag status={account.status} />,
  },
  {
    key: "boundAt",
    dataIndex: "boundAt",
    title: t("unitAccounts.fields.boundAt"),
    width: 150,
    sorter: true,
    defaultSortOrder: getDefaultSortOrder("boundAt", sorters),
    render: (value: string) => formatDate(value),
  },
];

export interface AccountSearchFormProps {
  formProps: FormProps<AccountSearch>;
  /** The status filter; 账号信息维护 does without it. */
  withStatus?: boolean;
  /** More controls after the search button, e.g. a switch. */
  extra?: ReactNode;
}

export const AccountSearchForm = ({ formProps, withStatus = true, extra }: AccountSearchFormProps) => {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap="small">
      <Form<AccountSearch> {...formProps} layout="inline" style={{ rowGap: 8 }}>
        <Form.Item name="q">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t("unitAccounts.filters.q")}
            style={{ width: 280 }}
            count={characterLimit(50)}
            data-testid="accounts-search-q"
          />
        </Form.Item>
        {withStatus && (
          <Form.Item name="status">
            <Select<UnitAccountStatus>
              allowClear
              placeholder={t("unitAccounts.filters.allStatuses")}
              style={{ width: 140 }}
              options={ACCOUNT_STATUSES.map((value) => ({
                value,
                label: t(`unitAccounts.statuses.${value}`),
              }))}
              data-testid="accounts-filter-status"
            />
          </Form.Item>
        )}
        <Form.Item>
          <Button htmlType="submit" type="primary" data-testid="accounts-search-submit">
            {t("unitAccounts.filters.search")}
          </Button>
        </Form.Item>
      </Form>
      {extra}
    </Flex>
  );
};
