import { Result, type ResultProps } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { MobileCheck } from "../../api/types";
import { CheckOutcomeResult, type FinalOutcome } from "../face-check/check-authorises";

export type CheckOutcome = "passed" | "failed" | "expired" | "invalid" | "closed";

const resultStatus: Record<CheckOutcome, ResultProps["status"]> = {
  passed: "success",
  failed: "error",
  expired: "warning",
  invalid: "warning",
  closed: "info",
};

const finalOutcomes: Partial<Record<CheckOutcome, FinalOutcome>> = {
  passed: "PASSED",
  failed: "FAILED",
  expired: "EXPIRED",
};

interface CheckResultProps {
  outcome: CheckOutcome;
  /** The check that ended, when it was read: the screen names its unit and request and the next step. */
  check?: MobileCheck;
  extra?: ReactNode;
}

/** The last screen on the phone: what happened, to which request, and what happens next. */
export const CheckResult = ({ outcome, check, extra }: CheckResultProps) => {
  const { t } = useTranslation();
  const final = finalOutcomes[outcome];
  if (check && final) {
    return (
      <div data-testid="mobile-result" data-outcome={outcome}>
        <CheckOutcomeResult check={check} outcome={final} />
      </div>
    );
  }
  return (
    // antd's Result drops data-* attributes, so a plain element carries the test id.
    <div data-testid="mobile-result" data-outcome={outcome}>
      <Result
        status={resultStatus[outcome]}
        title={t(`mobileCheck.results.${outcome}.title`)}
        subTitle={t(`mobileCheck.results.${outcome}.description`)}
        extra={extra}
        style={{ padding: "16px 0" }}
      />
    </div>
  );
};
