import { Authenticated } from "@refinedev/core";
import { CatchAllNavigate } from "@refinedev/react-router";
import { Outlet, Route, Routes } from "react-router";
import { HomeRedirect } from "./components/home-redirect";
import { ConsoleLayout } from "./components/layout/console-layout";
import { LoadingMask } from "./components/loading-mask";
import { SimulatedAppOnly } from "./components/simulated-app-only";
import {
  FACE_CHECK_PATH,
  LEGACY_ME_PATH,
  LOGIN_PATH,
  MOBILE_CHECK_PATH,
  REGISTER_PATHS,
  REGISTRATION_STATUS_PATH,
  UNIT_ACCOUNT_RECOVERY_PATH,
  UNIT_PASSWORD_RESET_PATH,
} from "./config/paths";
import { resourceRoutes } from "./config/resources";
import { NotFoundPage } from "./pages/errors/not-found";
import { FaceCheckPage } from "./pages/face-check/face-check-page";
import { LoginPage } from "./pages/login/login-page";
import { MobileCheckPage } from "./pages/mobile/mobile-check-page";
import { PersonRegistrationPage } from "./pages/person-registration/person-registration-page";
import { RegistrationStatusPage } from "./pages/registration-status/registration-status-page";
import { UnitAccountRecoveryPage } from "./pages/unit-account/account-recovery-page";
import { UnitPasswordResetPage } from "./pages/unit-account/password-reset-page";
import { UnitRegistrationPage } from "./pages/unit-registration/unit-registration-page";

export const AppRoutes = () => (
  <Routes>
    <Route
      element={
        <Authenticated
          key="console"
          fallback={<CatchAllNavigate to={LOGIN_PATH} />}
          loading={<LoadingMask />}
        >
          <ConsoleLayout />
        </Authenticated>
      }
    >
      <Route index element={<HomeRedirect />} />
      {resourceRoutes.map(({ path, Page }) => (
        <Route key={path} path={path} element={<Page />} />
      ))}
      {/* 我的账号 became 用户中心 → 个人资料; old links and bookmarks lead to the account's home. */}
      <Route path={LEGACY_ME_PATH} element={<HomeRedirect />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
    <Route
      element={
        <Authenticated key="public" fallback={<Outlet />} loading={<LoadingMask />}>
          <HomeRedirect />
        </Authenticated>
      }
    >
      <Route path={LOGIN_PATH} element={<LoginPage />} />
    </Route>
    {/* Public pages that work signed in or not: registration and its status, unit account recovery. */}
    <Route path={REGISTER_PATHS.unit} element={<UnitRegistrationPage />} />
    <Route path={REGISTER_PATHS.person} element={<PersonRegistrationPage />} />
    <Route path={REGISTRATION_STATUS_PATH} element={<RegistrationStatusPage />} />
    <Route path={UNIT_ACCOUNT_RECOVERY_PATH} element={<UnitAccountRecoveryPage />} />
    <Route path={UNIT_PASSWORD_RESET_PATH} element={<UnitPasswordResetPage />} />
    {/* The simulated mobile app: opened on the phone by a QR code, signed in or not. */}
    <Route
      path={MOBILE_CHECK_PATH}
      element={
        <SimulatedAppOnly>
          <MobileCheckPage />
        </SimulatedAppOnly>
      }
    />
    <Route
      path={`${MOBILE_CHECK_PATH}/:token`}
      element={
        <SimulatedAppOnly>
          <MobileCheckPage />
        </SimulatedAppOnly>
      }
    />
    {/* What the legal representative's SMS link opens on a computer: the QR code to scan. */}
    <Route path={`${FACE_CHECK_PATH}/:token`} element={<FaceCheckPage />} />
  </Routes>
);
