import { useCustomMutation } from "@refinedev/core";
import { useCallback, useState } from "react";
import type { ApiHttpError } from "../../api/http";
import type { RegistrationSubmission, SubmittedRegistration } from "../../api/types";
import { newUuid } from "../../utils/uuid";
import { toSubmission, type UnitRegistrationValues } from "./form-values";

export interface RegistrationSubmit {
  submit: (values: UnitRegistrationValues) => Promise<SubmittedRegistration>;
  submitting: boolean;
}

/**
 * `POST /api/registrations` with one submissionId per form: a retry after a lost answer or a 503
 * finds the request already made instead of creating a second one.
 */
export const useRegistrationSubmit = (): RegistrationSubmit => {
  const [submissionId] = useState(newUuid);
  const { mutateAsync, mutation } = useCustomMutation<
    SubmittedRegistration,
    ApiHttpError,
    RegistrationSubmission
  >();
  const submit = useCallback(
    async (values: UnitRegistrationValues) =>
      (
        await mutateAsync({
          url: "registrations",
          method: "post",
          values: toSubmission(submissionId, values),
          successNotification: false,
          errorNotification: false,
        })
      ).data,
    [mutateAsync, submissionId],
  );
  return { submit, submitting: mutation.isPending };
};
