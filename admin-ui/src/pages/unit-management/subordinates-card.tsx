import { ClusterOutlined } from "@ant-design/icons";
import { Card, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me, UnitDetail } from "../../api/types";
import { isPlatformStaff } from "../../providers/roles";
import { SubordinateCreation } from "../hierarchy/subordinate-creation";
import { UnitTree } from "../hierarchy/unit-tree";
import { holdsRoleOnChain, isDeciderOf } from "../hierarchy/use-hierarchy";

/**
 * 下级单位 on a unit's page: the units below it (lazily loaded, searchable, with their counts), and
 * 新增下级单位 (R11) for its administrator and handlers. Shown to those who may read the tree: the
 * staff of the unit or of a superior on its chain, and platform staff.
 */
export const SubordinatesCard = ({ detail, me }: { detail: UnitDetail; me: Me | undefined }) => {
  const { t } = useTranslation();
  // A unit created here shows at once: the tree starts again.
  const [version, setVersion] = useState(0);
  const chain = detail.pushChain;
  if (!(holdsRoleOnChain(me, chain) || (me && isPlatformStaff(me)))) return null;
  return (
    <Card
      id="subordinates"
      title={
        <Space>
          <ClusterOutlined />
          {t("hierarchy.tree.title")}
        </Space>
      }
      data-testid="subordinates-card"
    >
      <UnitTree
        key={version}
        root={detail}
        canDesignate={holdsRoleOnChain(me, chain, ["UNIT_ADMIN"])}
        extra={
          isDeciderOf(me, detail.id) && (
            <SubordinateCreation unit={detail} onCreated={() => setVersion((value) => value + 1)} />
          )
        }
      />
    </Card>
  );
};
