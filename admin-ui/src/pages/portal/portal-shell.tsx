import { List } from "@refinedev/antd";
import { Empty, Flex, Result, Select, Skeleton, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { type ActingUnitOption, useActingUnit } from "../../hooks/use-acting-unit";

export interface PortalContext {
  unit: ActingUnitOption;
  /** The person is the acting unit's administrator (R18 enabling, R19 names). */
  isAdmin: boolean;
  me: Me;
}

/** Which unit the page acts for: a Select when the person holds roles in several units. */
const ActingUnitPicker = () => {
  const { t } = useTranslation();
  const { units, unit, select } = useActingUnit();
  if (!unit) return null;
  if (units.length === 1) {
    return (
      <Typography.Text type="secondary" data-testid="acting-unit">
        {t("unitAccounts.actingUnit.label")}
        <Typography.Text strong>{unit.name}</Typography.Text>
      </Typography.Text>
    );
  }
  return (
    <Flex align="center" gap="small">
      <Typography.Text type="secondary">{t("unitAccounts.actingUnit.label")}</Typography.Text>
      <Select<string>
        value={unit.id}
        onChange={select}
        options={units.map(({ id, name }) => ({ value: id, label: name }))}
        style={{ minWidth: 240 }}
        popupMatchSelectWidth={false}
        data-testid="acting-unit"
      />
    </Flex>
  );
};

interface PortalShellProps {
  title: string;
  /** One sentence on what the page is for, under the title. */
  intro?: ReactNode;
  headerButtons?: ReactNode;
  children: (context: PortalContext) => ReactNode;
}

/**
 * A page of 统一门户子系统: the unit it acts for, and R12: in a password session the QR step-up stands in
 * for the page until the session is raised to REAL_PERSON.
 */
export const PortalShell = ({ title, intro, headerButtons, children }: PortalShellProps) => {
  const { t } = useTranslation();
  const { unit, isAdmin, me, isLoading } = useActingUnit();

  const body = (() => {
    if (isLoading || !me) return <Skeleton active paragraph={{ rows: 6 }} />;
    if (!unit) {
      return (
        <Result
          status="403"
          title={t("unitAccounts.noUnit.title")}
          subTitle={t("unitAccounts.noUnit.description")}
        />
      );
    }
    if (me.kind === "PERSON" && me.strength !== "REAL_PERSON") return <RealPersonRequired />;
    return children({ unit, isAdmin, me });
  })();

  return (
    <List
      title={title}
      headerButtons={
        <Flex align="center" gap="middle" wrap>
          <ActingUnitPicker />
          {unit && me?.strength === "REAL_PERSON" && headerButtons}
        </Flex>
      }
    >
      <Flex vertical gap="middle">
        {intro && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {intro}
          </Typography.Paragraph>
        )}
        {body}
      </Flex>
    </List>
  );
};

/** The empty state of the portal's tables. */
export const TableEmpty = ({ description }: { description: string }) => (
  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />
);
