import { EditOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { Alert, Button, Card, Flex, Result, Skeleton } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { ComingSoon } from "../../components/coming-soon";
import { FirstAdminCard } from "./first-admin-card";
import { ProfileDescriptions } from "./profile-descriptions";
import { ProfileEditModal } from "./profile-edit-modal";
import { useUnitProfile } from "./use-unit-profile";

const UnitProfileView = ({ unitId }: { unitId: string }) => {
  const { t } = useTranslation();
  const query = useUnitProfile(unitId);
  const [editing, setEditing] = useState(false);
  const profile = query.data?.data;

  if (query.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (query.error || !profile) {
    return (
      <Result
        status="error"
        title={t("unitProfile.loadFailed")}
        subTitle={query.error?.message}
        extra={<Button onClick={() => void query.refetch()}>{t("unitProfile.retry")}</Button>}
      />
    );
  }
  const refresh = () => void query.refetch();
  return (
    <Flex vertical gap="middle">
      {/* R14: units registered in 2024 or later must be affiliated with a superior unit. */}
      {profile.affiliationRequired && !profile.parentUnit && (
        <Alert
          type="warning"
          showIcon
          message={t("unitProfile.affiliationRequired.title")}
          description={t("unitProfile.affiliationRequired.description")}
          data-testid="affiliation-required"
        />
      )}
      <Card
        title={t("unitProfile.title")}
        extra={
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-profile-edit">
            {t("unitProfile.edit.button")}
          </Button>
        }
      >
        <ProfileDescriptions profile={profile} />
      </Card>
      {!profile.administrator && <FirstAdminCard profile={profile} onDesignated={refresh} />}
      <ProfileEditModal
        profile={profile}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
    </Flex>
  );
};

/** 单位基础信息管理: for a unit login (R6) its own profile; the administrators' version comes later. */
export const UnitProfilePage = () => {
  const { data: me, isLoading } = useGetIdentity<Me>();
  if (isLoading) return <Skeleton active />;
  if (me?.kind === "UNIT" && me.unit) return <UnitProfileView unitId={me.unit.id} />;
  return <ComingSoon />;
};
