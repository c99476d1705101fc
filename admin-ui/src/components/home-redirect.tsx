import { useGetIdentity } from "@refinedev/core";
import { Navigate } from "react-router";
import type { Me } from "../api/types";
import { homePath } from "../config/paths";
import { LoadingMask } from "./loading-mask";

/** `/` and the public pages of a signed-in account lead to its home: a unit login to its profile (R6). */
export const HomeRedirect = () => {
  const { data: me, isLoading } = useGetIdentity<Me>();
  if (isLoading) return <LoadingMask />;
  return <Navigate to={homePath(me)} replace />;
};
