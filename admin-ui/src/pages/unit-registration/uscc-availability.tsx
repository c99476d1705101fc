import { CheckCircleOutlined, LoadingOutlined } from "@ant-design/icons";
import { useLink } from "@refinedev/core";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import { Alert, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { validateUscc } from "../../../../domain/uscc";
import { API_URL, type ApiHttpError, apiRequest } from "../../api/http";
import type { UsccAvailability } from "../../api/types";
import { LOGIN_PATH, REGISTRATION_STATUS_PATH, UNIT_ACCOUNT_RECOVERY_PATH } from "../../config/paths";
import { useDebouncedValue } from "../../hooks/use-debounced-value";
import { normalizeCode } from "../../utils/validators";

const DEBOUNCE_MS = 400;
const STALE_MS = 30_000;

const availabilityQuery = (uscc: string) => ({
  queryKey: ["registrations", "uscc-availability", uscc],
  queryFn: async () =>
    (
      await apiRequest<{ data: UsccAvailability }>("GET", `${API_URL}/registrations/uscc-availability`, {
        query: new URLSearchParams({ uscc }),
      })
    ).data,
  staleTime: STALE_MS,
});

/** The check the "next" button waits for; undefined when the API could not answer (the submit checks again). */
export const fetchUsccAvailability = (
  queryClient: QueryClient,
  uscc: string,
): Promise<UsccAvailability | undefined> =>
  queryClient.fetchQuery(availabilityQuery(normalizeCode(uscc))).catch(() => undefined);

export interface UsccCheck {
  /** Well-formed (the format is the only hard check). */
  wellFormed: boolean;
  /** Check characters pass; false sends the registration to manual review (never a refusal). */
  checkCharacterValid: boolean;
  availability?: UsccAvailability;
  checking: boolean;
  error: ApiHttpError | null;
}

/** R4 while typing: whether the USCC can register, asked once typing pauses. */
export const useUsccCheck = (input?: string): UsccCheck => {
  const uscc = useDebouncedValue(normalizeCode(input), DEBOUNCE_MS);
  const local = validateUscc(uscc);
  const query = useQuery<UsccAvailability, ApiHttpError>({ ...availabilityQuery(uscc), enabled: local.ok });
  const current = local.ok && uscc === normalizeCode(input);
  return {
    wellFormed: local.ok,
    checkCharacterValid: local.ok && local.checkCharacterValid && local.organizationCodeValid,
    availability: current ? query.data : undefined,
    checking: current && query.isFetching,
    error: current ? query.error : null,
  };
};

const RegisteredAlert = () => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="uscc-registered"
      message={t("registration.uscc.registered.title")}
      description={
        <Flex vertical gap={4}>
          {t("registration.uscc.registered.description")}
          <Flex gap="middle" wrap>
            <Link to={`${LOGIN_PATH}?tab=unit`}>{t("registration.uscc.registered.login")}</Link>
            <Link to={UNIT_ACCOUNT_RECOVERY_PATH}>{t("registration.uscc.registered.recover")}</Link>
          </Flex>
        </Flex>
      }
    />
  );
};

const InProgressAlert = () => {
  const { t } = useTranslation();
  const Link = useLink();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="uscc-in-progress"
      message={t("registration.uscc.inProgress.title")}
      description={
        <Flex vertical gap={4}>
          {t("registration.uscc.inProgress.description")}
          <Link to={REGISTRATION_STATUS_PATH}>{t("registration.uscc.inProgress.status")}</Link>
        </Flex>
      }
    />
  );
};

/** Whether UsccNotice has anything to say (Form.Item would keep an empty line for an empty `extra`). */
export const hasUsccNotice = ({
  wellFormed,
  checking,
  availability,
  checkCharacterValid,
}: UsccCheck): boolean => wellFormed && (checking || availability !== undefined || !checkCharacterValid);

/** What the USCC check found, under the field: links for R4, a warning for a failing check character. */
export const UsccNotice = ({ check }: { check: UsccCheck }) => {
  const { t } = useTranslation();
  const { wellFormed, availability, checking } = check;
  if (!wellFormed) return null;
  if (checking) {
    return (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {t("registration.uscc.checking")}
      </Typography.Text>
    );
  }
  if (availability?.state === "REGISTERED") return <RegisteredAlert />;
  if (availability?.state === "IN_PROGRESS") return <InProgressAlert />;
  const checkCharacterValid = availability?.checkCharacterValid ?? check.checkCharacterValid;
  if (!checkCharacterValid) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="uscc-check-warning"
        message={t("registration.uscc.checkCharacter.title")}
        description={t("registration.uscc.checkCharacter.description")}
      />
    );
  }
  if (availability?.state === "AVAILABLE") {
    return (
      <Typography.Text type="success" data-testid="uscc-available">
        <CheckCircleOutlined /> {t("registration.uscc.available")}
      </Typography.Text>
    );
  }
  return null;
};
