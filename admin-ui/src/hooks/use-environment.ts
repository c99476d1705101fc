import { useQuery } from "@tanstack/react-query";
import type { PlatformEnvironment } from "../api/types";
import { getEnvironment } from "../providers/environment";

/** The installation's mode and development stand-ins (R28); undefined until known. */
export const useEnvironment = (): PlatformEnvironment | undefined =>
  useQuery({
    queryKey: ["environment"],
    queryFn: getEnvironment,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  }).data;
