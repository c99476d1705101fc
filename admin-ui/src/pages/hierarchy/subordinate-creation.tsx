import { PlusOutlined } from "@ant-design/icons";
import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Button, Divider, Flex, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_NAME_LENGTH } from "../../../../domain/field-messages";
import type { ApiHttpError } from "../../api/http";
import type { SubordinateUnitCreation, UnitProfile, UnitType } from "../../api/types";
import { RegionCascader } from "../../components/region-cascader";
import { UnitTypeSelect } from "../../components/unit-type-select";
import { WhyNot, WhyNotTooltip } from "../../components/why-not";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import {
  characterLimit,
  contactNameRules,
  idNumberRules,
  lengthRule,
  mobileRules,
  normalizeCode,
  personNameRules,
  toMobile,
  trimmed,
  usccRules,
} from "../../utils/validators";
import { CREATES_SUBORDINATES, useSubordinateCreation } from "./use-hierarchy";

const FIELDS = [
  "name",
  "uscc",
  "type",
  "regionCode",
  "contactName",
  "contactMobile",
  "administrator.idNumber",
  "administrator.name",
  "administrator.mobile",
] as const;
const NAME_MAX = UNIT_NAME_LENGTH.max;

const toCreation = (values: SubordinateUnitCreation): SubordinateUnitCreation => ({
  name: trimmed(values.name),
  uscc: values.uscc,
  type: values.type,
  regionCode: values.regionCode,
  contactName: trimmed(values.contactName),
  contactMobile: toMobile(values.contactMobile),
  administrator: {
    idNumber: values.administrator.idNumber,
    name: trimmed(values.administrator.name),
    mobile: toMobile(values.administrator.mobile),
  },
});

interface SubordinateCreateModalProps {
  open: boolean;
  superior: { id: string; name: string };
  onClose: () => void;
  onCreated: (unit: UnitProfile) => void;
}

/** 新增下级单位 (R11): the unit's facts and its first administrator; it is affiliated at once. */
const SubordinateCreateModal = ({ open, superior, onClose, onCreated }: SubordinateCreateModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<SubordinateUnitCreation>();
  const [refusal, setRefusal] = useState<ApiHttpError>();
  const { mutate, mutation } = useCustomMutation<UnitProfile, ApiHttpError, SubordinateUnitCreation>();

  const create = (values: SubordinateUnitCreation) => {
    setRefusal(undefined);
    mutate(
      {
        url: `units/${encodeURIComponent(superior.id)}/subordinates`,
        method: "post",
        values: toCreation(values),
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          form.resetFields();
          void message.success(t("hierarchy.subordinate.done", { name: data.name, superior: superior.name }));
          onCreated(data);
        },
        onError: (error) => {
          if (!showFieldError(form, error, FIELDS)) setRefusal(error);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      width={640}
      title={t("hierarchy.subordinate.title")}
      okText={t("hierarchy.subordinate.submit")}
      cancelText={t("hierarchy.subordinate.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "subordinate-submit" }}
      destroyOnHidden
    >
      <Form<SubordinateUnitCreation>
        form={form}
        layout="vertical"
        onFinish={create}
        onValuesChange={() => setRefusal(undefined)}
        initialValues={{ type: "PUBLIC_INSTITUTION" satisfies UnitType }}
      >
        <Alert
          type="info"
          showIcon
          message={t("hierarchy.subordinate.intro", { superior: superior.name })}
          style={{ marginBottom: 16 }}
        />
        <Form.Item
          name="name"
          label={t("units.fields.name.label")}
          rules={[
            { required: true, whitespace: true, message: t("units.create.nameRequired") },
            lengthRule("name", UNIT_NAME_LENGTH),
          ]}
        >
          <Input count={characterLimit(NAME_MAX)} data-testid="subordinate-name" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t("units.fields.uscc.label")}
          normalize={normalizeCode}
          rules={usccRules(t)}
        >
          <Input maxLength={18} data-testid="subordinate-uscc" />
        </Form.Item>
        <Form.Item
          name="type"
          label={t("unitProfile.fields.type.label")}
          rules={[{ required: true, message: t("hierarchy.subordinate.typeRequired") }]}
        >
          <UnitTypeSelect data-testid="subordinate-type" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t("units.fields.region.label")}
          rules={[{ required: true, message: t("registration.fields.regionCode.required") }]}
        >
          <RegionCascader data-testid="subordinate-region" />
        </Form.Item>
        <Form.Item name="contactName" label={t("units.create.contactName")} rules={contactNameRules(t)}>
          <Input count={characterLimit(30)} data-testid="subordinate-contact-name" />
        </Form.Item>
        <Form.Item name="contactMobile" label={t("units.create.contactMobile")} rules={mobileRules(t)}>
          <Input maxLength={20} inputMode="tel" data-testid="subordinate-contact-mobile" />
        </Form.Item>
        <Divider orientation="left" orientationMargin={0} plain>
          {t("units.create.administrator")}
        </Divider>
        <Form.Item
          name={["administrator", "idNumber"]}
          label={t("units.create.adminIdNumber")}
          normalize={normalizeCode}
          rules={idNumberRules(t)}
        >
          <Input maxLength={18} autoComplete="off" data-testid="subordinate-admin-id-number" />
        </Form.Item>
        <Form.Item
          name={["administrator", "name"]}
          label={t("units.create.adminName")}
          rules={personNameRules(t, "administrator.name")}
        >
          <Input count={characterLimit(30)} data-testid="subordinate-admin-name" />
        </Form.Item>
        <Form.Item
          name={["administrator", "mobile"]}
          label={t("units.create.adminMobile")}
          rules={mobileRules(t)}
        >
          <Input maxLength={20} inputMode="tel" data-testid="subordinate-admin-mobile" />
        </Form.Item>
        {refusal && <WhyNot error={refusal} testId="subordinate-error" />}
      </Form>
    </Modal>
  );
};

interface SubordinateCreationProps {
  unit: { id: string; name: string; type: UnitType };
  onCreated?: (unit: UnitProfile) => void;
}

/**
 * 新增下级单位 (R11) for the deciders of a public institution or HR department: enabled only when the
 * API sees the request come from a trusted network (政务外网 / 人社内网); otherwise disabled, with a
 * note saying from where it works and the address seen. Nothing for other unit types.
 */
export const SubordinateCreation = ({ unit, onCreated }: SubordinateCreationProps) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const applies = CREATES_SUBORDINATES.includes(unit.type);
  const query = useSubordinateCreation(unit.id, applies);
  if (!applies) return null;
  const check = query.data?.data;
  const reason = query.error
    ? query.error.message
    : check && !check.allowed
      ? t(`hierarchy.subordinate.refusals.${check.reason ?? "NOT_A_DECIDER"}`, {
          // The API says "unknown" when it could not tell the address.
          address:
            check.clientAddress && check.clientAddress !== "unknown"
              ? check.clientAddress
              : t("hierarchy.subordinate.unknownAddress"),
        })
      : undefined;
  return (
    <Flex vertical gap={4} align="flex-end">
      <WhyNotTooltip reason={reason}>
        <Button
          icon={<PlusOutlined />}
          disabled={!check?.allowed}
          loading={query.isLoading}
          onClick={() => setOpen(true)}
          data-testid="subordinate-create"
        >
          {t("hierarchy.subordinate.button")}
        </Button>
      </WhyNotTooltip>
      {reason && (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, maxWidth: 420, textAlign: "right" }}
          data-testid="subordinate-create-note"
          data-reason={check?.reason ?? undefined}
        >
          {reason}
        </Typography.Text>
      )}
      {check?.allowed && (
        <SubordinateCreateModal
          open={open}
          superior={unit}
          onClose={() => setOpen(false)}
          onCreated={(created) => {
            setOpen(false);
            onCreated?.(created);
          }}
        />
      )}
    </Flex>
  );
};
