import { Result, type ResultProps } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type CheckOutcome = "passed" | "failed" | "expired" | "invalid" | "closed";

const resultStatus: Record<CheckOutcome, ResultProps["status"]> = {
  passed: "success",
  failed: "error",
  expired: "warning",
  invalid: "warning",
  closed: "info",
};

/** The last screen on the phone: what happened, and that the rest happens on the computer. */
export const CheckResult = ({ outcome, extra }: { outcome: CheckOutcome; extra?: ReactNode }) => {
  const { t } = useTranslation();
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
