import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Empty, Flex, Steps, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Me, PushChainNode } from "../../api/types";
import { unitPagePath } from "../../config/paths";
import { viewableChainUnits } from "./use-hierarchy";

interface PushChainStepsProps {
  chain: PushChainNode[];
  /** Where the chain is shown from: that unit is marked 本单位. */
  currentUnitId: string;
}

/** Why the chain as the unit's superiors stops short, and where title applications go meanwhile (R14, R31). */
const incompleteMessage = (explicit: PushChainNode[], implicit: PushChainNode | undefined, t: TFunction) => {
  const top = explicit.at(-1);
  if (implicit) {
    return explicit.length === 1
      ? t("hierarchy.pushChain.noSuperiorImplicit", { hr: implicit.name })
      : t("hierarchy.pushChain.notToHrImplicit", { unit: top?.name ?? "", hr: implicit.name });
  }
  return explicit.length === 1
    ? t("hierarchy.pushChain.noSuperior")
    : t("hierarchy.pushChain.notToHr", { unit: top?.name ?? "" });
};

/**
 * 上级推送节点 (R31): the unit, then each superior up to the top, as the path a title application
 * travels; a node links to its unit page when the viewer may open it. A top that is not an HR
 * department is followed by the HR department of its region (marked 由所在地区人社部门接收), which
 * receives the applications until the top affiliates; the note below says so.
 */
export const PushChainSteps = ({ chain, currentUnitId }: PushChainStepsProps) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  if (chain.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("hierarchy.pushChain.empty")} />;
  }
  const viewable = viewableChainUnits(me, chain);
  const explicit = chain.filter((node) => !node.implicit);
  const implicit = chain.find((node) => node.implicit);
  const reachesHrDepartment = explicit.at(-1)?.type === "HR_DEPARTMENT";
  return (
    <Flex vertical gap="small" data-testid="push-chain">
      <Steps
        size="small"
        // The implicit node is where applications go, not a superior: shown as still to come.
        current={explicit.length - 1}
        status="finish"
        items={chain.map((node, index) => ({
          title:
            viewable.has(node.id) && node.id !== currentUnitId ? (
              <Link to={unitPagePath(node.id)} data-testid={`push-chain-link-${node.id}`}>
                {node.name}
              </Link>
            ) : (
              <span data-testid={`push-chain-node-${node.id}`}>{node.name}</span>
            ),
          description: (
            <Flex gap={4} wrap>
              <Tag bordered={false}>{t(`unitTypes.${node.type}`)}</Tag>
              {node.id === currentUnitId && <Tag color="blue">{t("unitManagement.ownUnit")}</Tag>}
              {index === explicit.length - 1 && explicit.length > 1 && (
                <Tag color="gold">{t("hierarchy.pushChain.top")}</Tag>
              )}
              {node.implicit && (
                <Tag color="purple" data-testid="push-chain-implicit">
                  {t("hierarchy.pushChain.implicit")}
                </Tag>
              )}
            </Flex>
          ),
        }))}
      />
      {!reachesHrDepartment && (
        <Alert
          type="warning"
          showIcon
          message={incompleteMessage(explicit, implicit, t)}
          data-testid="push-chain-incomplete"
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("hierarchy.pushChain.hint")}
      </Typography.Text>
    </Flex>
  );
};
