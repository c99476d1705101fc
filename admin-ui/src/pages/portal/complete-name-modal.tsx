import { useCustomMutation } from "@refinedev/core";
import { Descriptions, Form, Input, Modal } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_NAME_MAX } from "../../../../domain/person-name";
import type { ApiHttpError } from "../../api/http";
import type { UnitAccount } from "../../api/types";
import { WhyNot } from "../../components/why-not";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { characterLimit, personNameRules, trimmed } from "../../utils/validators";

interface NameValues {
  name: string;
}

interface CompleteNameModalProps {
  unitId: string;
  /** The account whose name is completed; the modal is open while it is set. */
  account?: UnitAccount;
  onClose: () => void;
  onCompleted: (account: UnitAccount) => void;
  /** Called after the error is shown in the dialog, e.g. to reload the list. */
  onError: (error: ApiHttpError) => void;
}

/** R19: the unit's administrator fills in a name that the account lacks (it cannot overwrite one). */
export const CompleteNameModal = ({
  unitId,
  account,
  onClose,
  onCompleted,
  onError,
}: CompleteNameModalProps) => {
  const { t } = useTranslation();
  const [form] = useConsoleForm<NameValues>();
  const [formError, setFormError] = useState<ApiHttpError>();
  const { mutate, mutation } = useCustomMutation<UnitAccount, ApiHttpError, NameValues>();

  useEffect(() => {
    if (account) {
      form.resetFields();
      setFormError(undefined);
    }
  }, [account, form]);

  const save = ({ name }: NameValues) => {
    if (!account) return;
    setFormError(undefined);
    mutate(
      {
        url: `units/${unitId}/accounts/${account.personId}`,
        method: "patch",
        values: { name: trimmed(name) },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => onCompleted(data),
        onError: (error) => {
          if (!showFieldError(form, error, ["name"])) setFormError(error);
          onError(error);
        },
      },
    );
  };

  return (
    <Modal
      open={account !== undefined}
      title={t("accountInfo.complete.title")}
      okText={t("accountInfo.complete.submit")}
      cancelText={t("unitAccounts.cancel")}
      okButtonProps={{ "data-testid": "complete-name-confirm" }}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {account && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "idNumber", label: t("unitAccounts.fields.idNumber"), children: account.idNumberMasked },
            { key: "mobile", label: t("unitAccounts.fields.mobile"), children: account.mobileMasked },
          ]}
        />
      )}
      <Form<NameValues> form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="name"
          label={t("unitAccounts.fields.name")}
          extra={t("accountInfo.complete.hint")}
          rules={personNameRules(t)}
        >
          <Input
            count={characterLimit(PERSON_NAME_MAX)}
            autoComplete="off"
            data-testid="complete-name-input"
          />
        </Form.Item>
        {formError && <WhyNot error={formError} />}
      </Form>
    </Modal>
  );
};
