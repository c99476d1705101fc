import { EditOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { Alert, Button, Card, Flex, Result, Skeleton } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/types";
import { ComingSoon } from "../../components/coming-soon";
import { ContactMobileChangeAction } from "./contact-mobile-change-action";
import { ContactMobileChangeCard } from "./contact-mobile-change-card";
import { ContactMobileChangeModal } from "./contact-mobile-change-modal";
import { FirstAdminCard } from "./first-admin-card";
import { ProfileDescriptions } from "./profile-descriptions";
import { ProfileEditModal } from "./profile-edit-modal";
import { isClosedChange, useContactMobileChange } from "./use-contact-mobile-change";
import { useUnitProfile } from "./use-unit-profile";

/** Calls `onApproved` when the change seen on this page becomes APPROVED (not for one approved before). */
const useOnApproved = (status: string | undefined, onApproved: () => void) => {
  const previous = useRef(status);
  useEffect(() => {
    if (status === "APPROVED" && previous.current !== undefined && previous.current !== "APPROVED") {
      onApproved();
    }
    previous.current = status;
  }, [status, onApproved]);
};

const UnitProfileView = ({ unitId }: { unitId: string }) => {
  const { t } = useTranslation();
  const query = useUnitProfile(unitId);
  const [editing, setEditing] = useState(false);
  const [changingMobile, setChangingMobile] = useState(false);
  const change = useContactMobileChange(unitId);
  const profile = query.data?.data;
  const { refetch } = query;
  // The masked contact mobile in the profile changes with an approved change.
  useOnApproved(change.change?.status, () => void refetch());

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
        <ProfileDescriptions
          profile={profile}
          contactMobileAction={
            <ContactMobileChangeAction
              busy={change.loading || (change.change !== undefined && !isClosedChange(change.change))}
              onClick={() => setChangingMobile(true)}
            />
          }
        />
      </Card>
      {(change.change || change.loadError) && (
        <ContactMobileChangeCard state={change} onNewChange={() => setChangingMobile(true)} />
      )}
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
      <ContactMobileChangeModal
        profile={profile}
        open={changingMobile}
        onClose={() => setChangingMobile(false)}
        onSubmitted={() => {
          setChangingMobile(false);
          change.refresh();
        }}
        onStale={change.refresh}
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
