import { UserAddOutlined } from "@ant-design/icons";
import { useCustomMutation, useLink } from "@refinedev/core";
import { Alert, App, Button, Card, Flex, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_NAME_MAX } from "../../../../domain/person-name";
import type { ApiHttpError } from "../../api/http";
import type { UnitProfile } from "../../api/types";
import { WhyNot, whyNotOf } from "../../components/why-not";
import { REGISTER_PATHS } from "../../config/paths";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import {
  characterLimit,
  idNumberRules,
  normalizeCode,
  personNameRules,
  trimmed,
} from "../../utils/validators";

interface FirstAdminValues {
  idNumber: string;
  name: string;
}

const FIELDS = ["idNumber", "name"] as const;
const CONDITIONS = ["account", "binding", "noApplication"] as const;

/** PERSON_NOT_FOUND tells the unit what to do next: the person registers a personal account first. */
const PersonRegisterHint = () => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Typography.Paragraph type="secondary" data-testid="first-admin-register-hint">
      {t("unitProfile.firstAdmin.registerHint")}{" "}
      <Link to={REGISTER_PATHS.person}>{t("unitProfile.firstAdmin.personRegister")}</Link>
    </Typography.Paragraph>
  );
};

/**
 * 指定单位管理员 (R6, R8): a unit login designates its first administrator once. The person must already
 * have a personal account and be bound to this unit or to none.
 */
export const FirstAdminCard = ({
  profile,
  onDesignated,
}: {
  profile: UnitProfile;
  onDesignated: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<FirstAdminValues>();
  // Errors the API ties to no field of this form.
  const [error, setError] = useState<ApiHttpError>();
  const [personMissing, setPersonMissing] = useState(false);
  const { mutate, mutation } = useCustomMutation<UnitProfile, ApiHttpError, FirstAdminValues>();

  const onFinish = (values: FirstAdminValues) => {
    setError(undefined);
    setPersonMissing(false);
    mutate(
      {
        url: `units/${encodeURIComponent(profile.id)}/first-administrator`,
        method: "post",
        values: { idNumber: values.idNumber, name: trimmed(values.name) },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          void message.success(t("unitProfile.firstAdmin.done", { name: trimmed(values.name) }));
          onDesignated();
        },
        onError: (apiError) => {
          setPersonMissing(apiError.code === "PERSON_NOT_FOUND");
          // A refused candidate (R8) comes with what would make it possible, shown beside the reason;
          // an unknown person has the registration hint instead.
          const onField =
            (apiError.code === "PERSON_NOT_FOUND" || !whyNotOf(apiError).remedy) &&
            showFieldError(form, apiError, FIELDS);
          if (!onField) setError(apiError);
        },
      },
    );
  };

  return (
    <Card
      title={
        <Space>
          <UserAddOutlined />
          {t("unitProfile.firstAdmin.title")}
        </Space>
      }
      data-testid="first-admin-card"
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t("unitProfile.firstAdmin.description")}
        </Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          message={t("unitProfile.firstAdmin.conditionsTitle")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {CONDITIONS.map((condition) => (
                <li key={condition}>{t(`unitProfile.firstAdmin.conditions.${condition}`)}</li>
              ))}
            </ul>
          }
        />
        <Form<FirstAdminValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          style={{ maxWidth: 480 }}
        >
          <Form.Item<FirstAdminValues>
            name="idNumber"
            label={t("unitProfile.firstAdmin.fields.idNumber.label")}
            normalize={normalizeCode}
            validateDebounce={300}
            rules={idNumberRules(t)}
          >
            <Input maxLength={18} autoComplete="off" data-testid="first-admin-idNumber" />
          </Form.Item>
          <Form.Item<FirstAdminValues>
            name="name"
            label={t("unitProfile.firstAdmin.fields.name.label")}
            extra={t("unitProfile.firstAdmin.fields.name.extra")}
            rules={personNameRules(t)}
          >
            <Input count={characterLimit(PERSON_NAME_MAX)} data-testid="first-admin-name" />
          </Form.Item>
          {personMissing && <PersonRegisterHint />}
          {error && <WhyNot error={error} style={{ marginBottom: 24 }} testId="first-admin-error" />}
          <Button
            type="primary"
            htmlType="submit"
            loading={mutation.isPending}
            data-testid="first-admin-submit"
          >
            {t("unitProfile.firstAdmin.submit")}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
};
