import { UserSwitchOutlined } from "@ant-design/icons";
import { useCustomMutation, useGo } from "@refinedev/core";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_NAME_MAX } from "../../../../domain/person-name";
import type { ApiHttpError } from "../../api/http";
import type { AdminSuccession, AdminSuccessionCandidate, UnitDetail } from "../../api/types";
import { WhyNot } from "../../components/why-not";
import { UNIT_PROFILE_PATH } from "../../config/paths";
import { useRefreshSession } from "../../hooks/use-refresh-session";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import {
  characterLimit,
  idNumberRules,
  normalizeCode,
  personNameRules,
  trimmed,
} from "../../utils/validators";

const FIELDS = ["idNumber", "name"] as const;
const CONDITIONS = ["account", "binding", "roles", "noApplication"] as const;

/** Who may designate the unit's next administrator, said the way the manual says it (R8). */
const AuthorityNote = ({ detail }: { detail: UnitDetail }) => {
  const { t } = useTranslation();
  const { authority, authorityUnit } = detail.succession;
  return (
    <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="succession-authority">
      {t(`unitManagement.succession.authority.${authority}`, { unit: authorityUnit?.name ?? "" })}
      {authority !== "CURRENT_ADMIN" && ` ${t("unitManagement.succession.unitLogin")}`}
    </Typography.Paragraph>
  );
};

/** What the designation will do, for the confirmation: who, bound now or not, the former one's loss. */
const Consequences = ({ preview, actorIsFormer }: { preview: AdminSuccession; actorIsFormer: boolean }) => {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="small" data-testid="succession-confirmation">
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: "unit",
            label: t("unitManagement.succession.confirmFields.unit"),
            children: preview.unit.name,
          },
          {
            key: "admin",
            label: t("unitManagement.succession.confirmFields.newAdmin"),
            children: (
              <Space>
                {preview.administrator.name ?? t("me.nameMissing")}
                <Typography.Text type="secondary">{preview.administrator.idNumberMasked}</Typography.Text>
              </Space>
            ),
          },
          ...(preview.formerAdministrator
            ? [
                {
                  key: "former",
                  label: t("unitManagement.succession.confirmFields.former"),
                  children: preview.formerAdministrator.name ?? t("me.nameMissing"),
                },
              ]
            : []),
        ]}
      />
      {preview.boundNow && <Alert type="info" showIcon message={t("unitManagement.succession.bindsNow")} />}
      {preview.formerAdministrator && (
        <Alert
          type="warning"
          showIcon
          message={t(
            actorIsFormer
              ? "unitManagement.succession.formerLosesSelf"
              : "unitManagement.succession.formerLoses",
          )}
        />
      )}
      <Typography.Text type="secondary">{t("unitManagement.succession.sms")}</Typography.Text>
    </Flex>
  );
};

/**
 * 更换管理员 (R8): the candidate by full ID number and name, checked first (every refusal with its reason
 * and what would make it possible), then confirmed.
 */
export const SuccessionCard = ({ detail, onChanged }: { detail: UnitDetail; onChanged: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const go = useGo();
  const refreshSession = useRefreshSession();
  const [form] = useConsoleForm<AdminSuccessionCandidate>();
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const [preview, setPreview] = useState<{ candidate: AdminSuccessionCandidate; result: AdminSuccession }>();
  const check = useCustomMutation<AdminSuccession, ApiHttpError, AdminSuccessionCandidate>();
  const designate = useCustomMutation<AdminSuccession, ApiHttpError, AdminSuccessionCandidate>();
  const url = `units/${encodeURIComponent(detail.id)}/admin-succession`;
  // Who may designate while the unit has an administrator is that administrator: the actor hands on.
  const actorIsAdmin = detail.succession.authority === "CURRENT_ADMIN";

  const onError = (error: ApiHttpError) => {
    setPreview(undefined);
    if (error.code === "VALIDATION_FAILED" && showFieldError(form, error, FIELDS)) return;
    setRefusal(error);
  };

  const onCheck = (values: AdminSuccessionCandidate) => {
    setRefusal(undefined);
    const candidate = { idNumber: values.idNumber, name: trimmed(values.name) };
    check.mutate(
      {
        url: `${url}/check`,
        method: "post",
        values: candidate,
        successNotification: false,
        errorNotification: false,
      },
      { onSuccess: ({ data }) => setPreview({ candidate, result: data }), onError },
    );
  };

  const onConfirm = () => {
    if (!preview) return;
    designate.mutate(
      {
        url,
        method: "post",
        values: preview.candidate,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          setPreview(undefined);
          form.resetFields();
          void message.success(
            t("unitManagement.succession.done", {
              name: data.administrator.name ?? "",
              unit: data.unit.name,
            }),
          );
          if (actorIsAdmin) {
            // The office is handed on: the former administrator's roles in the unit are gone.
            void refreshSession().then(() => go({ to: UNIT_PROFILE_PATH }));
          } else {
            onChanged();
          }
        },
        onError,
      },
    );
  };

  return (
    <Card
      title={
        <Space>
          <UserSwitchOutlined />
          {t("unitManagement.succession.title")}
        </Space>
      }
      id="admin-succession"
      data-testid="succession-card"
    >
      <Flex vertical gap="middle">
        <Space wrap>
          <Typography.Text strong>{t("unitManagement.succession.current")}</Typography.Text>
          {detail.administrator ? (
            <>
              <span data-testid="succession-current">{detail.administrator.name ?? t("me.nameMissing")}</span>
              <Typography.Text type="secondary">{detail.administrator.idNumberMasked}</Typography.Text>
            </>
          ) : (
            <Tag color="warning">{t("unitManagement.succession.none")}</Tag>
          )}
        </Space>
        <AuthorityNote detail={detail} />
        {detail.permissions.designateAdministrator && (
          <>
            <Alert
              type="info"
              showIcon
              message={t("unitManagement.succession.conditionsTitle")}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {CONDITIONS.map((condition) => (
                    <li key={condition}>{t(`unitManagement.succession.conditions.${condition}`)}</li>
                  ))}
                </ul>
              }
            />
            <Form<AdminSuccessionCandidate>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={onCheck}
              onValuesChange={() => setRefusal(undefined)}
              style={{ maxWidth: 480 }}
            >
              <Form.Item<AdminSuccessionCandidate>
                name="idNumber"
                label={t("unitManagement.succession.fields.idNumber.label")}
                normalize={normalizeCode}
                validateDebounce={300}
                rules={idNumberRules(t)}
              >
                <Input maxLength={18} autoComplete="off" data-testid="succession-idNumber" />
              </Form.Item>
              <Form.Item<AdminSuccessionCandidate>
                name="name"
                label={t("unitManagement.succession.fields.name.label")}
                extra={t("unitManagement.succession.fields.name.extra")}
                rules={personNameRules(t)}
              >
                <Input count={characterLimit(PERSON_NAME_MAX)} data-testid="succession-name" />
              </Form.Item>
              {refusal && <WhyNot error={refusal} style={{ marginBottom: 24 }} testId="succession-error" />}
              <Button
                type="primary"
                htmlType="submit"
                loading={check.mutation.isPending}
                data-testid="succession-check"
              >
                {t("unitManagement.succession.check")}
              </Button>
            </Form>
          </>
        )}
      </Flex>
      <Modal
        open={preview !== undefined}
        title={t("unitManagement.succession.confirmTitle")}
        okText={t("unitManagement.succession.ok")}
        cancelText={t("unitManagement.succession.cancel")}
        okButtonProps={{
          danger: true,
          loading: designate.mutation.isPending,
          "data-testid": "succession-confirm",
        }}
        onOk={onConfirm}
        onCancel={() => setPreview(undefined)}
        destroyOnHidden
      >
        {preview && <Consequences preview={preview.result} actorIsFormer={actorIsAdmin} />}
      </Modal>
    </Card>
  );
};
