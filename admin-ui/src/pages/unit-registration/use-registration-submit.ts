import { useCustomMutation } from "@refinedev/core";
import { useCallback, useRef, useState } from "react";
import { API_URL, type ApiHttpError, apiRequest, isApiHttpError } from "../../api/http";
import type { PreparedPassword, RegistrationSubmission, SubmittedRegistration } from "../../api/types";
import { newUuid } from "../../utils/uuid";
import { toSubmission, type UnitRegistrationValues } from "./form-values";

export interface RegistrationSubmit {
  /**
   * Has the API hash `password` now (when the applicant leaves the password step), so the submit
   * does not wait for the hash; errors show at the submit, which prepares the password again.
   */
  preparePassword: (password: string) => void;
  submit: (values: UnitRegistrationValues) => Promise<SubmittedRegistration>;
  submitting: boolean;
}

/**
 * `POST /api/registrations` with one submissionId per form: a retry after a lost answer or a 503
 * finds the request already made instead of creating a second one. The password goes ahead of it
 * (`POST /api/registrations/prepared-passwords`) and the registration names the prepared one.
 */
export const useRegistrationSubmit = (): RegistrationSubmit => {
  const [submissionId] = useState(newUuid);
  const [preparing, setPreparing] = useState(false);
  const prepared = useRef<{ password: string; id: Promise<string> }>(undefined);
  const { mutateAsync, mutation } = useCustomMutation<
    SubmittedRegistration,
    ApiHttpError,
    RegistrationSubmission
  >();

  /** The prepared password's id, asked for unless this password's is on its way or here. */
  const preparedId = useCallback((password: string): Promise<string> => {
    if (prepared.current?.password === password) return prepared.current.id;
    const id = apiRequest<{ data: PreparedPassword }>("POST", `${API_URL}/registrations/prepared-passwords`, {
      body: { password },
    }).then(({ data }) => data.id);
    const entry = { password, id };
    // A failed one is asked for again at the next try.
    id.catch(() => {
      if (prepared.current === entry) prepared.current = undefined;
    });
    prepared.current = entry;
    return id;
  }, []);

  const preparePassword = useCallback(
    (password: string) => void preparedId(password).catch(() => undefined),
    [preparedId],
  );

  const submit = useCallback(
    async (values: UnitRegistrationValues) => {
      const send = async () => {
        setPreparing(true);
        const id = await preparedId(values.password).finally(() => setPreparing(false));
        const answer = await mutateAsync({
          url: "registrations",
          method: "post",
          values: toSubmission(submissionId, values, id),
          successNotification: false,
          errorNotification: false,
        });
        return answer.data;
      };
      try {
        return await send();
      } catch (error) {
        // The form stayed open past the prepared password's hour (or it was used): prepare it again, once.
        if (!isApiHttpError(error) || error.code !== "PREPARED_PASSWORD_NOT_FOUND") throw error;
        prepared.current = undefined;
        return send();
      }
    },
    [mutateAsync, preparedId, submissionId],
  );
  return { preparePassword, submit, submitting: preparing || mutation.isPending };
};
