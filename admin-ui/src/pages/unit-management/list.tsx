import { EditOutlined, SearchOutlined } from "@ant-design/icons";
import { useTable } from "@refinedev/antd";
import { type CrudFilters, useLink } from "@refinedev/core";
import { Badge, Button, Flex, Form, Input, Result, Table, Tabs, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { ApiHttpError } from "../../api/http";
import type { SubordinateUnit, UnitDetail, UnitListItem, UnitType } from "../../api/types";
import { RegionName } from "../../components/region-name";
import { WhyNotInline } from "../../components/why-not";
import { unitPagePath } from "../../config/paths";
import { AffiliationRequiredBanner } from "../hierarchy/affiliation-required-banner";
import { IncomingAffiliationRequests } from "../hierarchy/incoming-affiliation-requests";
import { SubordinateCreation } from "../hierarchy/subordinate-creation";
import { UnitTree } from "../hierarchy/unit-tree";
import { holdsRoleOnChain, useOpenIncomingCount } from "../hierarchy/use-hierarchy";
import { type PortalContext, PortalShell, TableEmpty } from "../portal/portal-shell";
import { unitDetailUrl, useUnitProfile } from "../unit-profile/use-unit-profile";

interface UnitSearch {
  q?: string;
}

const toFilters = ({ q }: UnitSearch): CrudFilters => [
  { field: "q", operator: "eq", value: q?.trim() || undefined },
];

/** What both lists show of a unit: the subordinates' rows (SubordinateUnit) and the region's (UnitListItem). */
type UnitRow = Pick<
  UnitListItem,
  "id" | "name" | "uscc" | "type" | "regionCode" | "regionName" | "parentUnit" | "administrator"
> &
  Partial<Pick<SubordinateUnit, "isRoot">>;

type UnitTable<R extends UnitRow> = ReturnType<typeof useTable<R, ApiHttpError, UnitSearch>>;

const SearchForm = ({ formProps }: { formProps: object }) => {
  const { t } = useTranslation();
  return (
    <Form<UnitSearch> {...formProps} layout="inline">
      <Form.Item name="q">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("unitManagement.filters.q")}
          style={{ width: 280 }}
          data-testid="unit-management-q"
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" type="primary">
          {t("unitManagement.filters.search")}
        </Button>
      </Form.Item>
    </Form>
  );
};

/** The units of one table: name (with 本单位 for the acting unit), type, region, superior, administrator, 修改. */
const UnitsTable = <R extends UnitRow>({ table, testId }: { table: UnitTable<R>; testId: string }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { tableProps, searchFormProps, tableQuery } = table;
  if (tableQuery.error) {
    return (
      <Result
        status="error"
        title={t("unitManagement.loadFailed")}
        subTitle={<WhyNotInline error={tableQuery.error} />}
        extra={<Button onClick={() => void tableQuery.refetch()}>{t("unitManagement.retry")}</Button>}
      />
    );
  }
  return (
    <Flex vertical gap="middle">
      <SearchForm formProps={searchFormProps} />
      <Table<R>
        {...tableProps}
        rowKey="id"
        scroll={{ x: 900 }}
        locale={{ emptyText: <TableEmpty description={t("unitManagement.empty")} /> }}
        data-testid={testId}
      >
        <Table.Column<R>
          dataIndex="name"
          title={t("unitManagement.fields.name.label")}
          render={(_, unit) => (
            <Flex vertical>
              <span>
                {unit.name} {unit.isRoot && <Tag color="blue">{t("unitManagement.ownUnit")}</Tag>}
              </span>
              {unit.uscc && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {unit.uscc}
                </Typography.Text>
              )}
            </Flex>
          )}
        />
        <Table.Column<R>
          dataIndex="type"
          title={t("unitManagement.fields.type.label")}
          width={110}
          render={(type: UnitType) => <Tag>{t(`unitTypes.${type}`)}</Tag>}
        />
        <Table.Column<R>
          dataIndex="regionName"
          title={t("unitManagement.fields.region.label")}
          width={160}
          render={(_, unit) => <RegionName code={unit.regionCode} name={unit.regionName} />}
        />
        <Table.Column<R>
          dataIndex="parentUnit"
          title={t("unitManagement.fields.parentUnit.label")}
          render={(_, unit) =>
            unit.parentUnit?.name ?? (
              <Typography.Text type="secondary">{t("unitProfile.noParent")}</Typography.Text>
            )
          }
        />
        <Table.Column<R>
          dataIndex="administrator"
          title={t("unitManagement.fields.administrator.label")}
          width={120}
          render={(_, unit) =>
            unit.administrator ? (
              (unit.administrator.name ?? t("me.nameMissing"))
            ) : (
              <Tag color="warning">{t("unitProfile.noAdministrator")}</Tag>
            )
          }
        />
        <Table.Column<R>
          key="actions"
          title={t("unitManagement.fields.actions.label")}
          width={90}
          fixed="right"
          render={(_, unit) => (
            <Link to={unitPagePath(unit.id)}>
              <Button size="small" icon={<EditOutlined />} data-testid={`unit-edit-${unit.id}`}>
                {t("unitManagement.edit")}
              </Button>
            </Link>
          )}
        />
      </Table>
    </Flex>
  );
};

/** 单位列表: the acting unit first, then its subordinate units at any depth (R7). */
const OwnAndSubordinates = ({ unitId }: { unitId: string }) => {
  const table = useTable<SubordinateUnit, ApiHttpError, UnitSearch>({
    resource: "unit-management",
    meta: { apiPath: `units/${unitId}/subordinates` },
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    onSearch: toFilters,
    errorNotification: false,
  });
  return <UnitsTable table={table} testId="unit-management-table" />;
};

/** R8 path c: the units of the HR department's region that have no administrator. */
const PendingInRegion = ({ regionCode }: { regionCode: string }) => {
  const { t } = useTranslation();
  const table = useTable<UnitListItem, ApiHttpError, UnitSearch>({
    resource: "units",
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    filters: {
      permanent: [
        { field: "withinRegion", operator: "eq", value: regionCode },
        { field: "withoutAdministrator", operator: "eq", value: "true" },
      ],
    },
    onSearch: toFilters,
    errorNotification: false,
  });
  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("unitManagement.pendingIntro")}
      </Typography.Paragraph>
      <UnitsTable table={table} testId="unit-management-pending" />
    </Flex>
  );
};

/** The tabs of 单位基础信息管理; `?tab=` opens one (e.g. from 我的工作). */
export type UnitManagementTab = "units" | "tree" | "affiliation" | "pending";
export const UNIT_MANAGEMENT_TAB_PARAM = "tab";

const Lists = ({ unit, isAdmin, me }: PortalContext) => {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  // The acting unit's type and region: an HR department's administrator also stands in for units without one.
  const acting = useUnitProfile<UnitDetail>(unit.id, unitDetailUrl(unit.id)).data?.data;
  const chain = acting?.pushChain ?? [];
  // 归口申请审核 shows how many requests wait for this unit's decision.
  const incoming = useOpenIncomingCount(unit.id);
  const tabs: { key: UnitManagementTab; label: ReactNode; children: ReactNode }[] = [
    {
      key: "units",
      label: t("unitManagement.tabs.units"),
      children: <OwnAndSubordinates unitId={unit.id} />,
    },
    {
      key: "tree",
      label: t("hierarchy.tree.title"),
      children: (
        <UnitTree
          root={unit}
          canDesignate={holdsRoleOnChain(me, chain, ["UNIT_ADMIN"])}
          extra={acting && <SubordinateCreation unit={acting} />}
        />
      ),
    },
    {
      key: "affiliation",
      label: (
        <Badge count={incoming.count} size="small" offset={[8, -2]} data-testid="affiliation-incoming-count">
          {t("hierarchy.incoming.tab")}
        </Badge>
      ),
      children: <IncomingAffiliationRequests unit={unit} onDecided={() => void incoming.refetch()} />,
    },
    ...(isAdmin && acting?.type === "HR_DEPARTMENT"
      ? [
          {
            key: "pending" as const,
            label: t("unitManagement.tabs.pending"),
            children: <PendingInRegion regionCode={acting.regionCode} />,
          },
        ]
      : []),
  ];
  const requested = searchParams.get(UNIT_MANAGEMENT_TAB_PARAM);
  const activeKey = tabs.some(({ key }) => key === requested) ? (requested as UnitManagementTab) : "units";
  return (
    <Flex vertical gap="middle">
      {/* R14: the acting unit itself still needs its superior. */}
      {acting && <AffiliationRequiredBanner profile={acting} />}
      <Tabs
        activeKey={activeKey}
        onChange={(key) =>
          setSearchParams(
            (params) => {
              params.set(UNIT_MANAGEMENT_TAB_PARAM, key);
              return params;
            },
            { replace: true },
          )
        }
        destroyOnHidden
        items={tabs}
        data-testid="unit-management-tabs"
      />
    </Flex>
  );
};

/** 系统配置子系统 → 单位基础信息管理 for administrators and handlers (R7, R12): the unit list. */
export const UnitManagementList = () => {
  const { t } = useTranslation();
  return (
    <PortalShell title={t("resources.unitProfile")} intro={t("unitManagement.intro")}>
      {(context) => <Lists key={context.unit.id} {...context} />}
    </PortalShell>
  );
};
