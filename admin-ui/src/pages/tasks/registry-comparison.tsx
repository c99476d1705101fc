import { Alert, Flex, Grid, Table, Tag, Typography, theme } from "antd";
import type { TFunction } from "i18next";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { RegistrationReview, RegistryComparedField } from "../../api/types";
import { formatDateTime } from "../../utils/format";
import { FactDiff } from "./fact-diff";

/** 一致 / 不一致, or 未提供: the registry does not disclose the fact (neither a match nor a mismatch). */
type ComparisonResult = "match" | "mismatch" | "notProvided";

interface ComparisonRow {
  key: string;
  label: string;
  submitted: string;
  registry?: string;
  /** 一致 / 不一致 / 未提供; none where the registry has no record or the row only informs (status, date). */
  result?: ComparisonResult;
}

/** R2: facts the registry does not disclose (commercial registries never give the legal rep's ID number). */
const notProvided = (registration: RegistrationReview): ReadonlySet<RegistryComparedField> =>
  new Set(registration.registry?.record ? registration.registry.notProvidedFields : []);

/** A compared fact's two values as the reviewer sees them (ID numbers masked on both sides). */
export const factValues = (
  registration: RegistrationReview,
  field: RegistryComparedField,
): { submitted: string; registry?: string } => {
  const record = registration.registry?.record ?? undefined;
  switch (field) {
    case "unitName":
      return { submitted: registration.unitName, registry: record?.name };
    case "legalRepName":
      return { submitted: registration.legalRepName, registry: record?.legalRepName };
    case "legalRepIdNumber":
      return {
        submitted: registration.legalRepIdNumberMasked,
        registry: record?.legalRepIdNumberMasked ?? undefined,
      };
  }
};

const rowsOf = (registration: RegistrationReview, t: TFunction): ComparisonRow[] => {
  const record = registration.registry?.record ?? undefined;
  const mismatched = new Set(registration.registry?.mismatchedFields ?? []);
  const undisclosed = notProvided(registration);
  const compared = (key: RegistryComparedField): ComparisonRow => ({
    key,
    label: t(`registryFields.${key}`),
    ...factValues(registration, key),
    result: !record
      ? undefined
      : undisclosed.has(key)
        ? "notProvided"
        : mismatched.has(key)
          ? "mismatch"
          : "match",
  });
  return [
    compared("unitName"),
    // The registry's record was found by the USCC: where there is one, the code agrees.
    {
      key: "uscc",
      label: t("registration.fields.uscc.label"),
      submitted: registration.uscc,
      registry: record ? registration.uscc : undefined,
      result: record ? "match" : undefined,
    },
    compared("legalRepName"),
    compared("legalRepIdNumber"),
    ...(record
      ? [
          {
            key: "registryStatus",
            label: t("tasks.registry.status"),
            submitted: "",
            // The registry's own wording too (吊销，未注销 is not in business, and says why).
            registry: [
              t(
                `tasks.registry.statuses.${record.status === "DEREGISTERED" ? "DEREGISTERED" : "IN_BUSINESS"}`,
              ),
              record.registryStatus ? `（${record.registryStatus}）` : "",
            ].join(""),
          },
          {
            key: "registeredOn",
            label: t("tasks.registry.registeredOn"),
            submitted: "",
            registry: record.registeredOn,
          },
        ]
      : []),
  ];
};

const OutcomeAlert = ({ registration }: { registration: RegistrationReview }) => {
  const { t } = useTranslation();
  const registry = registration.registry;
  if (!registry) return <Alert type="warning" showIcon message={t("tasks.registry.notChecked")} />;
  const checkedAt = t("tasks.registry.checkedAt", { time: formatDateTime(registry.checkedAt) });
  // A fact the registry does not disclose was compared by no one: in review (a face check that did
  // not happen or failed) the reviewer checks it against the materials.
  const description =
    notProvided(registration).size > 0 ? (
      <Flex vertical>
        <span>{checkedAt}</span>
        <span data-testid="registry-not-provided">{t("tasks.registry.notProvidedNote")}</span>
      </Flex>
    ) : (
      checkedAt
    );
  switch (registry.outcome) {
    case "MATCH":
      return (
        <Alert
          type="success"
          showIcon
          message={t("tasks.registry.outcomes.MATCH")}
          description={description}
        />
      );
    case "MISMATCH":
      return (
        <Alert
          type="warning"
          showIcon
          message={t("tasks.registry.outcomes.MISMATCH", { count: registry.mismatchedFields.length })}
          description={description}
        />
      );
    default:
      return (
        <Alert
          type="error"
          showIcon
          message={t(`tasks.registry.outcomes.${registry.outcome}`)}
          description={description}
        />
      );
  }
};

const RESULT_TAGS = {
  match: { color: "success", label: "tasks.registry.match" },
  mismatch: { color: "error", label: "tasks.registry.mismatch" },
  notProvided: { color: "default", label: "tasks.registry.notProvided" },
} as const satisfies Record<ComparisonResult, { color: string; label: string }>;

const ResultTag = ({ result }: { result?: ComparisonResult }) => {
  const { t } = useTranslation();
  if (!result) return null;
  return (
    <Tag color={RESULT_TAGS[result].color} data-testid="comparison-result" style={{ marginInlineEnd: 0 }}>
      {t(RESULT_TAGS[result].label)}
    </Tag>
  );
};

/**
 * One side of a differing fact, the characters that differ marked; when they differ only where the
 * mask hides them (the middle of ID numbers), says so.
 */
const DifferingValue = ({ value, other }: { value: string; other: string }) => {
  const { t } = useTranslation();
  if (value !== other) return <FactDiff value={value} other={other} />;
  return (
    <Flex vertical>
      <span>{value}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("tasks.registry.hiddenDifference")}
      </Typography.Text>
    </Flex>
  );
};

/** The attributes every comparison row carries, in the table and in the phone's list alike. */
const rowAttributes = (row: ComparisonRow) =>
  ({
    "data-testid": row.result === "mismatch" ? "task-mismatch" : "comparison-row",
    "data-field": row.key,
    "data-result": row.result ?? "none",
  }) as HTMLAttributes<HTMLElement>;

/** One side's value of a row: none, as it is, or with the characters that differ marked. */
const useValueRenderer = () => {
  const { t } = useTranslation();
  return (side: "submitted" | "registry") =>
    (text: string | undefined, row: ComparisonRow): ReactNode => {
      if (text === undefined && side === "registry" && row.result === "notProvided") {
        return <Typography.Text type="secondary">{t("tasks.registry.notProvidedValue")}</Typography.Text>;
      }
      if (text === undefined) {
        return <Typography.Text type="secondary">{t("tasks.registry.noValue")}</Typography.Text>;
      }
      if (row.result !== "mismatch" || row.registry === undefined) return text;
      return <DifferingValue value={text} other={side === "submitted" ? row.registry : row.submitted} />;
    };
};

/** On a phone: one block per fact, its mark beside the label, the two values one below the other. */
const ComparisonList = ({ rows }: { rows: ComparisonRow[] }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const value = useValueRenderer();
  return (
    <Flex vertical data-testid="registry-comparison-list">
      {rows.map((row) => (
        <Flex
          key={row.key}
          vertical
          gap={2}
          {...rowAttributes(row)}
          style={{
            padding: `${token.paddingXS}px ${token.paddingSM}px`,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            background: row.result === "mismatch" ? token.colorErrorBg : undefined,
            overflowWrap: "anywhere",
          }}
        >
          <Flex justify="space-between" align="center" gap="small">
            <Typography.Text strong>{row.label}</Typography.Text>
            <ResultTag result={row.result} />
          </Flex>
          {row.submitted !== "" && (
            <span>
              <Typography.Text type="secondary">
                {t("tasks.registry.sideLabel", { side: t("tasks.registry.columns.submitted") })}
              </Typography.Text>
              {value("submitted")(row.submitted, row)}
            </span>
          )}
          <span>
            <Typography.Text type="secondary">
              {t("tasks.registry.sideLabel", { side: t("tasks.registry.columns.registry") })}
            </Typography.Text>
            {value("registry")(row.registry, row)}
          </span>
        </Flex>
      ))}
    </Flex>
  );
};

/**
 * R2 for the reviewer, read at a glance: the submitted facts beside the registry's, each compared row
 * marked 一致 or 不一致 (the USCC too), the characters that differ inside a field highlighted.
 */
export const RegistryComparison = ({ registration }: { registration: RegistrationReview }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const value = useValueRenderer();
  // A phone has no room for three columns of codes: there the facts are a list.
  const wide = Grid.useBreakpoint().sm ?? true;
  const rows = rowsOf(registration, t);
  const highlight = (row: ComparisonRow): TdHTMLAttributes<HTMLElement> =>
    row.result === "mismatch" ? { style: { background: token.colorErrorBg } } : {};
  return (
    <Flex vertical gap="middle" data-testid="registry-comparison">
      <OutcomeAlert registration={registration} />
      {wide ? (
        <Table<ComparisonRow>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          onRow={rowAttributes}
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
            render={value("submitted")}
          />
          <Table.Column<ComparisonRow>
            dataIndex="registry"
            title={t("tasks.registry.columns.registry")}
            onCell={highlight}
            render={value("registry")}
          />
          <Table.Column<ComparisonRow>
            key="result"
            title={t("tasks.registry.columns.result")}
            width={88}
            align="center"
            onCell={highlight}
            render={(_, row) => <ResultTag result={row.result} />}
          />
        </Table>
      ) : (
        <ComparisonList rows={rows} />
      )}
    </Flex>
  );
};
