import { BankOutlined, SafetyCertificateOutlined, UnlockOutlined } from "@ant-design/icons";
import { Tag, type TagProps, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionStrength } from "../api/types";

/** How a session was established: a person's password or real-person login, or a unit login (R5, R6). */
type SessionWay = SessionStrength | "UNIT";

const appearance: Record<SessionWay, Pick<TagProps, "color" | "icon">> = {
  PASSWORD: { color: "orange", icon: <UnlockOutlined /> },
  REAL_PERSON: { color: "green", icon: <SafetyCertificateOutlined /> },
  UNIT: { color: "blue", icon: <BankOutlined /> },
};

type SessionStrengthTagProps = Omit<TagProps, "color" | "icon"> & {
  /** A SessionStrength (an audit event's is typed as a string). */
  strength: SessionStrength | (string & {});
  /** Who the session belongs to (an account kind, or an audit event's actor type): a unit's is a unit login. */
  kind?: string | null;
};

/**
 * How the session was established; the tooltip explains R12 (admin and handler work needs real-person
 * auth). A unit session is a 单位登录, never a 密码登录, although it is a password session underneath.
 */
export const SessionStrengthTag = ({ strength, kind, ...tagProps }: SessionStrengthTagProps) => {
  const { t } = useTranslation();
  const way: SessionWay = kind === "UNIT" ? "UNIT" : strength === "REAL_PERSON" ? "REAL_PERSON" : "PASSWORD";
  return (
    <Tooltip title={t(`sessionStrength.hints.${way}`)}>
      <Tag {...appearance[way]} {...tagProps} data-session-way={way}>
        {t(`sessionStrength.${way}`)}
      </Tag>
    </Tooltip>
  );
};
