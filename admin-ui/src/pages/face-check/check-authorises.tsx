import { Descriptions, type DescriptionsProps, Result, type ResultProps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../../api/http";
import type {
  CheckRequestType,
  MobileCheck,
  RealPersonCheckPurpose,
  RealPersonCheckStatus,
} from "../../api/types";

/** How a check ended, as the person who did it is told. */
export type FinalOutcome = "PASSED" | "FAILED" | "EXPIRED";

/**
 * The final outcome of a check's status (a consumed check passed); a check still open whose time
 * ran out (`secondsLeft` 0) counts as expired. Undefined while the check is open.
 */
export const finalOutcomeOf = (
  status: RealPersonCheckStatus,
  secondsLeft?: number,
): FinalOutcome | undefined => {
  if (status === "PASSED" || status === "CONSUMED") return "PASSED";
  if (status === "FAILED" || status === "EXPIRED") return status;
  return secondsLeft === 0 ? "EXPIRED" : undefined;
};

/**
 * Errors after which asking again cannot give another answer: the link was never issued (404), is
 * not readable (400), or its check is over (409, 410). Polling stops on them.
 */
export const isFinalCheckError = (error: ApiHttpError | null | undefined): boolean =>
  !!error && [400, 404, 409, 410].includes(error.statusCode);

/** What the check confirms, as a key of `checkAuthorises.purposes`: the request's type, else the purpose. */
const authorisesKey = (check: MobileCheck): CheckRequestType | RealPersonCheckPurpose =>
  check.requestType ?? check.purpose;

/**
 * The rows that say what a face check authorises (R3, R27): the purpose ("单位注册 — 法定代表人确认"),
 * the unit and the request number when the check confirms a request. `purposeTestId` keeps the
 * calling page's test id on the purpose.
 */
export const useCheckAuthorisesItems = (
  check: MobileCheck,
  purposeTestId = "check-purpose",
): NonNullable<DescriptionsProps["items"]> => {
  const { t } = useTranslation();
  const items: NonNullable<DescriptionsProps["items"]> = [
    {
      key: "purpose",
      label: t("checkAuthorises.fields.purpose"),
      children: (
        <Typography.Text
          strong
          data-testid={purposeTestId}
          data-purpose={check.purpose}
          data-request-type={check.requestType ?? ""}
        >
          {t(`checkAuthorises.purposes.${authorisesKey(check)}`)}
        </Typography.Text>
      ),
    },
  ];
  if (check.unitName) {
    items.push({
      key: "unitName",
      label: t("checkAuthorises.fields.unitName"),
      children: (
        <Typography.Text strong data-testid="check-unit-name">
          {check.unitName}
        </Typography.Text>
      ),
    });
  }
  if (check.requestNumber) {
    items.push({
      key: "requestNumber",
      label: t("checkAuthorises.fields.requestNumber"),
      children: (
        <Typography.Text copyable data-testid="check-request-number">
          {check.requestNumber}
        </Typography.Text>
      ),
    });
  }
  return items;
};

const resultStatus: Record<FinalOutcome, ResultProps["status"]> = {
  PASSED: "success",
  FAILED: "error",
  EXPIRED: "warning",
};

/**
 * The last screen of a face check, on the computer or the phone: the outcome, what happens next
 * to the request it confirmed, and which unit and request that was.
 */
export const CheckOutcomeResult = ({ check, outcome }: { check: MobileCheck; outcome: FinalOutcome }) => {
  const { t } = useTranslation();
  const items = useCheckAuthorisesItems(check);
  const key = authorisesKey(check);
  // A legal representative's check always names its request; without one there is no next step to tell.
  const next =
    key === "LEGAL_REP_VERIFICATION"
      ? undefined
      : t(`checkAuthorises.next.${key}.${outcome}`, {
          unitName: check.unitName ?? "",
          requestNumber: check.requestNumber ?? "",
        });
  return (
    // antd's Result drops data-* attributes, so a plain element carries the test ids.
    <div data-testid="check-outcome" data-outcome={outcome}>
      <Result
        status={resultStatus[outcome]}
        title={t(`checkAuthorises.outcomes.${outcome}`)}
        subTitle={<span data-testid="check-outcome-next">{next}</span>}
        style={{ padding: "16px 0" }}
      />
      <Descriptions bordered size="small" column={1} items={items} />
    </div>
  );
};
