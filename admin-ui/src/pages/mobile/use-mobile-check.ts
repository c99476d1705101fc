import { useCustom, useCustomMutation } from "@refinedev/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiHttpError } from "../../api/http";
import type { MobileCheck } from "../../api/types";

/** Body of `POST .../scan` (empty) and `POST .../face`. */
type CheckReport = { passed?: boolean };

export interface MobileCheckState {
  check?: MobileCheck;
  loading: boolean;
  error: ApiHttpError | null;
  /** The face-check verdict being sent, if any. */
  sendingVerdict?: boolean;
  sendVerdict: (passed: boolean) => void;
  retry: () => void;
}

/** What the mobile app does with a scanned check: read it, report the scan once, then report the face check. */
export const useMobileCheck = (token: string): MobileCheckState => {
  const url = `mobile/checks/${encodeURIComponent(token)}`;
  // The answers to scan and face supersede the first read.
  const [latest, setLatest] = useState<MobileCheck>();
  const scanReported = useRef(false);

  const { query } = useCustom<MobileCheck, ApiHttpError>({
    url,
    method: "get",
    queryOptions: { refetchOnWindowFocus: false },
    errorNotification: false,
  });
  const { mutate, mutation } = useCustomMutation<MobileCheck, ApiHttpError, CheckReport>();
  const report = useCallback(
    (action: "scan" | "face", values: CheckReport) =>
      mutate(
        { url: `${url}/${action}`, method: "post", values, errorNotification: false },
        { onSuccess: ({ data }) => setLatest(data) },
      ),
    [mutate, url],
  );

  const firstRead = query.data?.data;
  useEffect(() => {
    if (firstRead?.status === "PENDING" && !scanReported.current) {
      scanReported.current = true;
      report("scan", {});
    }
  }, [firstRead?.status, report]);

  const { reset } = mutation;
  const { refetch } = query;
  const retry = useCallback(() => {
    reset();
    void refetch();
  }, [reset, refetch]);
  const sendVerdict = useCallback((passed: boolean) => report("face", { passed }), [report]);

  return {
    check: latest ?? firstRead,
    loading: query.isLoading,
    error: mutation.error ?? query.error,
    sendingVerdict: mutation.isPending ? mutation.variables?.values.passed : undefined,
    sendVerdict,
    retry,
  };
};
