import { LoginOutlined, RedoOutlined } from "@ant-design/icons";
import { useGo } from "@refinedev/core";
import { Button, Flex, Result, type ResultProps } from "antd";
import { useTranslation } from "react-i18next";
import type { PersonRegistrationStatus } from "../../api/types";
import { LOGIN_PATH } from "../../config/paths";
import { LoginChoices } from "./login-choices";

export type ClosedRegistrationStatus = Exclude<PersonRegistrationStatus, "AWAITING_REAL_PERSON_AUTH">;

const resultStatus: Record<ClosedRegistrationStatus, ResultProps["status"]> = {
  REGISTERED: "success",
  FAILED: "error",
  EXPIRED: "warning",
  ALREADY_REGISTERED: "info",
};

interface RegistrationOutcomeProps {
  status: ClosedRegistrationStatus;
  /** Starts over with the form (the identity kept, the code and password to enter again). */
  onRestart: () => void;
  /** After a failed or expired face check: trying it again with the verified mobile (issue 13.6). */
  retry?: React.ReactNode;
}

/** The end of 个人注册: the account exists, or why it does not and what to do now. */
export const RegistrationOutcome = ({ status, onRestart, retry }: RegistrationOutcomeProps) => {
  const { t } = useTranslation();
  const go = useGo();
  let extra: React.ReactNode;
  if (status === "REGISTERED") {
    extra = (
      <Button
        type="primary"
        size="large"
        icon={<LoginOutlined />}
        onClick={() => go({ to: LOGIN_PATH })}
        data-testid="person-registration-login"
      >
        {t("personRegister.outcome.login")}
      </Button>
    );
  } else if (status === "ALREADY_REGISTERED") {
    extra = <LoginChoices />;
  } else {
    // With a retry on offer, starting over (a new SMS code) is the second choice.
    extra = (
      <Flex vertical gap="middle" align="center">
        {retry}
        <Button
          type={retry ? "default" : "primary"}
          icon={<RedoOutlined />}
          onClick={onRestart}
          data-testid="person-registration-restart"
        >
          {t("personRegister.outcome.restart")}
        </Button>
      </Flex>
    );
  }
  return (
    // antd's Result drops data-* attributes, so a plain element carries the test id.
    <div data-testid={status === "REGISTERED" ? "person-registration-done" : "person-registration-closed"}>
      <Result
        status={resultStatus[status]}
        title={
          <span data-testid="person-registration-status" data-status={status}>
            {t(`personRegister.outcome.${status}.title`)}
          </span>
        }
        subTitle={t(`personRegister.outcome.${status}.description`)}
        extra={extra}
        style={{ padding: "16px 0" }}
      />
    </div>
  );
};
