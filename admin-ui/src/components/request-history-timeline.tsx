import { Empty, Flex, Timeline, type TimelineItemProps, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { parseFactsChoiceDetail } from "../../../domain/registered-facts";
import { COMPARED_FIELDS, REGISTRY_OUTCOMES as OUTCOMES } from "../../../domain/registry-comparison";
import type {
  ContactMobileChangeMethod,
  ManualReviewReason,
  RegistryComparedField,
  RegistryOutcome,
  RequestHistoryEntry,
  RequestType,
} from "../api/types";
import { formatDateTime } from "../utils/format";

const KINDS = [
  "SUBMITTED",
  "REGISTRY_CHECKED",
  "REGISTRY_UNAVAILABLE",
  "FACE_CHECK_SENT",
  "FACE_CHECK_REMINDED",
  "FACE_CHECK_PASSED",
  "FACE_CHECK_FAILED",
  "FACE_CHECK_EXPIRED",
  "MANUAL_REVIEW",
  "REVIEW_REMINDED",
  "REVIEW_ESCALATED",
  "APPROVAL_NOT_APPLICABLE",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
] as const;
type HistoryKind = (typeof KINDS)[number];

/** Steps that read differently for a contact mobile change (R27) than for a registration. */
const CONTACT_MOBILE_CHANGE_KINDS = ["SUBMITTED", "FACE_CHECK_SENT", "APPROVED"] as const;
type ContactMobileChangeKind = (typeof CONTACT_MOBILE_CHANGE_KINDS)[number];
const METHODS: ContactMobileChangeMethod[] = ["FACE_CHECK", "MANUAL_REVIEW"];

/** The steps of a person's binding request (R16): asked, reminded, and how it ended. */
const BINDING_KINDS = ["SUBMITTED", "REMINDED", "APPROVED", "REJECTED", "WITHDRAWN", "EXPIRED"] as const;
type BindingKind = (typeof BINDING_KINDS)[number];

const REVIEW_REASONS: ManualReviewReason[] = [
  "REGISTRY_MISMATCH",
  "REGISTRY_NOT_FOUND",
  "REGISTRY_DEREGISTERED",
  "REGISTRY_UNAVAILABLE",
  "USCC_CHECK_CHARACTER",
  "FACE_CHECK_FAILED",
  "FACE_CHECK_EXPIRED",
  "UNIT_EXISTS",
  "REQUESTED",
];

/** The steps of a unit's affiliation request (R13); APPROVAL_NOT_APPLICABLE: an approval refused as a cycle. */
const AFFILIATION_KINDS = [
  "SUBMITTED",
  "REMINDED",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
  "EXPIRED",
  "APPROVAL_NOT_APPLICABLE",
] as const;
type AffiliationKind = (typeof AFFILIATION_KINDS)[number];
/** The detail of an affiliation approval refused because it would close a cycle (R13). */
const AFFILIATION_CYCLE = "AFFILIATION_CYCLE";

/** The steps of a title application on the push chain (R31); their details name units ("A → B"). */
const TITLE_APPLICATION_KINDS = [
  "SUBMITTED",
  "PUSHED",
  "CHAIN_CHANGED",
  "RETURNED",
  "COMPLETED",
  "WITHDRAWN",
] as const;
type TitleApplicationKind = (typeof TITLE_APPLICATION_KINDS)[number];
/** How a title application's history writes a node that is not there (a chain ending early). */
const NO_UNIT = "—";

const isKind = (kind: string): kind is HistoryKind => (KINDS as readonly string[]).includes(kind);
const isContactMobileChangeKind = (kind: string): kind is ContactMobileChangeKind =>
  (CONTACT_MOBILE_CHANGE_KINDS as readonly string[]).includes(kind);
const isBindingKind = (kind: string): kind is BindingKind =>
  (BINDING_KINDS as readonly string[]).includes(kind);
const isAffiliationKind = (kind: string): kind is AffiliationKind =>
  (AFFILIATION_KINDS as readonly string[]).includes(kind);
const isTitleApplicationKind = (kind: string): kind is TitleApplicationKind =>
  (TITLE_APPLICATION_KINDS as readonly string[]).includes(kind);
const isMethod = (value: string): value is ContactMobileChangeMethod =>
  METHODS.includes(value as ContactMobileChangeMethod);
export const isReviewReason = (reason: string | null): reason is ManualReviewReason =>
  REVIEW_REASONS.includes(reason as ManualReviewReason);
const isOutcome = (value?: string): value is RegistryOutcome => OUTCOMES.includes(value as RegistryOutcome);
const isComparedField = (value: string): value is RegistryComparedField =>
  COMPARED_FIELDS.includes(value as RegistryComparedField);

const colorOf = (kind: string): TimelineItemProps["color"] => {
  if (kind === "APPROVED" || kind === "FACE_CHECK_PASSED" || kind === "COMPLETED") return "green";
  if (kind === "REJECTED" || kind === "FACE_CHECK_FAILED" || kind === "RETURNED") return "red";
  if (kind === "WITHDRAWN" || kind === "EXPIRED") return "gray";
  if (
    [
      "MANUAL_REVIEW",
      "REMINDED",
      "REVIEW_REMINDED",
      "REVIEW_ESCALATED",
      "APPROVAL_NOT_APPLICABLE",
      "CHAIN_CHANGED",
      "REGISTRY_UNAVAILABLE",
      "FACE_CHECK_EXPIRED",
    ].includes(kind)
  )
    return "orange";
  return "blue";
};

/** The mismatched facts named in `fields`, in the reader's language. */
export const comparedFieldList = (fields: readonly string[], t: TFunction): string =>
  fields
    .filter(isComparedField)
    .map((field) => t(`registryFields.${field}`))
    .join(t("common.listSeparator"));

const kindLabel = (kind: string, requestType: RequestType, t: TFunction): string => {
  if (requestType === "CONTACT_MOBILE_CHANGE" && isContactMobileChangeKind(kind)) {
    return t(`requestHistory.contactMobileChangeKinds.${kind}`);
  }
  if (requestType === "BINDING_REQUEST" && isBindingKind(kind)) {
    return t(`myRequests.historyKinds.${kind}`);
  }
  if (requestType === "AFFILIATION_REQUEST" && isAffiliationKind(kind)) {
    return t(`requestHistory.affiliationKinds.${kind}`);
  }
  if (requestType === "TITLE_APPLICATION" && isTitleApplicationKind(kind)) {
    return t(`requestHistory.titleApplicationKinds.${kind}`);
  }
  return isKind(kind) ? t(`requestHistory.kinds.${kind}`) : kind;
};

/** R31: a CHAIN_CHANGED entry's detail "old next node → new next node" ("—" when the chain ends or grows), in words. */
export const chainChangeText = (detail: string, t: TFunction): string => {
  const [from = NO_UNIT, to = NO_UNIT] = detail.split(" → ");
  if (from === NO_UNIT) return t("requestHistory.chainGrew", { to });
  if (to === NO_UNIT) return t("requestHistory.chainEnded", { from });
  return t("requestHistory.chainChanged", { from, to });
};

/**
 * REGISTRY_CHECKED carries "MATCH" or e.g. "MISMATCH legalRepName legalRepIdNumber"; a contact mobile
 * change's SUBMITTED carries how it is confirmed (FACE_CHECK or MANUAL_REVIEW).
 */
const describeDetail = (entry: RequestHistoryEntry, t: TFunction): string | null => {
  if (!entry.detail) return null;
  if (entry.detail === AFFILIATION_CYCLE) return t("requestHistory.affiliationCycle");
  if (entry.kind === "CHAIN_CHANGED") return chainChangeText(entry.detail, t);
  if (entry.kind === "SUBMITTED" && isMethod(entry.detail)) {
    return t("requestHistory.method", { method: t(`contactMobileChange.methods.${entry.detail}`) });
  }
  // R30: a registration's approval records which value of each differing fact was registered.
  if (entry.kind === "APPROVED") {
    const choice = parseFactsChoiceDetail(entry.detail);
    const chosen = COMPARED_FIELDS.filter((field) => choice[field]);
    if (chosen.length === 0) return entry.detail;
    return t("requestHistory.registeredFacts", {
      facts: chosen
        .map((field) =>
          t("requestHistory.registeredFact", {
            field: t(`registryFields.${field}`),
            source: t(`requestHistory.factSources.${choice[field] ?? "APPLICANT"}`),
          }),
        )
        .join(t("common.listSeparator")),
    });
  }
  if (entry.kind !== "REGISTRY_CHECKED") return entry.detail;
  const [outcome, ...fields] = entry.detail.split(/\s+/);
  if (!isOutcome(outcome)) return entry.detail;
  const result = t(`registryOutcomes.${outcome}`);
  return fields.length > 0
    ? t("requestHistory.registryMismatch", { result, fields: comparedFieldList(fields, t) })
    : t("requestHistory.registryResult", { result });
};

/** The applicant as the reader knows them: a binding request is the person's own, a title application its applicant's, the others a unit's. */
const applicantText = (requestType: RequestType, t: TFunction): string => {
  if (requestType === "TITLE_APPLICATION") return t("requestHistory.actors.titleApplicant");
  return requestType === "BINDING_REQUEST"
    ? t("myRequests.actors.self")
    : t("requestHistory.actors.applicant");
};

/**
 * Who acted, in the reader's language: the role the event recorded (issue 13.7) and the masked name
 * beside it. An older event without a role shows its label as recorded (the API already read the
 * Chinese role word of the ones it knows), else the applicant (submit, withdraw) or the system.
 */
export const actorOf = (entry: RequestHistoryEntry, requestType: RequestType, t: TFunction): string => {
  const { actorRole, actorLabel } = entry;
  if (actorRole === "SYSTEM") return t("requestHistory.actors.system");
  if (actorRole === "APPLICANT") return applicantText(requestType, t);
  if (actorRole) return [t(`roles.${actorRole}`), actorLabel].filter(Boolean).join(" ");
  if (actorLabel) return actorLabel;
  if (entry.kind !== "SUBMITTED" && entry.kind !== "WITHDRAWN") return t("requestHistory.actors.system");
  return applicantText(requestType, t);
};

const HistoryItem = ({ entry, requestType }: { entry: RequestHistoryEntry; requestType: RequestType }) => {
  const { t } = useTranslation();
  const detail = describeDetail(entry, t);
  const reason = isReviewReason(entry.reason) ? t(`reviewReasons.${entry.reason}`) : entry.reason;
  return (
    <Flex vertical gap={2} data-testid="history-item" data-kind={entry.kind}>
      <Flex wrap gap="small" align="baseline">
        <Typography.Text strong>{kindLabel(entry.kind, requestType, t)}</Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary">
        {t("requestHistory.actor", { actor: actorOf(entry, requestType, t) })}
      </Typography.Text>
      {reason && (
        <Typography.Text>
          {/* An approval's reason is the reviewer's note. */}
          {t(entry.kind === "APPROVED" ? "requestHistory.note" : "requestHistory.reason", { reason })}
        </Typography.Text>
      )}
      {detail && <Typography.Text>{detail}</Typography.Text>}
    </Flex>
  );
};

interface RequestHistoryTimelineProps {
  history: RequestHistoryEntry[];
  /** Which kind of request the history belongs to; some steps read differently per kind. */
  requestType?: RequestType;
}

/** R25: every step of a request, oldest first: when, what, who, why. */
export const RequestHistoryTimeline = ({
  history,
  requestType = "UNIT_REGISTRATION",
}: RequestHistoryTimelineProps) => {
  const { t } = useTranslation();
  if (history.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("requestHistory.empty")} />;
  }
  return (
    <Timeline
      items={history.map((entry, index) => ({
        key: `${entry.at}:${index}`,
        color: colorOf(entry.kind),
        children: <HistoryItem entry={entry} requestType={requestType} />,
      }))}
    />
  );
};
