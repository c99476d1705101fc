import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Button, Divider, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { UNIT_NAME_LENGTH } from "../../../../domain/field-messages";
import type { ApiHttpError } from "../../api/http";
import type { HrDepartmentCreation, UnitProfile } from "../../api/types";
import { isRealPersonSessionRequired, RealPersonStepUp } from "../../components/real-person-step-up";
import { RegionCascader } from "../../components/region-cascader";
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

const FIELDS = [
  "name",
  "uscc",
  "regionCode",
  "contactName",
  "contactMobile",
  "administrator.idNumber",
  "administrator.name",
  "administrator.mobile",
] as const;
const NAME_MAX = UNIT_NAME_LENGTH.max;

const toCreation = (values: HrDepartmentCreation): HrDepartmentCreation => ({
  name: trimmed(values.name),
  uscc: values.uscc,
  regionCode: values.regionCode,
  contactName: trimmed(values.contactName),
  contactMobile: toMobile(values.contactMobile),
  administrator: {
    idNumber: values.administrator.idNumber,
    name: trimmed(values.administrator.name),
    mobile: toMobile(values.administrator.mobile),
  },
});

interface HrDepartmentCreateModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}

/** 新建人社部门单位 (R21): the unit and its administrator; needs a real-person session (R12). */
export const HrDepartmentCreateModal = ({ open, onClose, onCreated }: HrDepartmentCreateModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<HrDepartmentCreation>();
  const [formError, setFormError] = useState<{ readonly message: string }>();
  // The values refused for a password session wait here while the session is raised.
  const [pending, setPending] = useState<HrDepartmentCreation>();
  const { mutate, mutation } = useCustomMutation<UnitProfile, ApiHttpError, HrDepartmentCreation>();

  const create = (values: HrDepartmentCreation) => {
    setFormError(undefined);
    mutate(
      {
        url: "units/hr-departments",
        method: "post",
        values: toCreation(values),
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          setPending(undefined);
          form.resetFields();
          void message.success(t("units.create.done", { name: data.name }));
          onCreated();
        },
        onError: (error) => {
          // R12: offer the step-up, then the same values again.
          if (isRealPersonSessionRequired(error as unknown)) {
            setPending(values);
            return;
          }
          setPending(undefined);
          if (!showFieldError(form, error, FIELDS)) setFormError(error);
        },
      },
    );
  };

  return (
    <>
      <Modal
        open={open}
        width={640}
        title={t("units.create.title")}
        okText={t("units.create.submit")}
        cancelText={t("units.create.cancel")}
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={onClose}
        okButtonProps={{ "data-testid": "hr-department-submit" }}
      >
        <Form<HrDepartmentCreation> form={form} layout="vertical" onFinish={create}>
          <Alert type="info" showIcon message={t("units.create.intro")} style={{ marginBottom: 16 }} />
          <Form.Item
            name="name"
            label={t("units.fields.name.label")}
            rules={[
              { required: true, whitespace: true, message: t("units.create.nameRequired") },
              lengthRule("name", UNIT_NAME_LENGTH),
            ]}
          >
            <Input count={characterLimit(NAME_MAX)} data-testid="hr-department-name" />
          </Form.Item>
          <Form.Item
            name="uscc"
            label={t("units.fields.uscc.label")}
            normalize={normalizeCode}
            rules={usccRules(t)}
          >
            <Input maxLength={18} data-testid="hr-department-uscc" />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t("units.fields.region.label")}
            rules={[{ required: true, message: t("registration.fields.regionCode.required") }]}
          >
            <RegionCascader includeProvince={false} data-testid="hr-department-region" />
          </Form.Item>
          <Form.Item name="contactName" label={t("units.create.contactName")} rules={contactNameRules(t)}>
            <Input count={characterLimit(30)} />
          </Form.Item>
          <Form.Item name="contactMobile" label={t("units.create.contactMobile")} rules={mobileRules(t)}>
            <Input maxLength={20} inputMode="tel" />
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
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name={["administrator", "name"]}
            label={t("units.create.adminName")}
            rules={personNameRules(t, "administrator.name")}
          >
            <Input count={characterLimit(30)} />
          </Form.Item>
          <Form.Item
            name={["administrator", "mobile"]}
            label={t("units.create.adminMobile")}
            rules={mobileRules(t)}
          >
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          {formError && <Alert type="error" showIcon message={formError.message} />}
        </Form>
      </Modal>
      <Modal
        open={pending !== undefined}
        title={t("stepUp.title")}
        footer={null}
        width={720}
        destroyOnHidden
        onCancel={() => setPending(undefined)}
      >
        <RealPersonStepUp
          autoStart
          onCancel={() => setPending(undefined)}
          successExtra={
            <Button
              type="primary"
              loading={mutation.isPending}
              onClick={() => pending && create(pending)}
              data-testid="hr-department-retry"
            >
              {t("units.create.retry")}
            </Button>
          }
        />
      </Modal>
    </>
  );
};
