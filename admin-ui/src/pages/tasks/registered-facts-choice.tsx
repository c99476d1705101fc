import { Alert, Flex, Form, Radio, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { FACT_SOURCES } from "../../../../domain/registered-facts";
import type {
  FactSource,
  RegisteredFactsChoice,
  RegistrationReview,
  RegistryComparedField,
} from "../../api/types";
import { FactDiff } from "./fact-diff";
import { factValues } from "./registry-comparison";

const SOURCES = FACT_SOURCES;

/** R30: the registry's value preselected for every fact that differs. */
export const initialFactsChoice = (registration: RegistrationReview): RegisteredFactsChoice =>
  Object.fromEntries(registration.factChoices.map((field) => [field, "REGISTRY" as const]));

/** The value a choice registers, as the reviewer sees it (ID numbers masked). */
export const chosenValue = (
  registration: RegistrationReview,
  field: RegistryComparedField,
  source: FactSource | undefined,
): string => {
  const { submitted, registry } = factValues(registration, field);
  return source === "REGISTRY" && registry !== undefined ? registry : submitted;
};

/** "单位名称：铜仁梵净示例茶业有限公司；法定代表人姓名：田丽萍": what an approval will register. */
export const choiceSummary = (
  registration: RegistrationReview,
  choice: RegisteredFactsChoice,
  t: TFunction,
) =>
  registration.factChoices
    .map((field) =>
      t("tasks.registeredFacts.summaryItem", {
        field: t(`registryFields.${field}`),
        value: chosenValue(registration, field, choice[field]),
      }),
    )
    .join(t("tasks.registeredFacts.summarySeparator"));

/**
 * R30 in the decision form: for each fact that differs from the registry's record, the value the unit
 * is registered with on approval (the registry's preselected), the differing characters marked.
 * Without a registry record the applicant's values are the only ones, and the form says so.
 */
export const RegisteredFactsChoiceFields = ({ registration }: { registration: RegistrationReview }) => {
  const { t } = useTranslation();
  const registry = registration.registry;
  if (!registry?.record) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="fact-choice-applicant-only"
        message={t(
          registry?.outcome === "NOT_FOUND"
            ? "tasks.registeredFacts.applicantOnly.NOT_FOUND"
            : "tasks.registeredFacts.applicantOnly.UNAVAILABLE",
        )}
      />
    );
  }
  if (registration.factChoices.length === 0) return null;
  return (
    <Flex vertical data-testid="fact-choices">
      <Typography.Text strong>{t("tasks.registeredFacts.title")}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("tasks.registeredFacts.extra")}
      </Typography.Paragraph>
      {registration.factChoices.map((field) => {
        const { submitted, registry: fromRegistry = "" } = factValues(registration, field);
        const values: Record<FactSource, { value: string; other: string }> = {
          REGISTRY: { value: fromRegistry, other: submitted },
          APPLICANT: { value: submitted, other: fromRegistry },
        };
        return (
          <Form.Item
            key={field}
            name={["registeredFacts", field]}
            label={t(`registryFields.${field}`)}
            rules={[{ required: true, message: t("tasks.registeredFacts.required") }]}
          >
            <Radio.Group data-testid={`fact-choice-${field}`}>
              <Flex vertical gap={4}>
                {SOURCES.map((source) => (
                  <Radio key={source} value={source} data-testid={`fact-choice-${field}-${source}`}>
                    <Typography.Text type="secondary">
                      {t(`tasks.registeredFacts.sources.${source}`)}
                    </Typography.Text>{" "}
                    <FactDiff {...values[source]} />
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
        );
      })}
    </Flex>
  );
};
