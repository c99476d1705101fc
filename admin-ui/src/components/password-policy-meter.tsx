import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { Flex, Progress, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import {
  checkPassword,
  type PasswordRequirement,
  type PasswordStrength,
  passwordStrength,
} from "../../../domain/password-policy";

/** Always listed; the other requirements (maximum length, no spaces) only when they are broken. */
const CORE_REQUIREMENTS: PasswordRequirement[] = ["MIN_LENGTH", "UPPERCASE", "LOWERCASE", "DIGIT", "SPECIAL"];

const RequirementItem = ({ requirement, met }: { requirement: PasswordRequirement; met: boolean }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Typography.Text
      type={met ? "success" : "secondary"}
      data-testid="password-requirement"
      data-met={met}
      style={{ fontSize: token.fontSizeSM }}
    >
      {met ? <CheckCircleFilled /> : <CloseCircleFilled style={{ color: token.colorTextQuaternary }} />}{" "}
      {t(`password.requirements.${requirement}`)}
    </Typography.Text>
  );
};

/** R15 as the user types: a strength hint and which requirements are still unmet. */
export const PasswordPolicyMeter = ({ password }: { password: string }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const strength: PasswordStrength = passwordStrength(password);
  const { missing } = checkPassword(password);
  const shown = [...CORE_REQUIREMENTS, ...missing.filter((r) => !CORE_REQUIREMENTS.includes(r))];
  const colors: Record<PasswordStrength, string> = {
    0: token.colorBorder,
    1: token.colorError,
    2: token.colorWarning,
    3: token.colorSuccess,
    4: token.colorSuccess,
  };
  return (
    <Flex
      vertical
      gap={4}
      style={{ margin: "4px 0 8px" }}
      data-testid="password-meter"
      data-strength={strength}
    >
      <Flex align="center" gap="small">
        <Progress
          steps={4}
          percent={strength * 25}
          showInfo={false}
          size={[32, 6]}
          strokeColor={colors[strength]}
        />
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t(`password.strength.${strength}`)}
        </Typography.Text>
      </Flex>
      <Flex wrap style={{ columnGap: token.marginMD, rowGap: 2 }}>
        {shown.map((requirement) => (
          <RequirementItem key={requirement} requirement={requirement} met={!missing.includes(requirement)} />
        ))}
      </Flex>
    </Flex>
  );
};
