import { useCustom, useLink, useParsed } from "@refinedev/core";
import { Button, Card, Flex, Result, Skeleton, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type { RegistrationStatus, RegistrationStatusCode } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH, REGISTER_PATHS } from "../../config/paths";
import { AccessForm } from "./access-form";
import { StatusView } from "./status-view";

/** While the automatic steps run, the page looks again now and then. */
const POLL_MS = 10_000;
const MOVING: RegistrationStatusCode[] = ["SUBMITTED", "CHECKING", "AWAITING_REAL_PERSON_AUTH"];

const useRegistrationStatus = (requestNumber?: string) =>
  useCustom<RegistrationStatus, ApiHttpError>({
    url: `registrations/${encodeURIComponent(requestNumber ?? "")}`,
    method: "get",
    queryOptions: {
      enabled: requestNumber !== undefined,
      retry: false,
      refetchInterval: ({ state }) =>
        state.data && MOVING.includes(state.data.data.status) ? POLL_MS : false,
    },
    errorNotification: false,
  }).query;

/** 申请进度查询 (R25): a unit registration's status and history, after an SMS code to its contact mobile. */
export const RegistrationStatusPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { params } = useParsed<{ requestNumber?: string }>();
  // A link with ?requestNumber= tries at once: the 30-minute access of an earlier code may still hold.
  const [requestNumber, setRequestNumber] = useState(params?.requestNumber);
  const [hadAccess, setHadAccess] = useState(false);
  const query = useRegistrationStatus(requestNumber);
  const status = query.data?.data;
  const accessRequired = query.error?.statusCode === 401;

  const onAccess = (granted: RegistrationStatus) => {
    setHadAccess(true);
    if (granted.requestNumber === requestNumber) void query.refetch();
    else setRequestNumber(granted.requestNumber);
  };

  const body = () => {
    if (requestNumber !== undefined && query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
    if (query.error && !accessRequired) {
      return (
        <Result
          status="error"
          title={t("registrationStatus.loadFailed")}
          subTitle={query.error.message}
          extra={
            <Button onClick={() => void query.refetch()}>{t("registrationStatus.actions.retry")}</Button>
          }
        />
      );
    }
    if (status && !accessRequired) {
      return (
        <StatusView status={status} refreshing={query.isFetching} onRefresh={() => void query.refetch()} />
      );
    }
    return (
      <AccessForm
        initialRequestNumber={requestNumber}
        expired={accessRequired && hadAccess}
        onAccess={onAccess}
      />
    );
  };

  return (
    <PublicLayout>
      <Card style={{ width: 760, maxWidth: "100%" }}>
        <Flex vertical gap="large">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("registrationStatus.title")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("registrationStatus.intro")}</Typography.Text>
          </Flex>
          {body()}
          <Flex justify="center" gap="middle" wrap>
            <Link to={LOGIN_PATH}>{t("registration.links.login")}</Link>
            <Link to={REGISTER_PATHS.unit}>{t("login.register.unit")}</Link>
          </Flex>
        </Flex>
      </Card>
    </PublicLayout>
  );
};
