import { SearchOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type {
  AffiliationRequest,
  AffiliationRequestSubmission,
  SuperiorCandidate,
  UnitRef,
} from "../../api/types";
import { RegionName } from "../../components/region-name";
import { TextAutoComplete } from "../../components/text-auto-complete";
import { WhyNot } from "../../components/why-not";
import { useDebouncedValue } from "../../hooks/use-debounced-value";
import { useRegionText } from "../../hooks/use-regions";
import { newUuid } from "../../utils/uuid";
import { characterLimit } from "../../utils/validators";
import { affiliationRequestsUrl, CANDIDATE_QUERY_MIN, useSuperiorCandidates } from "./use-hierarchy";

const QUERY_MAX = 50;

/** A suggestion: the unit's name, then its USCC, type and region to tell similar names apart. */
const CandidateOption = ({ candidate }: { candidate: SuperiorCandidate }) => {
  const { t } = useTranslation();
  const regionText = useRegionText();
  return (
    <Flex vertical data-testid={`superior-candidate-${candidate.id}`}>
      <Typography.Text>{candidate.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          candidate.uscc,
          t(`unitTypes.${candidate.type}`),
          candidate.regionName && regionText(null, candidate.regionName),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Typography.Text>
    </Flex>
  );
};

interface SuperiorChangeModalProps {
  open: boolean;
  unit: UnitRef;
  /** The superior now: it stays until the new one approves (R13). */
  currentSuperior: UnitRef | null;
  onClose: () => void;
  /** The request was made (or it turned out one is open already): the page reads the unit again. */
  onSubmitted: (request?: AffiliationRequest) => void;
}

/**
 * 主管部门更改 (R13): the unit's administrator or handler looks up the superior unit by name (with
 * suggestions) or USCC, sees what will happen, and confirms with 确定; the superior unit decides.
 */
export const SuperiorChangeModal = ({
  open,
  unit,
  currentSuperior,
  onClose,
  onSubmitted,
}: SuperiorChangeModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<SuperiorCandidate>();
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const [missing, setMissing] = useState(false);
  // One submission id per chosen superior: a retried 确定 finds the request it made.
  const submission = useRef<{ superiorUnitId: string; id: string } | undefined>(undefined);
  const q = useDebouncedValue(text, 300);
  const { candidates, query, enabled } = useSuperiorCandidates(unit.id, chosen ? "" : q);
  const { mutate, mutation } = useCustomMutation<
    AffiliationRequest,
    ApiHttpError,
    AffiliationRequestSubmission
  >();

  useEffect(() => {
    if (!open) return;
    setText("");
    setChosen(undefined);
    setRefusal(undefined);
    setMissing(false);
  }, [open]);

  const onChange = (value: string) => {
    setText(value);
    setRefusal(undefined);
    setMissing(false);
    if (chosen && value !== chosen.name) setChosen(undefined);
  };

  const onSelect = (name: string) => {
    const candidate = candidates.find((c) => c.name === name);
    if (candidate) setChosen(candidate);
  };

  const submit = () => {
    if (!chosen) {
      setMissing(true);
      return;
    }
    if (submission.current?.superiorUnitId !== chosen.id) {
      submission.current = { superiorUnitId: chosen.id, id: newUuid() };
    }
    setRefusal(undefined);
    mutate(
      {
        url: affiliationRequestsUrl(unit.id),
        method: "post",
        values: { superiorUnitId: chosen.id, submissionId: submission.current.id },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          submission.current = undefined;
          void message.success(
            t("hierarchy.superiorChange.done", { unit: data.superiorUnit.name, number: data.requestNumber }),
          );
          onSubmitted(data);
        },
        onError: (error) => {
          // Answered: the next 确定 is a new attempt (a lost answer keeps the id for the retry).
          if (error.statusCode !== 0 && error.statusCode < 500) submission.current = undefined;
          setRefusal(error);
          // Another decider asked meanwhile: the page shows that request.
          if (error.code === "AFFILIATION_REQUEST_OPEN") onSubmitted();
        },
      },
    );
  };

  const typed = text.trim();
  const notFound =
    !chosen &&
    enabled &&
    !query.isFetching &&
    query.isSuccess &&
    candidates.length === 0 &&
    typed === q.trim();

  return (
    <Modal
      open={open}
      width={640}
      title={t("hierarchy.superiorChange.title")}
      okText={t("hierarchy.superiorChange.ok")}
      cancelText={t("hierarchy.superiorChange.cancel")}
      okButtonProps={{ disabled: !chosen, "data-testid": "superior-change-confirm" }}
      confirmLoading={mutation.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap="middle" data-testid="superior-change-dialog">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: "unit", label: t("hierarchy.superiorChange.unit"), children: unit.name },
            {
              key: "current",
              label: t("hierarchy.superiorChange.current"),
              children: currentSuperior?.name ?? (
                <Typography.Text type="secondary">{t("unitProfile.noParent")}</Typography.Text>
              ),
            },
          ]}
        />
        <Form layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            label={t("hierarchy.superiorChange.superior.label")}
            extra={t("hierarchy.superiorChange.superior.extra")}
            validateStatus={missing || notFound ? "error" : undefined}
            help={
              missing
                ? t("hierarchy.superiorChange.superior.required")
                : notFound
                  ? t("hierarchy.superiorChange.superior.notFound")
                  : undefined
            }
            style={{ marginBottom: 0 }}
          >
            <TextAutoComplete
              value={text}
              onChange={onChange}
              onSelect={onSelect}
              options={candidates.map((candidate) => ({
                value: candidate.name,
                key: candidate.id,
                label: <CandidateOption candidate={candidate} />,
              }))}
              notFoundContent={
                query.isFetching ? t("hierarchy.superiorChange.superior.searching") : undefined
              }
              popupMatchSelectWidth
              autoFocus
            >
              <Input
                prefix={<SearchOutlined />}
                allowClear
                count={characterLimit(QUERY_MAX)}
                placeholder={t("hierarchy.superiorChange.superior.placeholder", { min: CANDIDATE_QUERY_MIN })}
                data-testid="superior-search"
              />
            </TextAutoComplete>
          </Form.Item>
        </Form>
        {query.error && <WhyNot error={query.error} testId="superior-search-error" />}
        {chosen && (
          <Flex vertical gap="small" data-testid="superior-change-preview">
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                {
                  key: "superior",
                  label: t("hierarchy.superiorChange.chosen"),
                  children: (
                    <Flex gap="small" wrap align="center">
                      <Typography.Text strong>{chosen.name}</Typography.Text>
                      <Tag bordered={false}>{t(`unitTypes.${chosen.type}`)}</Tag>
                    </Flex>
                  ),
                },
                { key: "uscc", label: t("unitProfile.fields.uscc.label"), children: chosen.uscc ?? "-" },
                {
                  key: "region",
                  label: t("unitProfile.fields.regionCode.label"),
                  children: chosen.regionName ? <RegionName name={chosen.regionName} /> : "-",
                },
              ]}
            />
            <Alert
              type="info"
              showIcon
              message={t("hierarchy.superiorChange.whatHappens", { superior: chosen.name })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  <li>
                    {currentSuperior
                      ? t("hierarchy.superiorChange.staysUntilApproved", { current: currentSuperior.name })
                      : t("hierarchy.superiorChange.noneUntilApproved")}
                  </li>
                  <li>{t("hierarchy.superiorChange.expires")}</li>
                  <li>{t("hierarchy.superiorChange.told")}</li>
                </ul>
              }
            />
          </Flex>
        )}
        {refusal && <WhyNot error={refusal} testId="superior-change-error" />}
      </Flex>
    </Modal>
  );
};
