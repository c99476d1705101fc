import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { useCustomMutation, useGo, useNotification } from "@refinedev/core";
import { Button, Flex, Form, Input, Popconfirm } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { RegisteredFactsChoice, Task, TaskDecision, TaskDetail } from "../../api/types";
import { WhyNot } from "../../components/why-not";
import { TASKS_PATH } from "../../config/paths";
import { useIdempotencyKey } from "../../hooks/use-idempotency-key";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { characterLimit } from "../../utils/validators";
import { choiceSummary, initialFactsChoice, RegisteredFactsChoiceFields } from "./registered-facts-choice";

const REASON_MAX = 500;

/**
 * What the decision means to whom depends on the request: a registration, a contact mobile change (R27)
 * or an affiliation request (R13).
 */
const decisionTexts = (task: Task, t: TFunction) =>
  task.requestType === "AFFILIATION_REQUEST"
    ? {
        confirm: (decision: TaskDecision) => t(`tasks.affiliationRequest.decision.confirm.${decision}`),
        confirmDescription: t("tasks.affiliationRequest.decision.confirmDescription"),
        reasonExtra: t("tasks.affiliationRequest.decision.reasonExtra"),
      }
    : task.requestType === "CONTACT_MOBILE_CHANGE"
      ? {
          confirm: (decision: TaskDecision) => t(`tasks.contactMobileChange.decision.confirm.${decision}`),
          confirmDescription: t("tasks.contactMobileChange.decision.confirmDescription"),
          reasonExtra: t("tasks.contactMobileChange.decision.reasonExtra"),
        }
      : {
          confirm: (decision: TaskDecision) => t(`tasks.decision.confirm.${decision}`),
          confirmDescription: t("tasks.decision.confirmDescription"),
          reasonExtra: t("tasks.decision.reason.extra"),
        };

/** The buttons' words: 通过 / 不通过, or for a title application (R31) 推送上级 (at the top: 通过并办结) / 退回. */
const buttonTexts = (task: DecisionPanelProps["task"], t: TFunction) => {
  if (task.requestType !== "TITLE_APPLICATION") {
    return {
      label: (decision: TaskDecision) =>
        t(decision === "APPROVE" ? "tasks.decision.approve" : "tasks.decision.reject"),
      done: (decision: TaskDecision) => t(`tasks.decision.done.${decision}`),
      reasonRequired: t("tasks.decision.reasonRequired"),
      confirm: undefined,
    };
  }
  // An open task's node is the application's first pending step; it is the top when no other step
  // waits after it (its push completes the application).
  const pending = (task.titleApplication?.steps ?? []).filter((s) => s.status === "PENDING");
  const top = pending.length === 1;
  const approve = top ? "APPROVE_TOP" : "APPROVE";
  const key = (decision: TaskDecision) => (decision === "APPROVE" ? approve : decision);
  return {
    label: (decision: TaskDecision) => t(`tasks.titleApplication.decision.buttons.${key(decision)}`),
    done: (decision: TaskDecision) => t(`tasks.titleApplication.decision.done.${key(decision)}`),
    reasonRequired: t("tasks.titleApplication.decision.reasonRequired"),
    confirm: {
      confirm: (decision: TaskDecision) => t(`tasks.titleApplication.decision.confirm.${key(decision)}`),
      confirmDescription: t("tasks.titleApplication.decision.confirmDescription"),
      reasonExtra: t("tasks.titleApplication.decision.reasonExtra"),
    },
  };
};

interface DecisionValues {
  reason?: string;
  /** R30: a registration's approval: per differing fact, the registry's value or the applicant's. */
  registeredFacts?: RegisteredFactsChoice;
}

interface DecisionPanelProps {
  /** With the title application of a node's task, whose path tells whether the node is the top. */
  task: Task & {
    titleApplication?: TaskDetail["titleApplication"];
    /** A unit registration: its approval chooses the registered facts (R30). */
    registration?: TaskDetail["registration"];
  };
  /** The task changed under the reviewer (claimed by another, decided already): read it again. */
  onStale: () => void;
}

/** 通过 / 不通过 (a rejection needs a reason, which the applicant sees), each confirmed once more. */
export const DecisionPanel = ({ task, onStale }: DecisionPanelProps) => {
  const { t } = useTranslation();
  const go = useGo();
  const { open: notify } = useNotification();
  const [form] = useConsoleForm<DecisionValues>();
  const [asking, setAsking] = useState<TaskDecision>();
  const [formError, setFormError] = useState<ApiHttpError>();
  const buttons = buttonTexts(task, t);
  const texts = buttons.confirm ?? decisionTexts(task, t);
  const idempotency = useIdempotencyKey();
  const { mutate, mutation } = useCustomMutation<
    Task,
    ApiHttpError,
    { decision: TaskDecision; reason?: string; registeredFacts?: RegisteredFactsChoice }
  >();
  const registration = task.registration ?? undefined;
  // The registered facts the approval sends: only when the registry's record differs (R30).
  const factsChoice = (): RegisteredFactsChoice | undefined =>
    registration && registration.factChoices.length > 0
      ? { ...initialFactsChoice(registration), ...form.getFieldValue("registeredFacts") }
      : undefined;

  const ask = (decision: TaskDecision) => {
    setFormError(undefined);
    const reason = (form.getFieldValue("reason") as string | undefined)?.trim();
    if (decision === "REJECT" && !reason) {
      form.setFields([{ name: "reason", errors: [buttons.reasonRequired] }]);
      return;
    }
    form.setFields([{ name: "reason", errors: [] }]);
    setAsking(decision);
  };

  const decide = (decision: TaskDecision) => {
    const reason = (form.getFieldValue("reason") as string | undefined)?.trim();
    const registeredFacts = decision === "APPROVE" ? factsChoice() : undefined;
    mutate(
      {
        url: `tasks/${encodeURIComponent(task.id)}/decision`,
        method: "post",
        values: { decision, ...(reason ? { reason } : {}), ...(registeredFacts ? { registeredFacts } : {}) },
        config: {
          headers: idempotency.headers(
            `${task.id}:${decision}:${reason ?? ""}:${JSON.stringify(registeredFacts ?? {})}`,
          ),
        },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          idempotency.answered();
          setAsking(undefined);
          // Refine shows `description` as the notification's title and `message` as its text.
          notify?.({
            type: "success",
            description: buttons.done(decision),
            message: task.title,
          });
          go({ to: TASKS_PATH });
        },
        onError: (error) => {
          idempotency.answered(error);
          setAsking(undefined);
          // Taken, and still being applied: the list shows the outcome shortly.
          if (error.code === "ACTION_ACCEPTED_PENDING") {
            notify?.({ type: "success", description: error.message, message: task.title });
            go({ to: TASKS_PATH });
            return;
          }
          if (showFieldError(form, error, ["reason"])) return;
          setFormError(error);
          if (error.statusCode === 409) onStale();
        },
      },
    );
  };

  const confirmProps = (decision: TaskDecision) => ({
    open: asking === decision,
    onOpenChange: (open: boolean) => {
      if (!open) setAsking(undefined);
    },
    title: texts.confirm(decision),
    description:
      decision === "APPROVE" && registration && registration.factChoices.length > 0 ? (
        <span data-testid="fact-choice-summary">
          {t("tasks.registeredFacts.confirm", { facts: choiceSummary(registration, factsChoice() ?? {}, t) })}
          <br />
          {texts.confirmDescription}
        </span>
      ) : (
        texts.confirmDescription
      ),
    okText: t("tasks.decision.ok"),
    cancelText: t("tasks.decision.cancel"),
    okButtonProps: {
      loading: mutation.isPending,
      danger: decision === "REJECT",
      "data-testid": "task-decision-confirm",
    },
    onConfirm: () => decide(decision),
  });

  return (
    <Form<DecisionValues>
      form={form}
      layout="vertical"
      initialValues={registration ? { registeredFacts: initialFactsChoice(registration) } : undefined}
    >
      {registration && <RegisteredFactsChoiceFields registration={registration} />}
      <Form.Item<DecisionValues>
        name="reason"
        label={t("tasks.decision.reason.label")}
        extra={texts.reasonExtra}
      >
        <Input.TextArea
          count={characterLimit(REASON_MAX)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={t("tasks.decision.reason.placeholder")}
          data-testid="task-reason"
        />
      </Form.Item>
      {formError && <WhyNot error={formError} style={{ marginBottom: 16 }} testId="task-decision-error" />}
      <Flex gap="small" justify="flex-end">
        <Popconfirm {...confirmProps("REJECT")}>
          <Button danger icon={<CloseOutlined />} onClick={() => ask("REJECT")} data-testid="task-reject">
            {buttons.label("REJECT")}
          </Button>
        </Popconfirm>
        <Popconfirm {...confirmProps("APPROVE")}>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => ask("APPROVE")}
            data-testid="task-approve"
          >
            {buttons.label("APPROVE")}
          </Button>
        </Popconfirm>
      </Flex>
    </Form>
  );
};
