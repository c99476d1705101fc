import { Authenticated } from "@refinedev/core";
import { CatchAllNavigate, NavigateToResource } from "@refinedev/react-router";
import { Spin } from "antd";
import { Outlet, Route, Routes } from "react-router";
import { ConsoleLayout } from "./components/layout/console-layout";
import { LOGIN_PATH, MOBILE_CHECK_PATH, REGISTER_PATHS } from "./config/paths";
import { resourceRoutes } from "./config/resources";
import { NotFoundPage } from "./pages/errors/not-found";
import { LoginPage } from "./pages/login/login-page";
import { MobileCheckPage } from "./pages/mobile/mobile-check-page";
import { RegisterPage } from "./pages/register/register-page";

const HOME_RESOURCE = "me";

export const AppRoutes = () => (
  <Routes>
    <Route
      element={
        <Authenticated
          key="console"
          fallback={<CatchAllNavigate to={LOGIN_PATH} />}
          loading={<Spin fullscreen />}
        >
          <ConsoleLayout />
        </Authenticated>
      }
    >
      <Route index element={<NavigateToResource resource={HOME_RESOURCE} />} />
      {resourceRoutes.map(({ path, Page }) => (
        <Route key={path} path={path} element={<Page />} />
      ))}
      <Route path="*" element={<NotFoundPage />} />
    </Route>
    <Route
      element={
        <Authenticated key="public" fallback={<Outlet />} loading={<Spin fullscreen />}>
          <NavigateToResource resource={HOME_RESOURCE} />
        </Authenticated>
      }
    >
      <Route path={LOGIN_PATH} element={<LoginPage />} />
    </Route>
    <Route path={REGISTER_PATHS.unit} element={<RegisterPage kind="unit" />} />
    <Route path={REGISTER_PATHS.person} element={<RegisterPage kind="person" />} />
    {/* The simulated mobile app: opened on the phone by a QR code, signed in or not. */}
    <Route path={MOBILE_CHECK_PATH} element={<MobileCheckPage />} />
    <Route path={`${MOBILE_CHECK_PATH}/:token`} element={<MobileCheckPage />} />
  </Routes>
);
