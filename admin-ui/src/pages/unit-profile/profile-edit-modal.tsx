import { useCustomMutation } from "@refinedev/core";
import { Alert, App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CONTACT_NAME_LENGTH } from "../../../../domain/field-messages";
import type { ApiHttpError } from "../../api/http";
import type { UnitProfile, UnitProfileChange } from "../../api/types";
import { RegionCascader } from "../../components/region-cascader";
import { UnitTypeSelect } from "../../components/unit-type-select";
import { WhyNot } from "../../components/why-not";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { characterLimit, contactNameRules, trimmed } from "../../utils/validators";
import { unitProfileUrl } from "./use-unit-profile";

const FIELDS = ["type", "regionCode", "contactName"] as const;

interface ProfileEditModalProps {
  profile: UnitProfile;
  /** Where the change goes: the unit login's profile (default) or the administrator's unit page. */
  url?: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * The facts a unit login (R6) or the unit's administrator (R7) may change: type, region, contact name.
 * Name (rename, R20) and contact mobile (R27) go elsewhere.
 */
export const ProfileEditModal = ({ profile, url, open, onClose, onSaved }: ProfileEditModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = useConsoleForm<Required<UnitProfileChange>>();
  const [formError, setFormError] = useState<ApiHttpError>();
  const { mutate, mutation } = useCustomMutation<UnitProfile, ApiHttpError, UnitProfileChange>();
  const hrDepartment = profile.type === "HR_DEPARTMENT";

  const onFinish = (values: Required<UnitProfileChange>) => {
    setFormError(undefined);
    mutate(
      {
        url: url ?? unitProfileUrl(profile.id),
        method: "patch",
        values: {
          ...(hrDepartment ? {} : { type: values.type }),
          regionCode: values.regionCode,
          contactName: trimmed(values.contactName),
        },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          void message.success(t("unitProfile.edit.saved"));
          onSaved();
        },
        onError: (error) => {
          if (!showFieldError(form, error, FIELDS)) setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("unitProfile.edit.title")}
      okText={t("unitProfile.edit.save")}
      cancelText={t("unitProfile.edit.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "unit-profile-save" }}
      destroyOnHidden
    >
      <Form<Required<UnitProfileChange>>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          type: profile.type,
          regionCode: profile.regionCode,
          contactName: profile.contactName,
        }}
        onFinish={onFinish}
      >
        <Form.Item
          name="type"
          label={t("unitProfile.fields.type.label")}
          extra={hrDepartment ? t("unitProfile.edit.hrTypeFixed") : t("unitProfile.edit.typeExtra")}
          rules={[{ required: true, message: t("registration.fields.unitType.required") }]}
        >
          <UnitTypeSelect
            includeHrDepartment={hrDepartment}
            disabled={hrDepartment}
            data-testid="unit-profile-type"
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t("unitProfile.fields.regionCode.label")}
          rules={[{ required: true, message: t("registration.fields.regionCode.required") }]}
        >
          <RegionCascader data-testid="unit-profile-region" />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t("unitProfile.fields.contactName.label")}
          rules={contactNameRules(t)}
        >
          <Input count={characterLimit(CONTACT_NAME_LENGTH.max)} data-testid="unit-profile-contact-name" />
        </Form.Item>
        <Alert type="info" showIcon message={t("unitProfile.edit.elsewhere")} />
        {formError && <WhyNot error={formError} style={{ marginTop: 16 }} />}
      </Form>
    </Modal>
  );
};
