import { BankOutlined, HistoryOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { Alert, App, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from "antd";
import type { ParseKeys } from "i18next";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Me, MyBindingRequest } from "../../api/types";
import { BindingStatusTag } from "../../components/binding-status-tag";
import { USER_CENTER_PATHS } from "../../config/paths";
import { useRefreshSession } from "../../hooks/use-refresh-session";
import { isPlatformStaff } from "../../providers/roles";
import { formatDateTime } from "../../utils/format";
import { BindingForm } from "./binding-form";
import { useMyRequests } from "./use-my-requests";
import { WithdrawBindingButton } from "./withdraw-binding-button";

const CurrentUnit = ({ unit }: { unit: Me["unit"] }) => {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap="small" wrap>
      <Typography.Text type="secondary">{t("binding.currentUnit")}</Typography.Text>
      <Typography.Text
        strong={unit !== null}
        type={unit ? undefined : "secondary"}
        data-testid="binding-current-unit"
      >
        {unit?.name ?? t("binding.noUnit")}
      </Typography.Text>
      {unit && <Tag>{t(`unitTypes.${unit.type}` as ParseKeys, { defaultValue: unit.type })}</Tag>}
    </Flex>
  );
};

const OpenRequest = ({ request, onChanged }: { request: MyBindingRequest; onChanged: () => void }) => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Flex vertical gap="middle" data-testid="binding-open-request" data-request-id={request.id}>
      <Alert
        type="info"
        showIcon
        message={t("binding.open.title", { unit: request.unit.name })}
        description={t("binding.open.description")}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 160 } }}
        items={[
          { key: "unit", label: t("binding.fields.unit"), children: request.unit.name },
          {
            key: "requestNumber",
            label: t("binding.fields.requestNumber"),
            children: <span data-testid="binding-open-request-number">{request.requestNumber}</span>,
          },
          {
            key: "submittedAt",
            label: t("binding.fields.submittedAt"),
            children: formatDateTime(request.submittedAt),
          },
          {
            key: "status",
            label: t("binding.fields.status"),
            children: <BindingStatusTag status={request.status} />,
          },
        ]}
      />
      <Flex justify="flex-end" align="center" gap="middle" wrap>
        <Link to={USER_CENTER_PATHS.requests}>
          <Space size={4}>
            <HistoryOutlined />
            {t("binding.open.history")}
          </Space>
        </Link>
        <WithdrawBindingButton request={request} onDone={onChanged} testId="binding-withdraw" />
      </Flex>
    </Flex>
  );
};

/** The latest request's outcome when the unit said no or did not answer in time. */
const LatestOutcome = ({ request }: { request?: MyBindingRequest }) => {
  const { t } = useTranslation();
  if (!request || (request.status !== "REJECTED" && request.status !== "EXPIRED")) return null;
  return (
    <Alert
      type={request.status === "REJECTED" ? "error" : "warning"}
      showIcon
      closable
      message={t(`binding.outcome.${request.status}`, { unit: request.unit.name })}
      description={
        request.decisionReason ? t("binding.outcome.reason", { reason: request.decisionReason }) : undefined
      }
      data-testid="binding-latest-outcome"
    />
  );
};

/**
 * Tells the person when the open request was settled while they watched, and reloads the signed-in
 * account so the new unit shows at once (R16: the old binding ends when the new unit accepts). An
 * acceptance that happened elsewhere (the account still names another unit) reloads it once too.
 */
const useOnSettled = (me: Me, requests: MyBindingRequest[], open: MyBindingRequest | undefined) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refreshSession = useRefreshSession();
  const watched = useRef<string>(undefined);
  const refreshedFor = useRef<string>(undefined);
  useEffect(() => {
    if (open) {
      watched.current = open.id;
      return;
    }
    const settled = requests.find(({ id }) => id === watched.current);
    if (settled) {
      watched.current = undefined;
      if (settled.status === "APPROVED") {
        void message.success(t("binding.outcome.APPROVED", { unit: settled.unit.name }));
      }
    }
    const [latest] = requests;
    if (
      latest?.status === "APPROVED" &&
      latest.unit.id !== me.unit?.id &&
      refreshedFor.current !== latest.id
    ) {
      refreshedFor.current = latest.id;
      void refreshSession();
    }
  }, [me.unit?.id, requests, open, message, t, refreshSession]);
};

/** 所在单位: the current unit, the open binding request (R16), or the form to ask for a (new) unit. */
export const UnitBindingCard = ({ me }: { me: Me }) => {
  const { t } = useTranslation();
  // The unit binding is about binding requests (R16); 我的申请 lists the affiliation requests too.
  const { bindingRequests: requests, open, query } = useMyRequests();
  useOnSettled(me, requests, open);
  const refetch = () => void query.refetch();

  const body = (() => {
    if (query.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />;
    if (query.error) {
      return (
        <Alert type="error" showIcon message={t("binding.loadFailed")} description={query.error.message} />
      );
    }
    if (open) return <OpenRequest request={open} onChanged={refetch} />;
    // Platform staff (PLATFORM_* roles) are bound to the provincial HR department by seeding, and their
    // platform roles are granted there: an accepted request elsewhere would end that binding and the
    // roles with it (R16). Their unit is the operators' business, so no 更换单位 form is offered.
    if (isPlatformStaff(me)) {
      return (
        <Typography.Text type="secondary" data-testid="binding-platform-staff">
          {t("binding.form.platformStaff")}
        </Typography.Text>
      );
    }
    return (
      <Flex vertical gap="middle">
        <LatestOutcome request={requests[0]} />
        <BindingForm me={me} onSubmitted={refetch} />
      </Flex>
    );
  })();

  return (
    <Card
      title={
        <Space>
          <BankOutlined />
          {t("binding.title")}
        </Space>
      }
    >
      <Flex vertical gap="large">
        <CurrentUnit unit={me.unit} />
        {body}
      </Flex>
    </Card>
  );
};
