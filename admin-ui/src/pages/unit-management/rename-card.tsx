import { HistoryOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_NAME_LENGTH } from "../../../../domain/field-messages";
import type { ApiHttpError } from "../../api/http";
import type { UnitDetail } from "../../api/types";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { formatDateTime } from "../../utils/format";
import { characterLimit, lengthRule, trimmed } from "../../utils/validators";

const NAME_MIN = UNIT_NAME_LENGTH.min;
const NAME_MAX = UNIT_NAME_LENGTH.max;

interface RenameValues {
  name: string;
}

/** R20: the name history, newest first (who renamed it, when, in China time). */
const NameHistory = ({ detail }: { detail: UnitDetail }) => {
  const { t } = useTranslation();
  if (detail.nameHistory.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("unitManagement.rename.noHistory")} />;
  }
  return (
    <Timeline
      data-testid="unit-name-history"
      items={detail.nameHistory.map((change) => ({
        key: change.id,
        children: (
          <Flex vertical>
            <Typography.Text>
              {t("unitManagement.rename.historyItem", { old: change.oldName, new: change.newName })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(change.changedAt)}
              {change.changedBy?.name &&
                ` · ${t("unitManagement.rename.changedBy", { name: change.changedBy.name })}`}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
};

/** 单位更名 (R20): the administrator renames the unit; the old name stays as a former name that still finds it. */
export const RenameCard = ({ detail, onRenamed }: { detail: UnitDetail; onRenamed: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<RenameValues>();
  const newName = trimmed(Form.useWatch("name", form));
  const [error, setError] = useState<{ readonly message: string }>();
  const { mutate, mutation } = useCustomMutation<UnitDetail, ApiHttpError, RenameValues>();

  const rename = () => {
    setError(undefined);
    mutate(
      {
        url: `units/${encodeURIComponent(detail.id)}/rename`,
        method: "post",
        values: { name: newName },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          void message.success(t("unitManagement.rename.done", { name: newName }));
          form.resetFields();
          onRenamed();
        },
        onError: (apiError) => {
          if (!showFieldError(form, apiError, ["name"])) setError(apiError);
        },
      },
    );
  };

  return (
    <Card
      title={
        <Space>
          <HistoryOutlined />
          {t("unitManagement.rename.title")}
        </Space>
      }
      data-testid="unit-rename-card"
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("unitManagement.rename.description")}
        </Typography.Paragraph>
        {detail.permissions.rename ? (
          <Form<RenameValues> form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 560 }}>
            <Form.Item<RenameValues>
              name="name"
              label={t("unitManagement.rename.newName.label")}
              extra={t("unitManagement.rename.newName.extra")}
              rules={[
                { required: true, whitespace: true, message: t("unitManagement.rename.newName.required") },
                lengthRule("name", UNIT_NAME_LENGTH),
              ]}
            >
              <Input count={characterLimit(NAME_MAX)} data-testid="unit-rename-name" />
            </Form.Item>
            {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
            <Popconfirm
              title={t("unitManagement.rename.confirmTitle", { name: newName })}
              description={t("unitManagement.rename.confirmDescription", { old: detail.name })}
              okText={t("unitManagement.rename.confirm")}
              cancelText={t("unitManagement.rename.cancel")}
              okButtonProps={{ loading: mutation.isPending, "data-testid": "unit-rename-confirm" }}
              onConfirm={rename}
              disabled={newName.length < NAME_MIN}
            >
              <Button type="primary" disabled={newName.length < NAME_MIN} data-testid="unit-rename-submit">
                {t("unitManagement.rename.submit")}
              </Button>
            </Popconfirm>
          </Form>
        ) : (
          <Alert type="info" showIcon message={t("unitManagement.rename.onlyAdmin")} />
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("unitManagement.rename.history")}
        </Typography.Title>
        <NameHistory detail={detail} />
      </Flex>
    </Card>
  );
};
