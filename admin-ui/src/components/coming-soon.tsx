import { ToolOutlined } from "@ant-design/icons";
import { useResourceParams } from "@refinedev/core";
import { Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface ComingSoonProps {
  /** Defaults to the current resource's menu label. */
  title?: string;
  extra?: ReactNode;
}

/** Stands in for a capability that is not built yet, so the menu never leads to a page that pretends to work. */
export const ComingSoon = ({ title, extra }: ComingSoonProps) => {
  const { t } = useTranslation();
  const { resource } = useResourceParams();
  return (
    <Result
      icon={<ToolOutlined />}
      title={title ?? resource?.meta?.label}
      subTitle={t("comingSoon.description")}
      extra={extra}
    />
  );
};
