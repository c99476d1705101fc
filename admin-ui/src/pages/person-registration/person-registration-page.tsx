import { useLink } from "@refinedev/core";
import { Card, Divider, Flex, Steps, type StepsProps, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PersonRegistration, PersonRegistrationStatus } from "../../api/types";
import { PublicLayout } from "../../components/layout/public-layout";
import { LOGIN_PATH, REGISTER_PATHS } from "../../config/paths";
import { FaceCheckRetry } from "./face-check-retry";
import { PersonRegistrationForm, type PersonRegistrationValues } from "./person-registration-form";
import { RealPersonAuthStep } from "./real-person-auth-step";
import { RegistrationOutcome } from "./registration-outcome";
import { usePersonRegistration } from "./use-person-registration";

const STEPS = ["details", "realPerson", "done"] as const;

const stepsProgress = (status?: PersonRegistrationStatus): Pick<StepsProps, "current" | "status"> => {
  switch (status) {
    case undefined:
      return { current: 0 };
    case "AWAITING_REAL_PERSON_AUTH":
      return { current: 1 };
    case "REGISTERED":
      return { current: 2, status: "finish" };
    default:
      return { current: 1, status: "error" };
  }
};

/** The identity a retry starts with; the SMS code and the password are entered again. */
type Identity = Pick<PersonRegistrationValues, "name" | "idNumber" | "mobile">;

const useStepItems = (): StepsProps["items"] => {
  const { t } = useTranslation();
  return STEPS.map((key) => ({ key, title: t(`personRegister.steps.${key}`) }));
};

/** A registration awaiting its face check survives a reload of the page (in this tab only). */
const STORAGE_KEY = "personRegistration.awaiting";

const storedRegistration = (): PersonRegistration | undefined => {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as PersonRegistration) : undefined;
  } catch {
    return undefined;
  }
};

interface ProgressProps {
  submitted: PersonRegistration;
  onRestart: () => void;
  /** A new registration opened by retrying the face check (issue 13.6). */
  onRetried: (registration: PersonRegistration) => void;
}

const Progress = ({ submitted, onRestart, onRetried }: ProgressProps) => {
  const progress = usePersonRegistration(submitted);
  const items = useStepItems();
  const { status } = progress;
  useEffect(() => {
    if (status !== "AWAITING_REAL_PERSON_AUTH") sessionStorage.removeItem(STORAGE_KEY);
  }, [status]);
  return (
    <>
      <Steps size="small" {...stepsProgress(status)} items={items} />
      {status === "AWAITING_REAL_PERSON_AUTH" ? (
        <RealPersonAuthStep progress={progress} />
      ) : (
        <RegistrationOutcome
          status={status}
          onRestart={onRestart}
          retry={
            progress.registration.retryUntil ? (
              <FaceCheckRetry registration={progress.registration} onRetried={onRetried} />
            ) : undefined
          }
        />
      )}
    </>
  );
};

/**
 * 个人注册 (R15): name, ID number, mobile with an SMS code and a password; then the registrant's real-person
 * authentication with the 贵州人社 mini program. The account exists once the face check passed.
 */
export const PersonRegistrationPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const [submitted, setSubmitted] = useState<PersonRegistration | undefined>(storedRegistration);
  const [identity, setIdentity] = useState<Identity>();
  const stepItems = useStepItems();

  return (
    <PublicLayout>
      <Card style={{ width: submitted ? 720 : 560, maxWidth: "100%" }}>
        <Flex vertical gap="large">
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("personRegister.title")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("personRegister.intro")}</Typography.Text>
          </Flex>
          {submitted ? (
            <Progress
              key={submitted.id}
              submitted={submitted}
              onRestart={() => {
                sessionStorage.removeItem(STORAGE_KEY);
                setSubmitted(undefined);
              }}
              onRetried={(registration) => {
                sessionStorage.setItem(STORAGE_KEY, JSON.stringify(registration));
                setSubmitted(registration);
              }}
            />
          ) : (
            <>
              <Steps size="small" current={0} items={stepItems} />
              <PersonRegistrationForm
                initialValues={identity}
                onRegistered={(registration, values) => {
                  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(registration));
                  setIdentity(values);
                  setSubmitted(registration);
                }}
              />
            </>
          )}
          {/* Once submitted, the outcome offers its own way on (login, retry): no second set of links. */}
          {!submitted && (
            <>
              <Divider style={{ margin: 0 }} />
              <Flex justify="center" align="center" gap="small" wrap>
                <Typography.Text type="secondary">{t("personRegister.links.haveAccount")}</Typography.Text>
                <Link to={LOGIN_PATH}>{t("personRegister.links.login")}</Link>
                <Divider type="vertical" />
                <Typography.Text type="secondary">{t("personRegister.links.unitPrompt")}</Typography.Text>
                <Link to={REGISTER_PATHS.unit}>{t("personRegister.links.unit")}</Link>
              </Flex>
            </>
          )}
        </Flex>
      </Card>
    </PublicLayout>
  );
};
