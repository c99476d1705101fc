import { useLink } from "@refinedev/core";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Steps, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiHttpError, isApiHttpError } from "../../api/http";
import type { SubmittedRegistration } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH, REGISTRATION_STATUS_PATH } from "../../config/paths";
import { useFormDraft } from "../../hooks/use-form-draft";
import { useConsoleForm } from "../../utils/form-errors";
import { formatDateTime } from "../../utils/format";
import {
  formFieldOf,
  STEPS,
  stepOf,
  storableValues,
  UNIT_REGISTRATION_DRAFT_KEY,
  UNSTORED_FIELDS,
  type UnitRegistrationValues,
} from "./form-values";
import { MaterialsStep } from "./materials-step";
import { PasswordStep } from "./password-step";
import { PeopleStep } from "./people-step";
import { RegistrationResult } from "./registration-result";
import { ReviewStep } from "./review-step";
import { UnitStep } from "./unit-step";
import { fetchUsccAvailability } from "./uscc-availability";
import { useRegistrationSubmit } from "./use-registration-submit";

const STEP_CONTENT = [UnitStep, PeopleStep, PasswordStep, MaterialsStep, ReviewStep];
const LAST_STEP = STEPS.length - 1;
/** A restored draft opens at most here: the password is never stored and must be typed again. */
const PASSWORD_STEP = STEPS.findIndex(({ key }) => key === "password");

/** 503, or no answer at all: nothing (or the same request) was created, so the same submit may be retried. */
const isRetryable = (error: ApiHttpError): boolean => error.statusCode === 0 || error.statusCode >= 500;

/** `submitting`: the API is being asked (availability on "next", the registration on "submit"). */
const FormFooter = ({
  step,
  submitting,
  onPrev,
  onNext,
  onSubmit,
}: {
  step: number;
  submitting: boolean;
  onPrev: () => void;
  onNext: () => void;
  onSubmit: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" style={{ marginTop: 24 }}>
      {step > 0 ? (
        <Button onClick={onPrev} data-testid="reg-prev">
          {t("registration.actions.prev")}
        </Button>
      ) : (
        <span />
      )}
      {step < LAST_STEP ? (
        <Button type="primary" loading={submitting} onClick={onNext} data-testid="reg-next">
          {t("registration.actions.next")}
        </Button>
      ) : (
        <Button type="primary" loading={submitting} onClick={onSubmit} data-testid="reg-submit">
          {t("registration.actions.submit")}
        </Button>
      )}
    </Flex>
  );
};

/** 单位注册 (R1–R4): five steps in one form; the values of earlier steps stay while later ones show. */
export const UnitRegistrationPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const queryClient = useQueryClient();
  const [form] = useConsoleForm<UnitRegistrationValues>();
  const draft = useFormDraft(UNIT_REGISTRATION_DRAFT_KEY, form, {
    omit: UNSTORED_FIELDS,
    storable: storableValues,
  });
  const [step, setStep] = useState(() => Math.min(draft.restored?.step ?? 0, PASSWORD_STEP));
  const basedOn = draft.restored?.basedOn;
  const { save } = draft;
  useEffect(() => save(step), [save, step]);
  const [checking, setChecking] = useState(false);
  const [submitError, setSubmitError] = useState<ApiHttpError>();
  const [submitted, setSubmitted] = useState<SubmittedRegistration>();
  const { preparePassword, submit, submitting } = useRegistrationSubmit();

  /** R4 blocks the first step: a registered USCC (or one in progress) cannot register again. */
  const usccBlocked = async (): Promise<boolean> => {
    setChecking(true);
    const availability = await fetchUsccAvailability(queryClient, form.getFieldValue("uscc"));
    setChecking(false);
    if (!availability || availability.state === "AVAILABLE") return false;
    const key = availability.state === "REGISTERED" ? "registered" : "inProgress";
    form.setFields([{ name: "uscc", errors: [t(`registration.uscc.${key}.title`)] }]);
    return true;
  };

  const next = async () => {
    try {
      await form.validateFields([...STEPS[step]!.fields]);
    } catch {
      return;
    }
    if (step === 0 && (await usccBlocked())) return;
    // Hashed while the applicant goes on with the materials, not when they submit (issue 14).
    if (step === PASSWORD_STEP) preparePassword(form.getFieldValue("password"));
    setStep(step + 1);
  };

  const onSubmit = async () => {
    setSubmitError(undefined);
    try {
      const result = await submit(form.getFieldsValue(true));
      draft.clear();
      setSubmitted(result);
    } catch (error) {
      if (!isApiHttpError(error)) throw error;
      const field = formFieldOf(error.field);
      if (!field) {
        setSubmitError(error);
        return;
      }
      // The message belongs on its field: go back to the step that shows it.
      if (field === "uscc") {
        await queryClient.invalidateQueries({ queryKey: ["registrations", "uscc-availability"] });
      }
      setStep(stepOf(field));
      if (field === "businessLicence" || field === "authorizationLetter") {
        form.setFieldValue(field, { error: error.message });
      }
      // After the step's fields mount.
      setTimeout(() => form.setFields([{ name: field, errors: [error.message] }]));
    }
  };

  const StepContent = STEP_CONTENT[step]!;
  return (
    <PublicLayout>
      <Card style={{ width: 760, maxWidth: "100%" }}>
        {submitted ? (
          <RegistrationResult submitted={submitted} />
        ) : (
          <Flex vertical gap="large">
            <Flex vertical gap={4}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t("registration.title")}
              </Typography.Title>
              <Typography.Text type="secondary">{t("registration.intro")}</Typography.Text>
            </Flex>
            {basedOn && (
              <Alert
                type={basedOn.status === "REJECTED" ? "warning" : "info"}
                showIcon
                data-testid="reg-based-on"
                message={t(
                  `registration.draft.basedOn.${basedOn.status === "REJECTED" ? "rejected" : "closed"}`,
                  {
                    requestNumber: basedOn.requestNumber,
                  },
                )}
                description={
                  basedOn.reason ? (
                    <span data-testid="reg-based-on-reason">
                      {t("registration.draft.basedOn.reason", { reason: basedOn.reason })}
                    </span>
                  ) : undefined
                }
              />
            )}
            {draft.notice && !basedOn && draft.restored && (
              <Alert
                type="info"
                showIcon
                data-testid="reg-draft-restored"
                message={t("registration.draft.restored", { time: formatDateTime(draft.restored.savedAt) })}
                description={t("registration.draft.passwordNotKept")}
                closable
                onClose={draft.dismissNotice}
                action={
                  <Button
                    size="small"
                    onClick={() => {
                      draft.discard();
                      setStep(0);
                    }}
                    data-testid="reg-draft-discard"
                  >
                    {t("registration.draft.discard")}
                  </Button>
                }
              />
            )}
            <Steps
              size="small"
              current={step}
              items={STEPS.map(({ key }) => ({ key, title: t(`registration.steps.${key}`) }))}
            />
            <Form<UnitRegistrationValues>
              form={form}
              layout="vertical"
              requiredMark="optional"
              scrollToFirstError
              initialValues={draft.restored?.values}
              onValuesChange={() => save(step)}
            >
              <StepContent />
              {submitError && (
                <Alert
                  type="error"
                  showIcon
                  message={submitError.message}
                  description={isRetryable(submitError) ? t("registration.submit.retry") : undefined}
                  data-testid="reg-submit-error"
                />
              )}
              <FormFooter
                step={step}
                submitting={submitting || checking}
                onPrev={() => setStep(step - 1)}
                onNext={() => void next()}
                onSubmit={() => void onSubmit()}
              />
            </Form>
            <Flex justify="center" gap="middle" wrap>
              <Link to={LOGIN_PATH}>{t("registration.links.login")}</Link>
              <Link to={REGISTRATION_STATUS_PATH}>{t("registration.links.status")}</Link>
            </Flex>
          </Flex>
        )}
      </Card>
    </PublicLayout>
  );
};
