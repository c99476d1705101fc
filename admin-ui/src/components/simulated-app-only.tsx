import type { PropsWithChildren } from "react";
import { Navigate, useParams } from "react-router";
import { FACE_CHECK_PATH, LOGIN_PATH } from "../config/paths";
import { useEnvironment } from "../hooks/use-environment";
import { LoadingMask } from "./loading-mask";

/**
 * R28: the simulated mobile app exists only where it completes face checks (development with the
 * simulated adapter). Elsewhere its link leads to the check's own page, which sends the person to the
 * real vendor.
 */
export const SimulatedAppOnly = ({ children }: PropsWithChildren) => {
  const environment = useEnvironment();
  const { token } = useParams();
  if (!environment) return <LoadingMask />;
  if (environment.standIns.simulatedMobileApp) return children;
  return <Navigate to={token ? `${FACE_CHECK_PATH}/${token}` : LOGIN_PATH} replace />;
};
