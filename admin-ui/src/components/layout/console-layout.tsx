import { ThemedLayout } from "@refinedev/antd";
import { CanAccess } from "@refinedev/core";
import { Grid } from "antd";
import { Outlet, useLocation } from "react-router";
import { ForbiddenPage } from "../../pages/errors/forbidden";
import { ErrorBoundary } from "../error-boundary";
import { ConsoleSider } from "./console-sider";
import { ConsoleHeader } from "./header";
import { PlatformFooter } from "./platform-name";

/** Height of ThemedSider's drawer button (a large antd Button) plus a little air. */
const MENU_BUTTON_SIZE = 44;

/** The signed-in console: menu, header, and the current page guarded by the access-control provider. */
export const ConsoleLayout = () => {
  const { pathname } = useLocation();
  const breakpoint = Grid.useBreakpoint();
  // Below lg, ThemedSider's menu is a drawer opened by a 40×40 button fixed at the content's top-left
  // corner (top 64, left 0), which covered the start of each page's breadcrumb on a phone: the page
  // starts below it (the layout pads the content 12 px on phones, 24 px from sm).
  const clearOfMenuButton =
    breakpoint.lg === false ? { paddingTop: MENU_BUTTON_SIZE - (breakpoint.sm ? 24 : 12) } : undefined;
  return (
    <ThemedLayout Header={ConsoleHeader} Sider={ConsoleSider} Footer={PlatformFooter}>
      <div style={clearOfMenuButton}>
        <ErrorBoundary key={pathname}>
          <CanAccess fallback={<ForbiddenPage />}>
            <Outlet />
          </CanAccess>
        </ErrorBoundary>
      </div>
    </ThemedLayout>
  );
};
