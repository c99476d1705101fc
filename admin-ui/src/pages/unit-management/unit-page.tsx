import { ArrowLeftOutlined } from "@ant-design/icons";
import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Button, Flex, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Me, UnitDetail } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { UNIT_PROFILE_PATH } from "../../config/paths";
import { UnitProfileView } from "../unit-profile/show";
import { unitDetailUrl } from "../unit-profile/use-unit-profile";
import { RenameCard } from "./rename-card";
import { SuccessionCard } from "./succession-card";

/**
 * 单位基础信息管理 → 修改: one unit's page for its administrator (facts, contact mobile, rename R20,
 * admin succession R8) and for a superior's or the region's HR-department administrator (succession).
 * R12: real-person sessions only.
 */
export const UnitPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { id = "" } = useParams<{ id: string }>();
  const { data: me, isLoading } = useGetIdentity<Me>();

  const body = (() => {
    if (isLoading || !me) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (me.strength !== "REAL_PERSON") return <RealPersonRequired />;
    return (
      <UnitProfileView<UnitDetail>
        key={id}
        unitId={id}
        url={unitDetailUrl(id)}
        canEdit={(detail) => detail.permissions.editFacts}
      >
        {(detail, refresh) => (
          <>
            {!detail.permissions.editFacts && (
              <Alert type="info" showIcon message={t("unitManagement.page.readOnly")} />
            )}
            <RenameCard detail={detail} onRenamed={refresh} />
            <SuccessionCard detail={detail} onChanged={refresh} />
          </>
        )}
      </UnitProfileView>
    );
  })();

  return (
    <Flex vertical gap="middle">
      <Flex align="center" gap="small">
        <Link to={UNIT_PROFILE_PATH}>
          <Button type="text" icon={<ArrowLeftOutlined />} data-testid="unit-page-back">
            {t("unitManagement.back")}
          </Button>
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("resources.unitProfile")}
        </Typography.Title>
      </Flex>
      {body}
    </Flex>
  );
};
