import { SafetyCertificateOutlined, UnlockOutlined } from "@ant-design/icons";
import { Tag, type TagProps, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { SessionStrength } from "../api/types";

const appearance: Record<SessionStrength, Pick<TagProps, "color" | "icon">> = {
  PASSWORD: { color: "orange", icon: <UnlockOutlined /> },
  REAL_PERSON: { color: "green", icon: <SafetyCertificateOutlined /> },
};

type SessionStrengthTagProps = Omit<TagProps, "color" | "icon"> & { strength: SessionStrength };

/** How the session was established; the tooltip explains R12 (admin and handler work needs real-person auth). */
export const SessionStrengthTag = ({ strength, ...tagProps }: SessionStrengthTagProps) => {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`sessionStrength.hints.${strength}`)}>
      <Tag {...appearance[strength]} {...tagProps}>
        {t(`sessionStrength.${strength}`)}
      </Tag>
    </Tooltip>
  );
};
