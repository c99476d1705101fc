import { useLink } from "@refinedev/core";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiHttpError, isApiHttpError } from "../../api/http";
import type { SubmittedRegistration } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH, REGISTRATION_STATUS_PATH } from "../../config/paths";
import { useConsoleForm } from "../../utils/form-errors";
import { formFieldOf, STEPS, stepOf, type UnitRegistrationValues } from "./form-values";
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
  const [step, setStep] = useState(0);
  const [checking, setChecking] = useState(false);
  const [submitError, setSubmitError] = useState<ApiHttpError>();
  const [submitted, setSubmitted] = useState<SubmittedRegistration>();
  const { submit, submitting } = useRegistrationSubmit();

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
    setStep(step + 1);
  };

  const onSubmit = async () => {
    setSubmitError(undefined);
    try {
      setSubmitted(await submit(form.getFieldsValue(true)));
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
