import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { type CrudFilters, useGetIdentity } from "@refinedev/core";
import { Button, Empty, Flex, Form, Input, Result, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { Me, UnitListItem, UnitOrigin, UnitType } from "../../api/types";
import { RegionCascader } from "../../components/region-cascader";
import { RegionName } from "../../components/region-name";
import { UnitTypeSelect } from "../../components/unit-type-select";
import { WhyNotInline } from "../../components/why-not";
import { formatDate } from "../../utils/format";
import { HrDepartmentCreateModal } from "./hr-department-create-modal";
import { useCanCreateHrDepartment } from "./use-can-create-hr-department";

interface UnitSearch {
  q?: string;
  type?: UnitType;
  regionCode?: string;
}

const toFilters = ({ q, type, regionCode }: UnitSearch): CrudFilters => [
  { field: "q", operator: "eq", value: q?.trim() || undefined },
  { field: "type", operator: "eq", value: type },
  { field: "regionCode", operator: "eq", value: regionCode },
];

const SearchForm = ({ formProps }: { formProps: object }) => {
  const { t } = useTranslation();
  return (
    <Form<UnitSearch> {...formProps} layout="inline" style={{ rowGap: 8 }}>
      <Form.Item name="q">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("units.filters.q")}
          style={{ width: 240 }}
          data-testid="units-filter-q"
        />
      </Form.Item>
      <Form.Item name="type">
        <UnitTypeSelect
          includeHrDepartment
          allowClear
          placeholder={t("units.filters.type")}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item name="regionCode">
        <RegionCascader allowClear placeholder={t("units.filters.region")} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" type="primary">
          {t("units.filters.search")}
        </Button>
      </Form.Item>
    </Form>
  );
};

/** 单位管理: the units an operator or HR-department administrator may see (R21 for creating HR departments). */
export const UnitList = () => {
  const { t } = useTranslation();
  const { data: me } = useGetIdentity<Me>();
  const canCreate = useCanCreateHrDepartment(me);
  const [creating, setCreating] = useState(false);
  const { tableProps, searchFormProps, tableQuery, sorters } = useTable<
    UnitListItem,
    ApiHttpError,
    UnitSearch
  >({
    resource: "units",
    pagination: { pageSize: 20 },
    onSearch: toFilters,
    errorNotification: false,
  });

  if (tableQuery.error) {
    return (
      <Result
        status="error"
        title={t("units.loadFailed")}
        subTitle={<WhyNotInline error={tableQuery.error} />}
        extra={<Button onClick={() => void tableQuery.refetch()}>{t("unitProfile.retry")}</Button>}
      />
    );
  }

  return (
    <List
      title={t("resources.units")}
      headerButtons={
        canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="hr-department-create"
          >
            {t("units.create.button")}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap="middle">
        <SearchForm formProps={searchFormProps} />
        <Table<UnitListItem>
          {...tableProps}
          rowKey="id"
          scroll={{ x: 1000 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.empty")} />,
          }}
        >
          <Table.Column<UnitListItem>
            dataIndex="name"
            title={t("units.fields.name.label")}
            sorter
            defaultSortOrder={getDefaultSortOrder("name", sorters)}
            render={(_, unit) => (
              <Flex vertical>
                <Typography.Text>{unit.name}</Typography.Text>
                {unit.uscc && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {unit.uscc}
                  </Typography.Text>
                )}
              </Flex>
            )}
          />
          <Table.Column<UnitListItem>
            dataIndex="type"
            title={t("units.fields.type.label")}
            width={110}
            render={(type: UnitType) => <Tag>{t(`unitTypes.${type}`)}</Tag>}
          />
          <Table.Column<UnitListItem>
            dataIndex="regionName"
            title={t("units.fields.region.label")}
            width={140}
            render={(_, unit) => <RegionName code={unit.regionCode} name={unit.regionName} />}
          />
          <Table.Column<UnitListItem>
            dataIndex="parentUnit"
            title={t("units.fields.parentUnit.label")}
            render={(_, unit) =>
              unit.parentUnit?.name ?? (
                <Typography.Text type="secondary">{t("unitProfile.noParent")}</Typography.Text>
              )
            }
          />
          <Table.Column<UnitListItem>
            dataIndex="administrator"
            title={t("units.fields.administrator.label")}
            width={120}
            render={(_, unit) =>
              unit.administrator ? (
                (unit.administrator.name ?? t("me.nameMissing"))
              ) : (
                <Tag color="warning">{t("unitProfile.noAdministrator")}</Tag>
              )
            }
          />
          <Table.Column<UnitListItem>
            dataIndex="origin"
            title={t("units.fields.origin.label")}
            width={150}
            render={(origin: UnitOrigin) => t(`units.origins.${origin}`)}
          />
          <Table.Column<UnitListItem>
            dataIndex="registeredAt"
            title={t("units.fields.registeredAt.label")}
            sorter
            defaultSortOrder={getDefaultSortOrder("registeredAt", sorters)}
            width={150}
            render={formatDate}
          />
        </Table>
      </Flex>
      <HrDepartmentCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void tableQuery.refetch();
        }}
      />
    </List>
  );
};
