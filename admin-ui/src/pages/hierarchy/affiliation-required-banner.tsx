import { SwapOutlined } from "@ant-design/icons";
import { useGetIdentity, useLink } from "@refinedev/core";
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { Me, UnitProfile } from "../../api/types";
import { unitPagePath } from "../../config/paths";
import { isDeciderOf } from "./use-hierarchy";

/** The search parameter that opens 主管部门更改 on a unit's page (the R14 banner's link). */
export const SUPERIOR_CHANGE_PARAM = "action";
export const SUPERIOR_CHANGE_VALUE = "superior-change";

/** A unit's page with 主管部门更改 open: where an affiliation request is made (R13). */
export const superiorChangePath = (unitId: string): string =>
  `${unitPagePath(unitId)}?${SUPERIOR_CHANGE_PARAM}=${SUPERIOR_CHANGE_VALUE}`;

/** R14: the unit must be affiliated with a superior unit and is not (yet). */
export const needsAffiliation = (profile: Pick<UnitProfile, "affiliationRequired" | "parentUnit">): boolean =>
  profile.affiliationRequired && !profile.parentUnit;

/**
 * R14: a unit registered in 2024 or later without a superior is told so, with the way to the page
 * where the request is made (R13) for its administrator and handlers; anyone else (the unit login,
 * a superior's staff) is told who makes it. While a request is open, it says whom it waits for.
 */
export const AffiliationRequiredBanner = ({ profile }: { profile: UnitProfile }) => {
  const { t } = useTranslation();
  const Link = useLink();
  const { data: me } = useGetIdentity<Me>();
  if (!needsAffiliation(profile)) return null;
  const open = profile.openAffiliationRequest;
  const decider = isDeciderOf(me, profile.id);
  const description = (() => {
    if (open) {
      return t("hierarchy.banner.waiting", { superior: open.superiorUnit.name, number: open.requestNumber });
    }
    if (decider) return t("hierarchy.banner.decider");
    if (me?.kind === "UNIT") {
      return profile.administrator
        ? t("hierarchy.banner.unitLogin", { name: profile.administrator.name ?? "" })
        : t("hierarchy.banner.unitLoginNoAdmin");
    }
    return t("hierarchy.banner.others");
  })();
  return (
    <Alert
      type={open ? "info" : "warning"}
      showIcon
      message={t("unitProfile.affiliationRequired.title")}
      description={description}
      action={
        decider &&
        !open && (
          <Link to={superiorChangePath(profile.id)} data-testid="affiliation-required-start">
            <Button type="primary" size="small" icon={<SwapOutlined />}>
              {t("hierarchy.banner.start")}
            </Button>
          </Link>
        )
      }
      data-testid="affiliation-required"
    />
  );
};
