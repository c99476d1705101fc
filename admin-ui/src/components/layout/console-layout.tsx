import { ThemedLayout } from "@refinedev/antd";
import { CanAccess } from "@refinedev/core";
import { Outlet, useLocation } from "react-router";
import { ForbiddenPage } from "../../pages/errors/forbidden";
import { ErrorBoundary } from "../error-boundary";
import { ConsoleSider } from "./console-sider";
import { ConsoleHeader } from "./header";
import { PlatformFooter } from "./platform-name";

/** The signed-in console: menu, header, and the current page guarded by the access-control provider. */
export const ConsoleLayout = () => {
  const { pathname } = useLocation();
  return (
    <ThemedLayout Header={ConsoleHeader} Sider={ConsoleSider} Footer={PlatformFooter}>
      <ErrorBoundary key={pathname}>
        <CanAccess fallback={<ForbiddenPage />}>
          <Outlet />
        </CanAccess>
      </ErrorBoundary>
    </ThemedLayout>
  );
};
