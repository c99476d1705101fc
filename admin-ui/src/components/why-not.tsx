import { Alert, type AlertProps, Flex, Tooltip, type TooltipProps, Typography } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiHttpError } from "../api/http";
import type { LocalizedMessage } from "../api/types";
import { currentLocale } from "../i18n";

/** Someone who can do the refused action or help (the API masks their name). */
interface RefusalContact {
  role: string;
  roleLabel: LocalizedMessage;
  name: string | null;
  unitId: string;
  unitName: string;
}

/**
 * "Why can't I": a refusal as the API explains it (`details.rule`, `details.remedy`,
 * `details.contacts`, see domain/errors.ts), in the current language.
 */
export interface WhyNotText {
  message: string;
  rule?: string;
  /** What would make the action possible: the next step. */
  remedy?: string;
  /** Who can help, e.g. "单位管理员 周*（贵阳市…有限公司）". */
  contacts: string[];
}

const isLocalized = (value: unknown): value is LocalizedMessage =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as LocalizedMessage)["zh-CN"] === "string" &&
  typeof (value as LocalizedMessage).en === "string";

const contactText = (contact: RefusalContact, locale: "zh-CN" | "en") => {
  const label = contact.roleLabel[locale];
  const name = contact.name ?? "";
  return locale === "zh-CN"
    ? `${label} ${name}（${contact.unitName}）`
    : `${name ? `${name}, ` : ""}${label} (${contact.unitName})`;
};

/** The explanation of an API refusal, or of an explanation the API gave before the action (GET /api/explanations). */
export const whyNotOf = (refusal: Pick<ApiHttpError, "message" | "details">): WhyNotText => {
  const locale = currentLocale();
  const details = (refusal.details ?? {}) as { rule?: unknown; remedy?: unknown; contacts?: unknown };
  const remedy = isLocalized(details.remedy) ? details.remedy[locale] : undefined;
  const contacts = Array.isArray(details.contacts)
    ? (details.contacts as RefusalContact[])
        .filter((c) => isLocalized(c?.roleLabel) && typeof c.unitName === "string")
        .map((c) => contactText(c, locale))
    : [];
  return {
    message: refusal.message,
    rule: typeof details.rule === "string" ? details.rule : undefined,
    // Some refusals say their remedy, and so whom to ask, in the message already (R10): not repeated.
    remedy: remedy && !refusal.message.includes(remedy) ? remedy : undefined,
    contacts: remedy && refusal.message.includes(remedy) ? [] : contacts,
  };
};

/** The remedy and the contacts, as lines under a refusal's message (light text in a tooltip). */
const WhyNotLines = ({
  why,
  withMessage,
  plain,
}: {
  why: WhyNotText;
  withMessage?: boolean;
  plain?: boolean;
}) => {
  const { t } = useTranslation();
  const contacts = t("whyNot.contacts", { contacts: why.contacts.join(t("common.listSeparator")) });
  return (
    <Flex vertical gap={2} data-rule={why.rule}>
      {withMessage && <span>{why.message}</span>}
      {why.remedy && <span data-testid="why-not-remedy">{t("whyNot.remedy", { remedy: why.remedy })}</span>}
      {why.contacts.length > 0 &&
        (plain ? (
          <span style={{ opacity: 0.85 }} data-testid="why-not-contacts">
            {contacts}
          </span>
        ) : (
          <Typography.Text type="secondary" data-testid="why-not-contacts">
            {contacts}
          </Typography.Text>
        ))}
    </Flex>
  );
};

interface WhyNotProps {
  /** The refusal: an API error, or an explanation the API gave before the action (useWhyNot). */
  error: Pick<ApiHttpError, "message" | "details" | "code"> | (WhyNotText & { code?: string });
  /** A heading above the API's message, e.g. "不能新建职称申报"; without it the message is the heading. */
  title?: ReactNode;
  type?: AlertProps["type"];
  closable?: boolean;
  onClose?: () => void;
  style?: CSSProperties;
  testId?: string;
}

/**
 * ONE way the console shows a refused action: the API's message, what would make it possible and
 * who can help, from the refusal's explanation.
 */
export const WhyNot = ({ error, title, type = "error", closable, onClose, style, testId }: WhyNotProps) => {
  // Re-rendered on a language switch: the refusal is read in the language on screen (issue 13.7).
  useTranslation();
  const why = "contacts" in error ? error : whyNotOf(error);
  const hasLines = why.remedy !== undefined || why.contacts.length > 0 || title !== undefined;
  return (
    <Alert
      type={type}
      showIcon
      closable={closable}
      onClose={onClose}
      message={title ?? why.message}
      description={hasLines ? <WhyNotLines why={why} withMessage={title !== undefined} /> : undefined}
      style={style}
      data-testid={testId}
      data-code={error.code}
    />
  );
};

/** A refusal as the content of a toast (`message.error`) or a result's subtitle: the message and the remedy. */
export const WhyNotInline = ({ error }: { error: Pick<ApiHttpError, "message" | "details"> }) => {
  useTranslation();
  const why = whyNotOf(error);
  if (!why.remedy && why.contacts.length === 0) return <>{why.message}</>;
  return (
    <span
      style={{ display: "inline-block", textAlign: "left", verticalAlign: "top" }}
      data-testid="why-not-inline"
    >
      <WhyNotLines why={why} withMessage />
    </span>
  );
};

/**
 * The console's own reason for a disabled control, completed with the API's remedy and contacts for
 * the refusal it stands for (useWhyNot): the reason alone while that is loading or unknown.
 */
export const withRemedy = (reason: string | undefined, explained: WhyNotText | undefined) => {
  if (reason === undefined || !explained) return reason;
  const remedy = explained.remedy && !reason.includes(explained.remedy) ? explained.remedy : undefined;
  return { ...explained, message: reason, remedy };
};

interface WhyNotTooltipProps extends Omit<TooltipProps, "title"> {
  /** Why the control is disabled: the API's explanation, or the console's own reason; undefined: it is not. */
  reason: WhyNotText | string | undefined;
  children: ReactNode;
}

/**
 * A disabled control says why on hover, with what would make it possible, in the refusal's words.
 * Other props (a Popconfirm's trigger handlers, its ref) go on to the Tooltip, as if it stood there.
 */
export const WhyNotTooltip = ({ reason, children, ...tooltip }: WhyNotTooltipProps) => {
  const title =
    reason === undefined ? undefined : typeof reason === "string" ? (
      reason
    ) : (
      <span data-testid="why-not-tooltip">
        <WhyNotLines why={reason} withMessage plain />
      </span>
    );
  return (
    <Tooltip {...tooltip} title={title}>
      {children}
    </Tooltip>
  );
};
