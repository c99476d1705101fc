import { SwapOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useTranslation } from "react-i18next";

interface ContactMobileChangeActionProps {
  /** A change is in progress (or not known yet): another cannot start. */
  busy: boolean;
  onClick: () => void;
}

/** 变更联系人手机 (R27), beside the contact mobile it changes. */
export const ContactMobileChangeAction = ({ busy, onClick }: ContactMobileChangeActionProps) => {
  const { t } = useTranslation();
  return (
    <Tooltip title={busy ? t("unitProfile.contactMobileChange.actionBusy") : undefined}>
      <Button
        type="link"
        size="small"
        icon={<SwapOutlined />}
        disabled={busy}
        onClick={onClick}
        style={{ paddingInline: 0 }}
        data-testid="contact-mobile-change-open"
      >
        {t("unitProfile.contactMobileChange.action")}
      </Button>
    </Tooltip>
  );
};
