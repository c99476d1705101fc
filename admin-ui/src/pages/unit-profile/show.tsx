import { EditOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { Button, Card, Flex, Result, Skeleton } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me, UnitProfile } from "../../api/types";
import { AffiliationRequiredBanner } from "../hierarchy/affiliation-required-banner";
import { SuperiorCard } from "../hierarchy/superior-card";
import { UnitManagementList } from "../unit-management/list";
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

interface UnitProfileViewProps<P extends UnitProfile> {
  unitId: string;
  /** Where the profile is read and changed: the unit login's own (default), or the administrator's unit page. */
  url?: string;
  /** The viewer maintains the facts and the contact mobile (R6, R7); otherwise the facts are read only. */
  canEdit?: (profile: P) => boolean;
  /** What follows the facts: the unit login's first administrator, the administrator's rename and succession. */
  children?: (profile: P, refresh: () => void) => ReactNode;
}

/** A unit's basic facts with their maintenance: the facts, the contact mobile change (R27), then `children`. */
export const UnitProfileView = <P extends UnitProfile = UnitProfile>({
  unitId,
  url,
  canEdit = () => true,
  children,
}: UnitProfileViewProps<P>) => {
  const { t } = useTranslation();
  const query = useUnitProfile<P>(unitId, url);
  const [editing, setEditing] = useState(false);
  const [changingMobile, setChangingMobile] = useState(false);
  const profile = query.data?.data;
  const change = useContactMobileChange(unitId, profile !== undefined && canEdit(profile));
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
  const editable = canEdit(profile);
  return (
    <Flex vertical gap="middle">
      {/* R14: units registered in 2024 or later must be affiliated with a superior unit. */}
      <AffiliationRequiredBanner profile={profile} />
      <Card
        title={t("unitProfile.title")}
        extra={
          editable && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-profile-edit">
              {t("unitProfile.edit.button")}
            </Button>
          )
        }
      >
        <ProfileDescriptions
          profile={profile}
          contactMobileAction={
            editable && (
              <ContactMobileChangeAction
                busy={change.loading || (change.change !== undefined && !isClosedChange(change.change))}
                onClick={() => setChangingMobile(true)}
              />
            )
          }
        />
      </Card>
      {editable && (change.change || change.loadError) && (
        <ContactMobileChangeCard state={change} onNewChange={() => setChangingMobile(true)} />
      )}
      {children?.(profile, refresh)}
      <ProfileEditModal
        profile={profile}
        url={url}
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

/**
 * 单位基础信息管理: for a unit login (R6) its own profile and its first administrator; for administrators
 * and handlers the list of their unit and its subordinate units (each unit's page is UnitPage).
 */
export const UnitProfilePage = () => {
  const { data: me, isLoading } = useGetIdentity<Me>();
  if (isLoading) return <Skeleton active />;
  if (me?.kind === "UNIT" && me.unit) {
    return (
      <UnitProfileView unitId={me.unit.id}>
        {(profile, refresh) => (
          <>
            {!profile.administrator && <FirstAdminCard profile={profile} onDesignated={refresh} />}
            {/* R31: the push chain; R13: the request itself is made by the administrator or handlers. */}
            <SuperiorCard profile={profile} onChanged={refresh} />
          </>
        )}
      </UnitProfileView>
    );
  }
  return <UnitManagementList />;
};
