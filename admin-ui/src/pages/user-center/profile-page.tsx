import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import {
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { RealPersonStepUp } from "../../components/real-person-step-up";
import { SessionStrengthTag } from "../../components/session-strength-tag";
import { roleName } from "../../providers/roles";
import { formatDateTime } from "../../utils/format";
import { UnitBindingCard } from "./unit-binding-card";

const Missing = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

const RoleTags = ({ roles }: Pick<Me, "roles">) => {
  const { t } = useTranslation();
  if (roles.length === 0) return <Missing>{t("me.noRoles")}</Missing>;
  return (
    <Space size={[0, 8]} wrap>
      {roles.map(({ role, subsystem, unitId, unitName }) => (
        <Tooltip key={`${role}:${subsystem}:${unitId}`} title={unitName}>
          <Tag color="blue">
            {t("me.roleInSubsystem", { role: roleName(role, t), subsystem: t(`subsystems.${subsystem}`) })}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
};

const describe = (me: Me, t: TFunction): DescriptionsProps["items"] => [
  { key: "kind", label: t("me.fields.kind.label"), children: t(`accountKinds.${me.kind}`) },
  ...(me.person
    ? [
        {
          key: "name",
          label: t("me.fields.name.label"),
          children: me.person.name ?? <Missing>{t("me.nameMissing")}</Missing>,
        },
        { key: "idNumber", label: t("me.fields.idNumber.label"), children: me.person.idNumberMasked },
        { key: "mobile", label: t("me.fields.mobile.label"), children: me.person.mobileMasked },
      ]
    : []),
  { key: "roles", label: t("me.fields.roles.label"), children: <RoleTags roles={me.roles} /> },
  {
    key: "strength",
    label: t("me.fields.strength.label"),
    children: <SessionStrengthTag strength={me.strength} kind={me.kind} />,
  },
  {
    key: "createdAt",
    label: t("me.fields.createdAt.label"),
    children: formatDateTime(me.session.createdAt),
  },
  {
    key: "idleExpiresAt",
    label: t("me.fields.idleExpiresAt.label"),
    children: formatDateTime(me.session.idleExpiresAt),
  },
  {
    key: "absoluteExpiresAt",
    label: t("me.fields.absoluteExpiresAt.label"),
    children: formatDateTime(me.session.absoluteExpiresAt),
  },
];

/** R12: a person in a password session may raise it to REAL_PERSON here; the card stays to report success. */
const StepUpCard = ({ me }: { me: Me }) => {
  const { t } = useTranslation();
  const [upgraded, setUpgraded] = useState(false);
  const onSuccess = useCallback(() => setUpgraded(true), []);
  if (me.kind !== "PERSON" || (me.strength !== "PASSWORD" && !upgraded)) return null;
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("stepUp.title")}
        </Space>
      }
    >
      <RealPersonStepUp onSuccess={onSuccess} />
    </Card>
  );
};

/**
 * 用户中心 → 个人资料: the signed-in person and their session as the API reports them, the unit they
 * belong to with the binding request (R16), and the step-up of a password session (R12).
 */
export const ProfilePage = () => {
  const { t } = useTranslation();
  const { data: me, isLoading } = useGetIdentity<Me>();
  return (
    <Flex vertical gap="middle">
      <Card title={t("resources.profile")}>
        {isLoading || !me ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Descriptions bordered column={1} styles={{ label: { width: 200 } }} items={describe(me, t)} />
        )}
      </Card>
      {me?.kind === "PERSON" && <UnitBindingCard me={me} />}
      {me && <StepUpCard me={me} />}
    </Flex>
  );
};
