import { ApartmentOutlined, HistoryOutlined, SwapOutlined } from "@ant-design/icons";
import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Button, Card, Descriptions, Flex, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AffiliationRequest, Me, UnitProfile } from "../../api/types";
import { WhyNotTooltip, withRemedy } from "../../components/why-not";
import { unitPagePath } from "../../config/paths";
import { useWhyNot } from "../../hooks/use-why-not";
import { formatDateTime } from "../../utils/format";
import { AffiliationRequestDrawer } from "./affiliation-request-drawer";
import { AffiliationStatusTag } from "./affiliation-status-tag";
import { OutgoingAffiliationRequestsDrawer } from "./outgoing-affiliation-requests";
import { PushChainSteps } from "./push-chain";
import { SuperiorChangeModal } from "./superior-change-modal";
import { isDeciderOf, viewableChainUnits } from "./use-hierarchy";
import { WithdrawAffiliationButton } from "./withdraw-affiliation-button";

/** The unit's own request waiting for the superior: number, whom it asks, until when, 撤回. */
const OpenRequest = ({
  request,
  onShowHistory,
  onChanged,
}: {
  request: AffiliationRequest;
  onShowHistory: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="affiliation-open-request"
      message={t("hierarchy.superior.openRequest", { superior: request.superiorUnit.name })}
      description={
        <Flex vertical gap="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: "requestNumber",
                label: t("hierarchy.affiliation.fields.requestNumber"),
                children: <span data-testid="affiliation-open-number">{request.requestNumber}</span>,
              },
              {
                key: "status",
                label: t("hierarchy.affiliation.fields.status"),
                children: <AffiliationStatusTag status={request.status} />,
              },
              {
                key: "submittedAt",
                label: t("hierarchy.affiliation.fields.submittedAt"),
                children: formatDateTime(request.submittedAt),
              },
              {
                key: "expiresAt",
                label: t("hierarchy.affiliation.fields.expiresAt"),
                children: request.expiresAt ? (
                  <span data-testid="affiliation-open-expires">{formatDateTime(request.expiresAt)}</span>
                ) : (
                  "-"
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">
            {t("hierarchy.affiliation.pendingNote", {
              superior: request.superiorUnit.name,
              current: request.previousSuperiorUnit?.name ?? t("unitProfile.noParent"),
            })}
          </Typography.Text>
          <Space wrap>
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={onShowHistory}
              data-testid="affiliation-open-history"
            >
              {t("hierarchy.affiliation.history")}
            </Button>
            {request.canWithdraw && (
              <WithdrawAffiliationButton request={request} size="small" onDone={onChanged} />
            )}
          </Space>
        </Flex>
      }
    />
  );
};

interface SuperiorCardProps {
  profile: UnitProfile;
  /** Called after a request was made or withdrawn: the page reads the unit again. */
  onChanged: () => void;
  /** Open 主管部门更改 at once (the R14 banner's link). */
  changeRequested?: boolean;
  onChangeClosed?: () => void;
}

/**
 * 主管部门（上级推送节点）(R13, R31): the unit's superior and push chain, its open affiliation request,
 * and 主管部门更改 for the unit's administrator and handlers in a real-person session; anyone else is
 * told why not. The unit login (R6) sees the same facts without the actions.
 */
export const SuperiorCard = ({
  profile,
  onChanged,
  changeRequested = false,
  onChangeClosed,
}: SuperiorCardProps) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  const [changing, setChanging] = useState(false);
  const [historyOf, setHistoryOf] = useState<string>();
  const [showingRequests, setShowingRequests] = useState(false);
  const chain = profile.pushChain;
  const open = profile.openAffiliationRequest;
  const isPerson = me?.kind === "PERSON";
  const decider = isDeciderOf(me, profile.id);
  const { whyNot } = useWhyNot(isPerson && !decider ? ["FORBIDDEN_UNIT_SCOPE"] : [], profile.id);
  const superiorViewable = profile.parentUnit
    ? viewableChainUnits(me, chain).has(profile.parentUnit.id)
    : false;

  // Why 主管部门更改 is not available to this person now; undefined: it is.
  const reason = !decider
    ? withRemedy(t("hierarchy.superior.onlyDeciders"), whyNot("FORBIDDEN_UNIT_SCOPE"))
    : open
      ? t("hierarchy.superior.openExists", { number: open.requestNumber })
      : undefined;
  const dialogOpen = (changing || changeRequested) && decider && !open;
  const closeDialog = () => {
    setChanging(false);
    onChangeClosed?.();
  };

  return (
    <Card
      id="superior"
      title={
        <Space>
          <ApartmentOutlined />
          {t("hierarchy.superior.title")}
        </Space>
      }
      extra={
        isPerson && (
          <Space wrap>
            {decider && (
              <Button
                icon={<HistoryOutlined />}
                onClick={() => setShowingRequests(true)}
                data-testid="affiliation-requests-open"
              >
                {t("hierarchy.superior.requests")}
              </Button>
            )}
            <WhyNotTooltip reason={reason}>
              <Button
                type="primary"
                icon={<SwapOutlined />}
                disabled={reason !== undefined}
                onClick={() => setChanging(true)}
                data-testid="superior-change"
              >
                {t("hierarchy.superior.change")}
              </Button>
            </WhyNotTooltip>
          </Space>
        )
      }
      data-testid="superior-card"
    >
      <Flex vertical gap="middle">
        <Space wrap>
          <Typography.Text strong>{t("hierarchy.superior.current")}</Typography.Text>
          {profile.parentUnit ? (
            superiorViewable ? (
              <Link to={unitPagePath(profile.parentUnit.id)} data-testid="superior-current">
                {profile.parentUnit.name}
              </Link>
            ) : (
              <span data-testid="superior-current">{profile.parentUnit.name}</span>
            )
          ) : (
            <Tag color="warning" data-testid="superior-current">
              {t("unitProfile.noParent")}
            </Tag>
          )}
        </Space>
        <PushChainSteps chain={chain} currentUnitId={profile.id} />
        {open && (
          <OpenRequest request={open} onShowHistory={() => setHistoryOf(open.id)} onChanged={onChanged} />
        )}
        {isPerson && !decider && (
          <Typography.Text type="secondary" data-testid="superior-why-not">
            {t("hierarchy.superior.onlyDeciders")}
          </Typography.Text>
        )}
        {!isPerson && (
          <Typography.Text type="secondary" data-testid="superior-unit-login">
            {profile.administrator
              ? t("hierarchy.superior.unitLogin", { name: profile.administrator.name ?? "" })
              : t("hierarchy.superior.unitLoginNoAdmin")}
          </Typography.Text>
        )}
      </Flex>
      {decider && (
        <SuperiorChangeModal
          open={dialogOpen}
          unit={{ id: profile.id, name: profile.name }}
          currentSuperior={profile.parentUnit}
          onClose={closeDialog}
          onSubmitted={() => {
            closeDialog();
            onChanged();
          }}
        />
      )}
      <AffiliationRequestDrawer
        requestId={historyOf}
        onClose={() => setHistoryOf(undefined)}
        onChanged={onChanged}
      />
      {decider && (
        <OutgoingAffiliationRequestsDrawer
          unitId={profile.id}
          open={showingRequests}
          onClose={() => setShowingRequests(false)}
          onChanged={onChanged}
        />
      )}
    </Card>
  );
};
