import { Alert, Flex, Steps, type StepsProps, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RequestHistoryEntry, TitleApplicationStep } from "../../api/types";
import { actorOf, chainChangeText } from "../../components/request-history-timeline";
import { formatDateTime } from "../../utils/format";

type StepItem = NonNullable<StepsProps["items"]>[number];

interface TitleApplicationPathProps {
  steps: TitleApplicationStep[];
  /** The application's history (R25): who pushed or returned at each node, and chain changes. */
  history?: RequestHistoryEntry[];
  /** A closed application has no node that holds it. */
  closed: boolean;
}

/** Who decided, and why, under a node that decided. */
const Decided = ({ text, entry }: { text: string; entry?: RequestHistoryEntry }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={0}>
      <Typography.Text type="secondary">{text}</Typography.Text>
      {entry && (entry.actorLabel || entry.actorRole) && (
        <Typography.Text type="secondary">
          {t("requestHistory.actor", { actor: actorOf(entry, "TITLE_APPLICATION", t) })}
        </Typography.Text>
      )}
    </Flex>
  );
};

const item = (
  step: TitleApplicationStep,
  where: { current: TitleApplicationStep | undefined; closed: boolean },
  decision: RequestHistoryEntry | undefined,
  t: TFunction,
): StepItem => {
  const { current, closed } = where;
  const title = (
    <span data-testid="title-application-step" data-status={step.status} data-unit-id={step.unit.id}>
      {step.status === "SKIPPED" ? (
        <Typography.Text delete>{step.unit.name}</Typography.Text>
      ) : (
        step.unit.name
      )}
    </span>
  );
  const at = step.decidedAt ? formatDateTime(step.decidedAt) : "";
  switch (step.status) {
    case "ACCEPTED":
      return {
        title,
        status: "finish",
        description: (
          <Decided
            text={t(
              decision?.kind === "COMPLETED"
                ? "titleApplications.path.completed"
                : "titleApplications.path.pushed",
              { time: at },
            )}
            entry={decision}
          />
        ),
      };
    case "RETURNED":
      return {
        title,
        status: "error",
        description: (
          <Flex vertical gap={0}>
            <Decided text={t("titleApplications.path.returned", { time: at })} entry={decision} />
            {step.reason && (
              <Typography.Text type="danger" data-testid="title-application-return-reason">
                {t("titleApplications.path.reason", { reason: step.reason })}
              </Typography.Text>
            )}
          </Flex>
        ),
      };
    case "SKIPPED":
      return {
        title,
        status: "wait",
        description: (
          <Flex gap="small" wrap align="center">
            <Tag>{t("titleApplications.path.skippedTag")}</Tag>
            <Typography.Text type="secondary">{t("titleApplications.path.skipped")}</Typography.Text>
          </Flex>
        ),
      };
    case "WITHDRAWN":
      return {
        title,
        status: "wait",
        description: (
          <Typography.Text type="secondary">
            {t("titleApplications.path.withdrawn", { time: at })}
          </Typography.Text>
        ),
      };
    default:
      if (step === current)
        return { title, status: "process", description: t("titleApplications.path.current") };
      // A closed application's pending steps are the nodes it never reached.
      return {
        title,
        status: "wait",
        description: t(closed ? "titleApplications.path.notReached" : "titleApplications.path.pending"),
      };
  }
};

/**
 * R31: a title application's path up the push chain as Steps: which node has it, who pushed or
 * returned it and why, the nodes skipped because a unit changed its superior, and those changes.
 */
export const TitleApplicationPath = ({ steps, history = [], closed }: TitleApplicationPathProps) => {
  const { t } = useTranslation();
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const current = closed ? undefined : ordered.find((s) => s.status === "PENDING");
  // Nodes decide one after another: the n-th node that pushed is the n-th push of the history.
  const pushes = history.filter((e) => e.kind === "PUSHED" || e.kind === "COMPLETED");
  const accepted = ordered.filter((s) => s.status === "ACCEPTED");
  const returned = history.find((e) => e.kind === "RETURNED");
  const changes = history.filter((e) => e.kind === "CHAIN_CHANGED" && e.detail);
  return (
    <Flex vertical gap="middle" data-testid="title-application-path">
      {changes.map((change) => (
        <Alert
          key={change.at}
          type="info"
          showIcon
          message={chainChangeText(change.detail!, t)}
          description={formatDateTime(change.at)}
          data-testid="title-application-chain-changed"
        />
      ))}
      <Steps
        direction="vertical"
        size="small"
        items={ordered.map((step) =>
          item(
            step,
            { current, closed },
            step.status === "RETURNED" ? returned : pushes[accepted.indexOf(step)],
            t,
          ),
        )}
      />
    </Flex>
  );
};
