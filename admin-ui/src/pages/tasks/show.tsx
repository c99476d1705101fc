import { Show } from "@refinedev/antd";
import { useGetIdentity, useShow } from "@refinedev/core";
import { Alert, Card, Col, Descriptions, type DescriptionsProps, Flex, Result, Row, Space } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { ApiHttpError } from "../../api/http";
import type { Me, RegistrationReview, RequestHistoryEntry, TaskDetail } from "../../api/types";
import { RegionName } from "../../components/region-name";
import { isReviewReason, RequestHistoryTimeline } from "../../components/request-history-timeline";
import { formatDateTime } from "../../utils/format";
import { AffiliationRequestFacts } from "./affiliation-request-facts";
import { BindingRequestFacts } from "./binding-request-facts";
import { ClaimButtons } from "./claim-buttons";
import { ContactMobileChangeFacts } from "./contact-mobile-change-facts";
import { DecisionPanel } from "./decision-panel";
import { MaterialsPreview } from "./materials-preview";
import { RegistryComparison } from "./registry-comparison";
import { TaskFlags, TaskStatusTag, taskKindText } from "./task-tags";
import { TitleApplicationFacts } from "./title-application-facts";

const describeRegistration = (registration: RegistrationReview, t: TFunction): DescriptionsProps["items"] => [
  {
    key: "requestNumber",
    label: t("registrationStatus.fields.requestNumber.label"),
    children: registration.requestNumber,
  },
  {
    key: "submittedAt",
    label: t("registrationStatus.fields.submittedAt.label"),
    children: formatDateTime(registration.submittedAt),
  },
  {
    key: "unitType",
    label: t("registration.fields.unitType.label"),
    children: t(`unitTypes.${registration.unitType}`),
  },
  {
    key: "region",
    label: t("registration.fields.regionCode.label"),
    children: <RegionName code={registration.regionCode} name={registration.regionName} />,
  },
  {
    key: "legalRepMobile",
    label: t("registration.fields.legalRepMobile.label"),
    children: registration.legalRepMobileMasked ?? t("registration.review.legalRepMobileMissing"),
  },
  {
    key: "contactName",
    label: t("registration.fields.contactName.label"),
    children: registration.contactName,
  },
  {
    key: "contactMobile",
    label: t("registration.fields.contactMobile.label"),
    children: registration.contactMobileMasked,
  },
];

const describeTask = (task: TaskDetail, t: TFunction): DescriptionsProps["items"] => [
  { key: "kind", label: t("tasks.fields.kind.label"), children: taskKindText(task.kind, t) },
  { key: "status", label: t("tasks.fields.status.label"), children: <TaskStatusTag task={task} /> },
  {
    key: "assignee",
    label: t("tasks.fields.assignee.label"),
    children: task.assignee ? (task.assignee.name ?? t("me.nameMissing")) : t("tasks.unassigned"),
  },
  {
    key: "dueAt",
    label: t("tasks.fields.dueAt.label"),
    children: (
      <Space wrap>
        {task.dueAt ? formatDateTime(task.dueAt) : t("tasks.noDueAt")}
        <TaskFlags task={task} />
      </Space>
    ),
  },
  { key: "queue", label: t("tasks.fields.queue.label"), children: t(`tasks.queues.${task.queue}`) },
  ...(task.completedAt
    ? [
        {
          key: "completedAt",
          label: t("tasks.fields.completedAt.label"),
          children: formatDateTime(task.completedAt),
        },
      ]
    : []),
];

/** Why the request needs a person (R2, R3, R27) and whether the USCC's check characters failed. */
const ReviewReason = ({
  reason,
  usccCheckWarning = false,
}: {
  reason: string | null;
  usccCheckWarning?: boolean;
}) => {
  const { t } = useTranslation();
  if (!reason && !usccCheckWarning) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="task-review-reason"
      message={t("tasks.reviewReason", {
        reason: isReviewReason(reason)
          ? t(`reviewReasons.${reason}`)
          : (reason ?? t("reviewReasons.USCC_CHECK_CHARACTER")),
      })}
      description={usccCheckWarning ? t("tasks.usccCheckWarning") : undefined}
    />
  );
};

/** The latest reason a request went to manual review, as its history records it. */
const manualReviewReason = (history: RequestHistoryEntry[]): string | null =>
  history.filter((entry) => entry.kind === "MANUAL_REVIEW").at(-1)?.reason ?? null;

/** What the request says: a registration beside the registry's facts, or a contact mobile change. */
const RequestFacts = ({ task }: { task: TaskDetail }) => {
  const { t } = useTranslation();
  const { registration, contactMobileChange, bindingRequest } = task;
  if (registration) {
    return (
      <Card title={t("tasks.sections.comparison")}>
        <RegistryComparison registration={registration} />
      </Card>
    );
  }
  if (contactMobileChange) {
    return (
      <Card title={t("tasks.sections.contactMobileChange")}>
        <ContactMobileChangeFacts change={contactMobileChange} />
      </Card>
    );
  }
  if (bindingRequest) {
    return (
      <Card title={t("tasks.bindingRequest.title")}>
        <BindingRequestFacts request={bindingRequest} />
      </Card>
    );
  }
  if (task.affiliationRequest) {
    return (
      <Card title={t("tasks.affiliationRequest.title")}>
        <AffiliationRequestFacts request={task.affiliationRequest} />
      </Card>
    );
  }
  if (task.titleApplication) {
    return (
      <Card title={t("tasks.titleApplication.title")}>
        <TitleApplicationFacts application={task.titleApplication} />
      </Card>
    );
  }
  return <Alert type="info" showIcon message={t("tasks.noRequest")} />;
};

/** Who may decide now: an open task, or one this reviewer claimed. */
const DecisionCard = ({ task, meId, onStale }: { task: TaskDetail; meId?: string; onStale: () => void }) => {
  const { t } = useTranslation();
  const open = task.status === "OPEN" || task.status === "CLAIMED";
  // While the identity is (re)loading, nobody is "another reviewer": the panel must not flicker away.
  const claimedByOther = task.status === "CLAIMED" && meId !== undefined && task.assignee?.id !== meId;
  return (
    <Card title={t("tasks.decision.title")}>
      {!open ? (
        <Alert type="info" showIcon message={t("tasks.decision.closed")} />
      ) : claimedByOther ? (
        <Alert
          type="warning"
          showIcon
          message={t("tasks.decision.claimedByOther", { name: task.assignee?.name ?? t("me.nameMissing") })}
        />
      ) : (
        <DecisionPanel task={task} onStale={onStale} />
      )}
    </Card>
  );
};

/** One review task: the request's facts (beside the registry's for a registration), materials, history, decision. */
export const TaskShow = () => {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const { data: me } = useGetIdentity<Me>();
  const { query } = useShow<TaskDetail, ApiHttpError>({ resource: "tasks", id, errorNotification: false });
  const task = query.data?.data;
  const refetch = () => void query.refetch();

  if (query.error) {
    return <Result status={query.error.statusCode === 404 ? "404" : "error"} title={query.error.message} />;
  }
  const registration = task?.registration ?? null;
  const change = task?.contactMobileChange ?? null;
  const binding = task?.bindingRequest ?? null;
  const affiliation = task?.affiliationRequest ?? null;
  const titleApplication = task?.titleApplication ?? null;
  const history =
    registration?.history ??
    change?.history ??
    binding?.history ??
    affiliation?.history ??
    titleApplication?.history;
  const taskCard = task && (
    <Card title={t("tasks.sections.task")}>
      <Descriptions size="small" column={1} items={describeTask(task, t)} />
    </Card>
  );
  const decisionCard = task && <DecisionCard task={task} meId={me?.person?.id} onStale={refetch} />;
  const historyCard = history && (
    <Card title={t("tasks.sections.history")}>
      <RequestHistoryTimeline
        history={history}
        requestType={
          change
            ? "CONTACT_MOBILE_CHANGE"
            : binding
              ? "BINDING_REQUEST"
              : affiliation
                ? "AFFILIATION_REQUEST"
                : titleApplication
                  ? "TITLE_APPLICATION"
                  : "UNIT_REGISTRATION"
        }
      />
    </Card>
  );
  return (
    <Show
      title={task?.title ?? t("resources.tasks")}
      isLoading={query.isLoading}
      headerButtons={task ? <ClaimButtons task={task} meId={me?.person?.id} onChanged={refetch} /> : null}
    >
      {task && (
        <Flex vertical gap="middle">
          {registration && (
            <ReviewReason
              reason={registration.reviewReason}
              usccCheckWarning={registration.usccCheckWarning}
            />
          )}
          {change && <ReviewReason reason={manualReviewReason(change.history)} />}
          {registration ? (
            // A registration (issue 12.2): the comparison and the decision beside the materials from
            // 1200 px on; stacked on a phone, the decision before the (long) materials.
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12} data-testid="task-review-main">
                <Flex vertical gap="middle">
                  <RequestFacts task={task} />
                  {decisionCard}
                  <Card title={t("tasks.sections.facts")}>
                    <Descriptions
                      bordered
                      size="small"
                      column={1}
                      items={describeRegistration(registration, t)}
                    />
                  </Card>
                </Flex>
              </Col>
              <Col xs={24} xl={12} data-testid="task-review-side">
                <Flex vertical gap="middle">
                  <Card title={t("tasks.sections.materials")} data-testid="task-materials">
                    <MaterialsPreview uploads={registration.uploads} />
                  </Card>
                  {taskCard}
                  {historyCard}
                </Flex>
              </Col>
            </Row>
          ) : (
            // Two columns on wide screens.
            <Row gutter={[16, 16]}>
              <Col xs={24} xxl={14}>
                <RequestFacts task={task} />
              </Col>
              <Col xs={24} xxl={10}>
                <Flex vertical gap="middle">
                  {taskCard}
                  {decisionCard}
                  {historyCard}
                </Flex>
              </Col>
            </Row>
          )}
        </Flex>
      )}
    </Show>
  );
};
