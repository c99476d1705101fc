import { Card, Descriptions, type DescriptionsProps, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { COMPARED_FIELDS as FIELDS } from "../../../../domain/registry-comparison";
import type { FactSource, RegisteredFacts as Facts, RegistryComparedField } from "../../api/types";
import { comparedFieldList } from "../../components/request-history-timeline";

const SourceTag = ({ source }: { source: FactSource }) => {
  const { t } = useTranslation();
  return (
    <Tag color={source === "REGISTRY" ? "blue" : "default"} data-testid="registered-fact-source">
      {t(`registrationStatus.registered.sources.${source}`)}
    </Tag>
  );
};

/**
 * R30 on the status page of an approved request: the facts the unit was registered with, and which
 * of them the reviewer took from the market-regulation data instead of the form.
 */
export const RegisteredFacts = ({ facts }: { facts: Facts }) => {
  const { t } = useTranslation();
  const value: Record<RegistryComparedField, string> = {
    unitName: facts.unitName,
    legalRepName: facts.legalRepName,
    legalRepIdNumber: facts.legalRepIdNumberMasked,
  };
  const fromRegistry = FIELDS.filter((field) => facts.sources[field] === "REGISTRY");
  const items: DescriptionsProps["items"] = FIELDS.map((field) => ({
    key: field,
    label: t(`registryFields.${field}`),
    children: (
      <Flex wrap gap="small" align="center" data-testid="registered-fact" data-field={field}>
        <span data-testid="registered-fact-value">{value[field]}</span>
        <SourceTag source={facts.sources[field]} />
      </Flex>
    ),
  }));
  return (
    <Card size="small" title={t("registrationStatus.registered.title")} data-testid="registered-facts">
      <Flex vertical gap="small">
        <Typography.Text type="secondary" data-testid="registered-facts-note">
          {fromRegistry.length > 0
            ? t("registrationStatus.registered.fromRegistry", { fields: comparedFieldList(fromRegistry, t) })
            : t("registrationStatus.registered.asSubmitted")}
        </Typography.Text>
        <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }} items={items} />
      </Flex>
    </Card>
  );
};
