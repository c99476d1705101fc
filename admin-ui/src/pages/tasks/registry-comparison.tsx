import { Alert, Flex, Table, Tag, Typography, theme } from "antd";
import type { TFunction } from "i18next";
import type { HTMLAttributes, TdHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { RegistrationReview, RegistryComparedField } from "../../api/types";
import { formatDateTime } from "../../utils/format";

interface ComparisonRow {
  key: string;
  label: string;
  submitted: string;
  registry?: string;
  /** Compared by R2 (name, legal rep name and ID); the USCC is how the record was found. */
  compared: boolean;
  mismatch: boolean;
}

const rowsOf = (registration: RegistrationReview, t: TFunction): ComparisonRow[] => {
  const record = registration.registry?.record ?? undefined;
  const mismatched = new Set(registration.registry?.mismatchedFields ?? []);
  const compared = (key: RegistryComparedField, submitted: string, registry?: string): ComparisonRow => ({
    key,
    label: t(`registryFields.${key}`),
    submitted,
    registry,
    compared: true,
    mismatch: mismatched.has(key),
  });
  const fact = (key: string, label: string, submitted: string, registry?: string): ComparisonRow => ({
    key,
    label,
    submitted,
    registry,
    compared: false,
    mismatch: false,
  });
  return [
    compared("unitName", registration.unitName, record?.name),
    fact(
      "uscc",
      t("registration.fields.uscc.label"),
      registration.uscc,
      record ? registration.uscc : undefined,
    ),
    compared("legalRepName", registration.legalRepName, record?.legalRepName),
    compared("legalRepIdNumber", registration.legalRepIdNumberMasked, record?.legalRepIdNumberMasked),
    ...(record
      ? [
          fact(
            "registryStatus",
            t("tasks.registry.status"),
            "",
            t(`tasks.registry.statuses.${record.status === "DEREGISTERED" ? "DEREGISTERED" : "IN_BUSINESS"}`),
          ),
          fact("registeredOn", t("tasks.registry.registeredOn"), "", record.registeredOn),
        ]
      : []),
  ];
};

const OutcomeAlert = ({ registration }: { registration: RegistrationReview }) => {
  const { t } = useTranslation();
  const registry = registration.registry;
  if (!registry) return <Alert type="warning" showIcon message={t("tasks.registry.notChecked")} />;
  const checkedAt = t("tasks.registry.checkedAt", { time: formatDateTime(registry.checkedAt) });
  switch (registry.outcome) {
    case "MATCH":
      return (
        <Alert type="success" showIcon message={t("tasks.registry.outcomes.MATCH")} description={checkedAt} />
      );
    case "MISMATCH":
      return (
        <Alert
          type="warning"
          showIcon
          message={t("tasks.registry.outcomes.MISMATCH", { count: registry.mismatchedFields.length })}
          description={checkedAt}
        />
      );
    default:
      return (
        <Alert
          type="error"
          showIcon
          message={t(`tasks.registry.outcomes.${registry.outcome}`)}
          description={checkedAt}
        />
      );
  }
};

/** R2 for the reviewer: the submitted facts beside the registry's, mismatched rows highlighted. */
export const RegistryComparison = ({ registration }: { registration: RegistrationReview }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const highlight = (row: ComparisonRow): TdHTMLAttributes<HTMLElement> =>
    row.mismatch ? { style: { background: token.colorErrorBg } } : {};
  return (
    <Flex vertical gap="middle">
      <OutcomeAlert registration={registration} />
      <Table<ComparisonRow>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rowsOf(registration, t)}
        onRow={(row) =>
          (row.mismatch
            ? { "data-testid": "task-mismatch", "data-field": row.key }
            : {}) as HTMLAttributes<HTMLElement>
        }
      >
        <Table.Column<ComparisonRow>
          dataIndex="label"
          title={t("tasks.registry.columns.item")}
          width={150}
          onCell={highlight}
        />
        <Table.Column<ComparisonRow>
          dataIndex="submitted"
          title={t("tasks.registry.columns.submitted")}
          onCell={highlight}
          render={(value: string, row) => (
            <Typography.Text type={row.mismatch ? "danger" : undefined} strong={row.mismatch}>
              {value}
            </Typography.Text>
          )}
        />
        <Table.Column<ComparisonRow>
          dataIndex="registry"
          title={t("tasks.registry.columns.registry")}
          onCell={highlight}
          render={(value?: string) =>
            value ?? <Typography.Text type="secondary">{t("tasks.registry.noValue")}</Typography.Text>
          }
        />
        <Table.Column<ComparisonRow>
          key="result"
          title={t("tasks.registry.columns.result")}
          width={100}
          onCell={highlight}
          render={(_, row) => {
            if (!row.compared || !registration.registry?.record) return null;
            return row.mismatch ? (
              <Tag color="error">{t("tasks.registry.mismatch")}</Tag>
            ) : (
              <Tag color="success">{t("tasks.registry.match")}</Tag>
            );
          }}
        />
      </Table>
    </Flex>
  );
};
