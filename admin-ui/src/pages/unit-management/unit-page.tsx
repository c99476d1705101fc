import { ArrowLeftOutlined, InboxOutlined } from "@ant-design/icons";
import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Button, Card, Flex, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import type { Me, UnitDetail } from "../../api/types";
import { RealPersonRequired } from "../../components/real-person-required";
import { UNIT_PROFILE_PATH } from "../../config/paths";
import { SUPERIOR_CHANGE_PARAM, SUPERIOR_CHANGE_VALUE } from "../hierarchy/affiliation-required-banner";
import { IncomingAffiliationRequests } from "../hierarchy/incoming-affiliation-requests";
import { SuperiorCard } from "../hierarchy/superior-card";
import { isDeciderOf } from "../hierarchy/use-hierarchy";
import { UnitProfileView } from "../unit-profile/show";
import { unitDetailUrl } from "../unit-profile/use-unit-profile";
import { RenameCard } from "./rename-card";
import { SubordinatesCard } from "./subordinates-card";
import { SuccessionCard } from "./succession-card";
import { useScrollToHash } from "./use-scroll-to-hash";

/**
 * 单位基础信息管理 → 修改: one unit's page for its administrator (facts, contact mobile, rename R20,
 * admin succession R8) and for a superior's or the region's HR-department administrator (succession).
 * The hierarchy: 主管部门（上级推送节点）with 主管部门更改 (R13, R31), the affiliation requests naming the
 * unit as superior (for its administrator and handlers), and the units below it (新增下级单位, R11).
 * R12: real-person sessions only.
 */
export const UnitPage = () => {
  const { t } = useTranslation();
  const Link = useLink();
  const { id = "" } = useParams<{ id: string }>();
  const { data: me, isLoading } = useGetIdentity<Me>();
  // The R14 banner links here with 主管部门更改 open.
  const [searchParams, setSearchParams] = useSearchParams();
  const changeRequested = searchParams.get(SUPERIOR_CHANGE_PARAM) === SUPERIOR_CHANGE_VALUE;
  const closeChange = () =>
    setSearchParams(
      (params) => {
        params.delete(SUPERIOR_CHANGE_PARAM);
        return params;
      },
      { replace: true },
    );
  useScrollToHash(!isLoading);

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
            <SuperiorCard
              profile={detail}
              onChanged={refresh}
              changeRequested={changeRequested}
              onChangeClosed={closeChange}
            />
            {isDeciderOf(me, detail.id) && (
              <Card
                title={
                  <Space>
                    <InboxOutlined />
                    {t("hierarchy.incoming.title")}
                  </Space>
                }
                data-testid="affiliation-incoming-card"
              >
                <IncomingAffiliationRequests unit={detail} onDecided={refresh} />
              </Card>
            )}
            <RenameCard detail={detail} onRenamed={refresh} />
            <SuccessionCard detail={detail} onChanged={refresh} />
            <SubordinatesCard detail={detail} me={me} />
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
