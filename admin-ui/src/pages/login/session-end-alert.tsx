import { Alert } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { clearSessionEnd, readSessionEnd } from "../../providers/session-end";

/**
 * On the login page after the console lost its session for a reason the person must know (R18: a
 * unit disabled the account): what happened, which unit, and whom to ask. Closable; gone after a login.
 */
export const SessionEndAlert = () => {
  const { t } = useTranslation();
  const [end] = useState(readSessionEnd);
  const [open, setOpen] = useState(end !== null);
  if (!end || !open) return null;
  const unit = end.unitName ?? t("sessionEnd.yourUnit");
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={() => {
        clearSessionEnd();
        setOpen(false);
      }}
      data-testid="login-session-end"
      data-code={end.code}
      message={t(`sessionEnd.${end.code}.title`, { unit })}
      description={t(`sessionEnd.${end.code}.description`, { unit })}
      style={{ marginTop: 16 }}
    />
  );
};
