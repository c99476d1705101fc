import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Empty, Flex, Steps, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Me, PushChainNode } from "../../api/types";
import { unitPagePath } from "../../config/paths";
import { viewableChainUnits } from "./use-hierarchy";

interface PushChainStepsProps {
  chain: PushChainNode[];
  /** Where the chain is shown from: that unit is marked 本单位. */
  currentUnitId: string;
}

/**
 * 上级推送节点 (R31): the unit, then each superior up to the top, as the path a title application
 * travels; a node links to its unit page when the viewer may open it.
 */
export const PushChainSteps = ({ chain, currentUnitId }: PushChainStepsProps) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  if (chain.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("hierarchy.pushChain.empty")} />;
  }
  const viewable = viewableChainUnits(me, chain);
  const top = chain.at(-1);
  const reachesHrDepartment = top?.type === "HR_DEPARTMENT";
  return (
    <Flex vertical gap="small" data-testid="push-chain">
      <Steps
        size="small"
        current={chain.length - 1}
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
              {index === chain.length - 1 && chain.length > 1 && (
                <Tag color="gold">{t("hierarchy.pushChain.top")}</Tag>
              )}
            </Flex>
          ),
        }))}
      />
      {!reachesHrDepartment && (
        <Alert
          type="warning"
          showIcon
          message={
            chain.length === 1
              ? t("hierarchy.pushChain.noSuperior")
              : t("hierarchy.pushChain.notToHr", { unit: top?.name ?? "" })
          }
          data-testid="push-chain-incomplete"
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("hierarchy.pushChain.hint")}
      </Typography.Text>
    </Flex>
  );
};
