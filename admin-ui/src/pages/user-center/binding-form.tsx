import { SendOutlined, SwapOutlined } from "@ant-design/icons";
import { useCustom, useCustomMutation } from "@refinedev/core";
import { keepPreviousData } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Flex, Form, Input, Typography, theme } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { API_URL, type ApiHttpError, apiRequest } from "../../api/http";
import type {
  BindingRequestSubmission,
  Me,
  SubmittedBindingRequest,
  UnitNameSuggestion,
} from "../../api/types";
import { TextAutoComplete } from "../../components/text-auto-complete";
import { WhyNot } from "../../components/why-not";
import { useDebouncedValue } from "../../hooks/use-debounced-value";
import { showFieldError, useConsoleForm } from "../../utils/form-errors";
import { newUuid } from "../../utils/uuid";
import { lengthRule, trimmed } from "../../utils/validators";

const FIELDS = ["unitName", "pledgeAccepted"] as const;
const NAME_MIN = 2;
const NAME_MAX = 100;
const DEBOUNCE_MS = 300;

interface BindingValues {
  unitName: string;
  pledgeAccepted: boolean;
}

const SUGGESTIONS_URL = "units/name-suggestions";

/** Close unit names: the error's own suggestions when it carries them, else the suggestion endpoint's. */
const closeNames = async (error: ApiHttpError, unitName: string): Promise<string[]> => {
  const details = error.details as { suggestions?: unknown } | undefined;
  if (Array.isArray(details?.suggestions)) {
    return details.suggestions.filter((name): name is string => typeof name === "string");
  }
  try {
    const { data } = await apiRequest<{ data: UnitNameSuggestion[] }>(
      "GET",
      `${API_URL}/${SUGGESTIONS_URL}`,
      {
        query: new URLSearchParams({ q: unitName }),
      },
    );
    return [...new Set(data.map(({ currentName }) => currentName))];
  } catch {
    return [];
  }
};

/** Unit names that contain or resemble what is typed, once typing pauses. */
const useUnitNameOptions = (text: string | undefined) => {
  const { t } = useTranslation();
  const q = useDebouncedValue(trimmed(text), DEBOUNCE_MS);
  const { query } = useCustom<UnitNameSuggestion[], ApiHttpError>({
    url: SUGGESTIONS_URL,
    method: "get",
    config: { query: { q } },
    queryOptions: { enabled: q.length > 0, placeholderData: keepPreviousData, staleTime: 30_000 },
    errorNotification: false,
  });
  const suggestions = q.length > 0 ? (query.data?.data ?? []) : [];
  // R20: a former name is offered with the unit's current name, which is what picking it fills in.
  return suggestions.map(({ id, name, formerName, currentName }) => ({
    key: `${id}:${name}`,
    value: currentName,
    label: formerName ? t("binding.form.formerNameOption", { name, current: currentName }) : name,
  }));
};

interface DidYouMeanProps {
  names: string[];
  onPick: (name: string) => void;
}

const DidYouMean = ({ names, onPick }: DidYouMeanProps) => {
  const { t } = useTranslation();
  return (
    <Flex wrap align="center" gap={4} data-testid="binding-did-you-mean">
      <span>{t("binding.form.didYouMean")}</span>
      {names.map((name) => (
        <Button
          key={name}
          type="link"
          size="small"
          style={{ paddingInline: 4, height: "auto" }}
          onClick={() => onPick(name)}
          data-testid="binding-suggestion"
        >
          {name}
        </Button>
      ))}
    </Flex>
  );
};

interface BindingFormProps {
  me: Me;
  /** After a submission (or a refusal because one is open already): the requests are read again. */
  onSubmitted: () => void;
}

/** R16: ask to be bound to the unit with exactly this name, with the personal pledge. */
export const BindingForm = ({ me, onSubmitted }: BindingFormProps) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const [form] = useConsoleForm<BindingValues>();
  const unitName = Form.useWatch("unitName", form);
  const options = useUnitNameOptions(unitName);
  const [didYouMean, setDidYouMean] = useState<string[]>([]);
  const [formError, setFormError] = useState<ApiHttpError>();
  // One id per form fill: a retry after a lost answer finds the request instead of making a second one.
  const submissionId = useRef(newUuid());
  const { mutate, mutation } = useCustomMutation<
    SubmittedBindingRequest,
    ApiHttpError,
    BindingRequestSubmission
  >();
  const bound = me.unit !== null;

  const submit = (values: BindingValues) => {
    setFormError(undefined);
    setDidYouMean([]);
    const name = trimmed(values.unitName);
    mutate(
      {
        url: "binding-requests",
        method: "post",
        values: { unitName: name, pledgeAccepted: true, submissionId: submissionId.current },
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          submissionId.current = newUuid();
          form.resetFields();
          void message.success(
            data.formerName
              ? t("binding.form.submittedFormerName", { former: data.formerName, unit: data.unit.name })
              : t("binding.form.submitted", { unit: data.unit.name }),
          );
          onSubmitted();
        },
        onError: async (error) => {
          if (error.code === "BINDING_REQUEST_OPEN") {
            setFormError(error);
            onSubmitted();
            return;
          }
          if (!showFieldError(form, error, FIELDS)) setFormError(error);
          if (error.code === "UNIT_NAME_NOT_FOUND") {
            setDidYouMean((await closeNames(error, name)).filter((close) => close !== name));
          }
        },
      },
    );
  };

  const pick = (name: string) => {
    form.setFields([{ name: "unitName", value: name, errors: [] }]);
    setDidYouMean([]);
    setFormError(undefined);
  };

  return (
    <Form<BindingValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ unitName: "", pledgeAccepted: false }}
      requiredMark={false}
      data-testid="binding-form"
    >
      {bound && me.unit && (
        <Alert
          type="info"
          showIcon
          message={t("binding.form.changeNote", { unit: me.unit.name })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="unitName"
        label={t("binding.form.unitName")}
        extra={
          didYouMean.length > 0 ? (
            <DidYouMean names={didYouMean} onPick={pick} />
          ) : (
            t("binding.form.unitNameHint")
          )
        }
        rules={[
          { required: true, whitespace: true, message: t("binding.form.unitNameRequired") },
          lengthRule("unitName", { min: NAME_MIN, max: NAME_MAX }),
        ]}
      >
        <TextAutoComplete options={options} onSelect={() => setDidYouMean([])} style={{ maxWidth: 560 }}>
          <Input
            allowClear
            placeholder={t("binding.form.unitNamePlaceholder")}
            data-testid="binding-unit-name"
          />
        </TextAutoComplete>
      </Form.Item>
      <div
        style={{
          maxWidth: 560,
          padding: `${token.paddingSM}px ${token.padding}px`,
          marginBottom: token.marginSM,
          background: token.colorFillQuaternary,
          borderRadius: token.borderRadius,
        }}
      >
        <Typography.Text strong>{t("binding.form.pledgeTitle")}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ margin: `${token.marginXXS}px 0 0` }}>
          {t("binding.form.pledgeText")}
        </Typography.Paragraph>
      </div>
      <Form.Item
        name="pledgeAccepted"
        valuePropName="checked"
        rules={[
          {
            validator: (_, checked: boolean) =>
              checked ? Promise.resolve() : Promise.reject(new Error(t("binding.form.pledgeRequired"))),
          },
        ]}
      >
        <Checkbox data-testid="binding-pledge">{t("binding.form.pledgeAccept")}</Checkbox>
      </Form.Item>
      {formError && (
        <WhyNot error={formError} style={{ marginBottom: 16, maxWidth: 560 }} testId="binding-form-error" />
      )}
      <Button
        type="primary"
        htmlType="submit"
        icon={bound ? <SwapOutlined /> : <SendOutlined />}
        loading={mutation.isPending}
        data-testid="binding-submit"
      >
        {bound ? t("binding.form.change") : t("binding.form.submit")}
      </Button>
    </Form>
  );
};
