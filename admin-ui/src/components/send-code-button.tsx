import { Button, type ButtonProps, Input, type InputProps } from "antd";
import { useTranslation } from "react-i18next";

/** Seconds to wait before another SMS code may be requested. */
export const SMS_RESEND_SECONDS = 60;

type SendCodeButtonProps = Omit<ButtonProps, "children"> & {
  /** Seconds left in the cooldown after the last code; 0 when a code may be sent. */
  secondsLeft: number;
  /** A code was sent before: the label says "resend". */
  sent: boolean;
};

/** 获取验证码 with the resend countdown. */
export const SendCodeButton = ({ secondsLeft, sent, disabled, ...buttonProps }: SendCodeButtonProps) => {
  const { t } = useTranslation();
  const label =
    secondsLeft > 0
      ? t("smsCode.resendIn", { seconds: secondsLeft })
      : sent
        ? t("smsCode.resend")
        : t("smsCode.send");
  return (
    <Button {...buttonProps} disabled={disabled || secondsLeft > 0}>
      {label}
    </Button>
  );
};

/** The 6-digit SMS code field beside SendCodeButton (the form's Form.Item gives value and onChange). */
export const SmsCodeInput = (props: Omit<InputProps, "maxLength" | "inputMode" | "autoComplete">) => {
  const { t } = useTranslation();
  return (
    <Input
      maxLength={6}
      inputMode="numeric"
      autoComplete="one-time-code"
      placeholder={t("smsCode.placeholder")}
      {...props}
    />
  );
};
