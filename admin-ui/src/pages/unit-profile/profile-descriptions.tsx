import { Descriptions, type DescriptionsProps, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UnitProfile } from "../../api/types";
import { RegionName } from "../../components/region-name";
import { formatDate } from "../../utils/format";

const Missing = ({ children }: { children: string }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

const describe = (
  profile: UnitProfile,
  t: TFunction,
  contactMobileAction?: ReactNode,
): DescriptionsProps["items"] => [
  {
    key: "name",
    label: t("unitProfile.fields.name.label"),
    children: <span data-testid="unit-profile-name">{profile.name}</span>,
  },
  {
    key: "uscc",
    label: t("unitProfile.fields.uscc.label"),
    children: profile.uscc ?? <Missing>{t("unitProfile.none")}</Missing>,
  },
  { key: "accountName", label: t("unitProfile.fields.accountName.label"), children: profile.accountName },
  { key: "type", label: t("unitProfile.fields.type.label"), children: t(`unitTypes.${profile.type}`) },
  {
    key: "region",
    label: t("unitProfile.fields.regionCode.label"),
    children: (
      <span data-testid="unit-profile-region-name">
        <RegionName code={profile.regionCode} name={profile.regionName} />
      </span>
    ),
  },
  {
    key: "legalRepName",
    label: t("unitProfile.fields.legalRepName.label"),
    children: profile.legalRepName ?? <Missing>{t("unitProfile.none")}</Missing>,
  },
  { key: "contactName", label: t("unitProfile.fields.contactName.label"), children: profile.contactName },
  {
    key: "contactMobile",
    label: t("unitProfile.fields.contactMobile.label"),
    children: (
      <Space wrap>
        <span data-testid="unit-profile-contact-mobile">{profile.contactMobileMasked}</span>
        {contactMobileAction}
      </Space>
    ),
  },
  {
    key: "formsCommittee",
    label: t("unitProfile.fields.formsCommittee.label"),
    children: profile.formsCommittee ? t("common.yes") : t("common.no"),
  },
  {
    key: "parentUnit",
    label: t("unitProfile.fields.parentUnit.label"),
    children: profile.parentUnit?.name ?? <Missing>{t("unitProfile.noParent")}</Missing>,
  },
  {
    key: "administrator",
    label: t("unitProfile.fields.administrator.label"),
    children: profile.administrator ? (
      <Space>
        {profile.administrator.name ?? <Missing>{t("me.nameMissing")}</Missing>}
        <Typography.Text type="secondary">{profile.administrator.idNumberMasked}</Typography.Text>
      </Space>
    ) : (
      <Tag color="warning">{t("unitProfile.noAdministrator")}</Tag>
    ),
  },
  {
    key: "registeredAt",
    label: t("unitProfile.fields.registeredAt.label"),
    children: formatDate(profile.registeredAt),
  },
];

interface ProfileDescriptionsProps {
  profile: UnitProfile;
  /** Shown beside the contact mobile: changing it is a request of its own (R27). */
  contactMobileAction?: ReactNode;
}

export const ProfileDescriptions = ({ profile, contactMobileAction }: ProfileDescriptionsProps) => {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { width: 160 } }}
      items={describe(profile, t, contactMobileAction)}
    />
  );
};
